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

    /// What tracked lines are counted as: each variant of a line both as one token form (a
    /// multi-word term of `--terms`) and as the n-gram of its normalized words, the run later
    /// taking the one the corpus has; their lengths, 1 among them. Nil without `track`. Only
    /// these terms are counted (`TermCounts.Request.terms`).
    func trackedCounts(_ normalizer: LineNormalizer) -> (sizes: Set<Int>, terms: Set<String>)? {
        guard let track else { return nil }
        var sizes: Set<Int> = [1]
        var terms: Set<String> = []
        for line in track {
            for variant in TermList.variants(of: line) {
                let ngram = String(decoding: normalizer.normalize(variant), as: UTF16.self)
                sizes.insert(max(1, ngram.split(separator: " ").count))
                terms.insert(ngram)
                terms.insert(normalizer.form(of: variant))
            }
        }
        return (sizes, terms)
    }

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
        var tracked: [[String]]?
        var counted: (sizes: Set<Int>, terms: Set<String>)?
        if let lines = options.track {
            let normalizer = try LineNormalizer(input.tokens.configuration)
            counted = options.trackedCounts(normalizer)
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
        }
        let counts = counted.map { input.termCounts(sizes: Array($0.sizes), documents: true, exactly: false, only: $0.terms) }
            ?? input.termCounts(sizes: Array(options.sizes), documents: true)
        return TrendResult(counts, terms: tracked, minCount: options.minCount)
    }
}

/// Each tracked term's counts per group and the statistics of its series.
///
/// No terms × groups matrix is held (a corpus by year over centuries has thousands of groups):
/// a group's row of counts is made from its list when `trends.csv` is written, and the
/// statistics are computed for a slice of the terms at a time from series gathered over every
/// group's list.
public struct TrendResult: Sendable {
    public let counts: TermCounts
    /// The tracked terms in code point order of their text, each with the terms it counts: one,
    /// or a term and its variants; none when it does not occur (zero rows).
    let tracked: [(text: String, terms: [Int])]
    /// The tracked terms as resolved from `--track` lines, a variant group by its first term
    /// (nil when every term is followed).
    public let trackedTerms: [String]?
    /// The tracked terms (positions in `tracked`) that count each term, as compressed rows:
    /// those of term i are `entryList[entryStart[i]..<entryStart[i + 1]]`.
    let entryStart: [Int32]
    let entryList: [Int32]
    /// Documents holding any term of a variant group, per group, by its position in `tracked`.
    let variantDocuments: [Int: [Int]]
    /// Each tracked term's statistics, and the Benjamini–Hochberg q of its Mann–Kendall p.
    public let statistics: [Statistics]
    public let mkQ: [Double?]

    /// Series gathered at once for the statistics: at most this many terms × groups (8 bytes
    /// each, 64 MB).
    static let cellsAtOnce = 8 << 20

    /// Tracks `terms` (each a term, as it would appear in `ngrams.csv`, and its variants; absent
    /// ones give zero rows), or, when nil, every term whose total count is at least `minCount`.
    init(_ counts: TermCounts, terms: [[String]]?, minCount: Int, cellsAtOnce: Int = cellsAtOnce) {
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
        var entryCount = [Int32](repeating: 0, count: counts.terms.count + 1)
        for entry in tracked { for term in entry.terms { entryCount[term + 1] += 1 } }
        for i in 1..<entryCount.count { entryCount[i] += entryCount[i - 1] }
        var entryList = [Int32](repeating: 0, count: Int(entryCount.last ?? 0))
        var next = entryCount
        for (t, entry) in tracked.enumerated() {
            for term in entry.terms {
                entryList[Int(next[term])] = Int32(t)
                next[term] += 1
            }
        }
        // A variant group's documents: those holding any of its terms.
        var variantDocuments: [Int: [Int]] = [:]
        for t in tracked.indices where tracked[t].terms.count > 1 {
            variantDocuments[t] = [Int](repeating: 0, count: counts.groups.count)
        }
        if !variantDocuments.isEmpty, let documents = counts.documents {
            let groupOfPosition = counts.groupDocumentRanges.enumerated().flatMap { g, range in range.map { _ in g } }
            documents.forEach { position, list in
                var present: Set<Int> = []
                for pair in list {
                    let term = DocumentTermLists.term(pair)
                    for e in Int(entryCount[term])..<Int(entryCount[term + 1]) where tracked[Int(entryList[e])].terms.count > 1 {
                        present.insert(Int(entryList[e]))
                    }
                }
                for t in present { variantDocuments[t]![groupOfPosition[position]] += 1 }
            }
        }
        self.tracked = tracked
        self.entryStart = entryCount
        self.entryList = entryList
        self.variantDocuments = variantDocuments
        statistics = Self.statistics(counts: counts, tracked: tracked, entryStart: entryCount, entryList: entryList,
                                     cellsAtOnce: cellsAtOnce)
        mkQ = BenjaminiHochberg.adjust(statistics.map { $0.mannKendall?.p })
    }

