/// One length's run counts written to disk when they outgrow a memory budget, for
/// `RunCounts`: each table written is a file of records (n ids, count, document frequency)
/// ordered by bucket, the top 8 bits of the ids' hash. Summing then reads, from every file,
/// a range of buckets that fits the budget, adds it into one table and keeps the runs seen
/// often enough: a run's records all fall in one bucket, so each range is summed whole.
///
/// Document frequencies add up because a table is written between chunks of whole documents.
struct RunTableSpill {
    let n: Int
    /// The files written, with each bucket's first record (and the record count last).
    private var files: [(file: SpillFile, starts: [Int])] = []

    static let buckets = 256

    init(n: Int) { self.n = n }

    var isEmpty: Bool { files.isEmpty }

    /// Words of a record: the ids, the count in two halves, the document frequency.
    private var recordWords: Int { n + 3 }

    @inline(__always)
    private static func bucket(_ ids: UnsafePointer<UInt32>, _ n: Int) -> Int { Int(NgramTable.hash(ids, n) >> 24) }

    /// Writes `table`'s entries as a file under `tmp`, bucket by bucket.
    ///
    /// - Throws: `DiscourseError` naming the file when the disk refuses it.
    mutating func write(_ table: NgramTable, tmp: String) throws(DiscourseError) {
        let n = self.n
        var starts = [Int](repeating: 0, count: Self.buckets + 1)
        var order = [Int32](repeating: 0, count: table.count)
        table.keys.withUnsafeBufferPointer { keys in
            var bucketOf = [UInt8](repeating: 0, count: table.count)
            for entry in 0..<table.count {
                let b = Self.bucket(keys.baseAddress! + entry * n, n)
                bucketOf[entry] = UInt8(b)
                starts[b + 1] += 1
            }
            for b in 0..<Self.buckets { starts[b + 1] += starts[b] }
            var next = starts
            for entry in 0..<table.count {
                order[next[Int(bucketOf[entry])]] = Int32(entry)
                next[Int(bucketOf[entry])] += 1
            }
        }
        let file = try SpillFile(in: tmp, prefix: "discourse-runs")
        var block: [UInt32] = []
        block.reserveCapacity((1 << 14) * recordWords)
        for entry in order {
            block.append(contentsOf: table.ids(of: Int(entry)))
            let count = UInt64(table.occurrences(of: Int(entry)))
            block.append(UInt32(truncatingIfNeeded: count))
            block.append(UInt32(truncatingIfNeeded: count >> 32))
            block.append(UInt32(bitPattern: table.documentFrequency(of: Int(entry))))
            if block.count >= (1 << 14) * recordWords {
                try file.append(block)
                block.removeAll(keepingCapacity: true)
            }
        }
        try file.append(block)
        files.append((file, starts))
    }

    /// The runs of every file written summed, those seen at least `minCount` times handed to
    /// `body` (ids, count, document frequency), holding no more than about `limit` bytes of
    /// records being summed at once.
    ///
    /// - Throws: `DiscourseError` when a file was cut short while being read back, or what
    ///   `body` throws.
    func summed(atLeast minCount: Int, limit: Int, _ body: (UnsafePointer<UInt32>, Int, Int32) throws(DiscourseError) -> Void)
        throws(DiscourseError) {
        let most = max(1, limit / NgramTable.entryBytes(n: n))
        func records(_ bucket: Int) -> Int { files.reduce(0) { $0 + $1.starts[bucket + 1] - $1.starts[bucket] } }
        var first = 0
        while first < Self.buckets {
            var last = first + 1
            var held = records(first)
            while last < Self.buckets && held + records(last) <= most {
                held += records(last)
                last += 1
            }
            var table = NgramTable(n: n, capacity: min(held, most))
            for (file, starts) in files {
                try add(file, records: starts[first]..<starts[last], into: &table)
            }
            try table.forEach(atLeast: minCount, body)
            first = last
        }
    }

    /// Adds a file's records in `range` into `table`, a block at a time.
    private func add(_ file: SpillFile, records range: Range<Int>, into table: inout NgramTable) throws(DiscourseError) {
        let words = recordWords
        var record = range.lowerBound
        var block = [UInt32](repeating: 0, count: (1 << 14) * words)
        while record < range.upperBound {
            let count = min(1 << 14, range.upperBound - record)
            let read = block.withUnsafeMutableBufferPointer { buffer in
                file.read(into: UnsafeMutableBufferPointer(rebasing: buffer[..<(count * words)]), at: record * words * 4)
            }
            guard read else { throw DiscourseError("\(file.path): the temporary run counts were cut short while being read") }
            block.withUnsafeBufferPointer { buffer in
                for r in 0..<count {
                    let base = buffer.baseAddress! + r * words
                    table.add(base, count: Int(UInt64(base[n]) | UInt64(base[n + 1]) << 32), documents: Int32(bitPattern: base[n + 2]))
                }
            }
            record += count
        }
    }
}
