/// The runs of one length that `terms suggest` kept (seen `--min-count` times or more), as
/// records of n ids, the count in two halves and the document frequency: held in memory, or,
/// within a memory budget, in a file under the run's temporary folder, read back a block at a
/// time. The order is that in which they were counted.
final class KeptRuns: @unchecked Sendable {
    // @unchecked: written by one thread while counted, then only read.
    let n: Int
    private(set) var count = 0
    private var block: [UInt32] = []
    private let file: SpillFile?

    private var recordWords: Int { n + 3 }
    private static let blockRecords = 1 << 14

    /// - Parameter tmp: the folder of the file; nil holds the records in memory.
    init(n: Int, tmp: String?) throws(DiscourseError) {
        self.n = n
        file = try tmp.map { folder throws(DiscourseError) in try SpillFile(in: folder, prefix: "discourse-kept") }
    }

    func append(_ ids: UnsafePointer<UInt32>, count: Int, documents: Int32) throws(DiscourseError) {
        for i in 0..<n { block.append(ids[i]) }
        block.append(UInt32(truncatingIfNeeded: UInt64(count)))
        block.append(UInt32(truncatingIfNeeded: UInt64(count) >> 32))
        block.append(UInt32(bitPattern: documents))
        self.count += 1
        if let file, block.count >= Self.blockRecords * recordWords {
            try file.append(block)
            block.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is still buffered; the records can then be read.
    func finish() throws(DiscourseError) {
        guard let file else { return }
        try file.append(block)
        block = []
    }

    /// Calls `body` with each record's ids, count and document frequency, in order.
    ///
    /// - Throws: `DiscourseError` when the file was cut short, or what `body` throws.
    func forEach(_ body: (UnsafePointer<UInt32>, Int, Int32) throws(DiscourseError) -> Void) throws(DiscourseError) {
        let words = recordWords
        func visit(_ buffer: UnsafeBufferPointer<UInt32>, records: Int) throws(DiscourseError) {
            for r in 0..<records {
                let base = buffer.baseAddress! + r * words
                try body(base, Int(UInt64(base[n]) | UInt64(base[n + 1]) << 32), Int32(bitPattern: base[n + 2]))
            }
        }
        guard let file else {
            try block.withUnsafeBufferPointer { buffer throws(DiscourseError) in try visit(buffer, records: count) }
            return
        }
        var buffer = [UInt32](repeating: 0, count: Self.blockRecords * words)
        var record = 0
        while record < count {
            let records = min(Self.blockRecords, count - record)
            let read = buffer.withUnsafeMutableBufferPointer { buffer in
                file.read(into: UnsafeMutableBufferPointer(rebasing: buffer[..<(records * words)]), at: record * words * 4)
            }
            guard read else { throw DiscourseError("\(file.path): the temporary runs were cut short while being read") }
            try buffer.withUnsafeBufferPointer { buffer throws(DiscourseError) in try visit(buffer, records: records) }
            record += records
        }
    }
}
