/// `cooccur.csv`, `collocates.csv` and `collocate_changes.csv` (SPEC §4).
public enum CooccurrenceTables {
    /// node, collocate, O11, R1, C1, N, E11, then the chosen measures in SPEC order; with a
    /// leading `group` column when grouped.
    public static func header(measures: [AssociationMeasure], grouped: Bool) -> [String] {
        (grouped ? ["group"] : []) + ["node", "collocate", "o11", "r1", "c1", "total", "e11"] + measures.map(\.column)
    }

    public static let changesHeader = ["node", "previous_group", "group", "collocate", "change",
                                       "previous_rank", "rank", "previous_value", "value"]

    /// The pairs of every group, one part per group, counted when written, a few thousand
    /// rows at a time rendered in parallel chunks (a group counted from the texts within the
    /// memory budget is never whole in memory).
    public static func pairs(_ result: CollocationResult, format: CSVFormat) -> OutputTable {
        let measures = result.options.measureColumns
        let grouped = result.grouped
        return OutputTable(table: "cooccur", header: header(measures: measures, grouped: grouped), parts: result.grouping.groups.count) {
            g, emit throws(DiscourseError) in
            let group = grouped ? result.grouping.groups[g].label : nil
            var failure: DiscourseError?
            try result.forEachRows(group: g) { rows in
                guard failure == nil else { return }
                let chunk = 20_000
                let buffers = rows.count <= chunk
                    ? [render(rows[...], group: group, measures: measures, vocabulary: result.vocabulary, format: format)]
                    : ParallelMap.run((rows.count + chunk - 1) / chunk) { c in
                        render(rows[c * chunk ..< min(rows.count, (c + 1) * chunk)], group: group, measures: measures,
                               vocabulary: result.vocabulary, format: format)
                    }
                do throws(DiscourseError) { try emit(buffers) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    /// Rows as one buffer.
    static func render(_ rows: ArraySlice<CooccurrenceRow>, group: String?, measures: [AssociationMeasure],
                       vocabulary: VocabularyTable, format: CSVFormat) -> CSVBuffer {
        var buffer = CSVBuffer.body(format: format, reserve: rows.count * (48 + 20 * measures.count))
        let label = group.map { CSVBuffer.escaped($0, format: format) }
        for row in rows {
            if let label { buffer.escaped(label) }
            buffer.text(vocabulary.forms[Int(row.node)])
            buffer.text(vocabulary.forms[Int(row.collocate)])
            buffer.int(Int(row.table.o11))
            buffer.int(Int(row.table.r1))
            buffer.int(Int(row.table.c1))
            buffer.int(Int(row.table.n))
            buffer.real(row.table.e11)
            for measure in measures { buffer.real(measure.value(row.table)) }
            buffer.endRow()
        }
        return buffer
    }

    /// `collocate_changes.csv`: ranks are 1-based positions in each group's full ranking by
    /// the measure (empty when the pair has no row in that group).
    public static func changes(_ result: CollocationResult, format: CSVFormat) -> OutputTable {
        OutputTable(table: "collocate_changes", header: changesHeader, format: format) { buffer in
            let forms = result.vocabulary.forms
            for change in result.changes() {
                buffer.text(forms[Int(change.node)])
                buffer.text(change.previousGroup)
                buffer.text(change.group)
                buffer.text(forms[Int(change.collocate)])
                buffer.text(change.change)
                if let rank = change.previousRank { buffer.int(rank) } else { buffer.missing() }
                if let rank = change.rank { buffer.int(rank) } else { buffer.missing() }
                buffer.real(change.previousValue)
                buffer.real(change.value)
                buffer.endRow()
            }
        }
    }
}
