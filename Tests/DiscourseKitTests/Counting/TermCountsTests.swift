import Foundation
import Testing
@testable import DiscourseKit

/// Term counts per group and per document (keyness, trends, compare), counted whole or a batch
/// of documents at a time, and the documents' lists held in memory or spilled to disk.
@Suite struct TermCountsTests {
    /// Five one-sentence documents in two groups (p: d0, d1, d3; q: d2, d4), grouped by `g`.
    let corpus = makeCorpus([("d0", "a b a"), ("d1", "b c"), ("d2", "a c c"), ("d3", "c a b"), ("d4", "b")],
                            metadata: ["d0": ["g": "p"], "d1": ["g": "p"], "d2": ["g": "q"], "d3": ["g": "p"], "d4": ["g": "q"]])

    /// Each group's terms as text → (count, documents).
    func table(_ counts: TermCounts) -> [[String: [Int]]] {
        counts.groupCounts.map { list in
            Dictionary(uniqueKeysWithValues: list.map { (counts.terms[Int($0.term)], [$0.count, $0.documents]) })
        }
    }

    /// Each document's list (in group order) as text → count.
    func documentTable(_ counts: TermCounts) -> [[String: Int]] {
        var result: [[String: Int]] = []
        counts.documents!.forEach { _, list in
            result.append(Dictionary(uniqueKeysWithValues: list.map { (counts.terms[DocumentTermLists.term($0)], DocumentTermLists.count($0)) }))
        }
        return result
    }

    /// The corpus's documents tokenized a batch at a time into one vocabulary and added to
    /// `builder`, as a study within a budget counts them.
    func countInBatches(_ builder: inout TermCounts.Builder, _ batches: [Range<Int>]) throws -> TermCounts {
        let session = try TokenPipeline.Session(TokenizerConfiguration())
        for batch in batches {
            let part = Corpus(documents: Array(corpus.documents[batch]), fields: corpus.fields)
            let (documents, _) = try session.tokenize(part, first: batch.lowerBound, observer: SilentObserver())
            try builder.add(TokenizedCorpus(documents: documents, vocabulary: session.vocabulary.unrankedSnapshot(),
                                            configuration: session.configuration), from: batch.lowerBound)
        }
        return builder.finish(vocabulary: session.vocabulary.snapshot())
    }

    /// Trends make each group's row from its list, and their statistics the same however few
    /// series are gathered at once.
    @Test func trendRowsAndStatisticsNeedNoMatrix() throws {
        var corpus = self.corpus
        let tokens = try TokenPipeline.run(&corpus, configuration: TokenizerConfiguration())
        let counts = TermCounts(tokens, grouping: try Grouping(corpus, by: "g"), sizes: [1])
        let whole = TrendResult(counts, terms: nil, minCount: 1)
        let sliced = TrendResult(counts, terms: nil, minCount: 1, cellsAtOnce: 2)
        #expect((0..<whole.termCount).map(whole.text) == ["a", "b", "c"])
        // p = "a b a" + "b c" + "c a b" (8 tokens); q = "a c c" + "b" (4).
        #expect(whole.row(group: 0).counts == [3, 3, 2] && whole.row(group: 0).documents == [2, 3, 2])
        #expect(whole.row(group: 1).counts == [1, 1, 2] && whole.row(group: 1).documents == [1, 1, 1])
        // a: 375000 then 250000 per million: S = −1, slope −125000.
        #expect(whole.statistics[0].mannKendall?.s == -1 && whole.statistics[0].senSlope == -125_000)
        for t in 0..<3 {
            #expect(sliced.statistics[t].mannKendall == whole.statistics[t].mannKendall)
            #expect(sliced.statistics[t].senSlope == whole.statistics[t].senSlope)
            #expect(sliced.statistics[t].dp == whole.statistics[t].dp)
            #expect(sliced.statistics[t].poisson?.slope == whole.statistics[t].poisson?.slope)
        }
        // A variant group "a = c" counts both, and the documents holding either.
        let variants = TrendResult(counts, terms: [["a", "c"]], minCount: 1)
        #expect(variants.row(group: 0).counts == [5] && variants.row(group: 0).documents == [3])
        #expect(variants.row(group: 1).counts == [3] && variants.row(group: 1).documents == [1])
    }

