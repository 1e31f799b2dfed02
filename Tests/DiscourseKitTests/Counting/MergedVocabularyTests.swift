import Foundation
import Testing
@testable import DiscourseKit

/// How the vocabularies of partial-count files are merged: the batches of one run share a
/// vocabulary that only grows (each part's forms are the first of the next's), so the longest
/// part's is taken as it is; shards tokenized apart are merged by text.
@Suite struct MergedVocabularyTests {
    let corpus = makeCorpus([("a", "Safe China. Build a safe China."), ("b", "The people and the nation."),
                             ("c", "Security of the people, and the security of China.")])

    /// Counts documents `ranges` into parts, tokenizing them with one session (the batches of
    /// one run) or a session each (shards counted apart), and opens the parts.
    private func parts(_ ranges: [Range<Int>], oneSession: Bool, folder: URL) throws -> [PartialCountsFile] {
        var configuration = TokenizerConfiguration()
        configuration.keepOffsets = false
        configuration.stopwords = ["the", "of"]
        let prepared = ShardCount.Prepared(corpus: CorpusOptions(path: "mem"), tokens: TokenOptions(), options: NgramOptions(),
                                           loaded: corpus, grouping: try Grouping(corpus, by: nil), configuration: configuration)
        let shared = try TokenPipeline.Session(configuration)
        var files: [PartialCountsFile] = []
        for (i, range) in ranges.enumerated() {
            let session = oneSession ? shared : try TokenPipeline.Session(configuration)
            let part = Corpus(documents: Array(corpus.documents[range]), fields: corpus.fields, reader: corpus.reader)
            let (documents, readings) = try session.tokenize(part, first: range.lowerBound, observer: SilentObserver())
            let tokens = TokenizedCorpus(documents: documents, vocabulary: session.vocabulary.unrankedSnapshot(), configuration: configuration)
            let path = folder.appendingPathComponent("\(i + 1).dcounts").path
            _ = try prepared.write(tokens, readings: readings, range: range, number: i + 1, of: ranges.count, to: path, observer: SilentObserver())
            files.append(try PartialCountsFile(path: path, keepListing: i == 0))
        }
        return files
    }

    @Test func batchesOfOneRunKeepTheirIdsAndShardsAreMergedByText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vocabulary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let batches = try parts([0..<1, 1..<2, 2..<3], oneSession: true, folder: folder.appendingPathComponent("b").creatingFolder())
        let (vocabulary, maps) = try #require(try MergedNgramSource.prefixVocabularies(batches))
        // Forms in the order the run first met them (nfkc_cf folds case); "the" and "of" are
        // stopwords, whichever batch met them.
        #expect(vocabulary.forms == ["safe", "china", "build", "a", "the", "people", "and", "nation", "security", "of"])
        #expect(zip(vocabulary.forms, vocabulary.isStopword).filter(\.1).map(\.0) == ["the", "of"])
        #expect(maps == [[0, 1, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]])
        // And the sums are those of the merge by text.
        let merged = try MergedNgramSource(parts: batches)
        #expect(merged.vocabulary.forms == vocabulary.forms)
        let table = merged.count(groups: 0..<1, splitting: false)[0].tables[0]
        var china: [UInt32] = [1]
        #expect(china.withUnsafeMutableBufferPointer { table.count(of: UnsafePointer($0.baseAddress!)) } == 3)

        // Shards tokenized apart: the second starts with "the", not "safe".
        let shards = try parts([0..<1, 1..<3], oneSession: false, folder: folder.appendingPathComponent("s").creatingFolder())
        #expect(try MergedNgramSource.prefixVocabularies(shards) == nil)
        let byText = try MergedNgramSource(parts: shards)
        #expect(byText.vocabulary.forms == vocabulary.forms)
    }
}

private extension URL {
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: self, withIntermediateDirectories: true)
        return self
    }
}
