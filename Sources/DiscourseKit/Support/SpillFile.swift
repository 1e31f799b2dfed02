/// A temporary file that counts too large for the memory budget are written to and read
/// back from (`--tmp`). It is unlinked when the last reference goes, and removed on Ctrl-C.
final class SpillFile: @unchecked Sendable {
    // @unchecked: `fd` and `size` change only while the file is written, by its one owner,
    // before it is shared for reading (pread needs no shared position).
    let path: String
    private let fd: Int32
    private(set) var size = 0

    /// Makes an empty file under `folder`.
    ///
    /// - Throws: `DiscourseError` naming the folder when no file can be made there.
    init(in folder: String, prefix: String) throws(DiscourseError) {
        var template = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast())
            + Array("\(prefix)-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw DiscourseError("--tmp \(folder): cannot make a temporary file there (\(String(cString: strerror(errno))))")
        }
        self.fd = fd
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        InterruptCleanup.register(path)
    }

    deinit {
        close(fd)
        unlink(path)
        InterruptCleanup.unregister(path)
    }

    /// Appends `values`' bytes.
    ///
    /// - Throws: `DiscourseError` naming the file when the disk refuses them (full, quota).
    func append<T: BitwiseCopyable>(_ values: [T]) throws(DiscourseError) {
        let written = values.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        guard written else { throw DiscourseError("\(path): cannot write temporary counts (\(String(cString: strerror(errno))))") }
        size += values.count * MemoryLayout<T>.stride
    }

    /// Reads `buffer.count` values from byte `offset` into `buffer`; false when the file is
    /// shorter (or unreadable).
    func read<T: BitwiseCopyable>(into buffer: UnsafeMutableBufferPointer<T>, at offset: Int) -> Bool {
        let raw = UnsafeMutableRawBufferPointer(buffer)
        var done = 0
        while done < raw.count {
            let n = pread(fd, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}

/// A temporary folder under `--tmp` for files that other readers open by path (partial-count
/// files of a study's n-grams counted in batches). It is removed with its files when the last
/// reference goes, and on Ctrl-C.
final class SpillFolder: Sendable {
    let path: String

    /// - Throws: `DiscourseError` naming the folder when none can be made there.
    init(in folder: String, prefix: String) throws(DiscourseError) {
        path = try Self.make(in: folder, prefix: prefix)
    }

    /// Makes a new folder `prefix-XXXXXX` under `folder`, removed on Ctrl-C until
    /// `InterruptCleanup.unregister` is called with its path; `option` names `folder` in
    /// messages.
    ///
    /// - Throws: `DiscourseError` naming the folder when none can be made there.
    static func make(in folder: String, prefix: String, option: String = "--tmp") throws(DiscourseError) -> String {
        var template = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast())
            + Array("\(prefix)-XXXXXX".utf8CString)
        guard FileSystem.isFolder(folder) == true else {
            throw DiscourseError("\(option) \(folder): cannot make a temporary folder there (no such folder)")
        }
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw DiscourseError("\(option) \(folder): cannot make a temporary folder there (\(String(cString: strerror(errno))))")
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        InterruptCleanup.register(path)
        return path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
        InterruptCleanup.unregister(path)
    }
}
