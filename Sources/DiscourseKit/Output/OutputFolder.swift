/// An output folder built aside and put in place whole, so that a reader (or a run killed at
/// any moment) sees either the previous folder as it was or the complete new one.
///
/// Files are written into a staging folder beside the output folder (`.out.staging-PID`, on
/// the same file system). At the end, files of the old folder that its `run.json` does not
/// list (a researcher's own notes) are linked into the staging folder, and the two folders
/// are exchanged in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`, macOS
/// `renamex_np(RENAME_SWAP)`); a new folder is simply renamed into place. The old folder is
/// then removed. Where that cannot be done (the output folder is the working folder, its
/// parent is not writable, or the system has no exchange), files go into the folder under
/// temporary names and are renamed one by one, `run.json` last.
///
/// Leftovers of runs that were killed (staging folders and temporary files of processes that
/// no longer run) are removed when the next run starts.
final class OutputFolder {
    /// The folder as given.
    let path: String
    /// Where this run's files are written until `commit`.
    let staging: String
    /// Whether files are exchanged in as a whole folder (else renamed one by one).
    let exchanging: Bool
    /// Whether this run created the folder itself (without exchange), to remove it on failure.
    private let created: Bool
    private var committed = false

    /// - Throws: `DiscourseError` naming the folder when it cannot be created or written.
    init(_ path: String) throws(DiscourseError) {
        self.path = path
        let existing = FileSystem.isFolder(path)
        if existing == false { throw DiscourseError("--out \(path): exists and is not a folder") }
        let parent = path.deletingLastPathComponent.isEmpty ? "." : path.deletingLastPathComponent
        try Self.createFolders(parent, for: path)
        Self.removeLeftovers(in: parent, of: path.lastPathComponent)
        if existing == true { Self.removeLeftovers(in: path) }
        let name = path.lastPathComponent
        exchanging = Exchange.isAvailable && name != "." && name != ".." && !name.isEmpty
            && access(parent, W_OK) == 0 && !Self.holdsWorkingFolder(path)
        created = !exchanging && existing == nil
        if exchanging {
            staging = parent.appendingPath(".\(name).staging-\(getpid())")
            guard mkdir(staging, 0o755) == 0 else {
                throw DiscourseError("--out \(path): cannot write beside the folder (\(String(cString: strerror(errno))))")
            }
            InterruptCleanup.register(staging)
        } else {
            if created, mkdir(path, 0o755) != 0 {
                throw DiscourseError("--out \(path): cannot create the folder (\(String(cString: strerror(errno))))")
            }
            if created { InterruptCleanup.register(path) }
            guard access(path, W_OK) == 0 else { throw DiscourseError("--out \(path): the folder is not writable") }
            staging = path
        }
    }

    /// Where a file of the run goes until `commit`.
    func stagedPath(_ name: String) -> String {
        exchanging ? staging.appendingPath(name) : path.appendingPath(".\(name).tmp-\(getpid())")
    }

    /// Puts the run's files in place. `names` are the run's files (run.json last); `listed`
    /// are the files the folder's previous run.json lists, which are not carried over.
    func commit(_ names: [String], previous listed: Set<String>) throws(DiscourseError) {
        if exchanging {
            try commitByExchange(previous: listed)
        } else {
            for name in names {
                let final = path.appendingPath(name)
                guard rename(stagedPath(name), final) == 0 else {
                    throw DiscourseError("\(final): cannot move the finished file into place (\(String(cString: strerror(errno))))")
                }
            }
            let written = Set(names)
            for name in listed where !written.contains(name) { unlink(path.appendingPath(name)) }
            if created { InterruptCleanup.unregister(path) }
        }
        committed = true
    }