    @Test func countsPerGroupAndDocumentAreSummedByHand() throws {
        var corpus = self.corpus
        let tokens = try TokenPipeline.run(&corpus, configuration: TokenizerConfiguration())
        let counts = TermCounts(tokens, grouping: try Grouping(corpus, by: "g"), sizes: [2, 1])
        // p = "a b a" + "b c" + "c a b"; q = "a c c" + "b".
        #expect(table(counts) == [
            ["a": [3, 2], "b": [3, 3], "c": [2, 2], "a b": [2, 2], "b a": [1, 1], "b c": [1, 1], "c a": [1, 1]],
            ["a": [1, 1], "b": [1, 1], "c": [2, 1], "a c": [1, 1], "c c": [1, 1]],
        ])
        #expect(counts.groupTokens == [8, 4])
        #expect(counts.documentTokens == [3, 2, 3, 3, 1])  // group order: d0, d1, d3, d2, d4
        #expect(documentTable(counts)[2] == ["c": 1, "a": 1, "b": 1, "c a": 1, "a b": 1])
        #expect(counts.totals[counts.termIndex()["b"]!] == 4)
        // Without the documents' lists, the same group counts.
        let lean = TermCounts(tokens, grouping: try Grouping(corpus, by: "g"), sizes: [1, 2], keepDocuments: false)
        #expect(lean.documents == nil && table(lean) == table(counts))
    }

    /// Counts of only some terms (tracked trends) hold those terms, with the counts worked by
    /// hand above, in memory and in batches whose vocabulary meets a term's words late; they
    /// serve a request for fewer of the same terms, never one for every term.
    @Test func onlyTheTrackedTermsAreCounted() throws {
        var whole = corpus
        let tokens = try TokenPipeline.run(&whole, configuration: TokenizerConfiguration())
        let grouping = try Grouping(corpus, by: "g")
        // "c a" and "a c" are bigrams of the corpus; "z" and "a z" are not.
        let only: Set<String> = ["b", "c a", "a c", "z", "a z"]
        let counts = TermCounts(tokens, grouping: grouping, sizes: [1, 2], only: only)
        #expect(table(counts) == [["b": [3, 3], "c a": [1, 1]], ["b": [1, 1], "a c": [1, 1]]])
        #expect(counts.groupTokens == [8, 4] && counts.documentTokens == [3, 2, 3, 3, 1])
        #expect(documentTable(counts) == [["b": 1], ["b": 1], ["b": 1, "c a": 1], ["a c": 1], ["b": 1]])
        // In batches: the first is d0 alone ("a b a"), so "c", and with it "c a" and "a c", is
        // met only in the second (d1, d2).
        var builder = TermCounts.Builder(grouping: grouping, documentCount: 5, sizes: [1, 2], crossSentences: false,
                                         keepDocuments: true, only: only)
        let batched = try countInBatches(&builder, [0..<1, 1..<3, 3..<5])
        #expect(table(batched) == table(counts) && documentTable(batched) == documentTable(counts))
        // What serves what.
        let tracked = TermCounts.Request(sizes: [1, 2], documents: true, terms: only)
        #expect(tracked.serves(TermCounts.Request(sizes: [1], documents: false, terms: ["b"]), exactly: false))
        #expect(!tracked.serves(TermCounts.Request(sizes: [1, 2], documents: true), exactly: true))
        #expect(!tracked.serves(TermCounts.Request(sizes: [1, 2], documents: true, terms: ["q"]), exactly: true))
        #expect(TermCounts.Request(sizes: [1, 2], documents: true).serves(tracked, exactly: true))
    }

    @Test func batchesIntoOneVocabularyGiveTheWholeCounts() throws {
        var whole = corpus
        let tokens = try TokenPipeline.run(&whole, configuration: TokenizerConfiguration())
        let grouping = try Grouping(corpus, by: "g")
        let expected = TermCounts(tokens, grouping: grouping, sizes: [1, 2])

        let spill = try SpillFile(in: NSTemporaryDirectory(), prefix: "discourse-test")
        let path = spill.path
        let groupSpill = try SpillFile(in: NSTemporaryDirectory(), prefix: "discourse-test")
        var builder = TermCounts.Builder(grouping: grouping, documentCount: 5, sizes: [1, 2], crossSentences: false,
                                         keepDocuments: true, spill: spill, groupSpill: groupSpill)
        let batched = try countInBatches(&builder, [0..<2, 2..<3, 3..<5])
        #expect(table(batched) == table(expected))
        #expect(documentTable(batched) == documentTable(expected))
        #expect(batched.documentTokens == expected.documentTokens && batched.groupTokens == expected.groupTokens)
        #expect(FileManager.default.fileExists(atPath: path))
        // Both groups were complete by the last batch, so their lists were written (7 and 5
        // terms of 16 bytes) and are read back from there.
        #expect(batched.groupCounts.isWritten(0) && batched.groupCounts.isWritten(1))
        #expect(groupSpill.size == (7 + 5) * 16)
    }

    @Test func spilledListsAreReadBackInGroupOrder() throws {
        var path = ""
        do {
            let spill = try SpillFile(in: NSTemporaryDirectory(), prefix: "discourse-test")
            path = spill.path
            // Blocks of 4 pairs: positions 3 and 0 fill the first, which is spilled when position 1's
            // list does not fit; positions 1 and 2 stay in the second, in memory.
            var lists = DocumentTermLists(count: 4, spill: spill, blockSize: 4)
            try lists.append([1 << 32 | 5, 2 << 32 | 1, 7 << 32 | 2], position: 3)
            try lists.append([3 << 32 | 9], position: 0)
            try lists.append([4 << 32 | 1, 5 << 32 | 1, 6 << 32 | 1], position: 1)
            try lists.append([8 << 32 | 3], position: 2)
            #expect(spill.size == 4 * 8)
            var seen: [[Int]] = []
            lists.forEach { position, list in seen.append([position] + list.map { DocumentTermLists.term($0) * 10 + DocumentTermLists.count($0) }) }
            #expect(seen == [[0, 39], [1, 41, 51, 61], [2, 83], [3, 15, 21, 72]])
        }
        // The file goes with the last reference to it.
        #expect(!path.isEmpty && !FileManager.default.fileExists(atPath: path))
    }
}
