/// A per-thread hash table from a token's surface (UTF-16 code units) to its form id, so
/// that a surface is normalized and interned once per thread, not once per occurrence, and
/// no Swift `String` is made on the hot path.
///
/// Open addressing with linear probing over 32-byte slots that hold the hash, the length,
/// the value and the surface's first eight code units: a lookup of a surface of up to eight
/// units (most words) reads one slot and nothing else, where separate arrays of hashes,
/// lengths and offsets cost a cache miss each (profiled: the lookup was the costliest part
/// of the tokenizer's own work). Longer surfaces are also copied whole into an arena.
struct SurfaceCache {
    /// A surface's hash and its first eight code units, packed four to a word.
    struct Key {
        let hash: UInt32
        let head: (UInt64, UInt64)

        @inline(__always)
        init(_ text: UnsafePointer<UInt16>, _ count: Int) {
            var h: UInt32 = 2166136261  // FNV-1a
            for i in 0..<count { h = (h ^ UInt32(text[i])) &* 16777619 }
            var a: UInt64 = 0
            var b: UInt64 = 0
            for i in 0..<min(count, 4) { a |= UInt64(text[i]) &<< UInt64(16 * i) }
            if count > 4 { for i in 4..<min(count, 8) { b |= UInt64(text[i]) &<< UInt64(16 * (i - 4)) } }
            hash = h
            head = (a, b)
        }
    }

    private struct Slot {
        var hash: UInt32 = 0
        /// Code units; -1 for an empty slot.
        var length: Int32 = -1
        var value: UInt32 = 0
        /// Where the whole surface is in the arena (surfaces longer than eight units).
        var start: Int32 = 0
        var head: (UInt64, UInt64) = (0, 0)
    }

    private var slots: [Slot]
    private var mask: Int
    private var count = 0
    private var arena: [UInt16] = []

    init(capacity: Int = 1 << 14) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
    }

    /// The value stored for the surface, or nil.
    @inline(__always)
    func value(for text: UnsafePointer<UInt16>, count: Int, key: Key) -> UInt32? {
        slots.withUnsafeBufferPointer { slots in
            var index = Int(key.hash) & mask
            while true {
                let slot = slots[index]
                if slot.length < 0 { return nil }
                if slot.hash == key.hash && Int(slot.length) == count && slot.head == key.head
                    && (count <= 8 || restEqual(text, count: count, start: Int(slot.start))) {
                    return slot.value
                }
                index = (index + 1) & mask
            }
        }
    }

    private func restEqual(_ text: UnsafePointer<UInt16>, count: Int, start: Int) -> Bool {
        arena.withUnsafeBufferPointer { arena in
            for i in 8..<count where arena[start + i] != text[i] { return false }
            return true
        }
    }

    /// Stores a value for a surface that is not in the table.
    mutating func insert(_ text: UnsafePointer<UInt16>, count: Int, key: Key, value: UInt32) {
        if (self.count + 1) * 2 > slots.count { grow() }
        var slot = Slot(hash: key.hash, length: Int32(count), value: value, start: 0, head: key.head)
        if count > 8 {
            slot.start = Int32(arena.count)
            arena.append(contentsOf: UnsafeBufferPointer(start: text, count: count))
        }
        place(slot)
        self.count += 1
    }

    private mutating func place(_ slot: Slot) {
        var index = Int(slot.hash) & mask
        while slots[index].length >= 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.length >= 0 { place(slot) }
    }
}
