import Foundation
import Testing
@testable import DiscourseKit

/// Each measure against its formula computed a second way, and G² and X² against values
/// computed independently with `scipy.stats.chi2_contingency(table, correction=False)`
/// (`lambda_="log-likelihood"` for G²).
struct AssociationMeasureTests {
    /// (O11, R1, C1, N, scipy G², scipy X²) for [[O11, O12], [O21, O22]].
    static let scipyTables: [(Int, Int, Int, Int, Double, Double)] = [
        (10, 30, 40, 1000, 30.06907506178831, 69.3012600229095),       // [[10, 20], [30, 940]]
        (1, 2, 1, 4, 1.7260924347106852, 1.3333333333333333),          // [[1, 1], [0, 2]]
        (25, 200, 1025, 100_000, 82.44593869911836, 260.1090524372694), // [[25, 175], [1000, 98800]]
        (3, 10, 15, 100, 1.6431274191408987, 1.9607843137254901),      // [[3, 7], [12, 78]]
    ]

    private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test(arguments: scipyTables)
    func g2AndChi2MatchScipy(table: (Int, Int, Int, Int, Double, Double)) {
        let t = ContingencyTable(o11: table.0, r1: table.1, c1: table.2, n: table.3)
        #expect(close(AssociationMeasure.g2.value(t), table.4))
        #expect(close(AssociationMeasure.chi2.value(t), table.5))
    }

    @Test(arguments: scipyTables)
    func measuresAgreeWithSecondFormulas(table: (Int, Int, Int, Int, Double, Double)) {
        let t = ContingencyTable(o11: table.0, r1: table.1, c1: table.2, n: table.3)
        let (o11, r1, c1, n) = (Double(table.0), Double(table.1), Double(table.2), Double(table.3))
        let (r2, c2) = (n - r1, n - c1)
        let (o12, o21) = (r1 - o11, c1 - o11)
        let o22 = n - r1 - c1 + o11
        // G² in closed form (Dunning 1993): 2[Σ O ln O − Σ R ln R − Σ C ln C + N ln N].
        func xlogx(_ x: Double) -> Double { x > 0 ? x * log(x) : 0 }
        let g2 = 2 * (xlogx(o11) + xlogx(o12) + xlogx(o21) + xlogx(o22) - xlogx(r1) - xlogx(r2) - xlogx(c1) - xlogx(c2) + xlogx(n))
        #expect(close(AssociationMeasure.g2.value(t), g2, 1e-9))
        // X² of a 2×2 table: N (O11 O22 − O12 O21)² / (R1 R2 C1 C2).
        let chi2 = n * pow(o11 * o22 - o12 * o21, 2) / (r1 * r2 * c1 * c2)
        #expect(close(AssociationMeasure.chi2.value(t), chi2, 1e-9))
        // MI = log2(O11 N / (R1 C1)); MI³ = MI + 2 log2 O11.
        let mi = log2(o11 * n / (r1 * c1))
        #expect(close(AssociationMeasure.mi.value(t), mi))
        #expect(close(AssociationMeasure.mi3.value(t), mi + 2 * log2(o11)))
        // NPMI = MI / −log2 p(a, b), p(a, b) = O11 / N.
        #expect(close(AssociationMeasure.npmi.value(t), mi / -log2(o11 / n)))
        let e11 = r1 * c1 / n
        #expect(close(AssociationMeasure.tScore.value(t), o11 / o11.squareRoot() - e11 / o11.squareRoot()))
        #expect(close(AssociationMeasure.zScore.value(t), (o11 - e11) / e11.squareRoot()))
        // Dice = 2 / (1/P(b|a) + 1/P(a|b)); logDice = 14 + log2 Dice.
        let dice = 2 / (r1 / o11 + c1 / o11)
        #expect(close(AssociationMeasure.dice.value(t), dice))
        #expect(close(AssociationMeasure.logDice.value(t), 14 + log2(dice)))
        // ΔP = P(b|a) − P(b|¬a).
        #expect(close(AssociationMeasure.deltaP.value(t), o11 / r1 - o21 / r2))
    }

    @Test func undefinedMeasuresAreNil() {
        // O11 = N: NPMI's denominator is −log2(1) = 0; C2 = 0 makes E12 = 0 for X².
        let full = ContingencyTable(o11: 1, r1: 1, c1: 1, n: 1)
        #expect(AssociationMeasure.npmi.value(full) == nil)
        #expect(AssociationMeasure.chi2.value(full) == nil)
        #expect(AssociationMeasure.deltaP.value(full) == nil)  // R2 = 0
        #expect(AssociationMeasure.mi.value(full) == 0)
        // A negative cell (possible under --margins tokens): G², X² and ΔP need it.
        let negative = ContingencyTable(o11: 2, r1: 2, c1: 1, n: 4)  // O21 = −1
        #expect(negative.hasNegativeCell)
        #expect(AssociationMeasure.g2.value(negative) == nil)
        #expect(AssociationMeasure.chi2.value(negative) == nil)
        #expect(AssociationMeasure.deltaP.value(negative) == nil)
        #expect(AssociationMeasure.mi.value(negative) == 2)
    }

    @Test func measureListParsesNamesAndRejectsOthers() throws {
        #expect(try AssociationMeasure.list("log_dice, mi") == [.logDice, .mi])
        #expect(throws: DiscourseError.self) { try AssociationMeasure.list("pmi") }
    }
}
