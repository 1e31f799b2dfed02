/// The few file-system questions the library asks, in one place so that they read the same
/// with FoundationEssentials and with Foundation.
public enum FileSystem {
    /// Whether something exists at `path`, and whether it is a folder; nil when nothing does.
    public static func isFolder(_ path: String) -> Bool? {
        #if canImport(FoundationEssentials)
        var isDirectory = false
        #else
        var isDirectory: ObjCBool = false
        #endif
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        #if canImport(FoundationEssentials)
        return isDirectory
        #else
        return isDirectory.boolValue
        #endif
    }

    /// A file's bytes, read straight into one array (no intermediate copy, so that a large
    /// text costs its size once); nil when it cannot be read.
    public static func readBytes(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(0, Int(info.st_size)))
        var offset = 0
        while true {
            if offset == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2))) }
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            offset += count
        }
        bytes.removeLast(bytes.count - offset)
        return bytes
    }

    /// Creates `folder` and its missing parents, for the output `path` named in messages.
    static func createFolders(_ folder: String, for path: String) throws(DiscourseError) {
        if FileSystem.isFolder(folder) == true { return }
        if FileSystem.isFolder(folder) == false {
            throw DiscourseError("--out \(path): cannot create the folder: \(folder) is a file, not a folder")
        }
        let parent = folder.deletingLastPathComponent
        if !parent.isEmpty && parent != folder { try createFolders(parent, for: path) }
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw DiscourseError("--out \(path): cannot create the folder \(folder) (\(String(cString: strerror(errno))))")
        }
    }

    /// Whether a file or folder exists at `path`.
    public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Writes a message line (or, with `newline: false`, just the text) to standard error.
    public static func printError(_ message: String, newline: Bool = true) {
        let line = Array((newline ? message + "\n" : message).utf8)
        line.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}

extension String {
    /// `self` / `component`, as a path.
    func appendingPath(_ component: String) -> String {
        if isEmpty { return component }
        return hasSuffix("/") ? self + component : self + "/" + component
    }

    /// The last path component (`texts/a.txt` → `a.txt`).
    var lastPathComponent: String {
        let trimmed = hasSuffix("/") && count > 1 ? String(dropLast()) : self
        return trimmed.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? trimmed
    }

    /// The path without its last component (`texts/a.txt` → `texts`, `a.txt` → ``).
    var deletingLastPathComponent: String {
        guard let slash = lastIndex(of: "/") else { return "" }
        return slash == startIndex ? "/" : String(self[..<slash])
    }

    /// The extension of the last component, without the dot (`a.jsonl` → `jsonl`).
    var pathExtension: String {
        let name = lastPathComponent
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// The last component without its extension (`texts/a.txt` → `a`).
    var fileStem: String {
        let name = lastPathComponent
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Without leading and trailing white space.
    public func trimmed() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
