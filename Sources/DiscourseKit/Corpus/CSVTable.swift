/// A strict RFC 4180 reader for metadata and CSV corpora.
///
/// The CSV packages at hand are lenient (an unterminated quote silently swallows the rest of
/// the file) and report no line numbers; a researcher's malformed `metadata.csv` deserves a
/// message naming the line, so this small reader is strict: every record must have as many
/// fields as the header, and a quote may only open a field and close it.
struct CSVTable {
    /// The header's column names, in order.
    let columns: [String]
    /// The records after the header, each with the line it starts on (1-based).
    let rows: [(line: Int, fields: [String])]

    /// Parses `text`. A leading BOM is ignored, CRLF and LF both end records, and a final line
    /// end is optional. Lines that are entirely empty are skipped.
    ///
    /// - Throws: `DiscourseError` naming `source` and the line of the first problem.
    init(parsing text: String, source: String) throws(DiscourseError) {
        var columns: [String] = []
        var rows: [(line: Int, fields: [String])] = []
        try Self.forEachRow(parsing: text, source: source) { columns = $0 } row: { rows.append(($0, $1)) }
        self.columns = columns
        self.rows = rows
    }

    /// Parses `text` as `init(parsing:source:)` does, handing over the header's column names
    /// and then each record with its line, so that a large table (the `metadata.csv` of
    /// 300,000 documents) is never held whole. The text is read twice: a malformed file is
    /// reported (quotes, then the header, then the first record with the wrong number of
    /// fields) before any row is handed over, as when the table is parsed whole.
    static func forEachRow(parsing text: String, source: String, header: ([String]) throws(DiscourseError) -> Void,
                           row: (_ line: Int, _ fields: [String]) throws(DiscourseError) -> Void) throws(DiscourseError) {
        let bytes = Array(text.utf8)
        var first: [String]?
        var miscounted: DiscourseError?
        try records(bytes, source: source) { line, fields in
            guard let first else {
                first = fields
                return
            }
            if miscounted == nil && fields.count != first.count {
                miscounted = DiscourseError("\(source) line \(line): \(fields.count) fields, but the header has \(first.count)")
            }
        }
        guard let first else { throw DiscourseError("\(source): the file is empty; it needs a header row") }
        let columns = first.map { $0.trimmingSpaces() }
        var seen: Set<String> = []
        for column in columns {
            if column.isEmpty { throw DiscourseError("\(source) line 1: a column has no name") }
            if !seen.insert(column).inserted {
                throw DiscourseError("\(source) line 1: the column '\(column)' appears twice")
            }
        }
        if let miscounted { throw miscounted }
        try header(columns)
        var isHeader = true
        try records(bytes, source: source) { (line: Int, fields: [String]) throws(DiscourseError) in
            if isHeader { isHeader = false } else { try row(line, fields) }
        }
    }

    /// Each non-empty record of the bytes with the line it starts on; throws for a misplaced
    /// or unclosed quote.
    private static func records(_ bytes: [UInt8], source: String,
                                _ record: (_ line: Int, _ fields: [String]) throws(DiscourseError) -> Void) throws(DiscourseError) {
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var quoted = false      // inside a quoted field
        var quoteLine = 1       // where the open quote began
        var wasQuoted = false   // the current field was quoted (and has closed)
        var fieldStart = true
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            fieldStart = true
        }
        func endRecord() throws(DiscourseError) {
            endField()
            defer { fields.removeAll(keepingCapacity: true) }
            if fields.count == 1 && fields[0].isEmpty { return }
            try record(recordLine, fields)
        }

        while i < bytes.count {
            let byte = bytes[i]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        i += 2
                        continue
                    }
                    quoted = false
                    wasQuoted = true
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                i += 1
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\r") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n"):
                i += 1
                fallthrough
            case UInt8(ascii: "\n"):
                try endRecord()
                line += 1
                recordLine = line
            case UInt8(ascii: "\""):
                guard fieldStart else {
                    throw DiscourseError("\(source) line \(line): a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
                }
                quoted = true
                quoteLine = line
                fieldStart = false
            default:
                if wasQuoted {
                    throw DiscourseError("\(source) line \(line): text after a closing quote; a quoted field must end at a comma or line end")
                }
                field.append(byte)
                fieldStart = false
            }
            i += 1
        }
        if quoted {
            throw DiscourseError("\(source) line \(quoteLine): a quoted field opens here and is never closed")
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { try endRecord() }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
