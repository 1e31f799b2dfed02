/// What `trends` follows (SPEC §6).
public struct TrendOptions: Sendable {
    /// Tracked term lines (`--track`), normalized like token forms; nil tracks every term
    /// with at least `minCount` occurrences.
    public var track: [String]?
    /// Where the tracked lines came from (a file name), for `run.json`.
    public var trackSource: String?
    /// Without `track`: the least total count of a term followed (`--min-count`).
    public var minCount = 20
    /// N-gram lengths of the terms when every term is followed (`--n`).
    public var sizes: ClosedRange<Int> = 1...1

    public init() {}

    /// The options as `run.json` records them, with the grouping field and the tracked terms
    /// as resolved.
    public func manifest(by field: String?, trackedTerms: [String]?) -> [(String, JSONValue)] {
        // `track`: the file the lines came from, else the lines themselves (a study's inline list).
        let track: JSONValue = trackSource.map(JSONValue.string) ?? self.track.map { .array($0.map(JSONValue.string)) } ?? .null
        return [("by", field.map(JSONValue.string) ?? .null), ("track", track),
         ("tracked_terms", trackedTerms.map { .array($0.map(JSONValue.string)) } ?? .null),
         ("min_count", .int(minCount)), ("n", .string(sizes.sizeDescription))]
    }
}

/// `trends` (SPEC §6): each tracked term's series over the ordered groups and the statistics
/// of its change.
public struct TrendAnalysis: Sendable {
    public var options: TrendOptions

    public init(options: TrendOptions) { self.options = options }

    /// Resolves the tracked lines, counts the terms and computes every term's statistics.
    ///
    /// A tracked line is a multi-word term where `--terms` made it one token (its form, with
    /// `_` for spaces), else an n-gram (forms joined by spaces).
    ///
    /// - Throws: `DiscourseError` when the grouping has fewer than two groups.
    public func run(_ input: AnalysisInput) throws(DiscourseError) -> TrendResult {
        let groups = input.grouping.groups
        guard groups.count >= 2 else {
            throw DiscourseError("trends need at least two groups, but --by \(input.grouping.field ?? "") gives only '\(groups[0].label)'")
        }
        var sizes = Array(options.sizes)
        var tracked: [[String]]?
        if let lines = options.track {
            let normalizer = try LineNormalizer(input.tokens.configuration)
            let known = Set(input.tokens.vocabulary.forms)
            var resolved: [[String]] = []
            for line in lines {
                // `a = b = c`: variants whose counts add up under the first.
                var variants: [String] = []
                for variant in TermList.variants(of: line) {
                    let term = normalizer.form(of: variant)
                    guard !term.isEmpty else {
                        throw DiscourseError("tracked term '\(line)' is empty once normalized like a token form; leave it out")
                    }
                    variants.append(known.contains(term) ? term : String(decoding: normalizer.normalize(variant), as: UTF16.self))
                }
                resolved.append(variants)
            }
            tracked = resolved
            // `joined()`, not `flatMap { $0 }`: the latter type-checks as the deprecated optional
            // flatMap and splits each variant array rather than each variant's text.
            sizes = Array(Set(resolved.joined().map { $0.split(separator: " ").count }))
        }
        return TrendResult(input.termCounts(sizes: sizes, documents: true, exactly: tracked == nil), terms: tracked, minCount: options.minCount)
    }
}

/// Each tracked term's counts per group and the statistics of its series.
public struct TrendResult: Sendable {
    public let counts: TermCounts
    /// The tracked terms in code point order of their text, each with the terms it counts: one,
    /// or a term and its variants; none when it does not occur (zero rows).
    let tracked: [(text: String, terms: [Int])]
    /// The tracked terms as resolved from `--track` lines, a variant group by its first term
    /// (nil when every term is followed).
    public let trackedTerms: [String]?
    /// counts[t][g] and documents[t][g] of tracked term t (position in `tracked`).
    let matrix: [[Int]]
    let documentMatrix: [[Int]]
    /// Each tracked term's statistics, and the Benjamini–Hochberg q of its Mann–Kendall p.
    public let statistics: [Statistics]
    public let mkQ: [Double?]

