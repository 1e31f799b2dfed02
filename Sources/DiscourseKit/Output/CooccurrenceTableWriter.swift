/// `cooccur.csv` and `collocates.csv` (SPEC §4): node, collocate, O11, R1, C1, N, E11, then
/// the chosen measures in SPEC order; with a leading `group` column when grouped.
public enum CooccurrenceTableWriter {
    /// The header for the chosen measures.
    public static func header(measures: [AssociationMeasure], grouped: Bool) -> [String] {
        (grouped ? ["group"] : []) + ["node", "collocate", "o11", "r1", "c1", "total", "e11"] + measures.map(\.column)
    }

    /// One group's rows, in chunks rendered in parallel when there are many.
    public static func renderChunks(_ rows: [CooccurrenceRow], group: String?, measures: [AssociationMeasure],
                                    vocabulary: VocabularyTable, format: CSVFormat) -> [CSVBuffer] {
        let chunk = 20_000
        guard rows.count > chunk else {
            return [render(rows[...], group: group, measures: measures, vocabulary: vocabulary, format: format)]
        }
        return ParallelMap.run((rows.count + chunk - 1) / chunk) { c in
            render(rows[c * chunk ..< min(rows.count, (c + 1) * chunk)], group: group, measures: measures,
                   vocabulary: vocabulary, format: format)
        }
    }

    /// Rows as one buffer.
    public static func render(_ rows: ArraySlice<CooccurrenceRow>, group: String?, measures: [AssociationMeasure],
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
}
