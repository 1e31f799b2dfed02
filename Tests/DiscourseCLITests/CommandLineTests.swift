import Foundation
import Testing

/// The command line around the analyses: suggestions for misspelt subcommands, help per
/// subcommand, the closing summary, the empty-table warning, and .txt files as a corpus.
struct CommandLineTests {
    @Test func aMisspeltSubcommandGetsASuggestion() throws {
        for (typed, meant) in [("ngram", "ngrams"), ("tokenz", "tokens"), ("colocates", "collocates"), ("trend", "trends")] {
            let result = try CLI.run([typed, "corpus"])
            #expect(result.status == 64, "\(typed)")
            #expect(result.stderr.contains("Unknown command '\(typed)'. Did you mean '\(meant)'?"), "\(result.stderr)")
        }
        // Nothing close: ArgumentParser's own message.
        let far = try CLI.run(["zebra"])
        #expect(far.status == 64)
        #expect(!far.stderr.contains("Did you mean"), "\(far.stderr)")
    }

    @Test func helpNamesTheSubcommand() throws {
        let result = try CLI.run(["help", "ngrams"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = String(decoding: result.stdout, as: UTF8.self)
        #expect(text.contains("OVERVIEW: Write ngrams.csv"))
        #expect(text.contains("--min-count"))
    }

    /// Two documents of a handful of tokens, as loose .txt files.
    func texts() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("a/speech-1.txt", "Peace and freedom. Freedom now.")
        try folder.write("b/speech-2.txt", "War and peace.")
        try folder.write("b/notes.md", "not a text")
        return folder
    }

    @Test func theClosingSummaryNamesEachTableWithItsRows() throws {
        let folder = try texts()
        let result = try CLI.run(["ngrams", folder.path("a/speech-1.txt"), folder.path("b/speech-2.txt"), "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        // Unigrams over both documents: peace 2, and 2, freedom 2, now 1, war 1 = 5 rows; one group.
        #expect(result.stderr.contains("discourse ngrams: wrote ngrams.csv (5 rows), groups.csv (1 row), run.json to \(folder.path("out"))/"),
                "\(result.stderr)")
        let quiet = try CLI.run(["ngrams", folder.path("a/speech-1.txt"), "--quiet", "--out", folder.path("quiet")])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    @Test func txtFilesAreACorpusOneDocumentEach() throws {
        let folder = try texts()
        let one = try CLI.run(["tokens", folder.path("b/speech-2.txt"), "--out", folder.path("one")])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(records(try folder.read("one/tokens.csv")).map { $0["form"]! } == ["war", "and", "peace"])
        let two = try CLI.run(["ngrams", folder.path("a/speech-1.txt"), folder.path("b/speech-2.txt"), "--by", "doc_id", "--out", folder.path("two")])
        #expect(two.status == 0, "\(two.stderr)")
        let groups = records(try folder.read("two/groups.csv"))
        #expect(groups.map { $0["group"]! } == ["speech-1", "speech-2"])
        #expect(groups.map { $0["tokens"]! } == ["5", "3"])
        let run = try folder.read("two/run.json")
        #expect(run.contains("\"files\": [") && run.contains("speech-2.txt"))
        // A folder among several paths, or a file that is not .txt, is an error naming it.
        for bad in [folder.path("b"), folder.path("b/notes.md")] {
            let result = try CLI.run(["ngrams", folder.path("a/speech-1.txt"), bad, "--out", folder.path("bad")])
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(bad): several corpus paths are given, so each must be a .txt file"), "\(result.stderr)")
        }
    }

    @Test func anEmptyMainTableIsReported() throws {
        let folder = try texts()
        let result = try CLI.run(["ngrams", folder.path("a/speech-1.txt"), "--min-count", "100", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("discourse: warning: ngrams.csv has no rows"), "\(result.stderr)")
        #expect(try folder.read("out/ngrams.csv") == "group,n,ngram,count,doc_freq,per_million\n")
    }
}
