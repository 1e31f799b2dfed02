/// A fixed-size set of small integers (form ids), 64 to a word.
struct Bitset: Sendable {
    private var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    @inline(__always)
    mutating func insert(_ value: Int) { words[value >> 6] |= 1 << UInt64(value & 63) }

    @inline(__always)
    func contains(_ value: Int) -> Bool { words[value >> 6] & (1 << UInt64(value & 63)) != 0 }

    mutating func formUnion(_ other: Bitset) {
        for i in words.indices { words[i] |= other.words[i] }
    }

    /// Members.
    var nonzeroBitCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Members in ascending order.
    var members: [UInt32] {
        var result: [UInt32] = []
        for (w, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                result.append(UInt32(w * 64 + bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        return result
    }
}