    /// Tracked terms.
    public var termCount: Int { tracked.count }

    /// Every tracked term's count and documents containing it in group g.
    public func row(group g: Int) -> (counts: [Int], documents: [Int]) {
        var row = [Int](repeating: 0, count: tracked.count)
        var documents = row
        for item in counts.groupCounts[g] {
            let term = Int(item.term)
            for e in Int(entryStart[term])..<Int(entryStart[term + 1]) {
                let t = Int(entryList[e])
                row[t] += item.count
                documents[t] = item.documents
            }
        }
        for (t, perGroup) in variantDocuments { documents[t] = perGroup[g] }
        return (row, documents)
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

    /// The statistics of every tracked term (computed in parallel, `cellsAtOnce` series cells at
    /// a time). Groups without tokens are left out of the series; the others keep their
    /// position (1, 2, ...) in group order.
    static func statistics(counts: TermCounts, tracked: [(text: String, terms: [Int])], entryStart: [Int32],
                           entryList: [Int32], cellsAtOnce: Int) -> [Statistics] {
        let withTokens = counts.groups.indices.filter { counts.groupTokens[$0] > 0 }
        let positions = withTokens.map { Double($0 + 1) }
        let exposures = withTokens.map { Double(counts.groupTokens[$0]) }
        // Gries' DP of each tracked term, summed over the documents that contain it in group
        // order; a variant group's count in a document is the sum of its terms'.
        let totalTokens = counts.documentTokens.reduce(0, +)
        var dispersion = tracked.map { entry in
            GriesDP.Accumulator(occurrences: entry.terms.reduce(0) { $0 + counts.totals[$1] }, totalTokens: totalTokens)
        }
        counts.documents?.forEach { position, list in
            var inDocument: [Int: Int] = [:]
            for pair in list {
                let term = DocumentTermLists.term(pair)
                for e in Int(entryStart[term])..<Int(entryStart[term + 1]) {
                    inDocument[Int(entryList[e]), default: 0] += DocumentTermLists.count(pair)
                }
            }
            for (t, count) in inDocument { dispersion[t].add(count: count, tokens: counts.documentTokens[position]) }
        }
        let dp = dispersion.map(\.value)
        let groupCount = counts.groups.count
        let slice = max(1, cellsAtOnce / max(1, groupCount))
        var statistics: [Statistics] = []
        statistics.reserveCapacity(tracked.count)
        for first in stride(from: 0, to: tracked.count, by: slice) {
            let end = min(tracked.count, first + slice)
            // counts[t − first][g] of the slice's terms, from every group's list.
            var series = [[Int]](repeating: [Int](repeating: 0, count: groupCount), count: end - first)
            for g in 0..<groupCount {
                for item in counts.groupCounts[g] {
                    let term = Int(item.term)
                    for e in Int(entryStart[term])..<Int(entryStart[term + 1]) {
                        let t = Int(entryList[e])
                        if t >= first && t < end { series[t - first][g] += item.count }
                    }
                }
            }
            statistics += ParallelMap.run(end - first) { k in
                Self.statistics(row: series[k], dp: dp[first + k], counts: counts, withTokens: withTokens,
                                positions: positions, exposures: exposures)
            }
        }
        return statistics
    }

    /// One term's statistics from its counts per group.
    static func statistics(row: [Int], dp: Double?, counts: TermCounts, withTokens: [Int], positions: [Double],
                           exposures: [Double]) -> Statistics {
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
            dp: dp,
            firstGroup: present.first, lastGroup: present.last, peakGroup: peak, groupsPresent: present.count)
    }
}
