import Crypto
import Foundation

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

    /// Prepares the destination: creates the folder if needed and checks that it can be
    /// written, before any analysis runs.
    ///
    /// - Throws: `DiscourseError` naming the folder when it cannot be created or written.
    public init(destination: OutputDestination, format: CSVFormat, mainFile: String) throws(DiscourseError) {
        self.destination = destination
        self.format = format
        self.mainFile = mainFile
        guard case .folder(let folder) = destination else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw DiscourseError("--out \(folder): exists and is not a folder")
            }
        } else {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw DiscourseError("--out \(folder): cannot create the folder (\(Self.reason(error)))")
            }
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw DiscourseError("--out \(folder): the folder is not writable")
        }
    }

    /// Writes one table from buffers joined in order (the first holding the header).
    public func write(_ name: String, _ parts: [CSVBuffer]) throws(DiscourseError) {
        var hasher = SHA256()
        let preamble = format.preamble
        hasher.update(data: preamble)
        for part in parts { hasher.update(data: part.bytes) }
        let rows = parts.reduce(0) { $0 + $1.rows }
        let digest = SHA256Hex.hex(hasher.finalize())
        switch destination {
        case .standardOutput:
            guard name == mainFile else { return }
            let out = FileHandle.standardOutput
            out.write(Data(preamble))
            for part in parts { out.write(Data(part.bytes)) }
        case .folder(let folder):
            let bytes = preamble + parts.flatMap(\.bytes)
            try writeTemporary(folder: folder, name: name, bytes: bytes)
        }
        written.append((name, rows, digest))
    }

    /// Writes `run.json` and renames every file into place. Without `finish`, no output
    /// file appears.
    public func finish(manifest: JSONValue) throws(DiscourseError) {
        guard case .folder(let folder) = destination else { return }
        try writeTemporary(folder: folder, name: "run.json", bytes: Array(manifest.serialized().utf8))
        for (temporary, final) in pending {
            if rename(temporary, final) != 0 {
                let reason = String(cString: strerror(errno))
                abandon()
                throw DiscourseError("\(final): cannot move the finished file into place (\(reason))")
            }
        }
        pending.removeAll()
    }

    /// Removes temporary files after a failure.
    public func abandon() {
        for (temporary, _) in pending { try? FileManager.default.removeItem(atPath: temporary) }
        pending.removeAll()
    }

    deinit { abandon() }

    /// The manifest's list of outputs.
    public var manifestOutputs: JSONValue {
        .array(written.map { .object([("file", .string($0.file)), ("rows", .int($0.rows)), ("sha256", .string($0.sha256))]) })
    }

    private func writeTemporary(folder: String, name: String, bytes: [UInt8]) throws(DiscourseError) {
        let final = (folder as NSString).appendingPathComponent(name)
        let temporary = (folder as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            abandon()
            throw DiscourseError("\(final): cannot write the file (is the disk full or the folder read-only?)")
        }
        pending.append((temporary, final))
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? error.localizedDescription
    }
}
