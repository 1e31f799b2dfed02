import Foundation
import Testing

/// `discourse count --shard I/N` and `discourse merge`: merged tables equal the single run's
/// byte for byte, their cells equal counts worked by hand, and every misuse of the parts is
/// refused with a message naming the file.
struct ShardMergeTests {
    /// Four documents in two sessions; shard 1/2 holds d1 and d2, shard 2/2 d3 and d4, so
    /// each session's counts are split over both shards.
    func smallCorpus(_ folder: TemporaryFolder) throws -> String {
        try folder.write("c/metadata.csv", "doc_id,session\nd1,1\nd2,2\nd3,1\nd4,2\n")
        try folder.write("c/d1.txt", "a b a")
        try folder.write("c/d2.txt", "c d")
        try folder.write("c/d3.txt", "a c. B")
        try folder.write("c/d4.txt", "d d e")
        return folder.path("c")
    }

    func count(_ corpus: String, _ shard: String, _ out: String, _ options: [String]) throws {
        let result = try CLI.run(["count", corpus, "--shard", shard, "--out", out, "--quiet"] + options)
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// run.json without what differs by construction: the command, its arguments, the
    /// parts merged, the output folder's name and the memory budget of `ngrams`.
    func comparableManifest(_ path: String) throws -> NSDictionary {
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        for key in ["command", "arguments", "merged_from"] { json[key] = nil }
        var options = try #require(json["options"] as? [String: Any])
        options["out"] = nil
        options["memory"] = nil
        json["options"] = options
        return json as NSDictionary
    }

    /// Every file of the single run, byte for byte, and run.json but for the command.
    func expectSameOutput(_ single: String, _ merged: String) throws {
        try expectSameFiles(single, merged)
        #expect(try comparableManifest(single + "/run.json") == comparableManifest(merged + "/run.json"))
    }

    @Test func mergedCountsAreTheSumsWorkedByHand() throws {
        let folder = try TemporaryFolder()
        let corpus = try smallCorpus(folder)
        let options = ["--n", "1-2", "--by", "session"]
        try count(corpus, "2/2", folder.path("parts/2.dcounts"), options)
        try count(corpus, "1/2", folder.path("parts/1.dcounts"), options)
        let merge = try CLI.run(["merge", folder.path("parts/2.dcounts"), folder.path("parts/1.dcounts"), "--out", folder.path("merged")])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stderr.contains("discourse merge: 2 parts, 4 documents"))
        let rows = records(try folder.read("merged/ngrams.csv"))
        func cells(_ group: String, _ ngram: String) -> [String]? {
            rows.first { $0["group"] == group && $0["ngram"] == ngram }.map { [$0["count"]!, $0["doc_freq"]!, $0["per_million"]!] }
        }
        // Session 1 = d1 + d3: 6 tokens; a 3 times in 2 documents, b 2 in 2, c 1 in 1.
        #expect(cells("1", "a") == ["3", "2", "500000.0"])
        #expect(cells("1", "b") == ["2", "2", "\(2.0 / 6.0 * 1_000_000)"])
        #expect(cells("1", "c") == ["1", "1", "\(1.0 / 6.0 * 1_000_000)"])
        // Bigrams stay inside sentences: "c b" is not counted (B is folded to b).
        #expect(cells("1", "a b") == ["1", "1", "\(1.0 / 6.0 * 1_000_000)"])
        #expect(cells("1", "a c") != nil && cells("1", "c b") == nil)
        // Session 2 = d2 + d4: 5 tokens; d 3 times in 2 documents.
        #expect(cells("2", "d") == ["3", "2", "600000.0"])
        #expect(cells("2", "d d") == ["1", "1", "200000.0"])
        #expect(rows.count == 3 + 3 + 3 + 3)
        // groups.csv: documents, tokens, sentences and distinct forms add up over shards.
        let groups = records(try folder.read("merged/groups.csv"))
        #expect(groups.map { [$0["group"]!, $0["docs"]!, $0["tokens"]!, $0["sentences"]!, $0["types"]!] }
            == [["1", "2", "6", "3", "3"], ["2", "2", "5", "2", "3"]])
        // run.json names the merge and each part with its SHA-256 (as sha256sum prints it).
        let manifest = try folder.read("merged/run.json")
        #expect(manifest.contains("\"command\": \"merge\""))
        #expect(manifest.contains(sha256sum(folder.path("parts/1.dcounts"))))
        let single = try CLI.run(["ngrams", corpus, "--out", folder.path("single"), "--quiet"] + options)
        #expect(single.status == 0, "\(single.stderr)")
        try expectSameOutput(folder.path("single"), folder.path("merged"))
    }

    @Test func moreShardsThanDocumentsAndOneShard() throws {
        let folder = try TemporaryFolder()
        let corpus = try smallCorpus(folder)
        for i in 1...6 { try count(corpus, "\(i)/6", folder.path("six/\(i).dcounts"), ["--by", "session"]) }
        try count(corpus, "1/1", folder.path("one.dcounts"), ["--by", "session"])
        let six = try CLI.run(["merge"] + (1...6).map { folder.path("six/\($0).dcounts") } + ["--out", folder.path("six-out"), "--quiet"])
        let one = try CLI.run(["merge", folder.path("one.dcounts"), "--out", folder.path("one-out"), "--quiet"])
        let single = try CLI.run(["ngrams", corpus, "--by", "session", "--out", folder.path("single"), "--quiet"])
        #expect(six.status == 0 && one.status == 0 && single.status == 0, "\(six.stderr)\(one.stderr)\(single.stderr)")
        try expectSameOutput(folder.path("single"), folder.path("six-out"))
        try expectSameOutput(folder.path("single"), folder.path("one-out"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func chineseAndEnglishReportsMergeByteForByte() throws {
        let folder = try TemporaryFolder()
        let corpus = governmentReports.path
        let options = ["--n", "1-2", "--by", "year", "--terms", "zh-politics", "--stopwords", "zh", "--stopwords", "en",
                       "--min-count", "2", "--tf-idf", "--where", "year=2015", "--where", "year=2016", "--where", "year=2017"]
        for i in [3, 1, 4, 2] { try count(corpus, "\(i)/4", folder.path("parts/\(i).dcounts"), options) }
        let merge = try CLI.run(["merge"] + [4, 2, 3, 1].map { folder.path("parts/\($0).dcounts") } + ["--out", folder.path("merged"), "--quiet"])
        #expect(merge.status == 0, "\(merge.stderr)")
        let single = try CLI.run(["ngrams", corpus, "--out", folder.path("single"), "--quiet"] + options)
        #expect(single.status == 0, "\(single.stderr)")
        try expectSameOutput(folder.path("single"), folder.path("merged"))
        let text = try folder.read("merged/ngrams.csv")
        #expect(text.contains("2016,1,供给侧结构性改革,") && text.contains("2017,1,economy,"))
    }

    /// A shard too large for --memory is counted in batches through --tmp and summed into its
    /// one file; the merge of such parts, within --memory too, is the single run byte for byte.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func shardsCountedInBatchesMergeByteForByte() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("tmp"), withIntermediateDirectories: true)
        let corpus = governmentReports.path
        let options = ["--n", "1-2", "--by", "decade", "--stopwords", "zh", "--min-count", "3"]
        for i in [2, 1] {
            let result = try CLI.run(["count", corpus, "--shard", "\(i)/2", "--out", folder.path("parts/\(i).dcounts"),
                                      "--memory", "64M", "--tmp", folder.path("tmp")] + options)
            #expect(result.status == 0, "\(result.stderr)")
            // Half the reports (1.8 MB of text) by decade leave more than 64M allows.
            #expect(result.stderr.contains(" batches within --memory 64M → "), "\(result.stderr)")
        }
        let merge = try CLI.run(["merge", folder.path("parts/1.dcounts"), folder.path("parts/2.dcounts"),
                                 "--memory", "64M", "--out", folder.path("merged"), "--quiet"])
        #expect(merge.status == 0, "\(merge.stderr)")
        let single = try CLI.run(["ngrams", corpus, "--out", folder.path("single"), "--quiet"] + options)
        #expect(single.status == 0, "\(single.stderr)")
        try expectSameOutput(folder.path("single"), folder.path("merged"))
        #expect(try folder.read("merged/run.json").contains("\"memory\": 67108864"))
        // The batches' files are gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("tmp")).isEmpty)
        // Without --by the one group's tables alone pass the budget: both commands say so.
        let whole = try CLI.run(["count", corpus, "--shard", "1/1", "--n", "1-2", "--out", folder.path("all.dcounts"),
                                 "--memory", "64M", "--tmp", folder.path("tmp")])
        #expect(whole.status == 0 && whole.stderr.contains("group 'all' alone may need about"), "\(whole.stderr)")
        let wholeMerge = try CLI.run(["merge", folder.path("all.dcounts"), "--memory", "64M", "--out", folder.path("all")])
        #expect(wholeMerge.status == 0 && wholeMerge.stderr.contains("that --memory 64M leaves for them: the run may exceed it (count with a finer --by"),
                "\(wholeMerge.stderr)")
        let badBudget = try CLI.run(["merge", folder.path("parts/1.dcounts"), "--memory", "1K"])
        #expect(badBudget.status != 0 && badBudget.stderr.contains("--memory 1K: give a size of at least 64M"))
    }

    @Test func misusedPartsAreRefusedNamingTheFile() throws {
        let folder = try TemporaryFolder()
        let corpus = try smallCorpus(folder)
        for i in 1...3 { try count(corpus, "\(i)/3", folder.path("p/\(i).dcounts"), ["--by", "session"]) }
        try count(corpus, "1/3", folder.path("other.dcounts"), ["--by", "session", "--n", "2"])
        try count(corpus, "1/2", folder.path("half.dcounts"), ["--by", "session"])
        let p = (1...3).map { folder.path("p/\($0).dcounts") }
        func refused(_ parts: [String], _ message: String) throws {
            let result = try CLI.run(["merge"] + parts + ["--out", folder.path("out")])
            #expect(result.status != 0 && result.stderr.contains(message), "\(result.stderr)")
            #expect(!folder.exists("out"))
        }
        try refused([p[0], p[2]], "merge: shard 2 of 3 is missing (given: 1, 3)")
        try refused([p[0], p[1], p[2], p[1]], "\(p[1]) and \(p[1]) are both shard 2 of 3")
        try refused([p[0], p[1], folder.path("other.dcounts")], "come from different runs: their options.ngrams differs")
        try refused([p[0], p[1], folder.path("half.dcounts")], "is shard 1 of 2, but")
        // Cut short, one byte changed, not a part at all, absent.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: p[2])))
        let cut = try folder.write("cut.dcounts", bytes: Array(bytes.prefix(bytes.count - 20)))
        try refused([p[0], p[1], cut], "\(cut): incomplete partial-count file")
        var flipped = bytes
        flipped[200] ^= 0x20
        let damaged = try folder.write("damaged.dcounts", bytes: flipped)
        try refused([p[0], p[1], damaged], "\(damaged): damaged partial-count file: its SHA-256 does not match")
        try refused([folder.path("c/metadata.csv")], "not a partial-count file")
        try refused([folder.path("absent.dcounts")], "absent.dcounts: cannot read the file")
        // The shard and the output of count.
        for bad in ["0/3", "4/3", "1/0", "2", "a/b"] {
            let result = try CLI.run(["count", corpus, "--shard", bad, "--out", folder.path("x.dcounts")])
            #expect(result.status != 0 && result.stderr.contains("--shard \(bad): give I/N"), "\(result.stderr)")
        }
        let toStandardOutput = try CLI.run(["count", corpus, "--shard", "1/2", "--out", "-"])
        #expect(toStandardOutput.status != 0 && toStandardOutput.stderr.contains("--out -: a partial-count file is binary"))
        let toFolder = try CLI.run(["count", corpus, "--shard", "1/2", "--out", folder.path("p")])
        #expect(toFolder.status != 0 && toFolder.stderr.contains("is a folder"))
        let noField = try CLI.run(["count", corpus, "--shard", "1/2", "--by", "party", "--out", folder.path("x.dcounts")])
        #expect(noField.status != 0 && noField.stderr.contains("--by party: the corpus has no such field"))
        #expect(!folder.exists("x.dcounts"))
        // No temporary file is left beside the parts.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("p")).sorted() == ["1.dcounts", "2.dcounts", "3.dcounts"])
    }
}
