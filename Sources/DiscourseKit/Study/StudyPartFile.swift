/// A `.bin` file of a study part (`StudyPart`) written as it is encoded: little-endian numbers
/// go to a buffer that is written out whenever it passes a megabyte, and the file's SHA-256
/// is taken on the way, so that a shard's documents' lists (hundreds of megabytes at scale)
/// are never held whole.
final class StudyPartFileWriter {
    let path: String
    /// What the caller appends to; `flush` writes it out.
    var buffer = LittleEndianWriter()
    private let descriptor: Int32
    private let digest = SHA256Digest()
    private let destination: String

    /// - Throws: `DiscourseError` naming the part (`destination`) when the file cannot be made.
    init(path: String, destination: String) throws(DiscourseError) {
        self.path = path
        self.destination = destination
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw DiscourseError("--out \(destination): cannot write \(path.lastPathComponent) (\(String(cString: strerror(errno))))")
        }
        buffer.bytes = StudyPart.magic
    }

    deinit { close(descriptor) }

    /// Writes the buffer out once it holds a megabyte or more.
    func flushIfFull() throws(DiscourseError) {
        if buffer.bytes.count >= 1 << 20 { try flush() }
    }

    /// Writes the buffer out.
    func flush() throws(DiscourseError) {
        digest.update(buffer.bytes)
        var written = 0
        while written < buffer.bytes.count {
            let count = buffer.bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw DiscourseError("--out \(destination): cannot write \(path.lastPathComponent) (\(String(cString: strerror(errno))); is the disk full?)")
            }
            written += count
        }
        buffer.bytes.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and returns the file's SHA-256 in hex.
    func finish() throws(DiscourseError) -> String {
        try flush()
        return digest.hexDigest()
    }
}

/// Reads a `.bin` file of a study part a megabyte at a time, checking every read against the
/// file's end (messages name the file and byte offset). The file's SHA-256 is checked against
/// the one `part.json` records before anything is read from it, so that a damaged file is
/// named as such rather than by whatever its damage breaks first.
final class StudyPartFileReader {
    let source: String
    private let descriptor: Int32
    private let size: Int
    private var buffer: [UInt8] = []
    private var position = 0
    /// The file offset of `buffer[0]`.
    private var base = 0

    /// Opens `path`, checks its SHA-256 and that it starts with the magic.
    ///
    /// - Throws: `DiscourseError` naming the file when it cannot be read, is damaged or is not
    ///   a part's.
    init(path: String, sha256: String) throws(DiscourseError) {
        source = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw DiscourseError("\(path): cannot be read (\(String(cString: strerror(errno))))") }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw DiscourseError("\(path): cannot be read") }
        size = Int(info.st_size)
        let digest = SHA256Digest()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while offset < size {
            let n = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, min($0.count, size - offset), off_t(offset)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw DiscourseError("\(path): cannot be read (\(n < 0 ? String(cString: strerror(errno)) : "cut short while read"))") }
            chunk.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            offset += n
        }
        guard digest.hexDigest() == sha256 else {
            throw DiscourseError("\(path): damaged study part: its SHA-256 is not the one \(StudyPart.headerFile) records")
        }
        guard try raw(StudyPart.magic.count, "magic").elementsEqual(StudyPart.magic) else {
            throw DiscourseError("\(path): damaged study part: it does not start with \(String(decoding: StudyPart.magic, as: UTF8.self))")
        }
    }

    deinit { close(descriptor) }

    /// Bytes left to read.
    var remaining: Int { size - base - position }

    /// Makes `count` bytes available from `position`, reading more of the file as needed.
    private func ensure(_ count: Int, _ what: String) throws(DiscourseError) {
        guard count >= 0, count <= remaining else {
            throw DiscourseError("\(source): damaged study part: \(what) at byte \(base + position) runs past the end of the file")
        }
        guard buffer.count - position < count else { return }
        buffer.removeFirst(position)
        base += position
        position = 0
        let start = buffer.count
        let wanted = min(size - base - start, max(count - start, 1 << 20))
        buffer.append(contentsOf: repeatElement(0, count: wanted))
        var got = 0
        while got < wanted {
            let n = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + start + got, wanted - got, off_t(base + start + got)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw DiscourseError("\(source): cannot be read (\(n < 0 ? String(cString: strerror(errno)) : "cut short while read"))") }
            got += n
        }
    }

    func u8(_ what: String) throws(DiscourseError) -> UInt8 {
        try ensure(1, what)
        defer { position += 1 }
        return buffer[position]
    }

    func u32(_ what: String) throws(DiscourseError) -> UInt32 {
        try ensure(4, what)
        defer { position += 4 }
        return buffer.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt32.self)) }
    }

    func u64(_ what: String) throws(DiscourseError) -> UInt64 {
        try ensure(8, what)
        defer { position += 8 }
        return buffer.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt64.self)) }
    }

    /// A count read as u64 that must fit in what is left at `width` bytes per item.
    func count(_ what: String, width: Int) throws(DiscourseError) -> Int {
        let value = try u64(what)
        guard value <= UInt64(remaining / max(1, width)) else {
            throw DiscourseError("\(source): damaged study part: \(what) \(value) at byte \(base + position - 8) is more than the file holds")
        }
        return Int(value)
    }

    /// A u64 that must be at most `limit` (a count of tokens or documents), as an Int.
    func int(_ what: String, upTo limit: Int = 1 << 52) throws(DiscourseError) -> Int {
        let value = try u64(what)
        guard value <= UInt64(limit) else {
            throw DiscourseError("\(source): damaged study part: \(what) \(value) at byte \(base + position - 8) is out of range")
        }
        return Int(value)
    }

    func u32s(_ count: Int, _ what: String) throws(DiscourseError) -> [UInt32] {
        var values: [UInt32] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try u32(what)) }
        return values
    }

    func raw(_ count: Int, _ what: String) throws(DiscourseError) -> ArraySlice<UInt8> {
        try ensure(count, what)
        defer { position += count }
        return buffer[position..<position + count]
    }

    /// Checks that the file was read to its end.
    ///
    /// - Throws: `DiscourseError` naming the file otherwise.
    func finish() throws(DiscourseError) {
        guard remaining == 0 else {
            throw DiscourseError("\(source): damaged study part: \(remaining) bytes follow its counts")
        }
    }
}
