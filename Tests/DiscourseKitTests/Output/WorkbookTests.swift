import Foundation
import Testing
@testable import DiscourseKit

/// `--xlsx`: the CSV rows read back, and a table longer than a sheet split over sheets with
/// the header on each; the workbook's XML read with unzip.
struct WorkbookTests {
    @Test func csvRowsUndoQuotingAndKeepEmptyFields() {
        let bytes = Array("\u{FEFF}a,b,c\r\n\"x, \"\"y\"\"\",,3\r\n,\"\",\n".utf8)
        var rows: [[String]] = []
        CSVRowStream.forEach(bytes) { rows.append($0.map { String(decoding: $0, as: UTF8.self) }) }
        #expect(rows == [["a", "b", "c"], ["x, \"y\"", "", "3"], ["", "", ""]])
        #expect(CSVRowStream.unguarded("'=SUM(A1)") == "=SUM(A1)")
        #expect(CSVRowStream.unguarded("'quoted") == nil)
    }

    static let hasUnzip = FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip")

    /// A file inside the workbook.
    func part(_ workbook: String, _ name: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", workbook, name]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: hasUnzip, "needs unzip")) func aLongTableContinuesOnAnotherSheetWithItsHeader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = Workbook.sheetRows  // one more data row than a sheet holds under its header
        var csv = Array("group,n\n".utf8)
        csv.reserveCapacity(rows * 8)
        for i in 0..<rows { csv += Array("=g\(i % 3),\(i)\n".utf8) }
        let columns = ColumnCatalog.columns(table: "ngrams", header: ["group", "n"])
        let path = folder + "/tables.xlsx"
        let (warnings, written) = try WorkbookExport.write(path: path, tables: [("ngrams_by_year.csv", columns)], bytes: { _ in csv },
                                                           excel: false) { _ in }
        #expect(written == rows)
        #expect(warnings.count == 1 && warnings[0].hasPrefix("ngrams_by_year.csv has 1048576 rows, more than a sheet holds"))
        let book = try part(path, "xl/workbook.xml")
        #expect(book.contains("name=\"ngrams_by_year\"") && book.contains("name=\"ngrams_by_year (2)\""))
        // The second sheet: the header again, then the last data row (n = 1048575) as a number,
        // and the formula-looking label as text.
        let second = try part(path, "xl/worksheets/sheet2.xml")
        #expect(second.contains("<c r=\"A1\" t=\"inlineStr\"><is><t>group</t></is></c>"))
        #expect(second.contains("<c r=\"A2\" t=\"inlineStr\"><is><t>=g\((rows - 1) % 3)</t></is></c><c r=\"B2\"><v>\(rows - 1)</v></c>"))
        #expect(!second.contains("<f>"))
        #expect(!second.contains("r=\"A3\""))
    }
}
