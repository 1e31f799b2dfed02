import Foundation
import Testing

/// `--memory`: past the budget `ngrams` counts the corpus in batches through temporary files,
/// and keyness, trends, compare, cooccur, collocates, kwic and tokens (and studies of them)
/// read and count it a batch of documents at a time, with the same output byte for byte; the temporary files are removed;
/// bad sizes and folders are refused.
struct MemoryBudgetTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func batchesGiveTheInMemoryOutput() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("tmp"), withIntermediateDirectories: true)
        // 3.5 MB of text as one group, n-grams 1-3: more than 64M plans for (0.2 tokens a byte,
        // up to 108 bytes of tables per token), so it is counted in batches.
        let options = ["--n", "1-3", "--terms", "zh-politics", "--stopwords", "zh", "--min-count", "2"]
        let batched = try CLI.run(["ngrams", governmentReports.path, "--memory", "64M", "--tmp", folder.path("tmp"),
                                   "--out", folder.path("batched")] + options)
        #expect(batched.status == 0, "\(batched.stderr)")
        #expect(batched.stderr.contains("does not fit --memory 64M: counting it in"), "\(batched.stderr)")
        #expect(batched.stderr.contains("group 'all' alone may need about"))
        let inMemory = try CLI.run(["ngrams", governmentReports.path, "--memory", "8G", "--out", folder.path("memory"), "--quiet"] + options)
        #expect(inMemory.status == 0, "\(inMemory.stderr)")
        #expect(!inMemory.stderr.contains("batches"))
        for file in ["ngrams.csv", "groups.csv", "ngrams.csv-metadata.json", "groups.csv-metadata.json"] {
            #expect(try folder.read("batched/" + file) == folder.read("memory/" + file), "\(file)")
        }
        // run.json records the budget in bytes; the rest is the same but for the command line.
        let manifest = try folder.read("batched/run.json")
        #expect(manifest.contains("\"memory\": 67108864"))
        #expect(try folder.read("memory/run.json").contains("\"memory\": 8589934592"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("tmp")).isEmpty)
    }

    @Test func badSizesAndFoldersAreRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", "one two three")
        for bad in ["10", "abc", "0G", "32M", "1Q"] {
            let result = try CLI.run(["ngrams", folder.path("c"), "--memory", bad, "--out", folder.path("out")])
            #expect(result.status != 0 && result.stderr.contains("--memory \(bad): give a size of at least 64M"), "\(bad): \(result.stderr)")
        }
        #expect(!folder.exists("out"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func aMissingTemporaryFolderStopsTheRunCleanly() throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run(["ngrams", governmentReports.path, "--n", "1-3", "--memory", "64M", "--tmp", folder.path("absent"),
                                  "--out", folder.path("out")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--tmp \(folder.path("absent")): cannot make a temporary folder there (no such folder)"), "\(result.stderr)")
        #expect(!folder.exists("out"))
    }

    /// 12 MB of State of the Union text with the documents' lists of trends: more than 64M
    /// plans for in memory (1.5 bytes a byte of text), so it is read in batches.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sotuCorpus.path), "needs Corpora/sotu (Corpora/sotu/fetch.py)"))
    func aStudyOfTermCountsIsCountedInBatchesWithTheSameOutput() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("tmp"), withIntermediateDirectories: true)
        let study = try folder.write("s.yaml", """
            corpus:
              path: \(sotuCorpus.path)
            groupings: [decade]
            analyses:
              - trends: {min_count: 200}
              - trends: {track: [freedom, "liberty = liberties", united states], name: tracked}
              - keyness: {each: true, min_count: 100}
              - compare: {min_count: 5}
            """)
        let batched = try CLI.run(["study", study, "--memory", "64M", "--tmp", folder.path("tmp"), "--out", folder.path("batched")])
        #expect(batched.status == 0, "\(batched.stderr)")
        #expect(batched.stderr.contains("discourse study: the corpus's tokens do not fit --memory 64M: counted in 2 batches of documents"),
                "\(batched.stderr)")
        let inMemory = try CLI.run(["study", study, "--out", folder.path("memory"), "--quiet"])
        #expect(inMemory.status == 0, "\(inMemory.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path("memory")).filter { $0 != "run.json" }
        #expect(files.contains("trend_stats_tracked.csv") && files.contains("new_terms.csv") && files.contains("groups.csv"))
        for file in files {
            #expect(try folder.read("batched/" + file) == folder.read("memory/" + file), "\(file)")
        }
        // The tracked variant's documents and Gries' DP came from the lists read back from disk.
        #expect(try folder.read("batched/trend_stats_tracked.csv").contains("liberty"))
        #expect(try folder.read("batched/run.json").contains("\"memory\": 67108864"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("tmp")).isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sotuCorpus.path), "needs Corpora/sotu (Corpora/sotu/fetch.py)"))
    func trendsInBatchesNeedTheTemporaryFolder() throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run(["trends", sotuCorpus.path, "--by", "decade", "--memory", "64M", "--tmp", folder.path("absent"),
                                  "--out", folder.path("out")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--tmp \(folder.path("absent")): no such folder, for the temporary files of a run counted in batches"),
                "\(result.stderr)")
        #expect(!folder.exists("out"))
    }

    /// 3.5 MB of Chinese reports as one group: its co-occurrence tables (8 bytes a byte of text
    /// planned) exceed what 64M plans for, so the pairs are counted from the texts a chunk at a time, the
    /// tables spilled to sorted runs under --tmp and merged.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func cooccurrenceFromTheTextsGivesTheInMemoryOutput() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("tmp"), withIntermediateDirectories: true)
        let runs: [(String, [String], [String])] = [
            ("cooccur", ["--window", "3", "--min-cooc", "5", "--terms", "zh-politics", "--stopwords", "zh"], ["cooccur.csv"]),
            ("collocates", ["--node", "发展", "--top", "40", "--scope", "sentence", "--graph", "GRAPH"],
             ["collocates.csv", "../graph-KIND.graphml"]),
        ]
        for (command, options, files) in runs {
            let batched = try CLI.run([command, governmentReports.path, "--memory", "64M", "--tmp", folder.path("tmp"),
                                       "--out", folder.path("batched-" + command)]
                                      + options.map { $0 == "GRAPH" ? folder.path("graph-batched.graphml") : $0 })
            #expect(batched.status == 0, "\(batched.stderr)")
            #expect(batched.stderr.contains("discourse \(command): the corpus's tokens do not fit --memory 64M: counted in"), "\(batched.stderr)")
            let inMemory = try CLI.run([command, governmentReports.path, "--out", folder.path("memory-" + command), "--quiet"]
                                       + options.map { $0 == "GRAPH" ? folder.path("graph-memory.graphml") : $0 })
            #expect(inMemory.status == 0, "\(inMemory.stderr)")
            for file in files {
                let table = try folder.read("memory-\(command)/" + file.replacingOccurrences(of: "KIND", with: "memory"))
                #expect(table.split(separator: "\n").count > 10, "\(command) \(file)")
                #expect(try folder.read("batched-\(command)/" + file.replacingOccurrences(of: "KIND", with: "batched")) == table,
                        "\(command) \(file)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("tmp")).isEmpty)
    }

    /// Concordances and tokens.csv hold the text and each token's offsets (5 bytes a byte of
    /// text planned): past 64M a run keeps only the vocabulary from its one pass and reads and
    /// tokenizes each chunk of documents again when its rows are written; a study's n-grams
    /// are counted batch by batch into partial-count files and summed group by group. The
    /// 3.5 MB of Chinese reports: a study of all three, and the two commands.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func concordancesTokensAndNgramsOfABatchedStudyGiveTheInMemoryOutput() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("tmp"), withIntermediateDirectories: true)
        let study = try folder.write("s.yaml", """
            corpus:
              path: \(governmentReports.path)
            tokens:
              terms: zh-politics
            groupings: [year]
            analyses:
              - kwic: {terms: [高质量发展, 改革开放, 安全]}
              - kwic: {terms: [改革, 发展], limit: 1, name: first}
              - tokens: {}
              - ngrams: {n: 1-2, min_count: 3}
              - ngrams: {n: 2-3, min_count: 2, tf_idf: true, name: phrases}
            """)
        let batched = try CLI.run(["study", study, "--memory", "64M", "--tmp", folder.path("tmp"), "--out", folder.path("batched")])
        #expect(batched.status == 0, "\(batched.stderr)")
        #expect(batched.stderr.contains("the corpus's tokens do not fit --memory 64M: counted in"), "\(batched.stderr)")
        let inMemory = try CLI.run(["study", study, "--out", folder.path("memory"), "--quiet"])
        #expect(inMemory.status == 0, "\(inMemory.stderr)")
        for file in ["kwic.csv", "kwic_first.csv", "tokens.csv", "ngrams.csv", "ngrams_phrases.csv", "groups.csv"] {
            let table = try folder.read("memory/" + file)
            #expect(table.split(separator: "\n").count > 20, "\(file)")
            #expect(try folder.read("batched/" + file) == table, "\(file)")
        }
        // A line of the multi-word term in the 2024 report, and the first line of 改革 in 1954's.
        #expect(try folder.read("memory/kwic.csv").contains(",2024,") && folder.read("memory/kwic.csv").contains(",高质量发展,"))
        let first = try folder.read("memory/kwic_first.csv").split(separator: "\n").filter { $0.contains(",1954,") }
        #expect(first.count == 2 && first.contains { $0.contains(",改革,") })
        // The commands keep --memory the same way.
        let kwic = try CLI.run(["kwic", governmentReports.path, "--terms", "zh-politics", "--node", "高质量发展", "--node", "改革开放",
                                "--node", "安全", "--by", "year", "--memory", "64M", "--out", folder.path("kwic")])
        #expect(kwic.status == 0 && kwic.stderr.contains("discourse kwic: the corpus's tokens do not fit --memory 64M"), "\(kwic.stderr)")
        #expect(try folder.read("kwic/kwic.csv") == folder.read("memory/kwic.csv"))
        let tokens = try CLI.run(["tokens", governmentReports.path, "--terms", "zh-politics", "--memory", "64M", "--out", folder.path("tokens")])
        #expect(tokens.status == 0 && tokens.stderr.contains("discourse tokens: the corpus's tokens do not fit --memory 64M"), "\(tokens.stderr)")
        #expect(try folder.read("tokens/tokens.csv") == folder.read("memory/tokens.csv"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("tmp")).isEmpty)
    }

    /// Term suggestion reads the texts again for each length of candidate: a study with it is
    /// counted in batches too, and gives the in-memory files; so does the command.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func termSuggestionInBatchesGivesTheInMemoryOutput() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("tmp"), withIntermediateDirectories: true)
        let study = try folder.write("s.yaml", """
            corpus:
              path: \(governmentReports.path)
            groupings: [decade]
            analyses:
              - keyness: {each: true, min_count: 2000}
              - terms: {min_count: 200}
            """)
        let batched = try CLI.run(["study", study, "--memory", "64M", "--tmp", folder.path("tmp"), "--out", folder.path("batched")])
        #expect(batched.status == 0, "\(batched.stderr)")
        #expect(batched.stderr.contains("the corpus's tokens do not fit --memory 64M: counted in"), "\(batched.stderr)")
        let inMemory = try CLI.run(["study", study, "--out", folder.path("memory"), "--quiet"])
        #expect(inMemory.status == 0, "\(inMemory.stderr)")
        for file in ["term_candidates.csv", "terms-suggested.txt", "keyness.csv"] {
            #expect(try folder.read("batched/" + file) == folder.read("memory/" + file), "\(file)")
        }
        #expect(try folder.read("memory/terms-suggested.txt").contains("\n国民经济\n"))
        let command = try CLI.run(["terms", "suggest", governmentReports.path, "--min-count", "200", "--by", "decade",
                                   "--memory", "64M", "--tmp", folder.path("tmp"), "--out", folder.path("command")])
        #expect(command.status == 0 && command.stderr.contains("discourse terms suggest: the corpus's tokens do not fit --memory 64M"),
                "\(command.stderr)")
        #expect(try folder.read("command/term_candidates.csv") == folder.read("memory/term_candidates.csv"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("tmp")).isEmpty)
    }
}
