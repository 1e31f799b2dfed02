import Foundation
import Testing
@testable import DiscourseKit

/// The measures of `terms suggest` on values worked out by hand.
struct TermMeasuresTests {
    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

    @Test func pmiIsLog2OfObservedOverExpected() {
        // 4 joint occurrences in 64 tokens of parts seen 8 times each: expected 8·8/64 = 1, so
        // PMI = log2(4 / 1) = 2.
        #expect(close(TermMeasures.pmi(joint: 4, left: 8, right: 8, total: 64), 2))
        // Seen exactly as often as chance: 0; less often: negative.
        #expect(close(TermMeasures.pmi(joint: 1, left: 8, right: 8, total: 64), 0))
        #expect(close(TermMeasures.pmi(joint: 1, left: 16, right: 8, total: 64), -1))
    }

    @Test func branchingEntropyCountsEachBoundaryAsItsOwnNeighbour() {
        // Two neighbours seen twice each: one bit.
        #expect(close(TermMeasures.branchingEntropy(neighbours: [2, 2], boundaries: 0), 1))
        // One neighbour twice and two boundaries, each a symbol of its own: p = 1/2, 1/4, 1/4,
        // H = 1/2 + 1/2 + 1/2 = 1.5 bits.
        #expect(close(TermMeasures.branchingEntropy(neighbours: [2], boundaries: 2), 1.5))
        // Always the same neighbour: 0 (a fragment of a longer term), and nothing at all: 0.
        #expect(TermMeasures.branchingEntropy(neighbours: [7], boundaries: 0) == 0)
        #expect(TermMeasures.branchingEntropy(neighbours: [], boundaries: 0) == 0)
        // Only boundaries: log2 of their number.
        #expect(close(TermMeasures.branchingEntropy(neighbours: [], boundaries: 8), 3))
    }

    @Test func cValueDiscountsOccurrencesInsideLongerCandidates() {
        // Not nested: log2|a| · f(a).
        #expect(close(TermMeasures.cValue(length: 3, frequency: 10, nestedIn: []), 10 * log2(3)))
        // Nested in two longer candidates seen 4 and 2 times: log2 2 · (10 − 6/2) = 7.
        #expect(close(TermMeasures.cValue(length: 2, frequency: 10, nestedIn: [4, 2]), 7))
        // Only ever inside one longer candidate: 0.
        #expect(TermMeasures.cValue(length: 2, frequency: 5, nestedIn: [5]) == 0)
    }
}
