/// One keyness comparison: target groups against reference groups, or against the rest.
public struct KeynessComparison: Sendable, Equatable {
    /// Indices into the grouping's groups.
    public let target: [Int]
    /// nil: every other group (the rest of the analysed corpus).
    public let reference: [Int]?
    /// `2022 vs rest`, `2024 vs 2021+2022+2023`.
    public let label: String
}

/// `keyness.csv` (SPEC §5): each term's frequency in the target against the reference with
/// G², χ², p, Benjamini–Hochberg q (within each comparison), log ratio, %DIFF and BIC.
public enum KeynessAnalysis {
    public static let header = ["comparison", "term", "target_count", "reference_count", "target_tokens",
                                "reference_tokens", "target_per_million", "reference_per_million", "g2", "chi2",
                                "p_value", "q_value", "log_ratio", "perc_diff", "bic"]

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

    /// The rows of one comparison, in SPEC §8 order: descending signed G², then term.
    ///
    /// - Parameters:
    ///   - termRank: each term's position in code point order.
    /// - Returns: nil when the target or the reference has no tokens.
    public static func render(_ counts: TermCounts, _ comparison: KeynessComparison, minCount: Int,
                              termRank: [Int], format: CSVFormat) -> CSVBuffer? {
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
        var buffer = CSVBuffer.body(format: format, reserve: tested.count * 200)
        let label = CSVBuffer.escaped(comparison.label, format: format)
        let (t, r) = (Double(targetTokens), Double(referenceTokens))
        for i in order {
            let (term, score) = tested[i]
            buffer.escaped(label)
            buffer.text(counts.terms[term])
            buffer.int(a[term])
            buffer.int(b[term])
            buffer.int(targetTokens)
            buffer.int(referenceTokens)
            buffer.real(Double(a[term]) / t * 1_000_000)
            buffer.real(Double(b[term]) / r * 1_000_000)
            buffer.real(score.g2)
            buffer.real(score.chi2)
            buffer.real(score.pValue)
            buffer.real(q[i])
            buffer.real(score.logRatio)
            buffer.real(score.percentDifference)
            buffer.real(score.bic)
            buffer.endRow()
        }
        return buffer
    }

    /// Each term's position in Unicode code point order.
    public static func termRanks(_ terms: [String]) -> [Int] {
        let order = terms.indices.sorted { terms[$0].utf8.lexicographicallyPrecedes(terms[$1].utf8) }
        var rank = [Int](repeating: 0, count: terms.count)
        for (position, term) in order.enumerated() { rank[term] = position }
        return rank
    }
}
