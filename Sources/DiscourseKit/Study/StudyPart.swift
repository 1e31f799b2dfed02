import ICUText

/// One shard of a study on disk (docs/partial-counts.md, "Studies in shards"): a folder that
/// `discourse study STUDY --shard I/N` writes and `discourse study STUDY --merge PARTS...`
/// reads. It holds what the study's count-based analyses read from the shard's documents:
///
/// - `part.json`: the format and version, the shard, the run's identity (tool, ICU and
///   Unicode versions, the corpus hash, the study file's and its inputs' SHA-256), how many
///   batches the shard was read in, what reading each document found, and every other file's
///   SHA-256 (checked when it is read);
/// - `vocabulary.bin`: the shard's forms, as text, and their stopword flags;
/// - `groups-G.bin`: each group's tokens, sentences and distinct forms, for grouping G;
/// - `terms-G-R.bin`: the term counts of request R of grouping G (`TermCountsCoding`);
/// - `ngrams-A-G/B.dcounts`: the partial-count files (docs/partial-counts.md) of n-gram
///   analysis A on grouping G, one per batch.
///
/// Numbers are little-endian; every `.bin` file starts with `magic`.
enum StudyPart {
    static let format = "discourse-study-part"
    static let version = 1
    static let magic = Array("DSPART01".utf8)
    static let headerFile = "part.json"
    static let vocabularyFile = "vocabulary.bin"
    static func groupsFile(_ g: Int) -> String { "groups-\(g + 1).bin" }
    static func termsFile(_ g: Int, request r: Int) -> String { "terms-\(g + 1)-\(r + 1).bin" }
    static func ngramsFolder(analysis a: Int, grouping g: Int) -> String { "ngrams-\(a + 1)-\(g + 1)" }

    /// The analyses a study in shards may hold: those that run from counts.
    ///
    /// - Throws: `DiscourseError` naming the first other analysis and where it is declared.
    static func checkAnalyses(_ study: Study) throws(DiscourseError) {
        for analysis in study.analyses {
            switch analysis.spec {
            case .ngrams, .keyness, .trends, .compare: continue
            default:
                throw DiscourseError("\(analysis.location ?? "the study") (\(analysis.spec.kind)): a study counted in shards can hold only ngrams, keyness, trends and compare, which run from counts; \(analysis.spec.kind) reads the texts again, so run it in a study of its own")
            }
        }
    }

    /// What every shard of one run shares, and the merge checks: versions, the corpus hash,
    /// the study file's SHA-256 and those of the files it reads.
    static func identity(_ setup: StudyRun.Setup) -> JSONValue {
        let study = setup.study
        return .object([
            ("tool", .string("discourse")), ("version", .string(ToolVersion.current)),
            ("icu_version", .string(ICUVersion.icu)), ("unicode_version", .string(ICUVersion.unicode)),
            ("corpus_hash", .string(ShardCount.corpusHash(setup.corpus))),
            ("study_sha256", .string(study.source.map { SHA256Hex.of($0.bytes) } ?? "")),
            ("inputs", .array(study.inputs.map { file in
                .string(FileSystem.readBytes(study.resolve(file)).map(SHA256Hex.of) ?? "")
            })),
        ])
    }

    /// `part.json`.
    struct Header {
        var shard: Int
        var shards: Int
        var identity: JSONValue
        var batches: Int
        var readings: [PartialCountsHeader.ShardReading]
        /// Each other file's name and SHA-256.
        var files: [(name: String, sha256: String)]

        var json: JSONValue {
            .object([
                ("format", .string(StudyPart.format)), ("version", .int(StudyPart.version)),
                ("shard", .int(shard)), ("shards", .int(shards)), ("identity", identity), ("batches", .int(batches)),
                ("files", .array(files.map { .object([("name", .string($0.name)), ("sha256", .string($0.sha256))]) })),
                ("readings", .array(readings.map(\.json))),
            ])
        }

        /// Reads `part.json` of the part at `path`, for a corpus of `documents` documents.
        ///
        /// - Throws: `DiscourseError` naming the file and the field that is missing or wrong.
        init(path: String, documents: Int) throws(DiscourseError) {
            let file = path + "/" + StudyPart.headerFile
            switch FileSystem.isFolder(path) {
            case true?: break
            case false?:
                throw DiscourseError("\(path): a file, not a study part (the folder 'discourse study --shard' writes; partial-count files of 'discourse count' go to 'discourse merge')")
            case nil:
                throw DiscourseError("\(path): no such folder (a study's part is the folder 'discourse study --shard' writes)")
            }
            guard let bytes = FileSystem.readBytes(file) else {
                throw DiscourseError("\(file): cannot be read (is \(path) a folder 'discourse study --shard' wrote?)")
            }
            let json = try JSONValue(parsing: bytes, source: file)
            func fail(_ field: String) -> DiscourseError {
                DiscourseError("\(file): damaged study part: it lacks a valid '\(field)'")
            }
            guard json["format"]?.stringValue == StudyPart.format else {
                throw DiscourseError("\(file): not a study part (its format is not '\(StudyPart.format)')")
            }
            guard let version = json["version"]?.intValue, version == StudyPart.version else {
                throw DiscourseError("\(file): study part format version \(json["version"]?.intValue.map(String.init) ?? "?"); this discourse reads version \(StudyPart.version)")
            }
            guard let shard = json["shard"]?.intValue, let shards = json["shards"]?.intValue, shards >= 1, (1...shards).contains(shard) else {
                throw fail("shard")
            }
            guard let identity = json["identity"], identity.objectValue != nil else { throw fail("identity") }
            guard let batches = json["batches"]?.intValue, batches >= 1 else { throw fail("batches") }
            guard let items = json["files"]?.arrayValue else { throw fail("files") }
            var files: [(name: String, sha256: String)] = []
            for item in items {
                guard let name = item["name"]?.stringValue, let sha = item["sha256"]?.stringValue else { throw fail("files") }
                files.append((name, sha))
            }
            self.shard = shard
            self.shards = shards
            self.identity = identity
            self.batches = batches
            self.files = files
            readings = try PartialCountsHeader.ShardReading.list(json["readings"], documents: documents, fail: fail)
            // Every batch holds a document but for the one batch of an empty shard.
            guard batches <= max(1, readings.count) else { throw fail("batches") }
        }

