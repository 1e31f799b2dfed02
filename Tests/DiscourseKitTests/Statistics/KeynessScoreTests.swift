import Foundation
import Testing
@testable import DiscourseKit

/// Keyness against SciPy's `chi2_contingency` (G² with `lambda_="log-likelihood"`,
/// `correction=False`; Yates χ² with `correction=True`, the same correction as R's
/// `chisq.test(correct = TRUE)`) and `chi2.sf`.
struct KeynessScoreTests {
    let close = DistributionsTests.close

    @Test func overusedTerm() {
        // [[10, 990], [20, 4980]]: 10 in 1,000 target tokens, 20 in 5,000 reference tokens.
        let score = KeynessScore(a: 10, targetTokens: 1000, b: 20, referenceTokens: 5000)
        #expect(close(score.g2, 4.967392822329984, 1e-12))
        #expect(close(score.chi2!, 4.884422110552763, 1e-12))
        #expect(close(score.pValue, 0.025829553848809722, 1e-10))
        #expect(score.logRatio == log2(2.5))
        #expect(close(score.percentDifference!, 150, 1e-12))
        #expect(close(score.bic, 4.967392822329984 - log(6000.0), 1e-12))
    }

    @Test func absentFromTargetIsNegativeWithHalfCountLogRatio() {
        // [[0, 1000], [15, 4985]].
        let score = KeynessScore(a: 0, targetTokens: 1000, b: 15, referenceTokens: 5000)
        #expect(close(score.g2, -5.477160482318747, 1e-12))
        #expect(close(score.chi2!, -1.924812030075188, 1e-12))
        #expect(close(score.pValue, 0.019266531459630705, 1e-10))
        #expect(score.logRatio == log2((0.5 / 1000) / (15.0 / 5000)))
        #expect(score.percentDifference == -100)
    }

    @Test func absentFromReferenceHasNoPercentDifference() {
        // [[40, 960], [0, 5000]].
        let score = KeynessScore(a: 40, targetTokens: 1000, b: 0, referenceTokens: 5000)
        #expect(close(score.g2, 144.6952668168488, 1e-12))
        #expect(close(score.chi2!, 195.34731543624162, 1e-12))
        #expect(close(score.pValue, 2.5037079070606274e-33, 1e-10))
        #expect(score.percentDifference == nil)
        #expect(score.logRatio == log2((40.0 / 1000) / (0.5 / 5000)))
    }

    @Test func equalRatesScoreZero() {
        let score = KeynessScore(a: 5, targetTokens: 1000, b: 25, referenceTokens: 5000)
        #expect(score.g2 == 0)
        #expect(score.pValue == 1)
        #expect(score.logRatio == 0)
    }
}
