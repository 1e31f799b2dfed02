import Foundation
import Testing

/// `discourse study STUDY --shard I/N` and `--merge PARTS...`: a study of count-based analyses
/// merged from its shards writes the single run's files byte for byte (run.json but for the
/// command line and the parts), its cells equal counts worked by hand, and every misuse is
/// refused with a message naming the file.
struct StudyShardTests {
    let merge = ShardMergeTests()

    /// Four documents in two sessions; shard 1/2 holds d1 and d2, shard 2/2 d3 and d4, so
    /// each session's counts come from both shards.
    func smallStudy(_ folder: TemporaryFolder, name: String = "s.yaml", analyses: String? = nil) throws -> String {
        _ = try merge.smallCorpus(folder)
        return try folder.write(name, """
            corpus:
              path: c
            groupings: [session]
            analyses:
            \(analyses ?? """
              - trends: {track: [a, d, a b, z]}
              - compare: {}
              - ngrams: {n: 1-2}
            """)
            """)
    }

    func shard(_ study: String, _ shard: String, _ out: String, _ options: [String] = []) throws {
        let result = try CLI.run(["study", study, "--shard", shard, "--out", out] + options)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("discourse study: shard \(shard):"), "\(result.stderr)")
    }

    /// Every file of the single run, byte for byte, and run.json without what differs by
    /// construction: the command line, the parts merged, the output folder and the budget.
    func expectSameStudy(_ single: String, _ merged: String) throws {
        try expectSameFiles(single, merged)
        func comparable(_ path: String) throws -> NSDictionary {
            var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            json["arguments"] = nil
            json["merged_from"] = nil
            var options = try #require(json["options"] as? [String: Any])
            var output = try #require(options["output"] as? [String: Any])
            for key in ["out", "memory", "tmp"] { output[key] = nil }
            options["output"] = output
            json["options"] = options
            return json as NSDictionary
        }
        #expect(try comparable(single + "/run.json") == comparable(merged + "/run.json"))
    }

    @Test func mergedStudyCountsAreTheSumsWorkedByHand() throws {
        let folder = try TemporaryFolder()
        let study = try smallStudy(folder)
        try shard(study, "2/2", folder.path("parts/2"))
        try shard(study, "1/2", folder.path("parts/1"))
        let merged = try CLI.run(["study", study, "--merge", folder.path("parts/2"), folder.path("parts/1"), "--out", folder.path("merged")])
        #expect(merged.status == 0, "\(merged.stderr)")
        // Session 1 = d1 + d3 ("a b a", "a c. B"): 6 tokens; a 3 times in 2 documents; "a b"
        // once (not across the sentence end of d3); z never. Session 2 = d2 + d4 ("c d",
        // "d d e"): 5 tokens; d 3 times in 2 documents.
        let rows = records(try folder.read("merged/trends.csv"))
        func cells(_ group: String, _ term: String) -> [String]? {
            rows.first { $0["group"] == group && $0["term"] == term }.map { [$0["count"]!, $0["per_million"]!, $0["doc_freq"]!] }
        }
        #expect(cells("1", "a") == ["3", "500000.0", "2"])
        #expect(cells("1", "a b") == ["1", "\(1.0 / 6.0 * 1_000_000)", "1"])
        #expect(cells("2", "d") == ["3", "600000.0", "2"])
        #expect(cells("2", "a") == ["0", "0.0", "0"])
        #expect(cells("1", "z") == ["0", "0.0", "0"])
        let groups = records(try folder.read("merged/groups.csv"))
        #expect(groups.map { [$0["group"]!, $0["docs"]!, $0["tokens"]!, $0["sentences"]!, $0["types"]!] }
            == [["1", "2", "6", "3", "3"], ["2", "2", "5", "2", "3"]])
        // run.json lists each part with the SHA-256 of its part.json.
        let manifest = try folder.read("merged/run.json")
        #expect(manifest.contains("\"merged_from\""))
        #expect(manifest.contains(sha256sum(folder.path("parts/1/part.json"))))
        let single = try CLI.run(["study", study, "--out", folder.path("single"), "--quiet"])
        #expect(single.status == 0, "\(single.stderr)")
        try expectSameStudy(folder.path("single"), folder.path("merged"))
        // More shards than documents: empty shards are valid parts.
        for i in 1...6 { try shard(study, "\(i)/6", folder.path("six/\(i)")) }
        let six = try CLI.run(["study", study, "--merge"] + (1...6).map { folder.path("six/\($0)") } + ["--out", folder.path("six-out"), "--quiet"])
        #expect(six.status == 0, "\(six.stderr)")
        try expectSameStudy(folder.path("single"), folder.path("six-out"))
    }

    /// The government work reports (Chinese, with English words) by decade and year, each
    /// shard read in batches within 64M.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func chineseReportsMergeByteForByte() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("tmp"), withIntermediateDirectories: true)
        let study = try folder.write("s.yaml", """
            corpus:
              path: \(governmentReports.path)
            tokens:
              terms: zh-politics
              stopwords: [zh, en]
            groupings: [decade, year]
            analyses:
              - ngrams: {n: 1-2, min_count: 3, by: decade}
              - trends: {track: [高质量发展, 改革开放, 新质生产力, economy], name: tracked}
              - trends: {min_count: 300, by: decade}
              - keyness: {baseline: "previous:1", by: decade}
              - compare: {min_count: 5, by: decade}
            """)
        for i in [3, 1, 2] { try shard(study, "\(i)/3", folder.path("parts/\(i)"), ["--memory", "64M", "--tmp", folder.path("tmp")]) }
        // Within 64M, 3.6 MB of text with the documents' lists of trends is read in batches.
        #expect(try folder.read("parts/2/part.json").contains("\"batches\": 2"))
        let merged = try CLI.run(["study", study, "--merge"] + [2, 3, 1].map { folder.path("parts/\($0)") }
                                 + ["--memory", "64M", "--tmp", folder.path("tmp"), "--out", folder.path("merged"), "--quiet"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let single = try CLI.run(["study", study, "--out", folder.path("single"), "--quiet"])
        #expect(single.status == 0, "\(single.stderr)")
        try expectSameStudy(folder.path("single"), folder.path("merged"))
        #expect(try folder.read("merged/trends_tracked_by_year.csv").contains("2024,新质生产力,"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("tmp")).isEmpty)
    }

    @Test func misusedStudyPartsAreRefusedNamingTheFile() throws {
        let folder = try TemporaryFolder()
        let study = try smallStudy(folder)
        for i in 1...3 { try shard(study, "\(i)/3", folder.path("p/\(i)")) }
        let p = (1...3).map { folder.path("p/\($0)") }
        func refused(_ arguments: [String], _ message: String, study file: String? = nil) throws {
            let result = try CLI.run(["study", file ?? study] + arguments + (arguments.contains("--out") ? [] : ["--out", folder.path("out")]))
            #expect(result.status != 0 && result.stderr.contains(message), "\(result.stderr)")
            #expect(!folder.exists("out"))
        }
        try refused(["--merge", p[0], p[2]], "merge: shard 2 of 3 is missing (given: 1, 3)")
        try refused(["--merge", p[0], p[1], p[2], p[1]], "\(p[1]) and \(p[1]) are both shard 2 of 3")
        try shard(study, "1/2", folder.path("half"))
        try refused(["--merge", p[0], p[1], folder.path("half")], "is shard 1 of 2, but")
        // Another study file (a comment added) or another corpus.
        let edited = try folder.write("edited.yaml", try folder.read("s.yaml") + "# edited\n")
        try refused(["--merge"] + p, "\(p[0]) was counted from another run (its study file is not this merge's)", study: edited)
        // A damaged part, a folder that is not a part, an absent one.
        let terms = p[1] + "/terms-1-1.bin"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: terms)))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: terms))
        try refused(["--merge"] + p, "\(terms): damaged study part: its SHA-256 is not the one part.json records")
        try refused(["--merge", p[0], folder.path("c")], "\(folder.path("c"))/part.json: cannot be read")
        try refused(["--merge", p[0], folder.path("absent")], "\(folder.path("absent")): no such folder")
        try refused(["--merge", p[0], folder.path("c/d1.txt")], "\(folder.path("c/d1.txt")): a file, not a study part")
        let parts = try CLI.run(["merge", p[0], p[1], p[2], "--out", folder.path("out")])
        #expect(parts.status != 0 && parts.stderr.contains("\(p[0]): is not a file but a study's part folder: merge those with 'discourse study STUDY --merge'"), "\(parts.stderr)")
        // An analysis that reads the texts cannot be sharded; named with its line.
        let kwic = try smallStudy(folder, name: "k.yaml", analyses: "  - trends: {track: [a]}\n  - kwic: {terms: [a]}")
        try refused(["--shard", "1/2", "--out", folder.path("out")], "k.yaml line 6 (kwic): a study counted in shards can hold only ngrams, keyness, trends and compare", study: kwic)
        // The options.
        try refused(["--shard", "1/2", "--merge", p[0]], "--shard and --merge")
        try refused(["--shard", "3/2"], "--shard 3/2: give I/N")
        let noOut = try CLI.run(["study", study, "--shard", "1/2"])
        #expect(noOut.status != 0 && noOut.stderr.contains("--shard: name the part folder to write with --out"), "\(noOut.stderr)")
        try refused(["--shard", "1/2", "--out", folder.path("c")], "--out \(folder.path("c")): exists and is not a study part")
        // A part is replaced whole by a rerun, and nothing temporary is left beside it.
        try shard(study, "1/3", p[0])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("p")).sorted() == ["1", "2", "3"])
    }
}