        init(shard: Int, shards: Int, identity: JSONValue, batches: Int, readings: [PartialCountsHeader.ShardReading],
             files: [(name: String, sha256: String)]) {
            self.shard = shard
            self.shards = shards
            self.identity = identity
            self.batches = batches
            self.readings = readings
            self.files = files
        }
    }

    /// Opens one `.bin` file of the part at `path`, checked against the SHA-256 that
    /// `part.json` records for it; the reader starts past the magic.
    ///
    /// - Throws: `DiscourseError` naming the file when it is missing, damaged or not listed.
    static func reader(_ name: String, of path: String, header: Header) throws(DiscourseError) -> StudyPartFileReader {
        guard let expected = header.files.first(where: { $0.name == name })?.sha256 else {
            throw DiscourseError("\(path)/\(headerFile): damaged study part: it does not list \(name)")
        }
        return try StudyPartFileReader(path: path + "/" + name, sha256: expected)
    }

    /// A part being written: a temporary folder beside its destination, renamed into place by
    /// `finish` (replacing an earlier part there), so that a merge never reads half a part.
    final class Writer {
        let destination: String
        let folder: String
        private(set) var files: [(name: String, sha256: String)] = []
        private var finished = false

        /// - Throws: `DiscourseError` when `destination` is something other than a study part,
        ///   or the temporary folder cannot be made.
        init(destination: String) throws(DiscourseError) {
            var destination = destination
            while destination.count > 1 && destination.hasSuffix("/") { destination.removeLast() }
            self.destination = destination
            if let isFolder = FileSystem.isFolder(destination) {
                guard isFolder, FileSystem.exists(destination + "/" + StudyPart.headerFile) || Self.isEmptyFolder(destination) else {
                    throw DiscourseError("--out \(destination): exists and is not a study part; give a new folder for the part, e.g. parts/1")
                }
            }
            let parent = destination.deletingLastPathComponent
            if !parent.isEmpty { try FileSystem.createFolders(parent, for: destination) }
            folder = try SpillFolder.make(in: parent.isEmpty ? "." : parent, prefix: "." + destination.lastPathComponent + ".tmp",
                                          option: "--out")
        }

        deinit { if !finished { try? FileManager.default.removeItem(atPath: folder); InterruptCleanup.unregister(folder) } }

        private static func isEmptyFolder(_ path: String) -> Bool {
            ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["?"]).isEmpty
        }

        /// Starts a `.bin` file (its magic written); `close` records it.
        func file(_ name: String) throws(DiscourseError) -> StudyPartFileWriter {
            try StudyPartFileWriter(path: folder + "/" + name, destination: destination)
        }

        /// Writes out the rest of a file `file` started and records its SHA-256.
        func close(_ file: StudyPartFileWriter) throws(DiscourseError) {
            files.append((file.path.lastPathComponent, try file.finish()))
        }

        /// Writes a small `.bin` file whole: the magic, then `body`.
        func write(_ name: String, _ body: LittleEndianWriter) throws(DiscourseError) {
            let file = try file(name)
            file.buffer.bytes += body.bytes
            try close(file)
        }

        private func write(_ name: String, bytes: [UInt8]) throws(DiscourseError) {
            guard FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes)) else {
                throw DiscourseError("--out \(destination): cannot write \(name) (is the disk full?)")
            }
            files.append((name, SHA256Hex.of(bytes)))
        }

        /// Makes a folder inside the part (the n-gram analyses' partial-count files).
        func makeFolder(_ name: String) throws(DiscourseError) -> String {
            let path = folder + "/" + name
            guard mkdir(path, 0o755) == 0 else {
                throw DiscourseError("--out \(destination): cannot make \(name) (\(String(cString: strerror(errno))))")
            }
            return path
        }

        /// Writes `part.json` and moves the part into place.
        func finish(_ header: Header) throws(DiscourseError) {
            var header = header
            header.files = files
            try write(StudyPart.headerFile, bytes: Array(header.json.serialized().utf8))
            chmod(folder, 0o755)  // made 0700 as a temporary folder; a part is read like any output
            if FileSystem.isFolder(destination) == true {
                do { try FileManager.default.removeItem(atPath: destination) } catch {
                    throw DiscourseError("--out \(destination): cannot replace the earlier part there (\(error.localizedDescription))")
                }
            }
            guard rename(folder, destination) == 0 else {
                throw DiscourseError("--out \(destination): cannot move the part into place (\(String(cString: strerror(errno))))")
            }
            finished = true
            InterruptCleanup.unregister(folder)
        }
    }
}
