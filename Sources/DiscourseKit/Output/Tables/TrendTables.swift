/// `trends.csv` and `trend_stats.csv` (SPEC §6).
public enum TrendTables {
    public static let trendsHeader = ["group", "term", "count", "per_million", "doc_freq"]
    public static let statsHeader = ["term", "mk_tau", "mk_z", "mk_p", "mk_q", "sen_slope", "poisson_slope", "poisson_p",
                                     "dispersion", "quasi_p", "g2_uniform", "uniform_p", "dp", "first_group", "last_group",
                                     "peak_group", "groups_present"]

    /// `trends.csv`, one part per group: every tracked term, zero rows included; per_million
    /// is empty for a group without tokens.
    public static func trends(_ result: TrendResult, format: CSVFormat) -> OutputTable {
        OutputTable(table: "trends", header: trendsHeader, parts: result.counts.groups.count) { g in
            var buffer = CSVBuffer.body(format: format, reserve: result.termCount * 40)
            let label = CSVBuffer.escaped(result.counts.groups[g].label, format: format)
            let tokens = Double(result.counts.groupTokens[g])
            let row = result.row(group: g)
            for t in 0..<result.termCount {
                let (count, documents) = (row.counts[t], row.documents[t])
                buffer.escaped(label)
                buffer.text(result.text(t))
                buffer.int(count)
                if tokens > 0 { buffer.real(Double(count) / tokens * 1_000_000) } else { buffer.missing() }
                buffer.int(documents)
                buffer.endRow()
            }
            return [buffer]
        }
    }

    /// `trend_stats.csv`: one row per tracked term, in code point order; `mk_q` adjusts `mk_p`
    /// over all terms (Benjamini–Hochberg).
    public static func statistics(_ result: TrendResult, format: CSVFormat) -> OutputTable {
        OutputTable(table: "trend_stats", header: statsHeader, format: format) { buffer in
            let labels = result.counts.groups.map(\.label)
            for (t, s) in result.statistics.enumerated() {
                buffer.text(result.text(t))
                buffer.real(s.mannKendall?.tau)
                buffer.real(s.mannKendall?.z)
                buffer.real(s.mannKendall?.p)
                buffer.real(result.mkQ[t])
                buffer.real(s.senSlope)
                buffer.real(s.poisson?.slope)
                buffer.real(s.poisson?.p)
                buffer.real(s.poisson?.dispersion)
                buffer.real(s.poisson?.quasiP)
                buffer.real(s.uniform?.g2)
                buffer.real(s.uniform?.p)
                buffer.real(s.dp)
                for group in [s.firstGroup, s.lastGroup, s.peakGroup] {
                    if let group { buffer.text(labels[group]) } else { buffer.missing() }
                }
                buffer.int(s.groupsPresent)
                buffer.endRow()
            }
        }
    }
}
