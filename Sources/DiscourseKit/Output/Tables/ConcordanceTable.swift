/// `kwic.csv` (SPEC §7).
public enum ConcordanceTable {
    public static func header(grouped: Bool) -> [String] {
        ["doc_id"] + (grouped ? ["group"] : []) + ["sentence", "token_start", "token_end", "left", "match", "right"]
    }

    /// One part per document (or per group when lines are limited per group).
    public static func table(_ result: ConcordanceResult, format: CSVFormat) -> OutputTable {
        OutputTable(table: "kwic", header: header(grouped: result.grouped), parts: result.partCount,
                    unit: result.options.limit == nil ? "documents" : "groups") { p in
            var buffer = CSVBuffer.body(format: format)
            for line in result.lines(part: p) {
                buffer.text(line.documentID)
                if let group = line.group { buffer.text(group) }
                buffer.int(line.sentence)
                buffer.int(line.tokenStart)
                buffer.int(line.tokenEnd)
                buffer.text(line.left)
                buffer.text(line.match)
                buffer.text(line.right)
                buffer.endRow()
            }
            return [buffer]
        }
    }
}
