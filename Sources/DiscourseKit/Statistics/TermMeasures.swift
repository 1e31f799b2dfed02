/// The measures `terms suggest` ranks candidate multi-word terms by: how firmly the parts of a
/// candidate hold together (cohesion), how freely it combines with its neighbours (branching
/// entropy), and how much of its frequency is its own rather than a longer term's (C-value).
public enum TermMeasures {
    /// Pointwise mutual information of a candidate split into a left and a right part, in bits:
    /// PMI = log2(c(xy) · N / (c(x) · c(y))), with counts of the candidate, its parts and the
    /// N tokens of the corpus (Church & Hanks 1990, "Word association norms, mutual information,
    /// and lexicography", Computational Linguistics 16(1)). Cohesion is its minimum over the
    /// split points: the weakest join of the candidate.
    public static func pmi(joint: Int, left: Int, right: Int, total: Int) -> Double {
        log2(Double(joint) * Double(total) / (Double(left) * Double(right)))
    }

    /// Branching entropy of a candidate's neighbours on one side, in bits:
    /// H = −Σ p_i log2 p_i over the distinct neighbouring tokens, with p_i their share of the
    /// candidate's occurrences (Huang & Powers 2003; Jin & Tanaka-Ishii 2006, "Unsupervised
    /// segmentation of Chinese text by use of branching entropy", COLING/ACL). A sentence
    /// start or end, punctuation, or a stopword next to the candidate counts as a neighbour of
    /// its own at each occurrence: no term continues there (no candidate has a stopword at an
    /// edge), so "the" before "soviet union" is no sign that the two belong together. A
    /// fragment of a longer term (新质 in 新质生产力) has low entropy on the side of the rest of it.
    ///
    /// - Parameters:
    ///   - neighbours: occurrences next to each distinct token.
    ///   - boundaries: occurrences next to a sentence end, punctuation or a stopword.
    public static func branchingEntropy(neighbours: some Sequence<Int>, boundaries: Int) -> Double {
        // Summed in a fixed order (the counts sorted), so that the same neighbours give the
        // same bits however they were gathered (a dictionary's order changes from run to run).
        let counts = neighbours.sorted()
        let total = Double(counts.reduce(0, +) + boundaries)
        guard total > 0 else { return 0 }
        var entropy = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / total
            entropy -= p * log2(p)
        }
        if boundaries > 0 { entropy += Double(boundaries) * log2(total) / total }  // each −(1/T) log2(1/T)
        return entropy == 0 ? 0 : entropy
    }

    /// C-value of a candidate of `length` tokens seen `frequency` times (Frantzi, Ananiadou &
    /// Mima 2000, "Automatic recognition of multi-word terms: the C-value/NC-value method",
    /// International Journal on Digital Libraries 3(2), doi:10.1007/s007999900023):
    /// log2|a| · f(a) when no longer candidate contains it, else
    /// log2|a| · (f(a) − Σ_b f(b) / P(T_a)) over the P(T_a) longer candidates b containing it.
    public static func cValue(length: Int, frequency: Int, nestedIn containing: [Int]) -> Double {
        cValue(length: length, frequency: frequency, nestedTotal: containing.reduce(0, +), nestedCount: containing.count)
    }

    /// The C-value from the sum of the frequencies of the `nestedCount` longer candidates
    /// containing the candidate.
    public static func cValue(length: Int, frequency: Int, nestedTotal: Int, nestedCount: Int) -> Double {
        let weight = log2(Double(length))
        guard nestedCount > 0 else { return weight * Double(frequency) }
        let nested = Double(nestedTotal) / Double(nestedCount)
        let value = weight * (Double(frequency) - nested)
        return value == 0 ? 0 : value
    }
}
