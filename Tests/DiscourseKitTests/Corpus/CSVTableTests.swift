import Testing
@testable import DiscourseKit

struct CSVTableTests {
    @Test func parsesQuotesDoubledQuotesNewlinesAndCRLF() throws {
        let table = try CSVTable(parsing: "\u{FEFF}doc_id,title\r\na,\"Hello, \"\"world\"\"\"\r\nb,\"two\nlines\"\n\nc,\n", source: "m.csv")
        #expect(table.columns == ["doc_id", "title"])
        #expect(table.rows.map(\.fields) == [["a", "Hello, \"world\""], ["b", "two\nlines"], ["c", ""]])
        #expect(table.rows.map(\.line) == [2, 3, 6])
    }

    @Test func lastLineWithoutNewlineIsRead() throws {
        let table = try CSVTable(parsing: "a,b\n1,2", source: "m.csv")
        #expect(table.rows.map(\.fields) == [["1", "2"]])
    }

    @Test(arguments: [
        ("doc_id,date\na,\"2020\n", "m.csv line 2: a quoted field opens here and is never closed"),
        ("doc_id,date\na,2020\nb\n", "m.csv line 3: 1 fields, but the header has 2"),
        ("doc_id,date\na,20\"20\n", "m.csv line 2: a quote inside an unquoted field"),
        ("doc_id,date\na,\"2020\"x\n", "m.csv line 2: text after a closing quote"),
        ("", "m.csv: the file is empty"),
        ("doc_id,doc_id\n", "m.csv line 1: the column 'doc_id' appears twice"),
    ])
    func malformedFilesNameTheLine(text: String, message: String) {
        let error = #expect(throws: DiscourseError.self) { try CSVTable(parsing: text, source: "m.csv") }
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }
}
