import Foundation
import Testing

/// Every command's output files, byte for byte, against SHA-256 digests recorded before the
/// analyses moved from the command layer into the library (issue 7): the move must not change
/// a single byte of any table. `run.json` is compared with the run's own paths replaced and
/// the command line left out. Every cell of every table is also checked against the table's
/// CSV on the Web metadata (`checkAgainstCSVW`).
///
/// Re-record after a deliberate change of output with `RECORD_SNAPSHOTS=1 swift test
/// --filter OutputSnapshotTests`, and say why in the commit.
@Suite(.serialized) struct OutputSnapshotTests {
    static let snapshotFile = packageRoot.appendingPathComponent("Tests/DiscourseCLITests/Snapshots/command-outputs.txt")
    static let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"

    /// Six recent Chinese reports (about 120,000 characters): small enough for a debug build.
    static let chinese = ["Corpora/cn-gov-work-reports", "--where", "language=zh"]
        + ["2019", "2021", "2022", "2023", "2024", "2025"].flatMap { ["--where", "year=\($0)"] }
    /// Seven State of the Union addresses, 2010–2016 (fetched by Corpora/sotu/fetch.py).
    static let english = ["Corpora/sotu/data"] + (2010...2016).flatMap { ["--where", "year=\($0)"] }
    /// The seed's text is in seeds/, outside its corpus folder.
    static let seed = ["Corpora/safe-china", "--allow-outside-paths"]

    /// name, arguments (`$T` is the test's folder), and the files to compare.
    static let chineseCases: [(String, [String], [String])] = [
        ("zh-tokens", ["tokens"] + chinese + ["--terms", "$T/terms.txt", "--out", "$T/out"], ["tokens.csv"]),
        ("zh-ngrams", ["ngrams"] + chinese + ["--n", "1-3", "--by", "year", "--stopwords", "zh", "--terms", "$T/terms.txt", "--out", "$T/out"],
         ["ngrams.csv", "groups.csv"]),
        ("zh-ngrams-all", ["ngrams"] + chinese + ["--n", "2", "--min-count", "2", "--excel", "--out", "$T/out"], ["ngrams.csv", "groups.csv"]),
        ("zh-cooccur", ["cooccur"] + chinese + ["--stopwords", "zh", "--top", "5", "--by", "year", "--graph", "$T/g.graphml", "--out", "$T/out"],
         ["cooccur.csv", "../g.graphml"]),
        ("zh-cooccur-sentence", ["cooccur"] + chinese + ["--scope", "sentence", "--measures", "log_dice,mi", "--min-cooc", "5", "--out", "$T/out"],
         ["cooccur.csv"]),
        ("zh-collocates", ["collocates"] + chinese + ["--node", "发展", "--by", "year", "--stopwords", "zh", "--graph", "$T/c.graphml", "--out", "$T/out"],
         ["collocates.csv", "collocate_changes.csv", "../c.graphml"]),
        ("zh-collocates-tokens", ["collocates"] + chinese + ["--node", "安全", "--margins", "tokens", "--top", "0", "--out", "$T/out"],
         ["collocates.csv"]),
        ("zh-keyness-baseline", ["keyness"] + chinese + ["--by", "year", "--baseline", "previous:2", "--stopwords", "zh", "--out", "$T/out"],
         ["keyness.csv"]),
        ("zh-keyness-target", ["keyness"] + chinese + ["--by", "year", "--target", "2025", "--reference", "2019,2021", "--n", "1-2", "--out", "$T/out"],
         ["keyness.csv"]),
        ("zh-keyness-each", ["keyness"] + chinese + ["--by", "year", "--each", "--min-count", "20", "--out", "$T/out"], ["keyness.csv"]),
        ("zh-trends-track", ["trends"] + chinese + ["--by", "year", "--track", "$T/track.txt", "--terms", "$T/terms.txt", "--out", "$T/out"],
         ["trends.csv", "trend_stats.csv"]),
        ("zh-trends-all", ["trends"] + chinese + ["--by", "year", "--min-count", "30", "--stopwords", "zh", "--out", "$T/out"],
         ["trends.csv", "trend_stats.csv"]),
        ("zh-compare", ["compare"] + chinese + ["--by", "year", "--n", "1-2", "--min-count", "2", "--out", "$T/out"],
         ["compare.csv", "new_terms.csv", "vanished_terms.csv"]),
        ("zh-kwic", ["kwic"] + chinese + ["--node", "新质生产力", "--node", "安全 发展", "--by", "year", "--window", "5", "--terms", "$T/terms.txt", "--out", "$T/out"],
         ["kwic.csv"]),
        ("zh-terms", ["terms", "suggest"] + chinese + ["--by", "year", "--stopwords", "zh", "--terms", "zh-politics", "--top", "100", "--out", "$T/out"],
         ["term_candidates.csv", "terms-suggested.txt"]),
    ]

