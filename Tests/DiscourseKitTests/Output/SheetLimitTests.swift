import Foundation
import Testing
@testable import DiscourseKit

/// `--excel` warns when a table has more rows than a spreadsheet sheet holds (1,048,576 with
/// the header); plain CSV does not.
struct SheetLimitTests {
    func table(rows: Int) -> OutputTable {
        OutputTable(table: "ngrams", header: ["n"], parts: 1, unit: "tables") { _ in
            var buffer = CSVBuffer.body(format: CSVFormat(excel: true), reserve: rows * 9)
            for i in 0..<rows {
                buffer.int(i)
                buffer.endRow()
            }
            return [buffer]
        }
    }

    @Test func aTableLongerThanASheetIsReportedOnlyUnderExcel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sheet-limit-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let excel = try OutputWriter(destination: .folder(folder), format: CSVFormat(excel: true), mainFile: "fits.csv")
        defer { excel.abandon() }
        try excel.write("fits.csv", table(rows: 1_048_575))
        #expect(excel.warnings.isEmpty)
        try excel.write("long.csv", table(rows: 1_048_576))
        #expect(excel.warnings == ["long.csv has 1048576 rows, more than a spreadsheet sheet holds (1048576 rows with the header): Excel and LibreOffice Calc load only the first 1048575; narrow it (--min-count, --n, --where) or read it in R or pandas"])
        let plain = try OutputWriter(destination: .folder(folder + "-plain"), format: CSVFormat(), mainFile: "long.csv")
        defer { plain.abandon(); try? FileManager.default.removeItem(atPath: folder + "-plain") }
        try plain.write("long.csv", table(rows: 1_048_576))
        #expect(plain.warnings.isEmpty)
    }
}
