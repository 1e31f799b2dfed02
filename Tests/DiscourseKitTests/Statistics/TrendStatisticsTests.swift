import Foundation
import Testing
@testable import DiscourseKit

/// Trend statistics against hand-worked examples and independent computations.
struct TrendStatisticsTests {
    let close = DistributionsTests.close

    @Test func mannKendallWithTiesWorkedByHand() throws {
        // y = 1 2 2 3 1: S = (+1+1+1+0) + (0+1−1) + (1−1) + (−1) = 2. Ties: two 1s, two 2s:
        // Var(S) = [5·4·15 − 2·(2·1·9)] / 18 = 264/18. Z = (2 − 1)/√(264/18).
        // tau-b = 2 / √(10 · (10 − 2)) = 0.2236…, as scipy.stats.kendalltau gives (0.22360679774997896).
        let test = try #require(MannKendall([1, 2, 2, 3, 1]))
        #expect(test.s == 2)
        #expect(test.variance == 264.0 / 18)
        #expect(close(test.tau, 0.22360679774997896, 1e-14))
        #expect(test.z == 1 / (264.0 / 18).squareRoot())
        #expect(close(test.p, erfc(test.z / 2.0.squareRoot()), 1e-15))
    }

    @Test func mannKendallUndefinedWithoutVariance() {
        #expect(MannKendall([3, 3, 3]) == nil)
        #expect(MannKendall([1]) == nil)
        let decreasing = MannKendall([4, 3, 2, 1])!
        #expect(decreasing.s == -6 && decreasing.tau == -1)
    }

    @Test func senSlopeIsTheMedianPairwiseSlope() {
        // Slopes 2, 0.5, 4/3, −1, 1, 3 → sorted −1, 0.5, 1, 4/3, 2, 3 → median (1 + 4/3)/2.
        let expected: Double = (1 + 4.0 / 3) / 2
        #expect(SenSlope.estimate([1, 3, 2, 5], positions: [1, 2, 3, 4]) == expected)
        // A gap (a group without tokens) keeps the distance: (4 − 1)/3.
        #expect(SenSlope.estimate([1, 4], positions: [1, 4]) == 1)
    }

    /// The sub-quadratic S and the selected median against the definitions summed and sorted
    /// pair by pair, on random series with ties, many zeros (sparse terms) and gaps.
    @Test func trendStatisticsEqualTheirPairwiseDefinitions() throws {
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<300 {
            let n = Int.random(in: 2...60, using: &generator)
            let zeroShare = [0.0, 0.5, 0.95][trial % 3]
            let values: [Double] = (0..<n).map { _ in
                Double.random(in: 0..<1, using: &generator) < zeroShare ? 0
                    : Double(Int.random(in: 1...6, using: &generator)) / Double(Int.random(in: 1...3, using: &generator))
            }
            var positions: [Double] = []
            var x = 0.0
            for _ in 0..<n { x += Double(Int.random(in: 1...3, using: &generator)); positions.append(x) }
            var s = 0
            var slopes: [Double] = []
            for i in 0..<n {
                for j in (i + 1)..<n {
                    s += values[j] > values[i] ? 1 : values[j] < values[i] ? -1 : 0
                    slopes.append((values[j] - values[i]) / (positions[j] - positions[i]))
                }
            }
            slopes.sort()
            let m = slopes.count / 2
            var median = slopes.count % 2 == 1 ? slopes[m] : (slopes[m - 1] + slopes[m]) / 2
            if median == 0 { median = 0 }
            let estimate = try #require(SenSlope.estimate(values, positions: positions))
            #expect(estimate.bitPattern == median.bitPattern, "\(values) \(positions)")
            if let test = MannKendall(values) {
                #expect(test.s == s, "\(values)")
            } else {
                #expect(Set(values).count == 1)
            }
        }
        #expect(SenSlope.estimate([0, 0, 0], positions: [1, 2, 3]) == 0)
        #expect(SenSlope.estimate([5], positions: [1]) == nil)
    }

    @Test func selectionFindsEveryOrderStatistic() {
        for n in [1, 2, 3, 10, 101] {
            let values = (0..<n).map { _ in Double(Int.random(in: 0...5)) }
            let sorted = values.sorted()
            for k in 0..<n {
                var copy = values
                #expect(Selection.smallest(k, in: &copy) == sorted[k])
            }
        }
    }

