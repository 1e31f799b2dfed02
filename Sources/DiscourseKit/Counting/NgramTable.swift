/// Counts of n-grams of one length, keyed by their form ids, with document frequencies.
///
/// Open addressing with linear probing over dense entry arrays: an n-gram's ids are stored
/// once, flat, n per entry; a count is an integer increment, no string is made. A slot holds
/// the entry's hash beside its index, so that a probe past another n-gram, or to an empty
/// slot, reads no entry array (a year's bigram and trigram tables outgrow the core's cache:
/// every array read is a likely miss).
/// Document frequency is kept with a "last document" stamp per entry, so one pass over
/// the documents counts both. An entry's count, document frequency and stamp sit together
/// (`Tally`, 16 bytes), so that adding an occurrence of a rare n-gram touches one cache line
/// for them rather than three.
///
/// - Complexity: `add` is O(n) expected.
struct NgramTable {
    /// An entry's count, its document frequency, and the last document that added to it.
    struct Tally {
        var count: Int
        var documents: Int32
        var lastDocument: Int32
    }

    let n: Int
    /// Entry e's ids are keys[e*n ..< e*n+n].
    private(set) var keys: [UInt32] = []
    private(set) var tallies: [Tally] = []
    /// Empty (0), or an entry's hash in the high 32 bits and its index + 1 in the low.
    private var slots: [UInt64]
    private var mask: Int

    /// - Parameter capacity: expected distinct n-grams (at most the tokens counted), so
    ///   that the arrays are allocated once.
    init(n: Int, capacity: Int = 1024) {
        self.n = n
        keys.reserveCapacity(capacity * n)
        tallies.reserveCapacity(capacity)
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Distinct n-grams.
    var count: Int { tallies.count }

    /// Bytes the table's arrays hold, for a memory budget.
    var footprint: Int {
        keys.capacity * 4 + tallies.capacity * MemoryLayout<Tally>.stride + slots.count * 8
    }

    /// Bytes an entry of n ids may take once the arrays have grown (arrays up to twice their
    /// count, slots from half to a quarter full).
    static func entryBytes(n: Int) -> Int { 2 * (4 * n + MemoryLayout<Tally>.stride) + 32 }

    /// Entry e's count.
    @inline(__always)
    func occurrences(of entry: Int) -> Int { tallies[entry].count }

    /// Entry e's document frequency.
    @inline(__always)
    func documentFrequency(of entry: Int) -> Int32 { tallies[entry].documents }

    @inline(__always)
    static func hash(_ ids: UnsafePointer<UInt32>, _ n: Int) -> UInt32 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for i in 0..<n {
            h = (h ^ UInt64(ids[i])) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// Adds one occurrence of the n-gram `ids[0..<n]` seen in `document`.
    @inline(__always)
    mutating func add(_ ids: UnsafePointer<UInt32>, document: Int32) {
        let entry = self.entry(for: ids)
        tallies.withUnsafeMutableBufferPointer { tallies in
            tallies[entry].count += 1
            if tallies[entry].lastDocument != document {
                tallies[entry].lastDocument = document
                tallies[entry].documents += 1
            }
        }
    }

    /// Adds the n-grams of one document's `forms[0..<count]` that start where `runs` (how
    /// many tokens from each position can stand in one n-gram) reaches n.
    mutating func add(forms: UnsafePointer<UInt32>, runs: UnsafePointer<Int32>, count: Int, document: Int32) {
        for i in 0..<count where Int(runs[i]) >= n { add(forms + i, document: document) }
    }

    /// The entry of `ids`, or nil when the table does not hold it.
    func find(_ ids: UnsafePointer<UInt32>) -> Int? {
        let hash = Self.hash(ids, n)
        let tag = UInt64(hash) << 32
        var slot = Int(hash) & mask
        while true {
            let held = slots[slot]
            if held == 0 { return nil }
            let entry = Int(truncatingIfNeeded: held & 0xFFFF_FFFF) - 1
            if held & ~0xFFFF_FFFF == tag && keysEqual(entry, ids) { return entry }
            slot = (slot + 1) & mask
        }
    }

    /// The count of `ids` (0 when absent).
    func count(of ids: UnsafePointer<UInt32>) -> Int { find(ids).map { tallies[$0].count } ?? 0 }

    /// The entry of `ids`, added with zero counts when new.
    @inline(__always)
    mutating func entry(for ids: UnsafePointer<UInt32>) -> Int {
        let hash = Self.hash(ids, n)
        let tag = UInt64(hash) << 32
        var slot = Int(hash) & mask
        while true {
            let held = slots[slot]
            if held == 0 { break }
            let entry = Int(truncatingIfNeeded: held & 0xFFFF_FFFF) - 1
            if held & ~0xFFFF_FFFF == tag && keysEqual(entry, ids) { return entry }
            slot = (slot + 1) & mask
        }
        let entry = tallies.count
        precondition(entry < Int(UInt32.max), "an n-gram table holds at most 2³² − 1 entries")
        for i in 0..<n { keys.append(ids[i]) }
        tallies.append(Tally(count: 0, documents: 0, lastDocument: -1))
        slots[slot] = tag | UInt64(entry + 1)
        if tallies.count * 2 > slots.count { grow() }
        return entry
    }

    @inline(__always)
    private func keysEqual(_ entry: Int, _ ids: UnsafePointer<UInt32>) -> Bool {
        let base = entry * n
        for i in 0..<n where keys[base + i] != ids[i] { return false }
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        for held in old where held != 0 {
            var slot = Int(truncatingIfNeeded: held >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = held
        }
    }

    /// Adds every entry of `other`, counted over other documents, into this table.
    mutating func merge(_ other: NgramTable) {
        other.keys.withUnsafeBufferPointer { keys in
            for entry in 0..<other.count {
                let mine = self.entry(for: keys.baseAddress! + entry * n)
                tallies[mine].count += other.tallies[entry].count
                tallies[mine].documents += other.tallies[entry].documents
            }
        }
    }

    /// The ids of entry e.
    func ids(of entry: Int) -> ArraySlice<UInt32> { keys[entry * n ..< entry * n + n] }
}

extension NgramTable {
    /// Adds `count` occurrences in `documents` documents of the n-gram `ids[0..<n]`, counted
    /// elsewhere over other documents (a shard's partial counts).
    mutating func add(_ ids: UnsafePointer<UInt32>, count: Int, documents: Int32) {
        let entry = self.entry(for: ids)
        tallies[entry].count += count
        tallies[entry].documents += documents
    }
}
