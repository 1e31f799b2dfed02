/// The rows of a CSV table as this tool writes it (RFC 4180; a BOM and CRLF line ends from
/// `--excel` are accepted), read back for the report. A row can be skipped on its first
/// field before the others are decoded, so that the report reads one comparison of a large
/// keyness table cheaply.
struct CSVRows {
    let header: [String]
    let rows: [[String]]

    /// The rows of the file at `path` (`name` in messages), read a megabyte at a time, each
    /// byte handed to `hasher`.
    ///
    /// - Parameters:
    ///   - keep: decides from a row's first field whether to keep it; nil keeps every row.
    /// - Throws: `DiscourseError` when the file cannot be read.
    init(path: String, name: String, keep: ((String) -> Bool)? = nil, hasher: SHA256Digest) throws(DiscourseError) {
        var header: [String]?
        var rows: [[String]] = []
        try CSVRowStream.forEach(path: path, name: name, update: { hasher.update($0) }) { fields in
            guard header != nil else {
                header = fields.map { String(decoding: $0, as: UTF8.self) }
                return
            }
            if let keep, let first = fields.first, !keep(String(decoding: first, as: UTF8.self)) { return }
            rows.append(fields.map { String(decoding: $0, as: UTF8.self) })
        }
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
