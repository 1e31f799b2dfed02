import Foundation
import Testing
@testable import DiscourseKit

/// The report reads tables a chunk at a time: rows split across chunks, quoted fields with
/// line ends, commas and doubled quotes inside, a BOM and CRLF line ends come out as whole.
@Suite struct CSVRowStreamTests {
    /// A BOM, CRLF line ends (as --excel writes), a quoted field across a line end, "" and an
    /// empty last field, and no line end after the last row.
    let text = "\u{FEFF}term,left,n\r\n\"a,b\",\"say \"\"hi\"\"\nthere\",3\r\n新质生产力,,\r\nlast,x,9"
    let expected = [["term", "left", "n"], ["a,b", "say \"hi\"\nthere", "3"], ["新质生产力", "", ""], ["last", "x", "9"]]

    @Test(arguments: [1, 2, 3, 7, 16, 1 << 20])
    func rowsAreTheSameWhateverTheChunkSize(chunk: Int) throws {
        let path = FileManager.default.temporaryDirectory.path + "/csvrowstream-\(UUID().uuidString).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rows: [[String]] = []
        var seen: [UInt8] = []
        try CSVRowStream.forEach(path: path, name: "t.csv", chunk: chunk, update: { seen += $0 }) { fields in
            rows.append(fields.map { String(decoding: $0, as: UTF8.self) })
        }
        #expect(rows == expected)
        #expect(seen == Array(text.utf8))
    }

    @Test func aMissingTableIsNamed() {
        #expect(throws: DiscourseError.self) {
            try CSVRowStream.forEach(path: "/nonexistent/t.csv", name: "keyness.csv", update: { _ in }) { _ in }
        }
    }
}
