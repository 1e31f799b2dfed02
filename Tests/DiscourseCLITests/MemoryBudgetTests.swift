import Foundation
import Testing

/// `ngrams --memory`: past the budget the corpus is counted in batches through temporary
/// files, with the same output byte for byte; the temporary files are removed; bad sizes and
/// folders are refused.
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
}
