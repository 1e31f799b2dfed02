/// `keyness.csv` (SPEC §5).
public enum KeynessTable {
    public static let header = ["comparison", "term", "target_count", "reference_count", "target_tokens",
                                "reference_tokens", "target_per_million", "reference_per_million", "g2", "chi2",
                                "p_value", "q_value", "log_ratio", "perc_diff", "bic"]

    /// One part per comparison, tested when rendered; a comparison with no tokens on one side
    /// has no rows.
    public static func table(_ result: KeynessResult, format: CSVFormat) -> OutputTable {
        OutputTable(table: "keyness", header: header, parts: result.comparisons.count, unit: "comparisons") { c in
            guard let rows = result.rows(c) else { return [CSVBuffer.body(format: format)] }
            return [render(rows, terms: result.counts.terms, format: format)]
        }
    }

    static func render(_ comparison: KeynessRows, terms: [String], format: CSVFormat) -> CSVBuffer {
        var buffer = CSVBuffer.body(format: format, reserve: comparison.rows.count * 200)
        let label = CSVBuffer.escaped(comparison.comparison.label, format: format)
        let (t, r) = (Double(comparison.targetTokens), Double(comparison.referenceTokens))
        for row in comparison.rows {
            let score = row.score
            buffer.escaped(label)
            buffer.text(terms[row.term])
            buffer.int(row.targetCount)
            buffer.int(row.referenceCount)
            buffer.int(comparison.targetTokens)
            buffer.int(comparison.referenceTokens)
            buffer.real(Double(row.targetCount) / t * 1_000_000)
            buffer.real(Double(row.referenceCount) / r * 1_000_000)
            buffer.real(score.g2)
            buffer.real(score.chi2)
            buffer.real(score.pValue)
            buffer.real(row.q)
            buffer.real(score.logRatio)
            buffer.real(score.percentDifference)
            buffer.real(score.bic)
            buffer.endRow()
        }
        return buffer
    }
}
