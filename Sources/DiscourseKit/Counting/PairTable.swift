/// Counts of (node, collocate) pairs keyed by the two form ids packed in one 64-bit integer.
///
/// Open addressing with linear probing; keys and counts in two flat arrays. A pair count is
/// an integer increment with no allocation, so all-pairs window counting over millions of
/// tokens stays within a few hundred megabytes.
///
/// - Complexity: `add` is O(1) expected.
struct PairTable: Sendable {
    private(set) var keys: [UInt64]
    private(set) var counts: [Int32]
    private var mask: Int
    private(set) var count = 0

    /// The empty key: no pair of real ids (ids are below 2³² − 1) packs to it.
    static let empty = UInt64.max

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: size)
        counts = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    static func key(_ node: UInt32, _ collocate: UInt32) -> UInt64 { UInt64(node) << 32 | UInt64(collocate) }

    @inline(__always)
    static func slot(of key: UInt64, mask: Int) -> Int {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 31
        return Int(truncatingIfNeeded: h) & mask
    }

    /// Adds `amount` to the pair's count.
    @inline(__always)
    mutating func add(_ key: UInt64, _ amount: Int32 = 1) {
        var slot = Self.slot(of: key, mask: mask)
        while true {
            let found = keys[slot]
            if found == key {
                counts[slot] &+= amount
                return
            }
            if found == Self.empty {
                keys[slot] = key
                counts[slot] = amount
                count += 1
                if count * 2 > keys.count { grow() }
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// Bytes the table holds (its slots), for the memory budget.
    var memory: Int { keys.count * (MemoryLayout<UInt64>.stride + MemoryLayout<Int32>.stride) }

    /// Whether adding up to 16 Ki more pairs may make the table grow to, or through, more
    /// than `limit` bytes (growing holds the old slots and twice as many new ones).
    func wouldGrow(past limit: Int) -> Bool {
        memory * 3 > limit && (count + (1 << 14)) * 2 > keys.count
    }

    /// The pair's count (0 when absent).
    func value(_ key: UInt64) -> Int {
        var slot = Self.slot(of: key, mask: mask)
        while true {
            let found = keys[slot]
            if found == key { return Int(counts[slot]) }
            if found == Self.empty { return 0 }
            slot = (slot + 1) & mask
        }
    }

    /// Every stored pair with its count.
    func forEach(_ body: (_ node: UInt32, _ collocate: UInt32, _ count: Int) -> Void) {
        for slot in keys.indices where keys[slot] != Self.empty {
            body(UInt32(truncatingIfNeeded: keys[slot] >> 32), UInt32(truncatingIfNeeded: keys[slot]), Int(counts[slot]))
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldCounts = counts
        keys = [UInt64](repeating: Self.empty, count: oldKeys.count * 2)
        counts = [Int32](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for slot in oldKeys.indices where oldKeys[slot] != Self.empty {
            var target = Self.slot(of: oldKeys[slot], mask: mask)
            while keys[target] != Self.empty { target = (target + 1) & mask }
            keys[target] = oldKeys[slot]
            counts[target] = oldCounts[slot]
        }
    }
}
