/// One partition of the candidates of `terms suggest` — the kept runs of 2 tokens or more
/// with no stopword or number at either edge, those whose hash falls in the partition — with
/// what the suggestion reads of the other kept runs for them: the counts of their parts
/// (cohesion) and the longer candidates they are part of (nesting).
///
/// A run that is part of a kept run is kept itself (it is seen at least as often, and so are
/// its parts), so a candidate's parts are found among the kept runs, and a part with free
/// edges is a candidate. Within a memory budget the candidates are examined a partition at a
/// time, so that what is held grows with the partition, not with the corpus.
struct RunCandidates {
    /// tables[n − 2]: the partition's candidates of n tokens, with counts and document frequencies.
    private(set) var tables: [NgramTable]
    /// offsets[n − 2]: the number of the first candidate of n tokens (candidates are numbered
    /// by length, then in table order).
    let offsets: [Int]
    let count: Int
    /// The longest candidate.
    var maxLength: Int { tables.count + 1 }
    /// This partition, of how many.
    let partition: Int
    let partitions: Int
    /// nestedTotal[c], nestedCount[c]: the summed frequency and the number of the longer
    /// candidates candidate c is part of (each counted once).
    private(set) var nestedTotal: [Int]
    private(set) var nestedCount: [Int]
    /// parts[k − 2]: counts of the prefixes and suffixes of k ≥ 2 tokens of the candidates.
    private var parts: [NgramTable]
    private let unigrams: NgramTable

    /// The partition a run falls in, of `partitions`.
    static func partition(_ ids: UnsafePointer<UInt32>, _ n: Int, of partitions: Int) -> Int {
        // The hash's high bits: its low bits place the run in a table's slots.
        Int((UInt64(NgramTable.hash(ids, n)) &* UInt64(partitions)) >> 32)
    }

    /// Whether the run of n ids has no stopword or number (`edgeless`) at either edge: a
    /// kept run that has is a candidate.
    @inline(__always)
    static func hasFreeEdges(_ ids: UnsafePointer<UInt32>, _ n: Int, _ edgeless: [Bool]) -> Bool {
        !edgeless[Int(ids[0])] && !edgeless[Int(ids[n - 1])]
    }

    /// Bytes a candidate takes while its partition is examined: its table entry (about 70
    /// bytes for 3 tokens, the arrays up to twice their count), the counts of its parts (about
    /// as many), its tallies (32), measures (48), nesting (16), slots in the workers' tallies
    /// and in the order (12).
    static let bytesPerCandidate = 256

    /// - Parameter edgeless: forms that are no edge of a candidate (stopwords, numbers).
    /// - Throws: `DiscourseError` when a file of kept runs was cut short.
    init(_ counts: RunCounts, partition: Int, of partitions: Int, edgeless: [Bool]) throws(DiscourseError) {
        let maxLength = counts.maxLength
        var tables: [NgramTable] = []
        var offsets: [Int] = []
        var count = 0
        for runs in counts.kept {
            let n = runs.n
            var table = NgramTable(n: n, capacity: 1 << 10)
            try runs.forEach { ids, frequency, documents in
                guard Self.hasFreeEdges(ids, n, edgeless),
                      partitions == 1 || Self.partition(ids, n, of: partitions) == partition else { return }
                table.add(ids, count: frequency, documents: documents)
            }
            offsets.append(count)
            count += table.count
            tables.append(table)
        }
        // The parts whose counts cohesion reads (those of one token are held).
        var parts = (2..<max(2, maxLength)).map { NgramTable(n: $0, capacity: 1 << 10) }
        for table in tables where table.n > 2 {
            let n = table.n
            table.keys.withUnsafeBufferPointer { keys in
                for entry in 0..<table.count {
                    let ids = keys.baseAddress! + entry * n
                    for k in 2..<n {
                        _ = parts[k - 2].entry(for: ids)
                        _ = parts[k - 2].entry(for: ids + n - k)
                    }
                }
            }
        }
        var nestedTotal = [Int](repeating: 0, count: count)
        var nestedCount = [Int](repeating: 0, count: count)
        var inside: [Int] = []
        for runs in counts.kept {
            let n = runs.n
            try runs.forEach { ids, frequency, documents in
                if n < maxLength && parts[n - 2].find(ids) != nil {
                    parts[n - 2].add(ids, count: frequency, documents: documents)
                }
                guard n > 2, Self.hasFreeEdges(ids, n, edgeless) else { return }
                inside.removeAll(keepingCapacity: true)
                for length in 2..<n {
                    for start in 0...(n - length) where Self.hasFreeEdges(ids + start, length, edgeless) {
                        if let entry = tables[length - 2].find(ids + start) {
                            let c = offsets[length - 2] + entry
                            if !inside.contains(c) { inside.append(c) }
                        }
                    }
                }
                for c in inside {
                    nestedTotal[c] += frequency
                    nestedCount[c] += 1
                }
            }
        }
        self.tables = tables
        self.partition = partition
        self.partitions = partitions
        self.offsets = offsets
        self.count = count
        self.nestedTotal = nestedTotal
        self.nestedCount = nestedCount
        self.parts = parts
        unigrams = counts.unigrams
    }

    /// Candidate c's length and table entry.
    func locate(_ c: Int) -> (n: Int, entry: Int) {
        var k = offsets.count - 1
        while offsets[k] > c { k -= 1 }
        return (k + 2, c - offsets[k])
    }

    /// Whether a run of these n ids would be in this partition (no memory read).
    @inline(__always)
    func covers(_ ids: UnsafePointer<UInt32>, n: Int) -> Bool {
        partitions == 1 || Self.partition(ids, n, of: partitions) == partition
    }

    /// The candidate of these n ids, if it is one of this partition.
    @inline(__always)
    func candidate(_ ids: UnsafePointer<UInt32>, n: Int) -> Int? {
        tables[n - 2].find(ids).map { offsets[n - 2] + $0 }
    }

    /// How often the run of these ids (a part of a candidate) was seen.
    func partCount(_ ids: ArraySlice<UInt32>) -> Int {
        Array(ids).withUnsafeBufferPointer { ids in
            ids.count == 1 ? unigrams.count(of: ids.baseAddress!)
                : ids.count - 2 < parts.count ? parts[ids.count - 2].count(of: ids.baseAddress!) : 0
        }
    }
}
