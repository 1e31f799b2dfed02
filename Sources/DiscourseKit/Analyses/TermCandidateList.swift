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
    private var bytes: [UInt8] = []

    init(tmp: String) throws(DiscourseError) { file = try SpillFile(in: tmp, prefix: "discourse-candidates") }

    func append(_ candidate: TermCandidate) throws(DiscourseError) {
        let start = bytes.count
        bytes += [0, 0, 0, 0]
        for text in [candidate.text, candidate.tokens, candidate.firstGroup, candidate.lastGroup] {
            append(UInt64(text.utf8.count))
            bytes += text.utf8
        }
        for value in [candidate.length, candidate.count, candidate.documents, candidate.groupsPresent] {
            append(UInt64(bitPattern: Int64(value)))
        }
        for value in [candidate.cohesion, candidate.leftEntropy, candidate.rightEntropy, candidate.cValue, candidate.score] {
            append(value.bitPattern)
        }
        let length = UInt32(bytes.count - start - 4)
        for i in 0..<4 { bytes[start + i] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(i))) }
        if bytes.count > 1 << 20 {
            try file.append(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Writes what is still buffered.
    func finish() throws(DiscourseError) -> SpillFile {
        try file.append(bytes)
        bytes = []
        return file
    }

    private func append(_ value: UInt64) {
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
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
        var length = 0
        for i in 0..<4 { length |= Int(buffer[position + i]) << (8 * i) }
        position += 4
        guard try fill(length) else { throw DiscourseError("\(file.path): the temporary candidates were cut short while being read") }
        var at = position
        func word() -> UInt64 {
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(buffer[at + i]) << (8 * UInt64(i)) }
            at += 8
            return value
        }
        func text() -> String {
            let count = Int(word())
            defer { at += count }
            return String(decoding: buffer[at..<(at + count)], as: UTF8.self)
        }
        let (candidateText, tokens, firstGroup, lastGroup) = (text(), text(), text(), text())
        let integers = (0..<4).map { _ in Int(Int64(bitPattern: word())) }
        let reals = (0..<5).map { _ in Double(bitPattern: word()) }
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
