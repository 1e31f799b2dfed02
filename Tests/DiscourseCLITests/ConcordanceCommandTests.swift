import Foundation
import Testing

/// `kwic` (SPEC §7) on texts whose contexts are worked out by hand.
@Suite struct ConcordanceCommandTests {
    @Test func ngramNodeWithContextsInsideTheDocument() throws {
        let folder = try TemporaryFolder()
        // Tokens: Safe(0) China(1) | We(2) build(3) a(4) safe(5) China(6) and(7) safe(8) people(9)
        try folder.write("c/d.txt", "Safe China. We build a safe  China, and safe people.")
        let result = try CLI.run(["kwic", folder.path("c"), "--node", "safe china", "--window", "2", "--lang", "en", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(parseCSV(result.text) == [
            ["doc_id", "sentence", "token_start", "token_end", "left", "match", "right"],
            ["d", "0", "0", "2", "", "Safe China", ". We build"],
            ["d", "1", "5", "7", "build a", "safe China", ", and safe"],
        ])
    }

    @Test func termNodesChineseAndGroups() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,session,lang\nb,2,zh\na,1,zh\n")
        try folder.write("c/a.txt", "我们的国家。我们的人民。")
        try folder.write("c/b.txt", "坚持总体国家安全观。")
        try folder.write("terms.txt", "总体国家安全观\n")
        let result = try CLI.run(["kwic", folder.path("c"), "--node", "国家", "--node", "总体国家安全观", "--window", "1",
                                  "--by", "session", "--terms", folder.path("terms.txt"), "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        // Session 1 first: 我们 的 [国家] 。我们 — the right context runs into the next sentence.
        #expect(parseCSV(result.text) == [
            ["doc_id", "group", "sentence", "token_start", "token_end", "left", "match", "right"],
            ["a", "1", "0", "2", "3", "的", "国家", "。我们"],
            ["b", "2", "0", "1", "2", "坚持", "总体国家安全观", ""],
        ])
    }

    @Test func missingNodesWarnAndNoNodeIsAUsageError() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/d.txt", "Safe China.")
        let result = try CLI.run(["kwic", folder.path("c"), "--node", "unicorn", "--out", "-"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("node(s) not in the corpus: unicorn"))
        #expect(parseCSV(result.text).count == 1)
        let usage = try CLI.run(["kwic", folder.path("c"), "--out", "-"])
        #expect(usage.status != 0)
    }
}
