import Testing
@testable import DiscourseKit

/// The rows' radix sort against the standard library's comparison sort.
@Suite struct RadixSortTests {
    /// Keys shaped as the n-gram rows' are (descending count, n ranks of `bits` bits, entry),
    /// with counts mostly small and ranks spread, for n from 1 to 3.
    @Test(arguments: [(1, 17, 1), (2, 17, 5_000), (3, 21, 40_000), (2, 9, 300)])
    func rowKeysComeOutAsSortedGivesThem(n: Int, bits: Int, rows: Int) {
        var generator = SplitMix(seed: UInt64(n * 1_000 + rows))
        var keys: [UInt128] = []
        var seen: Set<UInt64> = []
        while keys.count < rows {
            var ranks: UInt64 = 0
            for _ in 0..<n { ranks = ranks << UInt64(bits) | generator.next() % (1 << UInt64(bits)) }
            guard seen.insert(ranks).inserted else { continue }
            let count = generator.next() % 10 < 8 ? 1 + generator.next() % 3 : generator.next() % 100_000
            let descending = UInt128(UInt32.max - UInt32(count))
            keys.append(descending << 96 | UInt128(ranks) << 32 | UInt128(UInt32(keys.count)))
        }
        var radix = keys
        RadixSort.sort(&radix, significant: Array(4..<(4 + (n * bits + 7) / 8)) + Array(12..<16))
        #expect(radix == keys.sorted())
    }

    /// Every byte significant, keys of any value: ascending, and stable where the given bytes
    /// tie (the low byte left out keeps the input order of equal keys).
    @Test func anyKeysAndStability() {
        var generator = SplitMix(seed: 7)
        let keys = (0..<20_000).map { _ in UInt128(generator.next()) << 64 | UInt128(generator.next() % 16) << 8 | UInt128(generator.next() % 256) }
        var all = keys
        RadixSort.sort(&all, significant: Array(0..<16))
        #expect(all == keys.sorted())
        var high = keys
        RadixSort.sort(&high, significant: Array(1..<16))
        #expect(high == keys.enumerated().sorted { ($0.element >> 8, $0.offset) < ($1.element >> 8, $1.offset) }.map(\.element))
        var one: [UInt128] = [5]
        RadixSort.sort(&one, significant: Array(0..<16))
        #expect(one == [5])
    }
}

/// A small deterministic generator (SplitMix64), so that a failure can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
