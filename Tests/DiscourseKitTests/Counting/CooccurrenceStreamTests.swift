import Foundation
import Testing
@testable import DiscourseKit

/// Co-occurrence counted from the texts a chunk at a time, the pair tables spilled to sorted
/// runs on disk (and the runs merged when there are many): the rows of the in-memory counter,
/// every scope, with `--min-freq`, `--top` and nodes.
struct CooccurrenceStreamTests {
    /// Sixty short documents in three groups, every word in several of them.
    let corpus: Corpus = {
        let words = ["state", "union", "people", "war", "peace", "law", "trade", "labor", "money", "land"]
        var texts: [(String, String)] = []
        var metadata: [String: [String: String]] = [:]
        for d in 0..<60 {
            let sentence = (0..<7).map { words[($0 * 3 + d * 7 + $0 * d) % words.count] }.joined(separator: " ")
            let other = (0..<5).map { words[($0 + d) % words.count] }.joined(separator: " ")
            texts.append(("d\(d)", "\(sentence). \(other) the \(words[d % 4])."))
            metadata["d\(d)"] = ["g": ["a", "b", "c"][d % 3]]
        }
        return makeCorpus(texts, metadata: metadata)
    }()

    func lines(_ rows: [CooccurrenceRow], _ vocabulary: VocabularyTable) -> [String] {
        rows.map { "\(vocabulary.forms[Int($0.node)]) \(vocabulary.forms[Int($0.collocate)]) \($0.table)" }
    }

    @Test(arguments: [CooccurrenceScope.window, .sentence, .document])
    func spilledRunsGiveTheInMemoryRows(scope: CooccurrenceScope) throws {
        var configuration = TokenizerConfiguration()
        configuration.stopwords = ["the"]
        var options = CooccurrenceOptions()
        options.scope = scope
        options.span = 2
        options.minFrequency = 3
        var whole = corpus
        let tokens = try TokenPipeline.run(&whole, configuration: configuration)
        let grouping = try Grouping(corpus, by: "g")
        // The first pass of a run counted in batches: a session whose vocabulary holds every form.
        let session = try TokenPipeline.Session(configuration)
        var read = corpus
        read.record(try session.tokenize(corpus, observer: SilentObserver()).1)
        let vocabulary = session.vocabulary.snapshot()
        let folder = NSTemporaryDirectory() + "discourse-stream-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A table may hold nothing: every window position or unit's node spills a run, and
        // every 16 runs are merged into one.
        let texts = TextSource(corpus: read, session: session, vocabulary: vocabulary, chunkBytes: 200, pairBytes: 1, tmp: folder)
        let stream = texts.cooccurrence(grouping: grouping, options: options)
        let counter = CooccurrenceCounter(tokens, grouping: grouping, options: options)
        for top: Int? in [nil, 2] {
            for g in grouping.groups.indices {
                let expected = counter.count(group: g).rows(minCooccurrence: 2, top: top, sort: .logDice, vocabulary: tokens.vocabulary)
                var streamed: [CooccurrenceRow] = []
                let totals = try stream.rows(group: g, minCooccurrence: 2, top: top, sort: .logDice) { streamed += $0 }
                #expect(!expected.isEmpty)
                #expect(lines(streamed, vocabulary) == lines(expected, tokens.vocabulary), "group \(g), top \(top ?? 0)")
                #expect(totals.total == counter.count(group: g).total)
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}
