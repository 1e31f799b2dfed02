import Foundation
import Testing
@testable import DiscourseKit

/// Tail probabilities against SciPy 1.17 (`stats.chi2.sf`, `2 * stats.t.sf`, `2 * stats.norm.sf`)
/// to 1e-10 relative.
struct DistributionsTests {
    static func close(_ value: Double, _ reference: Double, _ tolerance: Double = 1e-10) -> Bool {
        if reference == 0 { return value == 0 }
        return abs(value - reference) <= tolerance * abs(reference)
    }

    @Test(arguments: [
        (3.841458820694124, 1.0, 0.04999999999999989),
        (10.0, 1.0, 0.001565402258002549),
        (100.0, 1.0, 1.5239706048320995e-23),
        (0.001, 1.0, 0.9747728793699604),
        (5.0, 3.0, 0.1717971442967335),
        (50.0, 10.0, 2.669083424904495e-07),
        (228.0, 228.0, 0.4875446156265461),
        (300.0, 228.0, 0.0009641921962032189),
        (1e-08, 2.0, 0.999999995),
        (700.0, 5.0, 4.911986103573117e-149),
        (2.0, 100.0, 1.0),
    ])
    func chiSquareUpperTail(x: Double, df: Double, reference: Double) {
        let value = Distributions.chiSquareUpperTail(x, degreesOfFreedom: df)
        #expect(Self.close(value, reference), "\(value) vs \(reference)")
    }

    @Test(arguments: [
        (2.0, 1.0, 0.2951672353008665),
        (2.0, 10.0, 0.07338803477074037),
        (0.5, 3.0, 0.651447964848151),
        (5.0, 227.0, 1.1464747856728284e-06),
        (30.0, 5.0, 7.718648620496053e-07),
        (1e-06, 8.0, 0.9999992266019581),
        (12.0, 2.0, 0.00687293367715846),
        (-2.0, 10.0, 0.07338803477074037),
    ])
    func studentTwoSided(t: Double, df: Double, reference: Double) {
        let value = Distributions.studentTwoSided(t, degreesOfFreedom: df)
        #expect(Self.close(value, reference), "\(value) vs \(reference)")
    }

    @Test(arguments: [
        (1.959963984540054, 0.05), (0.0, 1.0), (3.0, 0.0026997960632601866), (-3.0, 0.0026997960632601866),
        (8.0, 1.244192114854348e-15), (20.0, 5.507248237212311e-89), (37.0, 1.1451142445047853e-299),
    ])
    func normalTwoSidedWithoutUnderflow(z: Double, reference: Double) {
        #expect(Self.close(Distributions.normalTwoSided(z), reference))
    }
}

struct BenjaminiHochbergTests {
    @Test func adjustsAHandRankedList() {
        // Ascending: 0.005 (1), 0.01 (2), 0.03 (3), 0.04 (4); m p / rank = 0.02, 0.02, 0.04, 0.04;
        // running minimum from the top leaves them so. nil is untested and not counted.
        let q = BenjaminiHochberg.adjust([0.01, 0.04, nil, 0.03, 0.005])
        #expect(q.map { $0.map { ($0 * 1e12).rounded() / 1e12 } } == [0.02, 0.04, nil, 0.04, 0.02])
    }

    @Test func takesTheRunningMinimumAndCapsAtOne() {
        // m = 3: 0.01·3/1 = 0.03, 0.02·3/2 = 0.03, 0.9·3/3 = 0.9; and 0.5, 0.5 with m = 2 → 0.5.
        #expect(BenjaminiHochberg.adjust([0.9, 0.02, 0.01]).map { $0! } == [0.9, 0.03, 0.03])
        #expect(BenjaminiHochberg.adjust([0.5, 0.5]).map { $0! } == [0.5, 0.5])
        #expect(BenjaminiHochberg.adjust([0.8]).map { $0! } == [0.8])
    }
}
