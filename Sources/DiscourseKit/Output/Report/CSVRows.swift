/// The rows of a CSV table as this tool writes it (RFC 4180; a BOM and CRLF line ends from
/// `--excel` are accepted), read back for the report. A row can be skipped on its first
/// field before the others are decoded, so that the report reads one comparison of a large
/// keyness table cheaply.
struct CSVRows {
    let header: [String]
    let rows: [[String]]

    /// - Parameters:
    ///   - keep: decides from a row's first field whether to keep it; nil keeps every row.
    init(_ bytes: [UInt8], keep: ((String) -> Bool)? = nil) {
        var rows: [[String]] = []
        var header: [String]?
        var fields: [String] = []
        var field: [UInt8] = []
        var skipping = false
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var quoted = false
        func endField() {
            if !skipping {
                let text = String(decoding: field, as: UTF8.self)
                if fields.isEmpty, header != nil, let keep, !keep(text) { skipping = true } else { fields.append(text) }
            }
            field.removeAll(keepingCapacity: true)
        }
        func endRow() {
            endField()
            if !skipping {
                if header == nil { header = fields } else { rows.append(fields) }
            }
            fields.removeAll(keepingCapacity: true)
            skipping = false
        }
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                        if !skipping { field.append(byte) }
                        i += 1
                    } else {
                        quoted = false
                    }
                } else if !skipping {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): quoted = true
            case UInt8(ascii: ","): endField()
            case UInt8(ascii: "\r"): continue
            case UInt8(ascii: "\n"): endRow()
            default: if !skipping { field.append(byte) }
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        self.header = header ?? []
        self.rows = rows
    }

    /// The index of a column.
    func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Each row as a dictionary by column name.
    var records: [[String: String]] {
        rows.map { Dictionary(zip(header, $0), uniquingKeysWith: { first, _ in first }) }
    }
}
