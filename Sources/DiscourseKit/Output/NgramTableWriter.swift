/// `ngrams.csv` and `groups.csv` (SPEC §3).
public enum NgramTableWriter {
    public static let ngramsHeader = ["group", "n", "ngram", "count", "doc_freq", "per_million"]
    public static let groupsHeader = ["group", "docs", "tokens", "sentences", "types", "first_date", "last_date"]

    /// Writes `ngrams.csv` and `groups.csv`: rows in group order, then n, descending count,
    /// n-gram text. Groups are counted and rendered in parallel batches and streamed to the
    /// file, so the tables of all groups are never in memory at once.
    public static func write(_ counter: NgramCounter, to writer: OutputWriter) throws(DiscourseError) {
        let format = writer.format
        let forms = counter.vocabulary.forms.map { Array($0.utf8) }
        try writer.write("ngrams.csv", header: CSVBuffer(format: format, header: ngramsHeader),
                         parts: counter.grouping.groups.count) { g in
            render(counter.count(groups: g..<g + 1)[0], counter: counter, forms: forms, format: format)
        }
        try writer.write("groups.csv", [renderGroups(counter.summaries(), format: format)])
    }

    public static func renderOne(_ counter: NgramCounter, _ g: Int) -> CSVBuffer {
        let forms = counter.vocabulary.forms.map { Array($0.utf8) }
        return render(counter.count(groups: g..<g + 1)[0], counter: counter, forms: forms, format: CSVFormat())
    }

    /// One group's rows.
    ///
    /// per_million = count / tokens(group) × 1,000,000, computed in that order (as R's
    /// `count / tokens * 1e6` does), so that the doubles match a researcher's own.
    static func render(_ group: GroupNgramCounts, counter: NgramCounter, forms: [[UInt8]], format: CSVFormat) -> CSVBuffer {
        let label = CSVBuffer.escaped(group.summary.group.label, format: format)
        let rows = group.tables.indices.map { counter.rows(group, tableIndex: $0) }
        let estimate = zip(group.tables, rows).reduce(0) { $0 + $1.1.count * (label.count + 32 + 8 * $1.0.n) }
        var buffer = CSVBuffer.body(format: format, reserve: estimate)
        var ngram: [UInt8] = []
        let tokens = Double(group.summary.tokens)
        for (t, table) in group.tables.enumerated() {
            for entry in rows[t] {
                ngram.removeAll(keepingCapacity: true)
                for (i, id) in table.ids(of: entry).enumerated() {
                    if i > 0 { ngram.append(0x20) }
                    ngram.append(contentsOf: forms[Int(id)])
                }
                buffer.escaped(label)
                buffer.int(table.n)
                ngram.withUnsafeBufferPointer { buffer.text(utf8: $0) }
                buffer.int(table.counts[entry])
                buffer.int(Int(table.documentFrequencies[entry]))
                buffer.real(Double(table.counts[entry]) / tokens * 1_000_000)
                buffer.endRow()
            }
        }
        return buffer
    }

    /// `groups.csv`: one row per group in group order.
    public static func renderGroups(_ summaries: [GroupSummary], format: CSVFormat) -> CSVBuffer {
        var buffer = CSVBuffer(format: format, header: groupsHeader)
        for summary in summaries {
            buffer.text(summary.group.label)
            buffer.int(summary.group.documents.count)
            buffer.int(summary.tokens)
            buffer.int(summary.sentences)
            buffer.int(summary.types)
            if let first = summary.group.firstDate { buffer.text(first) } else { buffer.missing() }
            if let last = summary.group.lastDate { buffer.text(last) } else { buffer.missing() }
            buffer.endRow()
        }
        return buffer
    }
}