    static let seedCases: [(String, [String], [String])] = [
        ("seed-tokens", ["tokens"] + seed + ["--terms", "Corpora/safe-china/terms.txt", "--out", "$T/out"], ["tokens.csv"]),
        ("seed-kwic", ["kwic"] + seed + ["--nodes", "Corpora/safe-china/terms.txt", "--terms", "Corpora/safe-china/terms.txt", "--out", "$T/out"],
         ["kwic.csv"]),
    ]

    static let englishCases: [(String, [String], [String])] = [
        ("en-ngrams", ["ngrams"] + english + ["--n", "1-2", "--by", "year", "--stopwords", "en", "--out", "$T/out"], ["ngrams.csv", "groups.csv"]),
        ("en-cooccur-document", ["cooccur"] + english + ["--scope", "document", "--by", "president", "--min-cooc", "6", "--top", "3", "--out", "$T/out"],
         ["cooccur.csv"]),
        ("en-collocates", ["collocates"] + english + ["--node", "america", "--by", "year", "--top", "10", "--out", "$T/out"],
         ["collocates.csv", "collocate_changes.csv"]),
        ("en-keyness", ["keyness"] + english + ["--by", "year", "--baseline", "previous:3", "--out", "$T/out"], ["keyness.csv"]),
        ("en-trends", ["trends"] + english + ["--by", "year", "--min-count", "50", "--out", "$T/out"], ["trends.csv", "trend_stats.csv"]),
        ("en-compare", ["compare"] + english + ["--by", "year", "--out", "$T/out"], ["compare.csv", "new_terms.csv", "vanished_terms.csv"]),
        ("en-kwic", ["kwic"] + english + ["--node", "health care", "--by", "year", "--out", "$T/out"], ["kwic.csv"]),
        ("en-terms", ["terms", "suggest"] + english + ["--stopwords", "en", "--min-count", "5", "--out", "$T/out"],
         ["term_candidates.csv", "terms-suggested.txt"]),
    ]

    /// Runs one case in the package root and returns "name file sha256" lines.
    func digests(_ name: String, _ arguments: [String], _ files: [String]) throws -> [String] {
        let folder = try TemporaryFolder()
        try folder.write("terms.txt", "高质量发展\n新质生产力\n")
        try folder.write("track.txt", "发展\n安全\n高质量发展\n新质生产力\n不在语料里\n")
        let resolved = arguments.map { $0.replacingOccurrences(of: "$T", with: folder.path) }
        let result = try CLI.run(resolved, in: packageRoot)
        #expect(result.status == 0, "\(name): \(result.stderr)")
        var lines: [String] = []
        for file in files {
            let path = folder.url.appendingPathComponent("out").appendingPathComponent(file).standardized.path
            lines.append("\(name) \(file) \(sha256sum(path))")
            // Every cell against the table's CSV on the Web metadata.
            if file.hasSuffix(".csv") {
                #expect(try checkAgainstCSVW(path) > 0, "\(name) \(file): no cells")
            }
        }
        // run.json without the command line, with the test folder's path replaced and the
        // memory budget (by default half of the machine's memory) as $M.
        var manifest = try folder.read("out/run.json").replacingOccurrences(of: folder.path, with: "$T")
            .replacingOccurrences(of: #""memory": [0-9]+"#, with: "\"memory\": $M", options: .regularExpression)
        if let start = manifest.range(of: "  \"arguments\": ["), let end = manifest.range(of: "\n  ],\n", range: start.upperBound..<manifest.endIndex) {
            manifest.removeSubrange(start.lowerBound..<end.upperBound)
        }
        try folder.write("manifest.json", manifest)
        lines.append("\(name) run.json \(sha256sum(folder.path("manifest.json")))")
        return lines
    }

    func check(_ cases: [(String, [String], [String])], prefix: String) throws {
        let recorded = (try? String(contentsOf: Self.snapshotFile, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        var lines: [String] = []
        for (name, arguments, files) in cases { lines += try digests(name, arguments, files) }
        if Self.recording {
            let kept = recorded.filter { !$0.hasPrefix(prefix) }
            try FileManager.default.createDirectory(at: Self.snapshotFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ((kept + lines).sorted().joined(separator: "\n") + "\n").write(to: Self.snapshotFile, atomically: true, encoding: .utf8)
            return
        }
        let expected = recorded.filter { $0.hasPrefix(prefix) }
        #expect(!expected.isEmpty, "no snapshot recorded for \(prefix)*; run with RECORD_SNAPSHOTS=1")
        for line in lines.sorted() where !expected.contains(line) {
            Issue.record("output changed: \(line)")
        }
        #expect(lines.count == expected.count)
    }

    @Test func chineseAndSeedCommandOutputsAreUnchanged() throws {
        try check(Self.chineseCases, prefix: "zh-")
        try check(Self.seedCases, prefix: "seed-")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sotuCorpus.path),
                   "needs the State of the Union corpus: python3 Corpora/sotu/fetch.py"))
    func englishCommandOutputsAreUnchanged() throws {
        try check(Self.englishCases, prefix: "en-")
    }
}
