/// Which runs of one length may have been kept, in about two bytes a run: a Bloom filter
/// (Bloom 1970) with its three bits in one 64-bit word, so that a lookup reads one word.
///
/// It answers "maybe" for every run added and, rarely, for one that was not (about 1% of
/// them at 16 bits a run); `terms suggest` only uses it where a false "maybe" costs a
/// lookup and never changes a result: to skip runs whose parts were not kept (a run that is
/// counted needlessly is dropped by its own count), and to stop looking for longer runs
/// ending at a token.
struct RunFilter: Sendable {
    let n: Int
    private var words: [UInt64]
    private let mask: Int

    /// - Parameter capacity: the runs it will hold.
    init(n: Int, capacity: Int) {
        self.n = n
        var size = 64
        while size < capacity / 4 { size <<= 1 }  // 16 bits a run, rounded up to a power of two
        words = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Bytes it holds, for a memory budget.
    var footprint: Int { words.count * 8 }

    @inline(__always)
    private static func probe(_ ids: UnsafePointer<UInt32>, _ n: Int) -> (word: UInt64, bits: UInt64) {
        var h: UInt64 = 0x2545_F491_4F6C_DD1D
        for i in 0..<n {
            h = (h ^ UInt64(ids[i])) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 31
        }
        let bits: UInt64 = 1 << (h & 63) | 1 << ((h >> 6) & 63) | 1 << ((h >> 12) & 63)
        return (h >> 18, bits)
    }

    mutating func insert(_ ids: UnsafePointer<UInt32>) {
        let (word, bits) = Self.probe(ids, n)
        words[Int(truncatingIfNeeded: word) & mask] |= bits
    }

    /// False only when the run was never inserted.
    @inline(__always)
    func mayContain(_ ids: UnsafePointer<UInt32>) -> Bool {
        let (word, bits) = Self.probe(ids, n)
        return words.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: word) & mask] & bits == bits }
    }
}
