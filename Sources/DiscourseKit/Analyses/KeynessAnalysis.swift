/// One keyness comparison: target groups against reference groups, or against the rest.
public struct KeynessComparison: Sendable, Equatable {
    /// Indices into the grouping's groups.
    public let target: [Int]
    /// nil: every other group (the rest of the analysed corpus).
    public let reference: [Int]?
    /// `2022 vs rest`, `2024 vs 2021+2022+2023`.
    public let label: String
}

/// What `keyness` compares and tests (SPEC §5).
public struct KeynessOptions: Sendable {
    /// Target group labels (`--target`); with `reference`, the groups compared.
    public var target: [String] = []
    /// Reference group labels (`--reference`); empty for the rest of the corpus.
    public var reference: [String] = []
    /// `--baseline previous:K`: each group against the up to K groups before it.
    public var baseline: Int?
    /// `--each`: every group against the rest.
    public var each = false
    /// N-gram lengths of the terms (`--n`).
    public var sizes: ClosedRange<Int> = 1...1
    /// Test terms with target + reference count ≥ this (`--min-count`).
    public var minCount = 5

    public init() {}

    /// The options as `run.json` records them, with the grouping field in its place.
    public func manifest(by field: String?) -> [(String, JSONValue)] {
        [("by", field.map(JSONValue.string) ?? .null), ("target", .array(target.map(JSONValue.string))),
         ("reference", .array(reference.map(JSONValue.string))),
         ("baseline", baseline.map { .string("previous:\($0)") } ?? .null), ("each", .bool(each)),
         ("n", .string(sizes.sizeDescription)), ("min_count", .int(minCount))]
    }
}

/// `keyness` (SPEC §5): each term's frequency in the target against the reference with G²,
/// χ², p, Benjamini–Hochberg q (within each comparison), log ratio, %DIFF and BIC.
public struct KeynessAnalysis: Sendable {
    public var options: KeynessOptions

    public init(options: KeynessOptions) { self.options = options }

    /// Sets up the comparisons and counts the terms; each comparison is tested when its
    /// rows are asked for.
    ///
    /// - Throws: `DiscourseError` for unknown group labels, overlapping target and reference,
    ///   a grouping with fewer than two groups, or no comparison asked for.
    public func run(_ input: AnalysisInput) throws(DiscourseError) -> KeynessResult {
        let comparisons = try Self.comparisons(input.grouping.groups, target: options.target, reference: options.reference,
                                               baseline: options.baseline, each: options.each)
        return KeynessResult(comparisons: comparisons, counts: input.termCounts(sizes: Array(options.sizes)),
                             minCount: options.minCount)
    }

    /// The comparisons asked for: `--target` (against `--reference` or the rest),
    /// `--baseline previous:K` (each group against the up to K groups before it), or `each`
    /// (every group in turn against the rest).
    ///
    /// - Throws: `DiscourseError` for unknown group labels, overlapping target and reference,
    ///   or a grouping with fewer than two groups.
    public static func comparisons(_ groups: [Group], target: [String], reference: [String], baseline: Int?,
                                   each: Bool = false) throws(DiscourseError) -> [KeynessComparison] {
        guard groups.count >= 2 else {
            throw DiscourseError("keyness compares groups, but the corpus has \(groups.count == 1 ? "only one group ('\(groups[0].label)')" : "no group"); group by a field with several values (--by)")
        }
        let labels = groups.map(\.label)
        func indices(_ names: [String], _ option: String) throws(DiscourseError) -> [Int] {
            var result: [Int] = []
            for name in names {
                guard let index = labels.firstIndex(of: name) else {
                    let shown = labels.count > 12 ? labels.prefix(12).joined(separator: ", ") + ", ..." : labels.joined(separator: ", ")
                    throw DiscourseError("\(option) \(name): no such group; the groups are: \(shown)")
                }
                if !result.contains(index) { result.append(index) }
            }
            return result.sorted()
        }
        func label(_ list: [Int]) -> String { list.map { labels[$0] }.joined(separator: "+") }
        if each {
            guard target.isEmpty, reference.isEmpty, baseline == nil else {
                throw DiscourseError("--each compares every group with the rest; leave out --target, --reference and --baseline")
            }
            return groups.indices.map { KeynessComparison(target: [$0], reference: nil, label: "\(labels[$0]) vs rest") }
        }
        if let baseline {
            guard target.isEmpty, reference.isEmpty else {
                throw DiscourseError("--baseline compares every group with the groups before it; leave out --target and --reference")
            }
            return (1..<groups.count).map { g in
                let previous = Array(max(0, g - baseline)..<g)
                return KeynessComparison(target: [g], reference: previous, label: "\(labels[g]) vs \(label(previous))")
            }
        }
        guard !target.isEmpty else {
            throw DiscourseError("keyness needs --target GROUP[,GROUP...], --each or --baseline previous:K")
        }
        let targetIndices = try indices(target, "--target")
        if reference.isEmpty {
            guard targetIndices.count < groups.count else {
                throw DiscourseError("--target names every group, so the rest of the corpus is empty; name a --reference")
            }
            return [KeynessComparison(target: targetIndices, reference: nil, label: "\(label(targetIndices)) vs rest")]
        }
        let referenceIndices = try indices(reference, "--reference")
        if let shared = targetIndices.first(where: referenceIndices.contains) {
            throw DiscourseError("group '\(labels[shared])' is both target and reference")
        }
        return [KeynessComparison(target: targetIndices, reference: referenceIndices,
                                  label: "\(label(targetIndices)) vs \(label(referenceIndices))")]
    }

}