    private func commitByExchange(previous listed: Set<String>) throws(DiscourseError) {
        guard FileSystem.isFolder(path) == true else {
            guard rename(staging, path) == 0 else {
                throw DiscourseError("--out \(path): cannot move the finished folder into place (\(String(cString: strerror(errno))))")
            }
            InterruptCleanup.unregister(staging)
            return
        }
        // Carry over what the researcher keeps in the folder: every entry that is not one of
        // the previous run's files, not a leftover, and not replaced by this run.
        let ours = Set((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? [])
        var moved: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        where !listed.contains(name) && name != "run.json" && !ours.contains(name) && Self.processID(ofLeftover: name) == nil {
            let from = path.appendingPath(name)
            let to = staging.appendingPath(name)
            if FileSystem.isFolder(from) != true, linkat(AT_FDCWD, from, AT_FDCWD, to, 0) == 0 { continue }
            guard rename(from, to) == 0 else {
                undo(moved)
                throw DiscourseError("\(from): cannot keep this file in the new folder (\(String(cString: strerror(errno))))")
            }
            moved.append(name)
        }
        guard Exchange.swap(staging, path) else {
            let reason = String(cString: strerror(errno))
            undo(moved)
            throw DiscourseError("--out \(path): cannot put the finished folder in place (\(reason))")
        }
        // The previous folder is now at the staging path.
        try? FileManager.default.removeItem(atPath: staging)
        InterruptCleanup.unregister(staging)
    }

    /// Moves entries carried over back into the old folder after a failed commit.
    private func undo(_ moved: [String]) {
        for name in moved { rename(staging.appendingPath(name), path.appendingPath(name)) }
    }

    /// Removes what the run wrote (after a failure or an interruption).
    func discard(_ names: [String]) {
        guard !committed else { return }
        if exchanging {
            try? FileManager.default.removeItem(atPath: staging)
            InterruptCleanup.unregister(staging)
        } else {
            for name in names { unlink(stagedPath(name)) }
            if created { rmdir(path) }  // only when empty
            InterruptCleanup.unregister(path)
        }
        committed = true
    }

    /// Creates the folders above `path` that do not exist, naming the one that fails.
    static func createFolders(_ folder: String, for path: String) throws(DiscourseError) {
        try FileSystem.createFolders(folder, for: path)
    }

    /// Removes staging folders of `name` in `parent`, or temporary files in `folder` (when
    /// `name` is nil), that belong to processes no longer running.
    static func removeLeftovers(in folder: String, of name: String? = nil) {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let pid = processID(ofLeftover: entry, staging: name) else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            try? FileManager.default.removeItem(atPath: folder.appendingPath(entry))
        }
    }

    /// The process id in a leftover's name: `.ngrams.csv.tmp-PID`, or with `staging`,
    /// `.NAME.staging-PID`; nil for any other name.
    static func processID(ofLeftover entry: String, staging name: String? = nil) -> Int32? {
        guard entry.hasPrefix(".") else { return nil }
        let digits: Substring
        if let name {
            let prefix = ".\(name).staging-"
            guard entry.hasPrefix(prefix) else { return nil }
            digits = entry.dropFirst(prefix.count)
        } else {
            guard let dash = entry.lastIndex(of: "-"), entry[..<dash].hasSuffix(".tmp") else { return nil }
            digits = entry[entry.index(after: dash)...]
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let pid = Int32(digits), pid > 0 else { return nil }
        return pid
    }

    /// Whether the folder is the working folder or holds it (it cannot be exchanged then).
    static func holdsWorkingFolder(_ path: String) -> Bool {
        guard FileSystem.exists(path) else { return false }
        guard let folder = realpath(path, nil), let working = getcwd(nil, 0) else { return true }
        defer { free(folder); free(working) }
        let a = String(cString: folder), b = String(cString: working)
        return b == a || b.hasPrefix(a.hasSuffix("/") ? a : a + "/")
    }
}

/// Exchanging two folders in one step.
enum Exchange {
    #if canImport(Glibc)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    #endif

    static var isAvailable: Bool {
        #if canImport(Glibc)
        return renameat2 != nil
        #elseif canImport(Darwin)
        return true
        #else
        return false
        #endif
    }

    /// Swaps the names of two folders atomically; false (errno set) where it cannot.
    static func swap(_ a: String, _ b: String) -> Bool {
        #if canImport(Glibc)
        guard let renameat2 else { errno = ENOSYS; return false }
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2) == 0  // RENAME_EXCHANGE
        #elseif canImport(Darwin)
        return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0
        #else
        return false
        #endif
    }
}