    /// Tracks `terms` (each a term, as it would appear in `ngrams.csv`, and its variants; absent
    /// ones give zero rows), or, when nil, every term whose total count is at least `minCount`.
    init(_ counts: TermCounts, terms: [[String]]?, minCount: Int) {
        self.counts = counts
        var tracked: [(text: String, terms: [Int])] = []
        if let terms {
            let index = counts.termIndex()
            var seen: Set<String> = []
            for group in terms.sorted(by: { $0[0].utf8.lexicographicallyPrecedes($1[0].utf8) }) where seen.insert(group[0]).inserted {
                tracked.append((group[0], group.compactMap { index[$0] }.uniqued()))
            }
            trackedTerms = terms.map { $0[0] }
        } else {
            tracked = counts.totals.indices.filter { counts.totals[$0] >= minCount }
                .sorted { counts.terms[$0].utf8.lexicographicallyPrecedes(counts.terms[$1].utf8) }
                .map { (counts.terms[$0], [$0]) }
            trackedTerms = nil
        }
        var entries = [Int: [Int]]()
        for (t, entry) in tracked.enumerated() {
            for term in entry.terms { entries[term, default: []].append(t) }
        }
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: counts.groups.count), count: tracked.count)
        var documentMatrix = matrix
        for (g, list) in counts.groupCounts.enumerated() {
            for item in list {
                for t in entries[Int(item.term)] ?? [] {
                    matrix[t][g] += item.count
                    if tracked[t].terms.count == 1 { documentMatrix[t][g] = item.documents }
                }
            }
        }
        // A variant group's documents: those holding any of its terms.
        let groups = tracked.indices.filter { tracked[$0].terms.count > 1 }
        if !groups.isEmpty, let documents = counts.documents {
            let groupOfPosition = counts.groupDocumentRanges.enumerated().flatMap { g, range in range.map { _ in g } }
            documents.forEach { position, list in
                var present: Set<Int> = []
                for pair in list {
                    for t in entries[DocumentTermLists.term(pair)] ?? [] where tracked[t].terms.count > 1 { present.insert(t) }
                }
                for t in present { documentMatrix[t][groupOfPosition[position]] += 1 }
            }
        }
        self.tracked = tracked
        self.matrix = matrix
        self.documentMatrix = documentMatrix
        statistics = Self.statistics(counts: counts, entries: entries, termCount: tracked.count, matrix: matrix)
        mkQ = BenjaminiHochberg.adjust(statistics.map { $0.mannKendall?.p })
    }

    /// Tracked terms.
    public var termCount: Int { tracked.count }

    /// Term t's count and documents containing it in group g.
    public func count(term t: Int, group g: Int) -> (count: Int, documents: Int) {
        (matrix[t][g], documentMatrix[t][g])
    }

    /// The text of tracked term t.
    public func text(_ t: Int) -> String { tracked[t].text }

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
    static func statistics(counts: TermCounts, entries: [Int: [Int]], termCount: Int, matrix: [[Int]]) -> [Statistics] {
        let withTokens = counts.groups.indices.filter { counts.groupTokens[$0] > 0 }
        let positions = withTokens.map { Double($0 + 1) }
        let exposures = withTokens.map { Double(counts.groupTokens[$0]) }
        // Gries' DP of each tracked term, summed over the documents that contain it in group
        // order; a variant group's count in a document is the sum of its terms'.
        let totalTokens = counts.documentTokens.reduce(0, +)
        var dispersion = matrix.map { GriesDP.Accumulator(occurrences: $0.reduce(0, +), totalTokens: totalTokens) }
        counts.documents?.forEach { position, list in
            var inDocument: [Int: Int] = [:]
            for pair in list {
                for t in entries[DocumentTermLists.term(pair)] ?? [] { inDocument[t, default: 0] += DocumentTermLists.count(pair) }
            }
            for (t, count) in inDocument { dispersion[t].add(count: count, tokens: counts.documentTokens[position]) }
        }
        let dp = dispersion.map(\.value)
        return ParallelMap.run(termCount) { t in
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
                dp: dp[t],
                firstGroup: present.first, lastGroup: present.last, peakGroup: peak, groupsPresent: present.count)
        }
    }
}
