/// A per-thread hash table from a token's surface (UTF-16 code units) to its form id, so
/// that a surface is normalized and interned once per thread, not once per occurrence, and
/// no Swift `String` is made on the hot path.
///
/// Open addressing with linear probing; surfaces are copied into one arena.
struct SurfaceCache {
    private var arena: [UInt16] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt32] = []
    private var values: [UInt32] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1 << 14) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    static func hash(_ text: UnsafePointer<UInt16>, _ count: Int) -> UInt32 {
        var h: UInt32 = 2166136261
        for i in 0..<count {
            h = (h ^ UInt32(text[i])) &* 16777619
        }
        return h
    }

    /// The value stored for the surface, or nil.
    @inline(__always)
    func value(for text: UnsafePointer<UInt16>, count: Int, hash: UInt32) -> UInt32? {
        var slot = Int(hash) & mask
        return arena.withUnsafeBufferPointer { arena in
            while true {
                let entry = Int(slots[slot])
                if entry < 0 { return nil }
                if hashes[entry] == hash, Int(lengths[entry]) == count {
                    let start = Int(starts[entry])
                    var equal = true
                    for i in 0..<count where arena[start + i] != text[i] {
                        equal = false
                        break
                    }
                    if equal { return values[entry] }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Stores a value for a surface that is not in the table.
    mutating func insert(_ text: UnsafePointer<UInt16>, count: Int, hash: UInt32, value: UInt32) {
        if (values.count + 1) * 2 > slots.count { grow() }
        let entry = Int32(values.count)
        starts.append(Int32(arena.count))
        lengths.append(Int32(count))
        hashes.append(hash)
        values.append(value)
        arena.append(contentsOf: UnsafeBufferPointer(start: text, count: count))
        place(entry)
    }

    private mutating func place(_ entry: Int32) {
        var slot = Int(hashes[Int(entry)]) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for entry in 0..<Int32(values.count) { place(entry) }
    }
}
