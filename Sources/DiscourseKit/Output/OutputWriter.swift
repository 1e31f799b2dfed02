
/// Where a command's tables go: a folder (every table plus `run.json`) or standard output
/// (the main table only, for pipes).
public enum OutputDestination: Sendable, Equatable {
    case folder(String)
    case standardOutput
}

/// Writes a run's output files so that nothing is half-written and a folder never mixes two
/// runs (SPEC §8): the files are built aside and put in place together when the run is
/// complete (`OutputFolder`), `run.json` listing exactly the files of its own run. Records
/// each file's row count and SHA-256.
public final class OutputWriter {
    public let destination: OutputDestination
    public let format: CSVFormat
    /// The table that goes to standard output with `--out -`.
    public let mainFile: String
    /// Each written file: name, data rows, SHA-256.
    public private(set) var written: [(file: String, rows: Int, sha256: String)] = []
    /// What writing noticed (a table too long for a spreadsheet under `--excel`), for the
    /// terminal and `run.json`.
    public private(set) var warnings: [String] = []
    /// Also write the tables as one workbook, `tables.xlsx` (`--xlsx`), by `writeWorkbook`.
    public var workbook = false
    /// The tables written to the folder, in order, with their columns (for the workbook).
    private var tables: [(name: String, columns: [Column])] = []
    private let folder: OutputFolder?
    /// Files written outside the folder (a network at a path of its own): temporary, final.
    private var outside: [(temporary: String, final: String)] = []

    /// Prepares the destination before any analysis runs: checks the folder can be created
    /// and written, and removes what killed runs left behind.
    ///
    /// - Throws: `DiscourseError` naming the folder when it cannot be created or written.
    public init(destination: OutputDestination, format: CSVFormat, mainFile: String) throws(DiscourseError) {
        self.destination = destination
        self.format = format
        self.mainFile = mainFile
        if case .folder(let path) = destination { folder = try OutputFolder(path) } else { folder = nil }
    }

    /// Checks, before the analysis starts, that every file the run will write can be put in
    /// place: no folder stands where a table or `run.json` goes, and a network's folder exists.
    ///
    /// - Parameters:
    ///   - names: the files of the run in the output folder.
    ///   - paths: files written elsewhere (`--graph`).
    public func reserve(_ names: [String], paths: [String] = []) throws(DiscourseError) {
        if let folder {
            for name in names + ["run.json"] where FileSystem.isFolder(folder.path.appendingPath(name)) == true {
                throw DiscourseError("\(folder.path.appendingPath(name)) is a folder, where this run writes its \(name); move it away or write elsewhere (--out)")
            }
        }
        for path in paths {
            let directory = path.deletingLastPathComponent.isEmpty ? "." : path.deletingLastPathComponent
            if FileSystem.isFolder(path) == true { throw DiscourseError("\(path) is a folder; name a file for the network") }
            guard FileSystem.isFolder(directory) == true else {
                throw DiscourseError("\(path): the folder \(directory) does not exist")
            }
        }
    }

