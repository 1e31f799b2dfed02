
/// The Mann–Kendall trend test of a series against its order (Mann 1945, "Nonparametric tests
/// against trend", Econometrica 13(3), doi:10.2307/1907187; Kendall 1975, *Rank Correlation
/// Methods*), with Kendall's tau-b as the effect size.
///
/// S = Σ_{i<j} sign(y_j − y_i); Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of t
/// tied values; Z = (S − sign S) / √Var(S) (continuity correction); two-sided p = erfc(|Z|/√2);
/// tau-b = S / √(n₀ (n₀ − n₂)) with n₀ = n(n−1)/2 and n₂ = Σ t(t−1)/2 (the order itself has no
/// ties). Everything is undefined when Var(S) = 0.
public struct MannKendall: Sendable, Equatable {
    public let s: Int
    public let variance: Double
    public let tau: Double
    public let z: Double
    public let p: Double

    /// - Returns: nil when Var(S) = 0 (fewer than two values, or all values tied).
    public init?(_ values: [Double]) {
        let n = values.count
        var s = 0
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                if values[j] > values[i] { s += 1 } else if values[j] < values[i] { s -= 1 }
            }
        }
        var ties: [Double: Int] = [:]
        for value in values { ties[value, default: 0] += 1 }
        let nn = Double(n)
        var tieTerm = 0.0
        var tiedPairs = 0.0
        for t in ties.values where t > 1 {
            let t = Double(t)
            tieTerm += t * (t - 1) * (2 * t + 5)
            tiedPairs += t * (t - 1) / 2
        }
        let variance = (nn * (nn - 1) * (2 * nn + 5) - tieTerm) / 18
        guard variance > 0 else { return nil }
        let pairs = nn * (nn - 1) / 2
        self.s = s
        self.variance = variance
        tau = Double(s) / (pairs * (pairs - tiedPairs)).squareRoot()
        let corrected = Double(s) - Double(s.signum())
        z = corrected / variance.squareRoot()
        p = Distributions.normalTwoSided(z)
    }
}

/// Sen's slope: the median over i < j of (y_j − y_i) / (j − i), the change per group step
/// (Sen 1968, "Estimates of the regression coefficient based on Kendall's tau", JASA 63(324),
/// doi:10.1080/01621459.1968.10480934). `positions` give each value's group index, so groups
/// left out (no tokens) keep their distance.
public enum SenSlope {
    public static func estimate(_ values: [Double], positions: [Double]) -> Double? {
        var slopes: [Double] = []
        slopes.reserveCapacity(values.count * (values.count - 1) / 2)
        for i in values.indices {
            for j in values.indices where j > i {
                slopes.append((values[j] - values[i]) / (positions[j] - positions[i]))
            }
        }
        guard !slopes.isEmpty else { return nil }
        slopes.sort()
        let middle = slopes.count / 2
        let median = slopes.count % 2 == 1 ? slopes[middle] : (slopes[middle - 1] + slopes[middle]) / 2
        return median == 0 ? 0 : median
    }
}
