import Foundation
import Testing

/// End-to-end: the built binary on small corpora written by each test; cells checked against
/// counts worked by hand.
@Suite struct CommandTests {
    /// Three readouts, out of session order on disk, one in Chinese.
    func readouts() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("corpus/metadata.csv", """
            doc_id,date,session,lang,title
            s19,2025-02-28,19,en,"Safe China, higher level"
            s2,2023-01-30,2,en,Second
            s18,2024-12-01,18,zh,第十八次

            """)
        try folder.write("corpus/texts/s19.txt", "Building a safe China. The overall national security concept guides safe China.")
        try folder.write("corpus/texts/s2.txt", "Safe China, safe people.")
        try folder.write("corpus/texts/s18.txt", "我们坚持总体国家安全观。")
        try folder.write("terms.txt", "overall national security concept\n总体国家安全观\n# a comment\n\n")
        return folder
    }

    @Test func ngramsBySessionFollowSessionOrderAndCountByHand() throws {
        let folder = try readouts()
        let result = try CLI.run(["ngrams", folder.path("corpus"), "--n", "1-2", "--by", "session",
                                  "--terms", folder.path("terms.txt"), "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = records(try folder.read("out/ngrams.csv"))
        #expect(Array(Set(rows.map { $0["group"]! })).sorted() == ["18", "19", "2"])
        #expect(rows.first?["group"] == "2")
        #expect(rows.last?["group"] == "19")
        // Session 19: building a safe china | the overall_national_security_concept guides safe china
        // = 4 + 5 = 9 tokens; "safe china" twice, once per sentence.
        let safeChina = try #require(rows.first { $0["group"] == "19" && $0["ngram"] == "safe china" })
        #expect(safeChina["count"] == "2")
        #expect(safeChina["doc_freq"] == "1")
        #expect(Double(safeChina["per_million"]!) == 2.0 / 9.0 * 1_000_000)
        #expect(rows.contains { $0["group"] == "19" && $0["ngram"] == "the overall_national_security_concept" })
        #expect(!rows.contains { $0["group"] == "19" && $0["ngram"] == "china the" })
        // Session 18: 我们 坚持 总体国家安全观 (the term joins ICU's pieces).
        #expect(rows.filter { $0["group"] == "18" && $0["n"] == "1" }.map { $0["ngram"]! } == ["坚持", "总体国家安全观", "我们"])
        let groups = records(try folder.read("out/groups.csv"))
        #expect(groups.map { $0["group"]! } == ["2", "18", "19"])
        #expect(groups.map { $0["tokens"]! } == ["4", "3", "9"])
        #expect(groups.map { $0["sentences"]! } == ["1", "1", "2"])
        #expect(groups[2]["types"] == "7")  // building a safe china the <term> guides
        #expect(groups[1]["first_date"] == "2024-12-01")
    }

    @Test func runManifestRecordsVersionsHashesAndOutputs() throws {
        let folder = try readouts()
        let result = try CLI.run(["ngrams", folder.path("corpus"), "--by", "session", "--terms", folder.path("terms.txt"),
                                  "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("out/run.json"))) as! [String: Any]
        #expect(manifest["tool"] as? String == "discourse")
        #expect((manifest["icu_version"] as? String)?.isEmpty == false)
        #expect((manifest["unicode_version"] as? String)?.isEmpty == false)
        let documents = manifest["documents"] as! [[String: Any]]
        #expect(documents.map { $0["doc_id"] as! String } == ["s19", "s2", "s18"])
        #expect(documents.map { $0["tokens"] as! Int } == [9, 4, 3])
        #expect(documents[1]["sha256"] as? String == sha256sum(folder.path("corpus/texts/s2.txt")))
        let outputs = manifest["outputs"] as! [[String: Any]]
        #expect(outputs.map { $0["file"] as! String } == ["ngrams.csv", "ngrams.csv-metadata.json", "groups.csv", "groups.csv-metadata.json"])
        #expect(outputs[0]["sha256"] as? String == sha256sum(folder.path("out/ngrams.csv")))
        #expect(outputs[1]["sha256"] as? String == sha256sum(folder.path("out/ngrams.csv-metadata.json")))
        #expect(outputs[2]["rows"] as? Int == 3)
        #expect(outputs[3]["rows"] as? Int == 7)  // a metadata file's items: the table's columns
        #expect(try !FileManager.default.contentsOfDirectory(atPath: folder.path("out")).contains { $0.hasPrefix(".") })
    }

    @Test func sameInputGivesByteIdenticalFiles() throws {
        let folder = try readouts()
        for out in ["a", "b"] {
            let result = try CLI.run(["ngrams", folder.path("corpus"), "--n", "1-3", "--by", "date", "--out", folder.path(out)])
            #expect(result.status == 0)
        }
        for file in ["ngrams.csv", "groups.csv"] {
            #expect(try folder.read("a/\(file)") == folder.read("b/\(file)"))
        }
    }

    @Test func tokensTableHasCodePointOffsetsAndKinds() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", "𝐀𝐁 cafe\u{301}, 2024 国家")
        let result = try CLI.run(["tokens", folder.path("c"), "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = parseCSV(result.text)
        #expect(rows[0] == ["doc_id", "sentence", "position", "start", "end", "surface", "form", "kind"])
        // NFC text: 𝐀𝐁 (2 code points, 4 UTF-16 units) space café , space 2024 space 国家
        #expect(rows[1] == ["a", "0", "0", "0", "2", "𝐀𝐁", "ab", "letter"])
        #expect(rows[2] == ["a", "0", "1", "3", "7", "café", "café", "letter"])
        #expect(rows[3] == ["a", "0", "2", "9", "13", "2024", "2024", "number"])
        #expect(rows[4] == ["a", "0", "3", "14", "16", "国家", "国家", "ideographic"])
        #expect(rows.count == 5)
    }

    @Test func standardOutputCarriesTheMainTableOnly() throws {
        let folder = try readouts()
        let piped = try CLI.run(["ngrams", folder.path("corpus"), "--by", "session", "--out", "-"])
        #expect(piped.status == 0)
        let written = try CLI.run(["ngrams", folder.path("corpus"), "--by", "session", "--out", folder.path("out")])
        #expect(written.status == 0)
        #expect(piped.text == (try folder.read("out/ngrams.csv")))
    }

    @Test func excelOutputHasBOMCRLFAndFormulaGuard() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,speaker\na,=HYPERLINK(x)\nb,Plain\n")
        try folder.write("c/a.txt", "one two")
        try folder.write("c/b.txt", "three")
        let result = try CLI.run(["ngrams", folder.path("c"), "--by", "speaker", "--excel", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = [UInt8](try Data(contentsOf: folder.url.appendingPathComponent("out/groups.csv")))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("group,docs,tokens,sentences,types,first_date,last_date\r\n"))
        #expect(text.contains("\r\n'=HYPERLINK(x),1,2,1,2,,\r\n"))
    }

    @Test func csvAndJSONLinesCorporaAndBareFolders() throws {
        let folder = try TemporaryFolder()
        try folder.write("c.csv", "doc_id,year,text\nx,2001,\"Safe, safe\nChina\"\ny,2000,China\n")
        try folder.write("c.jsonl", "{\"id\": \"x\", \"year\": 2001, \"text\": \"Safe, safe\\nChina\"}\n\n{\"id\": \"y\", \"year\": 2000, \"text\": \"China\"}\n")
        try folder.write("bare/x.txt", "Safe, safe\nChina")
        try folder.write("bare/y.txt", "China")
        for (source, by) in [("c.csv", "year"), ("c.jsonl", "year"), ("bare", "doc_id")] {
            let result = try CLI.run(["ngrams", folder.path(source), "--by", by, "--out", "-"])
            #expect(result.status == 0, "\(source): \(result.stderr)")
            let rows = records(result.text)
            let expectedGroups = by == "year" ? ["2000", "2001", "2001"] : ["x", "x", "y"]
            #expect(rows.map { $0["group"]! } == expectedGroups, "\(source)")
            #expect(rows.map { $0["ngram"]! } == (by == "year" ? ["china", "safe", "china"] : ["safe", "china", "china"]), "\(source)")
        }
    }

    @Test func legacyEncodingAndStripPatterns() throws {
        let folder = try TemporaryFolder()
        // GB18030 bytes of "安全[1]发展" (安 B0B2, 全 C8AB, 发 B7A2, 展 D5B9).
        try folder.write("c/a.txt", bytes: [0xB0, 0xB2, 0xC8, 0xAB, 0x5B, 0x31, 0x5D, 0xB7, 0xA2, 0xD5, 0xB9])
        let result = try CLI.run(["tokens", folder.path("c"), "--encoding", "gb18030", "--strip", "\\[\\d+\\]",
                                  "--lang", "zh", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(records(try folder.read("out/tokens.csv")).map { $0["form"]! } == ["安全", "发展"])
        #expect(try folder.read("out/run.json").contains("\"code_points_removed\": 3"))
    }

    @Test func identicalTextsAreReported() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", "same text")
        try folder.write("c/b.txt", "same text")
        try folder.write("c/e.txt", "")
        try folder.write("c/f.txt", "")
        let result = try CLI.run(["ngrams", folder.path("c"), "--out", "-"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("identical texts: a, b"))
        #expect(!result.stderr.contains("e, f"))  // empty texts are not copies of each other
    }

    @Test func stopwordsBuiltInListsApply() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", "The security of the people.")
        let result = try CLI.run(["ngrams", folder.path("c"), "--n", "1-2", "--stopwords", "en", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(records(result.text).map { $0["ngram"]! } == ["people", "security"])
    }

    @Test func helpReadsAsAResearcherWouldWant() throws {
        let result = try CLI.run(["ngrams", "--help"])
        #expect(result.status == 0)
        for phrase in ["--by", "--min-count", "--out", "--excel", "--stats", "--terms", "--stopwords", "--encoding"] {
            #expect(result.text.contains(phrase), "\(phrase)")
        }
    }

    @Test func statsGoToStandardError() throws {
        let folder = try readouts()
        let result = try CLI.run(["ngrams", folder.path("corpus"), "--stats", "--out", "-"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("tokens/s"))
        #expect(result.stderr.contains("MB/s"))
        #expect(result.text.hasPrefix("group,n,ngram"))
    }
}

func sha256sum(_ path: String) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try? process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}
