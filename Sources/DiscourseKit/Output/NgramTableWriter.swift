/// `ngrams.csv` and `groups.csv` (SPEC §3).
public enum NgramTableWriter {
    public static let ngramsHeader = ["group", "n", "ngram", "count", "doc_freq", "per_million"]
    public static let groupsHeader = ["group", "docs", "tokens", "sentences", "types", "first_date", "last_date"]

    /// `ngrams.csv`: rows in group order, then n, descending count, n-gram text; one buffer
    /// per group, rendered in parallel.
    ///
    /// per_million = count / tokens(group) × 1,000,000, computed in that order (as R's
    /// `count / tokens * 1e6` does), so that the doubles match a researcher's own.
    public static func renderNgrams(_ counts: NgramCounts, format: CSVFormat) -> [CSVBuffer] {
        // Each form's UTF-8 bytes once, and whether any needs the CSV escaper.
        let forms = counts.vocabulary.forms.map { Array($0.utf8) }
        let bodies = ParallelMap.run(counts.groups.count) { g -> CSVBuffer in
            let group = counts.groups[g]
            let label = CSVBuffer.escaped(group.group.label, format: format)
            var buffer = CSVBuffer.body(format: format)
            var ngram: [UInt8] = []
            for (t, table) in group.tables.enumerated() {
                let rows = counts.rows(group, tableIndex: t)
                for entry in rows {
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
                    buffer.real(Double(table.counts[entry]) / Double(group.tokens) * 1_000_000)
                    buffer.endRow()
                }
            }
            return buffer
        }
        return [CSVBuffer(format: format, header: ngramsHeader)] + bodies
    }

    /// `groups.csv`: one row per group in group order.
    public static func renderGroups(_ counts: NgramCounts, format: CSVFormat) -> CSVBuffer {
        var buffer = CSVBuffer(format: format, header: groupsHeader)
        for group in counts.groups {
            buffer.text(group.group.label)
            buffer.int(group.group.documents.count)
            buffer.int(group.tokens)
            buffer.int(group.sentences)
            buffer.int(group.types)
            if let first = group.group.firstDate { buffer.text(first) } else { buffer.missing() }
            if let last = group.group.lastDate { buffer.text(last) } else { buffer.missing() }
            buffer.endRow()
        }
        return buffer
    }
}
