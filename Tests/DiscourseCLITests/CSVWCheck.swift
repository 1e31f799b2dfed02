import Foundation
import Testing

/// Checks a CSV file against the CSV on the Web metadata written beside it: the header names
/// the metadata's columns in order, and every cell is of its column's datatype (`integer`:
/// digits; `double`: a number Swift reads back; `string`: anything) and is empty only where
/// the column allows it (no `required: true`). Returns how many cells it checked.
@discardableResult
func checkAgainstCSVW(_ csvPath: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
    let metadataPath = csvPath + "-metadata.json"
    let data = try Data(contentsOf: URL(fileURLWithPath: metadataPath))
    let metadata = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], sourceLocation: sourceLocation)
    #expect(metadata["@context"] as? String == "http://www.w3.org/ns/csvw", sourceLocation: sourceLocation)
    #expect(metadata["url"] as? String == (csvPath as NSString).lastPathComponent, sourceLocation: sourceLocation)
    let schema = try #require(metadata["tableSchema"] as? [String: Any], sourceLocation: sourceLocation)
    let columns = try #require(schema["columns"] as? [[String: Any]], sourceLocation: sourceLocation)
    var text = try String(contentsOfFile: csvPath, encoding: .utf8)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let rows = parseCSV(text)
    let header = try #require(rows.first, sourceLocation: sourceLocation)
    #expect(header == columns.map { $0["name"] as? String ?? "?" }, "\(csvPath): header and metadata differ", sourceLocation: sourceLocation)
    var cells = 0
    var problems: [String] = []
    for (r, row) in rows.dropFirst().enumerated() {
        guard row.count == columns.count else {
            problems.append("row \(r + 1) has \(row.count) cells")
            continue
        }
        for (cell, column) in zip(row, columns) {
            cells += 1
            let name = column["name"] as? String ?? "?"
            if cell.isEmpty {
                if column["required"] as? Bool == true { problems.append("row \(r + 1), \(name): empty but required") }
                continue
            }
            switch column["datatype"] as? String {
            case "integer":
                if !cell.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) && !(cell.hasPrefix("-") && Int(cell) != nil) {
                    problems.append("row \(r + 1), \(name): \(cell) is not an integer")
                }
            case "double":
                if Double(cell) == nil || !Double(cell)!.isFinite { problems.append("row \(r + 1), \(name): \(cell) is not a double") }
            case "string":
                break
            default:
                problems.append("\(name): unknown datatype \(String(describing: column["datatype"]))")
            }
            if problems.count > 5 { break }
        }
        if problems.count > 5 { break }
    }
    #expect(problems.isEmpty, "\(csvPath): \(problems.joined(separator: "; "))", sourceLocation: sourceLocation)
    return cells
}