/// The comparisons of a keyness analysis, tested on demand.
public struct KeynessResult: Sendable {
    public let comparisons: [KeynessComparison]
    public let counts: TermCounts
    public let minCount: Int
    /// Each term's position in code point order, for the row order.
    let termRank: [Int]
    /// Labels of the comparisons with no tokens on one side (they have no rows).
    public let skipped: [String]

    init(comparisons: [KeynessComparison], counts: TermCounts, minCount: Int) {
        self.comparisons = comparisons
        self.counts = counts
        self.minCount = minCount
        termRank = counts.codePointRanks()
        let total = counts.groupTokens.reduce(0, +)
        skipped = comparisons.compactMap { comparison in
            let target = comparison.target.reduce(0) { $0 + counts.groupTokens[$1] }
            let reference = comparison.reference.map { $0.reduce(0) { $0 + counts.groupTokens[$1] } } ?? total - target
            return target > 0 && reference > 0 ? nil : comparison.label
        }
    }

    /// A note for comparisons left without rows.
    public var warnings: [String] {
        skipped.isEmpty ? [] : ["no tokens on one side, so no rows for: \(skipped.joined(separator: "; "))"]
    }

    /// The tested terms of comparison c in SPEC §8 order (descending signed G², then term),
    /// or nil when the target or the reference has no tokens.
    public func rows(_ c: Int) -> KeynessRows? {
        let comparison = comparisons[c]
        let termCount = counts.terms.count
        var a = [Int](repeating: 0, count: termCount)
        var targetTokens = 0
        for g in comparison.target {
            targetTokens += counts.groupTokens[g]
            for item in counts.groupCounts[g] { a[Int(item.term)] += item.count }
        }
        var b: [Int]
        var referenceTokens = 0
        if let reference = comparison.reference {
            b = [Int](repeating: 0, count: termCount)
            for g in reference {
                referenceTokens += counts.groupTokens[g]
                for item in counts.groupCounts[g] { b[Int(item.term)] += item.count }
            }
        } else {
            b = zip(counts.totals, a).map { $0 - $1 }
            referenceTokens = counts.groupTokens.reduce(0, +) - targetTokens
        }
        guard targetTokens > 0, referenceTokens > 0 else { return nil }
        var tested: [(term: Int, score: KeynessScore)] = []
        for term in 0..<termCount where a[term] + b[term] >= minCount && a[term] + b[term] > 0 {
            tested.append((term, KeynessScore(a: a[term], targetTokens: targetTokens, b: b[term], referenceTokens: referenceTokens)))
        }
        let q = BenjaminiHochberg.adjust(tested.map { $0.score.pValue })
        let order = tested.indices.sorted { x, y in
            let (gx, gy) = (tested[x].score.g2, tested[y].score.g2)
            if gx != gy { return gx > gy }
            return termRank[tested[x].term] < termRank[tested[y].term]
        }
        let rows = order.map { i in
            KeynessRow(term: tested[i].term, targetCount: a[tested[i].term], referenceCount: b[tested[i].term],
                       score: tested[i].score, q: q[i])
        }
        return KeynessRows(comparison: comparison, targetTokens: targetTokens, referenceTokens: referenceTokens, rows: rows)
    }
}

/// One comparison's tested terms.
public struct KeynessRows: Sendable {
    public let comparison: KeynessComparison
    /// T and R: tokens of the target and the reference.
    public let targetTokens: Int
    public let referenceTokens: Int
    public let rows: [KeynessRow]
}

/// One term of a comparison: a and b, the scores, and the Benjamini–Hochberg q.
public struct KeynessRow: Sendable {
    /// Index into the result's `counts.terms`.
    public let term: Int
    public let targetCount: Int
    public let referenceCount: Int
    public let score: KeynessScore
    public let q: Double?
}