    /// Writes one table under `name`, rendering its parts on every core (one part per core at
    /// a time, and one more) while the parts before them are written, so that a large table
    /// is never held whole in memory.
    ///
    /// - Parameter progress: called with the parts done and their number after each batch.
    public func write(_ name: String, _ table: OutputTable, progress: (Int, Int) -> Void = { _, _ in }) throws(DiscourseError) {
        let header = CSVBuffer(format: format, header: table.header)
        let render = table.render
        let parts = table.parts
        let hasher = SHA256Digest()
        var rows = 0
        let sink: FileSink
        switch destination {
        case .standardOutput:
            guard name == mainFile else { return }
            sink = FileSink(descriptor: 1, path: "standard output")
        case .folder:
            let staged = folder!.stagedPath(name)
            let descriptor = open(staged, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else {
                throw DiscourseError("\(folder!.path.appendingPath(name)): cannot write the file (\(String(cString: strerror(errno))))")
            }
            if !folder!.exchanging { InterruptCleanup.register(staged) }
            sink = FileSink(descriptor: descriptor, path: folder!.path.appendingPath(name))
        }
        defer { if sink.descriptor != 1 { close(sink.descriptor) } }
        func emit(_ bytes: UnsafeBufferPointer<UInt8>) throws(DiscourseError) {
            hasher.update(UnsafeRawBufferPointer(bytes))
            try sink.write(bytes)
        }
        // Render memory kept for reuse between parts is freed with the table written.
        defer { ByteBlock.pool.drain() }
        try (format.preamble + header.bytes).withUnsafeBufferPointer { (bytes) throws(DiscourseError) in try emit(bytes) }
        rows += header.rows
        let batch = max(1, ParallelMap.workers)
        var next = 0
        if let stream = table.stream {
            for part in 0..<parts {
                try stream(part) { (buffers: [CSVBuffer]) throws(DiscourseError) in
                    for buffer in buffers {
                        try buffer.withBytes { (bytes) throws(DiscourseError) in try emit(bytes) }
                        rows += buffer.rows
                    }
                }
                progress(part + 1, parts)
            }
            next = parts
        }
        // Parts are rendered on every core while the ones before them are written.
        try ParallelMap.pipeline(parts - next, window: table.partsAtOnce, make: { [next] in render(next + $0) }) { (index, rendered) throws(DiscourseError) in
            for part in rendered {
                try part.withBytes { (bytes) throws(DiscourseError) in try emit(bytes) }
                rows += part.rows
            }
            if (index + 1) % batch == 0 || next + index + 1 == parts { progress(next + index + 1, parts) }
        }
        written.append((name, rows, hasher.hexDigest()))
        if format.excel && rows >= Workbook.sheetRows {
            warnings.append("\(name) has \(rows) rows, more than a spreadsheet sheet holds (\(Workbook.sheetRows) rows with the header): Excel and LibreOffice Calc load only the first \(Workbook.sheetRows - 1); narrow it (--min-count, --n, --where) or read it in R or pandas")
        }
        if folder != nil {
            tables.append((name, table.columns))
            try writeFile(name: CSVWMetadata.fileName(for: name), bytes: CSVWMetadata.render(table, file: name, format: format),
                          items: table.header.count)
        }
    }

    /// Writes the tables written so far as one workbook, `tables.xlsx`, a sheet per table
    /// (`--xlsx`; `WorkbookExport`); its warnings join `warnings`. Does nothing unless
    /// `workbook` is set and the destination is a folder.
    public func writeWorkbook(progress: (String) -> Void = { _ in }) throws(DiscourseError) {
        guard workbook, let folder else { return }
        let name = WorkbookExport.fileName
        let staged = folder.stagedPath(name)
        if !folder.exchanging { InterruptCleanup.register(staged) }
        let (notes, rows) = try WorkbookExport.write(path: staged, tables: tables, bytes: { (table: String) throws(DiscourseError) -> [UInt8] in
            guard let data = FileManager.default.contents(atPath: folder.stagedPath(table)) else {
                throw DiscourseError("\(folder.path.appendingPath(table)): cannot read the table back for \(name)")
            }
            return [UInt8](data)
        }, excel: format.excel, progress: progress)
        // The workbook's SHA-256, read back a megabyte at a time.
        let descriptor = open(staged, O_RDONLY)
        guard descriptor >= 0 else {
            throw DiscourseError("\(folder.path.appendingPath(name)): the workbook was not written")
        }
        defer { close(descriptor) }
        let digest = SHA256Digest()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            chunk.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
        warnings += notes
        written.append((name, rows, digest.hexDigest()))
    }

    /// Writes a file that is not a table (a GraphML network) to `path`, which may lie outside
    /// the output folder; it is renamed into place by `finish`.
    public func writeFile(path: String, bytes: [UInt8], items: Int) throws(DiscourseError) {
        let directory = path.deletingLastPathComponent.isEmpty ? "." : path.deletingLastPathComponent
        guard FileSystem.isFolder(directory) == true else {
            throw DiscourseError("\(path): the folder \(directory) does not exist")
        }
        let temporary = directory.appendingPath(".\(path.lastPathComponent).tmp-\(getpid())")
        try Self.write(bytes, to: temporary, named: path)
        InterruptCleanup.register(temporary)
        outside.append((temporary, path))
        written.append((path, items, SHA256Hex.of(bytes)))
    }

    /// Writes a file that is not a table (a network, the study file, a report) into the
    /// output folder under `name`.
    public func writeFile(name: String, bytes: [UInt8], items: Int) throws(DiscourseError) {
        guard let folder else { return }
        let staged = folder.stagedPath(name)
        try Self.write(bytes, to: staged, named: folder.path.appendingPath(name))
        if !folder.exchanging { InterruptCleanup.register(staged) }
        written.append((name, items, SHA256Hex.of(bytes)))
    }

    /// Counts a file already in the output folder as part of this run, unchanged (a report
    /// rebuilt from a study's tables keeps the tables): it is carried into the new folder.
    public func adopt(_ name: String, rows: Int, sha256: String) throws(DiscourseError) {
        if let folder, folder.exchanging {
            let from = folder.path.appendingPath(name)
            guard linkat(AT_FDCWD, from, AT_FDCWD, folder.stagedPath(name), 0) == 0 else {
                throw DiscourseError("\(from): cannot keep the file (\(String(cString: strerror(errno))))")
            }
        }
        written.append((name, rows, sha256))
    }

    /// Where the file written so far under `name` in the output folder is (under its staged
    /// name until `finish`), for a report built from the run's own tables.
    public func path(of name: String) -> String? {
        guard let folder, written.contains(where: { $0.file == name }) else { return nil }
        return folder.stagedPath(name)
    }

    /// Writes `run.json` and puts every file in place, the folder's previous files that this
    /// run does not write removed, so that a folder never mixes two runs. Without `finish`,
    /// no output file appears.
    public func finish(manifest: JSONValue) throws(DiscourseError) {
        if let folder {
            try Self.write(manifest, to: folder.stagedPath("run.json"), named: folder.path.appendingPath("run.json"))
            if !folder.exchanging { InterruptCleanup.register(folder.stagedPath("run.json")) }
        }
        for (temporary, final) in outside {
            guard rename(temporary, final) == 0 else {
                let reason = String(cString: strerror(errno))
                abandon()
                throw DiscourseError("\(final): cannot move the finished file into place (\(reason))")
            }
            InterruptCleanup.unregister(temporary)
        }
        outside.removeAll()
        guard let folder else { return }
        let names = written.map(\.file).filter { !$0.contains("/") } + ["run.json"]
        do { try folder.commit(names, previous: Set(Self.previousOutputs(in: folder.path))) } catch {
            abandon()
            throw error
        }
        for name in names { InterruptCleanup.unregister(folder.stagedPath(name)) }
    }

    /// The files in `folder` that its `run.json` lists: plain names only, never a path that
    /// leads out of the folder (a network written elsewhere stays where it is).
    static func previousOutputs(in folder: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: folder.appendingPath("run.json")),
              let manifest = try? JSONValue(parsing: [UInt8](data), source: "run.json", members: ["outputs"]) else { return [] }
        return (manifest["outputs"]?.arrayValue ?? []).compactMap { $0["file"]?.stringValue }.filter { name in
            !name.isEmpty && !name.contains("/") && name != "." && name != ".." && name != "run.json"
                && FileSystem.isFolder(folder.appendingPath(name)) == false
        }
    }

