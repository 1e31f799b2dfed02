/// Writes a partial-count file (`PartialCountsFormat`) a group at a time, into a temporary
/// file beside the destination that is renamed into place by `finish`, so that a reader (or
/// a merge job) never sees half a file.
final class PartialCountsWriter {
    let path: String
    private let temporary: String
    private let descriptor: Int32
    private let digest = SHA256Digest()
    private var offset = 0
    private var index = LittleEndianWriter()
    private var finished = false

    /// Opens the temporary file and writes the header and vocabulary.
    ///
    /// - Throws: `DiscourseError` naming `path` when it cannot be written.
    init(path: String, header: PartialCountsHeader, vocabulary: VocabularyTable) throws(DiscourseError) {
        self.path = path
        if FileSystem.isFolder(path) == true { throw DiscourseError("--out \(path): is a folder; give the partial-count file's name, e.g. part-1.dcounts") }
        let folder = path.deletingLastPathComponent
        if !folder.isEmpty { try FileSystem.createFolders(folder, for: path) }
        temporary = (folder.isEmpty ? "" : folder + "/") + ".\(path.lastPathComponent).tmp-\(getpid())"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw DiscourseError("--out \(path): cannot write the file (\(String(cString: strerror(errno))))")
        }
        InterruptCleanup.register(temporary)
        var start = LittleEndianWriter()
        start.bytes = PartialCountsFormat.magic
        start.u32(PartialCountsFormat.version)
        start.u32(0)
        let json = Array(header.json.serialized().utf8)
        start.u64(UInt64(json.count))
        start.bytes += json
        start.u64(UInt64(vocabulary.count))
        for form in vocabulary.forms {
            start.u32(UInt32(form.utf8.count))
            start.bytes += form.utf8
        }
        for stopword in vocabulary.isStopword { start.u8(stopword ? 1 : 0) }
        try emit(start.bytes)
    }

    deinit { if !finished { abandon() } }

    /// Appends the next group's block.
    func append(_ block: [UInt8]) throws(DiscourseError) {
        index.u64(UInt64(offset))
        index.u64(UInt64(block.count))
        try emit(block)
    }

    /// Writes the index and trailer and renames the file into place.
    func finish() throws(DiscourseError) {
        let indexOffset = offset
        try emit(index.bytes)
        var tail = LittleEndianWriter()
        tail.u64(UInt64(indexOffset))
        try emit(tail.bytes)
        let trailer = Array(digest.hexDigest().utf8) + PartialCountsFormat.endMagic
        try write(trailer)
        guard fsync(descriptor) == 0 || errno == EINVAL else { throw failure("cannot write the file") }
        close(descriptor)
        finished = true
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            InterruptCleanup.unregister(temporary)
            throw DiscourseError("--out \(path): cannot put the file in place (\(reason))")
        }
        InterruptCleanup.unregister(temporary)
    }

    /// Removes the temporary file (after an error).
    func abandon() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporary)
        InterruptCleanup.unregister(temporary)
    }

    private func emit(_ bytes: [UInt8]) throws(DiscourseError) {
        digest.update(bytes)
        try write(bytes)
    }

    private func write(_ bytes: [UInt8]) throws(DiscourseError) {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + done, $0.count - done) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write the file")
            }
            done += count
        }
        offset += bytes.count
    }

    private func failure(_ what: String) -> DiscourseError {
        DiscourseError("--out \(path): \(what) (\(String(cString: strerror(errno))))")
    }
}
