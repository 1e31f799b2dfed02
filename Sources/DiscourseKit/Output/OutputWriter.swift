import Crypto

/// Where a command's tables go: a folder (every table plus `run.json`) or standard output
/// (the main table only, for pipes).
public enum OutputDestination: Sendable, Equatable {
    case folder(String)
    case standardOutput
}

/// Writes a command's output files so that nothing is half-written (SPEC §8): each file goes
/// to a temporary name in the output folder, and all are renamed into place only when every
/// table and `run.json` is complete. Records each file's row count and SHA-256.
public final class OutputWriter {
    public let destination: OutputDestination
    public let format: CSVFormat
    /// The table that goes to standard output with `--out -`.
    public let mainFile: String
    /// Each written file: name, data rows, SHA-256.
    public private(set) var written: [(file: String, rows: Int, sha256: String)] = []
    private var pending: [(temporary: String, final: String)] = []
    /// The folder, when this writer created it (removed again if the run fails).
    private var createdFolder: String?

    /// Prepares the destination: creates the folder if needed and checks that it can be
    /// written, before any analysis runs.
    ///
    /// - Throws: `DiscourseError` naming the folder when it cannot be created or written.
    public init(destination: OutputDestination, format: CSVFormat, mainFile: String) throws(DiscourseError) {
        self.destination = destination
        self.format = format
        self.mainFile = mainFile
        guard case .folder(let folder) = destination else { return }
        if let isFolder = FileSystem.isFolder(folder) {
            guard isFolder else {
                throw DiscourseError("--out \(folder): exists and is not a folder")
            }
        } else {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw DiscourseError("--out \(folder): cannot create the folder (\(Self.reason(error)))")
            }
            createdFolder = folder
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw DiscourseError("--out \(folder): the folder is not writable")
        }
    }

    /// Writes one table under `name`, rendering its parts in parallel batches (one part per
    /// core) and streaming each batch to the file, so that a large table is never held whole
    /// in memory.
    ///
    /// - Parameter progress: called with the parts done and their number after each batch.
    public func write(_ name: String, _ table: OutputTable, progress: (Int, Int) -> Void = { _, _ in }) throws(DiscourseError) {
        let header = CSVBuffer(format: format, header: table.header)
        let render = table.render
        let parts = table.parts
        var hasher = SHA256()
        var rows = 0
        let sink: FileSink
        switch destination {
        case .standardOutput:
            guard name == mainFile else { return }
            sink = FileSink(descriptor: 1, path: "standard output")
        case .folder(let folder):
            let final = folder.appendingPath(name)
            let temporary = folder.appendingPath(".\(name).tmp-\(getpid())")
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else {
                throw DiscourseError("\(final): cannot write the file (\(String(cString: strerror(errno))))")
            }
            pending.append((temporary, final))
            sink = FileSink(descriptor: descriptor, path: final)
        }
        defer { if sink.descriptor != 1 { close(sink.descriptor) } }
        func emit(_ bytes: [UInt8]) throws(DiscourseError) {
            hasher.update(data: bytes)
            try sink.write(bytes)
        }
        try emit(format.preamble + header.bytes)
        rows += header.rows
        let batch = max(1, ParallelMap.workers)
        var next = 0
        while next < parts {
            let upper = min(parts, next + batch)
            let lower = next
            let rendered = ParallelMap.run(upper - lower) { render(lower + $0) }
            for part in rendered.joined() {
                try emit(part.bytes)
                rows += part.rows
            }
            next = upper
            progress(next, parts)
        }
        written.append((name, rows, SHA256Hex.hex(hasher.finalize())))
    }

    /// Writes a file that is not a table (a GraphML network) to `path`, which may lie outside
    /// the output folder; it too is renamed into place only by `finish`.
    public func writeFile(path: String, bytes: [UInt8], items: Int) throws(DiscourseError) {
        let folder = path.deletingLastPathComponent
        let name = path.lastPathComponent
        let directory = folder.isEmpty ? "." : folder
        guard FileSystem.isFolder(directory) == true else {
            throw DiscourseError("\(path): the folder \(directory) does not exist")
        }
        try writeTemporary(folder: directory, name: name, bytes: bytes)
        written.append((path, items, SHA256Hex.of(bytes)))
    }

    /// Writes a file that is not a table (a network, the study file, a report) into the
    /// output folder under `name`.
    public func writeFile(name: String, bytes: [UInt8], items: Int) throws(DiscourseError) {
        guard case .folder(let folder) = destination else { return }
        try writeTemporary(folder: folder, name: name, bytes: bytes)
        written.append((name, items, SHA256Hex.of(bytes)))
    }

    /// Counts a file already in the output folder as part of this run, unchanged (a report
    /// rebuilt from a study's tables keeps the tables).
    public func adopt(_ name: String, rows: Int, sha256: String) {
        written.append((name, rows, sha256))
    }

    /// The bytes written so far under `name` in the output folder (still under its temporary
    /// name), for a report built from the run's own tables.
    public func contents(of name: String) -> [UInt8]? {
        guard case .folder(let folder) = destination else { return nil }
        let final = folder.appendingPath(name)
        guard let temporary = pending.last(where: { $0.final == final })?.temporary,
              let data = FileManager.default.contents(atPath: temporary) else { return nil }
        return [UInt8](data)
    }

    /// Writes `run.json` and renames every file into place, `run.json` last; then removes the
    /// files that the folder's previous `run.json` listed and this run did not write, so that
    /// a folder never mixes two runs. Without `finish`, no output file appears.
    public func finish(manifest: JSONValue) throws(DiscourseError) {
        var stale: [String] = []
        if case .folder(let folder) = destination {
            let names = Set(written.map(\.file))
            stale = Self.previousOutputs(in: folder).filter { !names.contains($0) }
            try writeTemporary(folder: folder, name: "run.json", bytes: Array(manifest.serialized().utf8))
        }
        for (temporary, final) in pending {
            if rename(temporary, final) != 0 {
                let reason = String(cString: strerror(errno))
                abandon()
                throw DiscourseError("\(final): cannot move the finished file into place (\(reason))")
            }
        }
        pending.removeAll()
        createdFolder = nil
        if case .folder(let folder) = destination {
            for name in stale { try? FileManager.default.removeItem(atPath: folder.appendingPath(name)) }
        }
    }

    /// The files in `folder` that its `run.json` lists: plain names only, never a path that
    /// leads out of the folder (a network written elsewhere stays where it is).
    static func previousOutputs(in folder: String) -> [String] {
        struct Manifest: Decodable {
            struct Output: Decodable { let file: String }
            let outputs: [Output]?
        }
        guard let data = FileManager.default.contents(atPath: folder.appendingPath("run.json")),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else { return [] }
        return (manifest.outputs ?? []).map(\.file).filter { name in
            !name.isEmpty && !name.contains("/") && name != "." && name != ".." && name != "run.json"
                && FileSystem.isFolder(folder.appendingPath(name)) == false
        }
    }

    /// Removes temporary files after a failure, and the output folder if this writer made it
    /// and it is empty.
    public func abandon() {
        for (temporary, _) in pending { try? FileManager.default.removeItem(atPath: temporary) }
        pending.removeAll()
        if let folder = createdFolder, (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: folder)
        }
        createdFolder = nil
    }

    deinit { abandon() }

    /// The manifest's list of outputs.
    public var manifestOutputs: JSONValue {
        .array(written.map { .object([("file", .string($0.file)), ("rows", .int($0.rows)), ("sha256", .string($0.sha256))]) })
    }

    /// A file descriptor written in full, with errors that name the file.
    private struct FileSink {
        let descriptor: Int32
        let path: String

        func write(_ bytes: [UInt8]) throws(DiscourseError) {
            var offset = 0
            while offset < bytes.count {
                let count = bytes.withUnsafeBytes { raw in
                    systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw DiscourseError("\(path): write failed (\(String(cString: strerror(errno))))")
                }
                offset += count
            }
        }
    }

    private func writeTemporary(folder: String, name: String, bytes: [UInt8]) throws(DiscourseError) {
        let final = folder.appendingPath(name)
        let temporary = folder.appendingPath(".\(name).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            abandon()
            throw DiscourseError("\(final): cannot write the file (is the disk full or the folder read-only?)")
        }
        pending.append((temporary, final))
    }

    private static func reason(_ error: Error) -> String {
        "\(error)"
    }
}

/// POSIX write(2), named apart from the methods called `write` above.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
