/// An opened partial-count file (`PartialCountsFormat`): checked whole when opened (its end
/// mark, its SHA-256, its header, vocabulary and index), then read a group block at a time.
/// The file is opened for each read, so that a merge of many shards does not run out of file
/// descriptors.
final class PartialCountsFile: Sendable {
    let path: String
    let header: PartialCountsHeader
    /// Where the vocabulary lies (read by `vocabulary()`, not kept: a merge of many parts
    /// holds one part's forms at a time).
    private let vocabularyRange: Range<Int>
    /// The SHA-256 of the whole file (as `sha256sum` prints it), for `run.json`.
    let sha256: String
    /// Where each group's block is.
    private let blocks: [(offset: Int, length: Int)]

    /// - Parameter keepListing: keep the header's list of every document and the grouping
    ///   (which all parts of a run share); a merge keeps them from one part only.
    /// - Throws: `DiscourseError` naming the file: unreadable, not a partial-count file, of
    ///   another version, truncated or damaged (checksum, structure).
    init(path: String, keepListing: Bool = true) throws(DiscourseError) {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw DiscourseError("\(path): cannot read the file (\(String(cString: strerror(errno))))") }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else {
            close(descriptor)
            let part = FileSystem.exists(path + "/part.json")
            throw DiscourseError("\(path): is not a file" + (part ? " but a study's part folder: merge those with 'discourse study STUDY --merge'" : ""))
        }
        defer { close(descriptor) }
        var header: PartialCountsHeader
        (header, vocabularyRange, blocks, sha256) = try Self.check(descriptor, size: Int(info.st_size), path: path)
        if !keepListing {
            header.documentIDs = []
            header.groups = []
            header.leftOut = []
        }
        self.header = header
    }

    /// Reads `count` bytes at `offset`, opening the file for the read.
    private func read(at offset: Int, count: Int) throws(DiscourseError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw DiscourseError("\(path): cannot read the file (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        return try Self.read(descriptor, at: offset, count: count, path: path)
    }

    /// Group g's block.
    ///
    /// - Throws: `DiscourseError` when the file can no longer be read.
    func block(_ g: Int) throws(DiscourseError) -> (bytes: [UInt8], offset: Int) {
        let (offset, length) = blocks[g]
        return (try read(at: offset, count: length), offset)
    }

    /// The start of group g's block: its tokens, sentences and distinct forms, without its
    /// tables (for `groups.csv`).
    func summary(_ g: Int) throws(DiscourseError) -> (tokens: Int, sentences: Int, forms: [UInt32]) {
        let (offset, length) = blocks[g]
        var head = LittleEndianReader(try read(at: offset, count: min(24, length)), source: path, base: offset)
        let tokens = Int(try head.u64("token count"))
        let sentences = Int(try head.u64("sentence count"))
        let count = Int(clamping: try head.u64("form count"))
        guard count <= (length - 24) / 4 else {
            throw DiscourseError("\(path): damaged partial-count file: form count \(count) at byte \(offset + 16) is more than the block holds")
        }
        var forms = LittleEndianReader(try read(at: offset + 24, count: 4 * count), source: path, base: offset + 24)
        return (tokens, sentences, try forms.u32s(count, "form ids"))
    }

    /// The part's forms by id and their stopword flags.
    func vocabulary() throws(DiscourseError) -> (forms: [String], isStopword: [Bool]) {
        try Self.parseVocabulary(try vocabularyBytes(), at: vocabularyRange.lowerBound, path: path)
    }

    /// The vocabulary as stored (checked when the file was opened): the form count, each
    /// form's length and text, then a stopword flag per form.
    func vocabularyBytes() throws(DiscourseError) -> [UInt8] {
        try read(at: vocabularyRange.lowerBound, count: vocabularyRange.count)
    }

    /// How many forms the vocabulary holds.
    func vocabularyCount() throws(DiscourseError) -> Int {
        var reader = LittleEndianReader(try read(at: vocabularyRange.lowerBound, count: 8), source: path, base: vocabularyRange.lowerBound)
        return Int(clamping: try reader.u64("form count"))
    }

    private static func parseVocabulary(_ bytes: [UInt8], at offset: Int, path: String) throws(DiscourseError) -> (forms: [String], isStopword: [Bool]) {
        var vocabulary = LittleEndianReader(bytes, source: path, base: offset)
        let formCount = try vocabulary.count("form count", width: 5)
        var forms: [String] = []
        forms.reserveCapacity(formCount)
        for _ in 0..<formCount {
            let length = Int(try vocabulary.u32("form length"))
            forms.append(String(decoding: try vocabulary.raw(length, "form text"), as: UTF8.self))
        }
        let flags = try vocabulary.raw(formCount, "stopword flags").map { $0 != 0 }
        guard vocabulary.remaining == 0 else {
            throw DiscourseError("\(path): damaged partial-count file: \(vocabulary.remaining) unread bytes after its vocabulary")
        }
        return (forms, flags)
    }

    private static func check(_ descriptor: Int32, size: Int, path: String) throws(DiscourseError)
        -> (PartialCountsHeader, Range<Int>, [(offset: Int, length: Int)], String) {
        let magic = PartialCountsFormat.magic
        let notPart = DiscourseError("\(path): not a partial-count file (made by 'discourse count'); it does not start with \(String(decoding: magic, as: UTF8.self))")
        guard size >= magic.count + 16 + PartialCountsFormat.trailerSize else { throw notPart }
        let start = try read(descriptor, at: 0, count: magic.count + 16, path: path)
        guard Array(start.prefix(magic.count)) == magic else { throw notPart }
        var reader = LittleEndianReader(Array(start.dropFirst(magic.count)), source: path, base: magic.count)
        let version = try reader.u32("version")
        guard version == PartialCountsFormat.version else {
            throw DiscourseError("\(path): partial-count file of format version \(version); this discourse reads version \(PartialCountsFormat.version) (count the shards again with this version)")
        }
        _ = try reader.u32("reserved")
        let headerLength = Int(clamping: try reader.u64("header length"))
        // The trailer: index offset, digest, end mark. A file cut short lacks the end mark.
        let trailer = try read(descriptor, at: size - PartialCountsFormat.trailerSize, count: PartialCountsFormat.trailerSize, path: path)
        guard Array(trailer.suffix(16)) == PartialCountsFormat.endMagic else {
            throw DiscourseError("\(path): incomplete partial-count file: it lacks its end mark (cut short, or still being written)")
        }
        let stored = String(decoding: trailer[8..<72], as: UTF8.self)
        let digest = SHA256Digest(), whole = SHA256Digest()
        var position = 0
        let hashed = size - 64 - 16
        while position < hashed {
            let chunk = try read(descriptor, at: position, count: min(1 << 20, hashed - position), path: path)
            digest.update(chunk)
            whole.update(chunk)
            position += chunk.count
        }
        whole.update(Array(trailer.suffix(80)))
        guard digest.hexDigest() == stored else {
            throw DiscourseError("\(path): damaged partial-count file: its SHA-256 does not match the one it records")
        }
        var tail = LittleEndianReader(Array(trailer.prefix(8)), source: path, base: size - PartialCountsFormat.trailerSize)
        let indexOffset = Int(clamping: try tail.u64("index offset"))
        let indexEnd = size - PartialCountsFormat.trailerSize
        let headerStart = magic.count + 16
        guard headerLength <= indexEnd - headerStart, indexOffset >= headerStart + headerLength, indexOffset <= indexEnd,
              (indexEnd - indexOffset) % 16 == 0 else {
            throw DiscourseError("\(path): damaged partial-count file: its header length or index offset is out of range")
        }
        let headerBytes = try read(descriptor, at: headerStart, count: headerLength, path: path)
        let header = try PartialCountsHeader(json: try JSONValue(parsing: headerBytes, source: path), source: path)
        // The vocabulary runs from the header to the first block; its length is found by reading it.
        var index = LittleEndianReader(try read(descriptor, at: indexOffset, count: indexEnd - indexOffset, path: path),
                                       source: path, base: indexOffset)
        var blocks: [(offset: Int, length: Int)] = []
        while index.remaining > 0 {
            let offset = Int(clamping: try index.u64("block offset"))
            let length = Int(clamping: try index.u64("block length"))
            guard offset >= headerStart + headerLength, length <= indexOffset - offset else {
                throw DiscourseError("\(path): damaged partial-count file: a block of its index lies outside the file")
            }
            blocks.append((offset, length))
        }
        guard blocks.count == header.groups.count else {
            throw DiscourseError("\(path): damaged partial-count file: \(blocks.count) group blocks for \(header.groups.count) groups")
        }
        let vocabularyStart = headerStart + headerLength
        let vocabularyEnd = blocks.first?.offset ?? indexOffset
        let vocabulary = vocabularyStart..<vocabularyEnd
        _ = try parseVocabulary(try read(descriptor, at: vocabulary.lowerBound, count: vocabulary.count, path: path), at: vocabulary.lowerBound, path: path)
        return (header, vocabulary, blocks, whole.hexDigest())
    }

    private static func read(_ descriptor: Int32, at offset: Int, count: Int, path: String) throws(DiscourseError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if got < 0 {
                if errno == EINTR { continue }
                throw DiscourseError("\(path): cannot read the file (\(String(cString: strerror(errno))))")
            }
            guard got > 0 else { throw DiscourseError("\(path): the file ended at byte \(offset + done) while \(count - done) more bytes were expected") }
            done += got
        }
        return bytes
    }
}
