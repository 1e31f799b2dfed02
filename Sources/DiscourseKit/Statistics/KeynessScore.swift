
/// Keyness of a term in a target against a reference (SPEC §5), from the 2×2 table
/// [[a, T − a], [b, R − b]] of its frequency a in the target (T tokens) and b in the
/// reference (R tokens).
///
/// - G²: log-likelihood over the four cells (Dunning 1993, "Accurate methods for the
///   statistics of surprise and coincidence", Computational Linguistics 19(1); Rayson & Garside
///   2000), as `scipy.stats.chi2_contingency(..., correction=False, lambda_="log-likelihood")`.
/// - χ²: Pearson with Yates' correction as R's `chisq.test(correct = TRUE)`: every |O − E| is
///   reduced by min(0.5, |O − E|).
/// - p: the upper χ²(1) tail at the unsigned G².
/// - log ratio: log2 of the ratio of relative frequencies with 0.5 for a zero frequency
///   (Hardie 2014, "Log Ratio – an informal introduction").
/// - %DIFF: 100 (a/T − b/R) / (b/R) (Gabrielatos & Marchi 2012); undefined when b = 0.
/// - BIC: G² − ln(T + R) (Wilson 2013, "Embracing Bayes factors for key item analysis").
///
/// G² and χ² carry a minus sign when the term is relatively less frequent in the target.
public struct KeynessScore: Sendable, Equatable {
    public let g2: Double
    public let chi2: Double?
    public let pValue: Double
    public let logRatio: Double
    public let percentDifference: Double?
    public let bic: Double

    public init(a: Int, targetTokens t: Int, b: Int, referenceTokens r: Int) {
        let (a, b, t, r) = (Double(a), Double(b), Double(t), Double(r))
        let n = t + r
        let observed = [a, t - a, b, r - b]
        let column1 = a + b
        let column2 = n - column1
        let expected = [t * column1 / n, t * column2 / n, r * column1 / n, r * column2 / n]
        var sum = 0.0
        for (o, e) in zip(observed, expected) where o > 0 { sum += o * log(o / e) }
        let unsigned = max(0, 2 * sum)
        let sign: Double = a / t < b / r ? -1 : 1
        g2 = unsigned == 0 ? 0 : sign * unsigned
        // Yates: R reduces every |O − E| by min(0.5, min |O − E|); in a 2×2 table all four
        // |O − E| are equal.
        if expected.contains(where: { $0 <= 0 }) {
            chi2 = nil
        } else {
            let difference = abs(observed[0] - expected[0])
            let yates = min(0.5, difference)
            var x2 = 0.0
            for (o, e) in zip(observed, expected) { x2 += pow(abs(o - e) - yates, 2) / e }
            chi2 = x2 == 0 ? 0 : sign * x2
        }
        pValue = Distributions.chiSquareUpperTail(unsigned, degreesOfFreedom: 1)
        logRatio = log2(((a == 0 ? 0.5 : a) / t) / ((b == 0 ? 0.5 : b) / r))
        percentDifference = b == 0 ? nil : 100 * (a / t - b / r) / (b / r)
        bic = unsigned - log(n)
    }
}
