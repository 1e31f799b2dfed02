
/// `compare.csv` and `new_terms.csv` (SPEC §6): how the vocabulary changes from one group to
/// the next, and when each formulation first appeared and whether it stuck.
public enum GroupComparison {
    public static let compareHeader = ["previous_group", "group", "jaccard", "cosine", "new_types", "dropped_types"]
    public static let newTermsHeader = ["term", "first_group", "count", "groups_present_after", "groups_after"]

    /// One row per pair of consecutive groups, from unigram counts (`types` are unigram forms
    /// as `ngrams --n 1` counts them: stopwords excluded when a list is given):
    /// - jaccard: |A ∩ B| / |A ∪ B| of the two groups' types (empty when both are empty);
    /// - cosine: of the per_million vectors over all types (empty when a group has no tokens);
    /// - new_types: types not seen in any earlier group; dropped_types: types of the previous
    ///   group absent here.
    public static func renderCompare(_ unigrams: TermCounts, format: CSVFormat) -> CSVBuffer {
        var buffer = CSVBuffer(format: format, header: compareHeader)
        var seen = Bitset(count: unigrams.terms.count)
        for item in unigrams.groupCounts.first ?? [] { seen.insert(Int(item.term)) }
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
            buffer.text(unigrams.groups[g - 1].label)
            buffer.text(unigrams.groups[g].label)
            buffer.real(union == 0 ? nil : Double(shared) / Double(union))
            buffer.real(normPrevious > 0 && normCurrent > 0 ? dot / (normPrevious.squareRoot() * normCurrent.squareRoot()) : nil)
            buffer.int(newTypes)
            buffer.int(previous.count - shared)
            buffer.endRow()
        }
        return buffer
    }

    /// Terms whose first group is not the first group, with their count in that group, the
    /// later groups they occur in, and the number of later groups; only terms with a total
    /// count of at least `minCount`. Order: first group, descending count, term.
    public static func renderNewTerms(_ counts: TermCounts, minCount: Int, format: CSVFormat) -> CSVBuffer {
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
        let rank = KeynessAnalysis.termRanks(counts.terms)
        let rows = counts.terms.indices.filter { first[$0] > 0 && counts.totals[$0] >= minCount }.sorted { x, y in
            if first[x] != first[y] { return first[x] < first[y] }
            if firstCount[x] != firstCount[y] { return firstCount[x] > firstCount[y] }
            return rank[x] < rank[y]
        }
        var buffer = CSVBuffer(format: format, header: newTermsHeader)
        for term in rows {
            buffer.text(counts.terms[term])
            buffer.text(counts.groups[first[term]].label)
            buffer.int(firstCount[term])
            buffer.int(presentAfter[term])
            buffer.int(groupCount - 1 - first[term])
            buffer.endRow()
        }
        return buffer
    }
}
