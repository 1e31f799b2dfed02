/// tf-idf with each group as a document, as tidytext's `bind_tf_idf(tbl, term, document, n)`
/// defines it (Silge and Robinson, "Text Mining with R", 2017, ch. 3; tidytext's source):
///
///     tf     = n / Σ n over the document's rows
///     idf    = ln(documents / documents whose rows hold the term)
///     tf_idf = tf × idf
///
/// applied to the rows of `ngrams.csv` of one n-gram length (`filter(n == k)`): the sums and
/// the document counts run over the rows written (after `--min-count` and stopwords), as
/// `bind_tf_idf` on the file would.
public struct GroupTfIdf: Sendable {
    /// How many groups' rows hold each n-gram (keyed by its form ids; the length is the key's).
    private let groupsHolding: [[UInt32]: Int32]
    /// Per n-gram length: how many groups have at least one row of that length.
    private let groupsWithRows: [Int: Int]

    init(groupsHolding: [[UInt32]: Int32], groupsWithRows: [Int: Int]) {
        self.groupsHolding = groupsHolding
        self.groupsWithRows = groupsWithRows
    }

    /// ln(groups with rows of this length / groups whose rows hold the n-gram).
    public func idf(_ ids: UnsafeBufferPointer<UInt32>) -> Double {
        let documents = Double(groupsWithRows[ids.count] ?? 0)
        let holding = Double(groupsHolding[Array(ids)] ?? 0)
        return log(documents / holding)
    }

    /// Counts the groups of a source: each group once, a batch of groups at a time, keeping
    /// only which n-grams its rows hold. (tf-idf needs every group's rows before any is
    /// written, so the groups are counted twice.)
    static func count(_ counter: some NgramSource) -> GroupTfIdf {
        var holding: [[UInt32]: Int32] = [:]
        var withRows: [Int: Int] = [:]
        let groups = counter.groupCount
        let batch = max(1, ParallelMap.workers)
        var next = 0
        while next < groups {
            let range = next..<min(groups, next + batch)
            for counts in counter.count(groups: range) {
                for table in counts.tables {
                    var any = false
                    for entry in 0..<table.count where table.occurrences(of: entry) >= counter.options.minCount {
                        holding[Array(table.ids(of: entry)), default: 0] += 1
                        any = true
                    }
                    if any { withRows[table.n, default: 0] += 1 }
                }
            }
            next = range.upperBound
        }
        return GroupTfIdf(groupsHolding: holding, groupsWithRows: withRows)
    }
}
