/// What `compare` counts (SPEC §6).
public struct ComparisonOptions: Sendable {
    /// N-gram lengths of the terms of `new_terms.csv` (`--n`).
    public var sizes: ClosedRange<Int> = 1...1
    /// `new_terms.csv`: only terms with at least this many occurrences in all (`--min-count`).
    public var minCount = 1

    public init() {}

    /// The options as `run.json` records them, with the grouping field in its place.
    public func manifest(by field: String?) -> [(String, JSONValue)] {
        [("by", field.map(JSONValue.string) ?? .null), ("n", .string(sizes.sizeDescription)), ("min_count", .int(minCount))]
    }
}

/// `compare` (SPEC §6): how the vocabulary changes from one group to the next, and when each
/// term first appeared and whether it stuck.
public struct GroupComparison: Sendable {
    public var options: ComparisonOptions

    public init(options: ComparisonOptions) { self.options = options }

    /// - Throws: `DiscourseError` when the grouping has fewer than two groups.
    public func run(_ input: AnalysisInput) throws(DiscourseError) -> ComparisonResult {
        let groups = input.grouping.groups
        guard groups.count >= 2 else {
            throw DiscourseError("compare needs at least two groups, but --by \(input.grouping.field ?? "") gives only '\(groups[0].label)'")
        }
        let unigrams = input.termCounts(sizes: [1])
        let terms = options.sizes == 1...1 ? unigrams : input.termCounts(sizes: Array(options.sizes))
        return ComparisonResult(changes: Self.changes(unigrams), newTerms: Self.newTerms(terms, minCount: options.minCount),
                                vanishedTerms: Self.vanishedTerms(terms, minCount: options.minCount))
    }

    /// One change per pair of consecutive groups, from unigram counts (`types` are unigram
    /// forms as `ngrams --n 1` counts them: stopwords excluded when a list is given):
    /// - jaccard: |A ∩ B| / |A ∪ B| of the two groups' types (nil when both are empty);
    /// - cosine: of the per_million vectors over all types (nil when a group has no tokens);
    /// - new types: types not seen in any earlier group; dropped types: types of the previous
    ///   group absent here.
    static func changes(_ unigrams: TermCounts) -> [GroupChange] {
        var seen = Bitset(count: unigrams.terms.count)
        for item in unigrams.groupCounts.first ?? [] { seen.insert(Int(item.term)) }
        var changes: [GroupChange] = []
        for g in unigrams.groups.indices.dropFirst() {
            let previous = unigrams.groupCounts[g - 1]
            let current = unigrams.groupCounts[g]
            var (i, j) = (0, 0)
            var (shared, union) = (0, 0)
            var (dot, normPrevious, normCurrent) = (0.0, 0.0, 0.0)
            let (tp, tc) = (Double(unigrams.groupTokens[g - 1]), Double(unigrams.groupTokens[g]))
            while i < previous.count || j < current.count {
                if j == current.count || (i < previous.count && previous[i].term < current[j].term) {
                    let x = Double(previous[i].count) / tp * 1_000_000
                    normPrevious += x * x
                    union += 1
                    i += 1
                } else if i == previous.count || current[j].term < previous[i].term {
                    let y = Double(current[j].count) / tc * 1_000_000
                    normCurrent += y * y
                    union += 1
                    j += 1
                } else {
                    let x = Double(previous[i].count) / tp * 1_000_000
                    let y = Double(current[j].count) / tc * 1_000_000
                    dot += x * y
                    normPrevious += x * x
                    normCurrent += y * y
                    shared += 1
                    union += 1
                    i += 1
                    j += 1
                }
            }
            var newTypes = 0
            for item in current where !seen.contains(Int(item.term)) {
                newTypes += 1
                seen.insert(Int(item.term))
            }
            changes.append(GroupChange(
                previousGroup: unigrams.groups[g - 1].label, group: unigrams.groups[g].label,
                jaccard: union == 0 ? nil : Double(shared) / Double(union),
                cosine: normPrevious > 0 && normCurrent > 0 ? dot / (normPrevious.squareRoot() * normCurrent.squareRoot()) : nil,
                newTypes: newTypes, droppedTypes: previous.count - shared))
        }
        return changes
    }

