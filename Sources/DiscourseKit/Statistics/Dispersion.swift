
/// Gries' deviation of proportions: DP = ½ Σ_d |o_d − e_d|, with o_d the share of a term's
/// occurrences in document d and e_d the share of all tokens in d (Gries 2008, "Dispersions and
/// adjusted frequencies in corpora", International Journal of Corpus Linguistics 13(4),
/// doi:10.1075/ijcl.13.4.02gri). 0: spread as evenly as the documents' sizes; near 1:
/// concentrated in a few small documents.
public enum GriesDP {
    /// - Parameters:
    ///   - counts: the term's count in the documents where it occurs, with their token counts.
    ///   - totalTokens: tokens of all analysed documents; `documentTokens` of those that hold
    ///     the term are in `counts`.
    public static func value(counts: [(count: Int, tokens: Int)], totalTokens: Int) -> Double? {
        var accumulator = Accumulator(occurrences: counts.reduce(0) { $0 + $1.count }, totalTokens: totalTokens)
        for (count, tokens) in counts { accumulator.add(count: count, tokens: tokens) }
        return accumulator.value
    }

    /// DP summed one document at a time, for a term whose total count is known before its
    /// documents are read (trends stream the documents' lists rather than gather them per term).
    public struct Accumulator: Sendable {
        let occurrences: Int
        let total: Double
        var sum = 0.0
        var expectedPresent = 0.0

        /// - Parameters:
        ///   - occurrences: the term's count in all analysed documents.
        ///   - totalTokens: tokens of all analysed documents.
        public init(occurrences: Int, totalTokens: Int) {
            self.occurrences = occurrences
            total = Double(totalTokens)
        }

        /// A document holding the term `count` times among its `tokens`.
        public mutating func add(count: Int, tokens: Int) {
            let expected = Double(tokens) / total
            sum += abs(Double(count) / Double(occurrences) - expected)
            expectedPresent += expected
        }

        /// DP, or nil for a term that never occurs or an empty corpus.
        public var value: Double? {
            guard occurrences > 0, total > 0 else { return nil }
            // Documents without the term contribute |0 − e_d| = e_d each.
            let value = (sum + max(0, 1 - expectedPresent)) / 2
            return value == 0 ? 0 : value
        }
    }
}

/// G² goodness of fit of a term's counts per group against counts proportional to the groups'
/// sizes: G² = 2 Σ_g y_g ln(y_g / E_g), E_g = Y T_g / Σ T, on k − 1 degrees of freedom.
public enum UniformFit {
    public static func test(counts: [Double], exposures: [Double]) -> (g2: Double, p: Double)? {
        let total = counts.reduce(0, +)
        let size = exposures.reduce(0, +)
        guard counts.count >= 2, total > 0, size > 0 else { return nil }
        var sum = 0.0
        for (y, t) in zip(counts, exposures) where y > 0 { sum += y * log(y / (total * t / size)) }
        let g2 = max(0, 2 * sum)
        return (g2, Distributions.chiSquareUpperTail(g2, degreesOfFreedom: Double(counts.count - 1)))
    }
}
