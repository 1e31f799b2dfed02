import Foundation
import Testing
@testable import DiscourseKit

/// `terms suggest` within a memory budget: the tokens written to disk once and read back a
/// chunk at a time, every length's table written to disk in buckets and summed a bucket at a
/// time, the kept runs on disk, the neighbour counts spilled as sorted runs (merged when there
/// are many), the candidates examined in partitions: the candidates of the in-memory run,
/// every column, in the same order.
struct RunCountsTests {
    static let reports = packageRoot.appendingPathComponent("Corpora/cn-gov-work-reports/texts")

    /// Four government work reports (Chinese) and English documents in which "health care",
    /// "tax cuts" and "the 1990 budget" recur, in three groups.
    static func corpus() throws -> Corpus {
        var texts: [(String, String)] = []
        var metadata: [String: [String: String]] = [:]
        for (i, file) in ["gwr-1960-zh.txt", "gwr-1975-zh.txt", "gwr-1980-zh.txt", "gwr-1985-zh.txt"].enumerated() {
            texts.append((file, try String(contentsOf: reports.appendingPathComponent(file), encoding: .utf8)))
            metadata[file] = ["g": ["a", "b", "c"][i % 3]]
        }
        let phrases = ["health care", "tax cuts", "the 1990 budget", "health care costs", "Health-care reform"]
        for d in 0..<30 {
            let text = (0..<6).map { phrases[($0 * 2 + d) % phrases.count] + ["", " and", " of"][($0 + d) % 3] }
                .joined(separator: " ") + ". " + phrases[d % phrases.count] + "; \(phrases[(d + 1) % phrases.count])."
            texts.append(("e\(d)", text))
            metadata["e\(d)"] = ["g": ["a", "b", "c"][d % 3]]
        }
        return makeCorpus(texts, metadata: metadata)
    }

    func lines(_ result: TermSuggestionResult) throws -> [String] {
        try result.candidates.all().map {
            [$0.text, $0.tokens, "\($0.length)", "\($0.count)", "\($0.documents)", "\($0.groupsPresent)", $0.firstGroup,
             $0.lastGroup, "\($0.cohesion.bitPattern)", "\($0.leftEntropy.bitPattern)", "\($0.rightEntropy.bitPattern)",
             "\($0.cValue.bitPattern)", "\($0.score.bitPattern)"].joined(separator: "|")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: reports.path), "needs Corpora/cn-gov-work-reports"))
    func spilledTablesAndNeighboursGiveTheInMemoryCandidates() throws {
        let corpus = try Self.corpus()
        var configuration = TokenizerConfiguration()
        configuration.keepOffsets = true
        configuration.stopwords = ["the", "and", "of", "的", "和", "在", "是", "了"]
        var options = TermSuggestionOptions()
        options.minCount = 3
        let grouping = try Grouping(corpus, by: "g")
        var whole = corpus
        let tokens = try TokenPipeline.run(&whole, configuration: configuration)
        let expected = try TermSuggestion(options: options).run(AnalysisInput(corpus: whole, tokens: tokens, grouping: grouping))

        // The first pass of a run counted in batches: a session whose vocabulary holds every form.
        let session = try TokenPipeline.Session(configuration)
        var read = corpus
        read.record(try session.tokenize(corpus, observer: SilentObserver()).1)
        let folder = NSTemporaryDirectory() + "discourse-runs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A table may hold nothing: every chunk's table goes to disk, is summed a bucket at a
        // time, and every document's neighbour counts are a run.
        let texts = TextSource(corpus: read, session: session, vocabulary: session.vocabulary.snapshot(), chunkBytes: 1,
                               pairBytes: 1, tmp: folder)
        let documents = grouping.groups.flatMap(\.documents)
        let runTexts = RunTexts(texts, documents: documents)
        #expect(runTexts.chunks.count == documents.count)
        let want = try lines(expected)
        #expect(want.count > 100)
        #expect(expected.partitions == 1)
        do {
            let spilled = try TermSuggestion(options: options).run(runTexts, vocabulary: texts.vocabulary, grouping: grouping)
            #expect(try lines(spilled) == want)
            #expect(spilled.partitions == 1)
            // Candidates examined in partitions (a pass over the tokens each), merged from their files.
            let share = want.count * RunCandidates.bytesPerCandidate / 4
            let parted = RunTexts(chunks: runTexts.chunks, read: runTexts.read, vocabularySize: runTexts.vocabularySize,
                                  spillBytes: 1, tmp: folder, candidateBytes: share)
            let partitioned = try TermSuggestion(options: options).run(parted, vocabulary: texts.vocabulary, grouping: grouping)
            #expect(partitioned.partitions >= 4 && partitioned.partitions <= 20, "\(partitioned.partitions)")
            #expect(try lines(partitioned) == want)
            #expect(try TermCandidateTables.suggestedTerms(partitioned).bytes == TermCandidateTables.suggestedTerms(expected).bytes)
            // Each partition's sorted candidates stay on disk while the result is read.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1 + partitioned.partitions)
        }
        // English terms as first written, and no edge a stopword or number.
        let candidates = Set(try expected.candidates.all().map(\.text))
        #expect(candidates.contains("health care") && candidates.contains("health care costs") && candidates.contains("tax cuts"))
        #expect(!candidates.contains { $0.hasSuffix(" 1990") || $0.hasPrefix("1990") || $0.hasPrefix("the ") })
        #expect(candidates.contains("社会主义现代化") && candidates.contains("十一届三中全会"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