    @Test func poissonSlopeOfTwoGroupsIsTheLogRateRatio() throws {
        // 30 in 1,000 tokens, then 10 in 500: β₁ = ln((10/500)/(30/1000)) = ln(2/3) exactly; the
        // LR statistic is the G² of the counts against the sizes (SciPy: p = 0.2517906948304147).
        let fit = try #require(PoissonTrend(counts: [30, 10], exposures: [1000, 500], positions: [1, 2]))
        #expect(close(fit.slope, log(2.0 / 3), 1e-12))
        #expect(close(fit.p, 0.2517906948304147, 1e-9))
        #expect(fit.dispersion == nil && fit.quasiP == nil)
    }

    /// References from an independent fit in Python: the profile score equation solved with
    /// scipy.optimize.brentq (xtol 1e-15), the deviance difference against scipy.stats.chi2.sf,
    /// Pearson φ, and the quasi-Poisson t against scipy.stats.t.sf.
    @Test(arguments: [
        ([3.0, 7, 12, 20], [1000.0, 1200, 1500, 1800], 0.38527200690481817, 0.010514900709639263, 0.0961795162674515, 0.015827893866844935),
        ([5.0, 0, 9, 2, 14], [800.0, 900, 1000, 1100, 1200], 0.2521073955297577, 0.06336571087074219, 4.53404822508561, 0.4595263582574828),
    ])
    func poissonRegressionAgreesWithAnIndependentFit(counts: [Double], exposures: [Double], slope: Double, p: Double,
                                                     dispersion: Double, quasiP: Double) throws {
        let positions = counts.indices.map { Double($0 + 1) }
        let fit = try #require(PoissonTrend(counts: counts, exposures: exposures, positions: positions))
        #expect(close(fit.slope, slope, 1e-9))
        #expect(close(fit.p, p, 1e-9))
        #expect(close(fit.dispersion!, dispersion, 1e-9))
        #expect(close(fit.quasiP!, quasiP, 1e-9))
    }

    @Test func poissonSlopeIsInfiniteWhenATermIsOnlyAtOneEnd() {
        #expect(PoissonTrend(counts: [4, 0, 0], exposures: [100, 100, 100], positions: [1, 2, 3]) == nil)
        #expect(PoissonTrend(counts: [0, 0, 4], exposures: [100, 100, 100], positions: [1, 2, 3]) == nil)
        #expect(PoissonTrend(counts: [0, 0, 0], exposures: [100, 100, 100], positions: [1, 2, 3]) == nil)
        #expect(PoissonTrend(counts: [0, 4, 0], exposures: [100, 100, 100], positions: [1, 2, 3]) != nil)
    }

    @Test func griesDPWorkedByHand() {
        // Parts of 10, 20, 30, 40 tokens (e = .1, .2, .3, .4); the term 5, 0, 5, 0 times
        // (o = .5, 0, .5, 0): ½ (.4 + .2 + .2 + .4) = 0.6.
        #expect(close(GriesDP.value(counts: [(5, 10), (5, 30)], totalTokens: 100)!, 0.6, 1e-15))
        // Occurrences proportional to the parts' sizes: perfectly even, DP = 0.
        #expect(GriesDP.value(counts: [(1, 10), (2, 20), (3, 30), (4, 40)], totalTokens: 100)! < 1e-15)
        // All in one part of 10 of 100 tokens: ½ (.9 + .9) = 0.9.
        #expect(close(GriesDP.value(counts: [(7, 10)], totalTokens: 100)!, 0.9, 1e-15))
    }

    @Test func griesDPOfLynesAllemandAsPublished() throws {
        // Lyne (1985): the French lemma ALLEMAND in the ten Tenths of his business
        // correspondence corpus; the tlda R package documents DP = 0.4990705 (Gries scaling,
        // 7 decimals) for these subfrequencies and part sizes.
        let counts = [2, 0, 1, 1, 3, 0, 3, 0, 0, 0]
        let sizes = [8143, 8058, 8271, 8125, 7959, 7941, 8146, 8001, 8003, 7930]
        let present = zip(counts, sizes).filter { $0.0 > 0 }.map { (count: $0.0, tokens: $0.1) }
        let dp = try #require(GriesDP.value(counts: present, totalTokens: sizes.reduce(0, +)))
        #expect(abs(dp - 0.4990705) < 5e-8)
    }

    @Test func uniformFitAgainstScipy() throws {
        // 10 and 20 in two groups of 100 tokens: E = 15, 15.
        let fit = try #require(UniformFit.test(counts: [10, 20], exposures: [100, 100]))
        #expect(close(fit.g2, 3.397980735907945, 1e-12))
        #expect(close(fit.p, 0.06527628230888141, 1e-10))
    }
}