    /// Removes what the run wrote after a failure; the folder stays as it was.
    public func abandon() {
        for (temporary, _) in outside {
            unlink(temporary)
            InterruptCleanup.unregister(temporary)
        }
        outside.removeAll()
        folder?.discard(written.map(\.file).filter { !$0.contains("/") } + ["run.json"])
    }

    deinit { abandon() }

    /// The manifest's list of outputs.
    public var manifestOutputs: JSONValue {
        .array(written.map { .object([("file", .string($0.file)), ("rows", .int($0.rows)), ("sha256", .string($0.sha256))]) })
    }

    /// Writes a whole file, naming `shown` in errors.
    private static func write(_ bytes: [UInt8], to path: String, named shown: String) throws(DiscourseError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw DiscourseError("\(shown): cannot write the file (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        try FileSink(descriptor: descriptor, path: shown).write(bytes)
    }

    /// Writes a JSON value in pieces as it is serialized (a run's manifest lists every
    /// document, 300,000 of them in a large corpus).
    private static func write(_ value: JSONValue, to path: String, named shown: String) throws(DiscourseError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw DiscourseError("\(shown): cannot write the file (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        let sink = FileSink(descriptor: descriptor, path: shown)
        try value.serialize { chunk throws(DiscourseError) in try sink.write(Array(chunk.utf8)) }
    }

    /// A file descriptor written in full, with errors that name the file.
    private struct FileSink {
        let descriptor: Int32
        let path: String

        func write(_ bytes: [UInt8]) throws(DiscourseError) {
            try bytes.withUnsafeBufferPointer { (bytes) throws(DiscourseError) in try write(bytes) }
        }

        func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(DiscourseError) {
            var offset = 0
            while offset < bytes.count {
                let count = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw DiscourseError("\(path): write failed (\(String(cString: strerror(errno))))")
                }
                offset += count
            }
        }
    }
}

/// POSIX write(2), named apart from the methods called `write` above.
func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