    /// Terms whose first group is not the first group, with their count in that group, the
    /// later groups they occur in, and the number of later groups; only terms with a total
    /// count of at least `minCount`. Order: first group, descending count, term.
    static func newTerms(_ counts: TermCounts, minCount: Int) -> [NewTerm] {
        let groupCount = counts.groups.count
        var first = [Int](repeating: -1, count: counts.terms.count)
        var firstCount = [Int](repeating: 0, count: counts.terms.count)
        var presentAfter = [Int](repeating: 0, count: counts.terms.count)
        for (g, list) in counts.groupCounts.enumerated() {
            for item in list {
                let term = Int(item.term)
                if first[term] < 0 {
                    first[term] = g
                    firstCount[term] = item.count
                } else {
                    presentAfter[term] += 1
                }
            }
        }
        let rank = counts.codePointRanks()
        return counts.terms.indices.filter { first[$0] > 0 && counts.totals[$0] >= minCount }.sorted { x, y in
            if first[x] != first[y] { return first[x] < first[y] }
            if firstCount[x] != firstCount[y] { return firstCount[x] > firstCount[y] }
            return rank[x] < rank[y]
        }.map { term in
            NewTerm(term: counts.terms[term], firstGroup: counts.groups[first[term]].label, count: firstCount[term],
                    groupsPresentAfter: presentAfter[term], groupsAfter: groupCount - 1 - first[term])
        }
    }
}

extension GroupComparison {
    /// Terms whose last group is not the last group, the counterpart of `newTerms`: their
    /// count in that group, the earlier groups they occur in, the number of earlier groups, and
    /// their peak; only terms with a total count of at least `minCount`. Order: last group,
    /// descending count, term.
    static func vanishedTerms(_ counts: TermCounts, minCount: Int) -> [VanishedTerm] {
        let termCount = counts.terms.count
        var last = [Int](repeating: -1, count: termCount)
        var lastCount = [Int](repeating: 0, count: termCount)
        var presentBefore = [Int](repeating: 0, count: termCount)
        var peak = [Int](repeating: -1, count: termCount)
        var peakValue = [Double](repeating: 0, count: termCount)
        for (g, list) in counts.groupCounts.enumerated() {
            let tokens = Double(counts.groupTokens[g])
            for item in list {
                let term = Int(item.term)
                if last[term] >= 0 { presentBefore[term] += 1 }
                last[term] = g
                lastCount[term] = item.count
                let value = Double(item.count) / tokens * 1_000_000
                if peak[term] < 0 || value > peakValue[term] {
                    peak[term] = g
                    peakValue[term] = value
                }
            }
        }
        let final = counts.groups.count - 1
        let rank = counts.codePointRanks()
        return (0..<termCount).filter { last[$0] >= 0 && last[$0] < final && counts.totals[$0] >= minCount }.sorted { x, y in
            if last[x] != last[y] { return last[x] < last[y] }
            if lastCount[x] != lastCount[y] { return lastCount[x] > lastCount[y] }
            return rank[x] < rank[y]
        }.map { term in
            VanishedTerm(term: counts.terms[term], lastGroup: counts.groups[last[term]].label, count: lastCount[term],
                         groupsPresentBefore: presentBefore[term], groupsBefore: last[term], peakGroup: counts.groups[peak[term]].label)
        }
    }
}

/// The outcome of `compare`: one change per pair of consecutive groups, the new terms and
/// the vanished ones.
public struct ComparisonResult: Sendable {
    public let changes: [GroupChange]
    public let newTerms: [NewTerm]
    public let vanishedTerms: [VanishedTerm]
}

/// A term last seen before the last group (`vanished_terms.csv`).
public struct VanishedTerm: Sendable {
    public let term: String
    public let lastGroup: String
    /// Its count in the last group it occurs in.
    public let count: Int
    public let groupsPresentBefore: Int
    public let groupsBefore: Int
    /// The group where its per_million is highest (the earliest on ties).
    public let peakGroup: String
}

/// How the vocabulary changed from one group to the next (`compare.csv`).
public struct GroupChange: Sendable {
    public let previousGroup: String
    public let group: String
    public let jaccard: Double?
    public let cosine: Double?
    public let newTypes: Int
    public let droppedTypes: Int
}

/// A term first seen after the first group (`new_terms.csv`).
public struct NewTerm: Sendable {
    public let term: String
    public let firstGroup: String
    /// Its count in the first group it occurs in.
    public let count: Int
    public let groupsPresentAfter: Int
    public let groupsAfter: Int
}
