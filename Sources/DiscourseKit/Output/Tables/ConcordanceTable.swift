/// `kwic.csv` (SPEC §7).
public enum ConcordanceTable {
    public static func header(grouped: Bool) -> [String] {
        ["doc_id"] + (grouped ? ["group"] : []) + ["sentence", "token_start", "token_end", "left", "match", "right"]
    }

    /// One part per document (or per group when lines are limited per group); a chunk of
    /// documents, streamed, when the texts are read again.
    public static func table(_ result: ConcordanceResult, format: CSVFormat) -> OutputTable {
        let header = header(grouped: result.grouped)
        guard result.readsTexts else {
            return OutputTable(table: "kwic", header: header, parts: result.partCount, unit: result.partUnit) { p in
                // Lines found in the tokens held: nothing is read, nothing can fail.
                [rows(try! result.lines(part: p), format: format)]
            }
        }
        return OutputTable(table: "kwic", header: header, parts: result.partCount, unit: result.partUnit) {
            (p: Int, emit: ([CSVBuffer]) throws(DiscourseError) -> Void) throws(DiscourseError) in
            try emit([rows(try result.lines(part: p), format: format)])
        }
    }

    static func rows(_ lines: [ConcordanceLine], format: CSVFormat) -> CSVBuffer {
        var buffer = CSVBuffer.body(format: format)
        for line in lines {
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
        return buffer
    }
}
