import Foundation
import Testing
@testable import DiscourseKit

/// A run within a memory budget reads its texts twice: the second reading gives the first
/// pass's ids, records each document's corpus index, and refuses a text that changed between.
@Suite struct TextSourceTests {
    @Test func theSecondReadingMatchesTheFirstAndRefusesAChangedText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("textsource-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("The union is strong.".utf8).write(to: URL(fileURLWithPath: folder + "/a.txt"))
        try Data("高质量发展 and the union.".utf8).write(to: URL(fileURLWithPath: folder + "/b.txt"))
        var corpus = try CorpusLoader().load(folder)
        var configuration = TokenizerConfiguration()
        configuration.keepOffsets = true
        let session = try TokenPipeline.Session(configuration)
        let (first, readings) = try session.tokenize(corpus, observer: SilentObserver())
        corpus.record(readings)
        let texts = TextSource(corpus: corpus, session: session, vocabulary: session.vocabulary.snapshot(),
                               chunkBytes: 1 << 20, pairBytes: 4 << 20, tmp: folder)
        // Read again in the other order: same forms, each with its corpus index.
        let again = try texts.tokenize([1, 0])
        #expect(again.map(\.index) == [1, 0])
        #expect(again[0].forms == first[1].forms && again[1].forms == first[0].forms)
        #expect(again[1].forms.map { texts.vocabulary.forms[Int($0)] } == ["the", "union", "is", "strong"])
        // A text edited between the readings is refused, by name.
        try Data("The union is stronger.".utf8).write(to: URL(fileURLWithPath: folder + "/a.txt"))
        let index = try #require(corpus.documents.firstIndex { $0.source.hasSuffix("a.txt") })
        do {
            _ = try texts.tokenize([index])
            Issue.record("a changed text was read")
        } catch {
            #expect(error.message.contains("a.txt: the text changed while the run was reading it"), "\(error.message)")
        }
    }
}
