/// `trends.csv` and `trend_stats.csv` (SPEC §6): each tracked term's series over the ordered
/// groups and the statistics of its change.
public struct TrendAnalysis: Sendable {
    public static let trendsHeader = ["group", "term", "count", "per_million", "doc_freq"]
    public static let statsHeader = ["term", "mk_tau", "mk_z", "mk_p", "mk_q", "sen_slope", "poisson_slope", "poisson_p",
                                     "dispersion", "quasi_p", "g2_uniform", "uniform_p", "dp", "first_group", "last_group",
                                     "peak_group", "groups_present"]

    public let counts: TermCounts
    /// Tracked term indices in code point order of their text; negative for a tracked term
    /// that does not occur (its text in `absent`).
    public let tracked: [Int]
    /// Texts of tracked terms that do not occur in the corpus.
    public let absent: [Int: String]
    /// counts[t][g] and documents[t][g] of tracked term t (position in `tracked`).
    let matrix: [[Int]]
    let documentMatrix: [[Int]]

    /// Tracks `terms` (texts as they would appear in `ngrams.csv`; absent ones give zero rows),
    /// or, when nil, every term whose total count is at least `minCount`.
    public init(_ counts: TermCounts, terms: [String]?, minCount: Int) {
        self.counts = counts
        var tracked: [Int] = []
        var absent: [Int: String] = [:]
        if let terms {
            let index = counts.termIndex()
            for (i, text) in Set(terms).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if let term = index[text] { tracked.append(term) } else {
                    tracked.append(-1 - i)
                    absent[-1 - i] = text
                }
            }
        } else {
            tracked = counts.totals.indices.filter { counts.totals[$0] >= minCount }
                .sorted { counts.terms[$0].utf8.lexicographicallyPrecedes(counts.terms[$1].utf8) }
        }
        var position = [Int: Int]()
        for (i, term) in tracked.enumerated() where term >= 0 { position[term] = i }
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: counts.groups.count), count: tracked.count)
        var documentMatrix = matrix
        for (g, list) in counts.groupCounts.enumerated() {
            for item in list {
                if let t = position[Int(item.term)] {
                    matrix[t][g] = item.count
                    documentMatrix[t][g] = item.documents
                }
            }
        }
        self.tracked = tracked
        self.absent = absent
        self.matrix = matrix
        self.documentMatrix = documentMatrix
    }

    /// The text of tracked term t.
    public func text(_ t: Int) -> String {
        tracked[t] >= 0 ? counts.terms[tracked[t]] : absent[tracked[t]]!
    }

    /// `trends.csv` rows of group g: every tracked term, zero rows included; per_million is
    /// empty for a group without tokens.
    public func renderTrends(group g: Int, format: CSVFormat) -> CSVBuffer {
        var buffer = CSVBuffer.body(format: format, reserve: tracked.count * 40)
        let label = CSVBuffer.escaped(counts.groups[g].label, format: format)
        let tokens = Double(counts.groupTokens[g])
        for t in tracked.indices {
            buffer.escaped(label)
            buffer.text(text(t))
            buffer.int(matrix[t][g])
            if tokens > 0 { buffer.real(Double(matrix[t][g]) / tokens * 1_000_000) } else { buffer.missing() }
            buffer.int(documentMatrix[t][g])
            buffer.endRow()
        }
        return buffer
    }

    /// One term's statistics.
    public struct Statistics: Sendable {
        public var mannKendall: MannKendall?
        public var senSlope: Double?
        public var poisson: PoissonTrend?
        public var uniform: (g2: Double, p: Double)?
        public var dp: Double?
        public var firstGroup: Int?
        public var lastGroup: Int?
        public var peakGroup: Int?
        public var groupsPresent: Int
    }

    /// The statistics of every tracked term (computed in parallel). Groups without tokens are
    /// left out of the series; the others keep their position (1, 2, ...) in group order.
    public func statistics() -> [Statistics] {
        let withTokens = counts.groups.indices.filter { counts.groupTokens[$0] > 0 }
        let positions = withTokens.map { Double($0 + 1) }
        let exposures = withTokens.map { Double(counts.groupTokens[$0]) }
        // Each tracked term's (count, tokens) in the documents that contain it, for DP.
        var trackedPosition = [Int: Int]()
        for (i, term) in tracked.enumerated() where term >= 0 { trackedPosition[term] = i }
        var perDocument = [[(count: Int, tokens: Int)]](repeating: [], count: tracked.count)
        for (d, list) in counts.documentCounts.enumerated() {
            for item in list {
                if let t = trackedPosition[Int(item.term)] { perDocument[t].append((item.count, counts.documentTokens[d])) }
            }
        }
        let totalTokens = counts.documentTokens.reduce(0, +)
        return ParallelMap.run(tracked.count) { t in
            let row = matrix[t]
            let values = withTokens.map { Double(row[$0]) / Double(counts.groupTokens[$0]) * 1_000_000 }
            let observed = withTokens.map { Double(row[$0]) }
            let present = row.indices.filter { row[$0] > 0 }
            // The group with the highest per_million; the earliest on ties.
            var peak: Int?
            var peakValue = 0.0
            for (i, g) in withTokens.enumerated() where row[g] > 0 && (peak == nil || values[i] > peakValue) {
                peak = g
                peakValue = values[i]
            }
            return Statistics(
                mannKendall: MannKendall(values),
                senSlope: SenSlope.estimate(values, positions: positions),
                poisson: PoissonTrend(counts: observed, exposures: exposures, positions: positions),
                uniform: UniformFit.test(counts: observed, exposures: exposures),
                dp: GriesDP.value(counts: perDocument[t], totalTokens: totalTokens),
                firstGroup: present.first, lastGroup: present.last, peakGroup: peak, groupsPresent: present.count)
        }
    }

    /// `trend_stats.csv`: one row per tracked term, in code point order; `mk_q` adjusts `mk_p`
    /// over all terms (Benjamini–Hochberg).
    public func renderStatistics(_ statistics: [Statistics], format: CSVFormat) -> CSVBuffer {
        var buffer = CSVBuffer(format: format, header: Self.statsHeader)
        let q = BenjaminiHochberg.adjust(statistics.map { $0.mannKendall?.p })
        let labels = counts.groups.map(\.label)
        for (t, s) in statistics.enumerated() {
            buffer.text(text(t))
            buffer.real(s.mannKendall?.tau)
            buffer.real(s.mannKendall?.z)
            buffer.real(s.mannKendall?.p)
            buffer.real(q[t])
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
        return buffer
    }
}
