/// The candidates of `terms suggest`, best first: held, or, when they were examined in
/// partitions within a memory budget, merged from the partitions' files (each sorted) as
/// they are read, so that the whole list is never in memory.
public struct TermCandidateList: Sendable {
    private let held: [TermCandidate]
    private let files: [SpillFile]
    /// How many candidates there are.
    public let count: Int

    init(_ candidates: [TermCandidate]) {
        held = candidates
        files = []
        count = candidates.count
    }

    init(files: [SpillFile], count: Int) {
        held = []
        self.files = files
        self.count = count
    }

    /// The order of the list: descending score, then count; ties broken by the text, the
    /// tokens and the length, so that the order does not depend on how the tables were
    /// counted (in memory, through files, in partitions).
    static func precedes(_ x: TermCandidate, _ y: TermCandidate) -> Bool {
        if x.score != y.score { return x.score > y.score }
        if x.count != y.count { return x.count > y.count }
        if !x.text.utf8.elementsEqual(y.text.utf8) { return x.text.utf8.lexicographicallyPrecedes(y.text.utf8) }
        if !x.tokens.utf8.elementsEqual(y.tokens.utf8) { return x.tokens.utf8.lexicographicallyPrecedes(y.tokens.utf8) }
        return x.length < y.length
    }

    /// Calls `body` with each candidate in order until it returns false.
    ///
    /// - Throws: `DiscourseError` when a partition's file was cut short, or what `body` throws.
    public func forEach(_ body: (TermCandidate) throws(DiscourseError) -> Bool) throws(DiscourseError) {
        guard !files.isEmpty else {
            for candidate in held where try !body(candidate) { return }
            return
        }
        var readers = files.map(CandidateReader.init)
        var heads: [TermCandidate?] = []
        for r in readers.indices { heads.append(try readers[r].next()) }
        while true {
            var best: Int?
            for r in heads.indices {
                guard let head = heads[r] else { continue }
                if let b = best, !Self.precedes(head, heads[b]!) { continue }
                best = r
            }
            guard let b = best else { return }
            guard try body(heads[b]!) else { return }
            heads[b] = try readers[b].next()
        }
    }

    /// Every candidate, in order (for tests and small runs).
    public func all() throws(DiscourseError) -> [TermCandidate] {
        var result: [TermCandidate] = []
        try forEach { candidate in
            result.append(candidate)
            return true
        }
        return result
    }
}

/// Writes candidates (in order) to a file under the run's temporary folder, for
/// `TermCandidateList` to merge.
final class CandidateFileWriter {
    let file: SpillFile
    private var out = LittleEndianWriter()

    init(tmp: String) throws(DiscourseError) { file = try SpillFile(in: tmp, prefix: "discourse-candidates") }

    /// Appends one record: its length (u32), then the four texts (u64 length, UTF-8), the
    /// four integers and the five reals (u64 each).
    func append(_ candidate: TermCandidate) throws(DiscourseError) {
        var record = LittleEndianWriter()
        for text in [candidate.text, candidate.tokens, candidate.firstGroup, candidate.lastGroup] {
            record.u64(UInt64(text.utf8.count))
            record.bytes += text.utf8
        }
        for value in [candidate.length, candidate.count, candidate.documents, candidate.groupsPresent] {
            record.u64(UInt64(bitPattern: Int64(value)))
        }
        for value in [candidate.cohesion, candidate.leftEntropy, candidate.rightEntropy, candidate.cValue, candidate.score] {
            record.u64(value.bitPattern)
        }
        out.u32(UInt32(record.bytes.count))
        out.bytes += record.bytes
        if out.bytes.count > 1 << 20 {
            try file.append(out.bytes)
            out.bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is still buffered.
    func finish() throws(DiscourseError) -> SpillFile {
        try file.append(out.bytes)
        out.bytes = []
        return file
    }
}

/// Reads back a file `CandidateFileWriter` wrote, a block at a time.
private struct CandidateReader {
    let file: SpillFile
    private var buffer: [UInt8] = []
    private var position = 0
    private var offset = 0

    init(_ file: SpillFile) { self.file = file }

    /// The next candidate, or nil at the end.
    mutating func next() throws(DiscourseError) -> TermCandidate? {
        guard try fill(4) else { return nil }
        var header = LittleEndianReader(Array(buffer[position..<(position + 4)]), source: file.path,
                                        kind: "temporary file of candidates")
        let length = Int(try header.u32("record length"))
        position += 4
        guard try fill(length) else { throw DiscourseError("\(file.path): the temporary candidates were cut short while being read") }
        var record = LittleEndianReader(Array(buffer[position..<(position + length)]), source: file.path,
                                        kind: "temporary file of candidates")
        func text() throws(DiscourseError) -> String {
            let count = try record.count("text length", width: 1)
            return String(decoding: try record.raw(count, "text"), as: UTF8.self)
        }
        let (candidateText, tokens, firstGroup, lastGroup) = (try text(), try text(), try text(), try text())
        var integers: [Int] = []
        for _ in 0..<4 { integers.append(Int(Int64(bitPattern: try record.u64("integer")))) }
        var reals: [Double] = []
        for _ in 0..<5 { reals.append(Double(bitPattern: try record.u64("real"))) }
        let candidate = TermCandidate(
            text: candidateText, tokens: tokens, length: integers[0], count: integers[1], documents: integers[2],
            groupsPresent: integers[3], firstGroup: firstGroup, lastGroup: lastGroup, cohesion: reals[0], leftEntropy: reals[1],
            rightEntropy: reals[2], cValue: reals[3], score: reals[4])
        position += length
        return candidate
    }

    /// Makes `count` bytes available from `position`; false at the end of the file.
    private mutating func fill(_ count: Int) throws(DiscourseError) -> Bool {
        if buffer.count - position >= count { return true }
        buffer.removeFirst(position)
        position = 0
        let wanted = max(count - buffer.count, 1 << 18)  // 256 KB a partition: there may be many
        let available = min(wanted, file.size - offset)
        guard available > 0 else { return buffer.count >= count }
        let start = buffer.count
        buffer += [UInt8](repeating: 0, count: available)
        let read = buffer.withUnsafeMutableBufferPointer { buffer in
            file.read(into: UnsafeMutableBufferPointer(rebasing: buffer[start...]), at: offset)
        }
        guard read else { throw DiscourseError("\(file.path): the temporary candidates were cut short while being read") }
        offset += available
        return buffer.count >= count
    }
}
