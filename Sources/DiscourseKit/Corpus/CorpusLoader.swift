
/// The kinds of corpus source (SPEC §1).
public enum CorpusFormat: String, Sendable, CaseIterable {
    /// A folder of `.txt` files, with or without a `metadata.csv`.
    case folder
    /// A CSV file with a text column.
    case csv
    /// A JSON Lines file with a text field.
    case jsonl
}

/// Reads a corpus from disk (SPEC §1): a folder of `.txt` files with or without a
/// `metadata.csv`, a CSV file with a text column, or a JSON Lines file with a text field.
public struct CorpusLoader: Sendable {
    /// How texts will be read (decoding and `--strip` cleaning).
    public var reader: CorpusReader
    /// The column (CSV) or field (JSON Lines) that holds the text.
    public var textField: String
    /// Read text files that resolve (symlinks included) outside the corpus folder
    /// (`--allow-outside-paths`); by default a metadata row naming one is an error.
    public var allowOutsidePaths = false

    public init(reader: CorpusReader = CorpusReader(), textField: String = "text", allowOutsidePaths: Bool = false) {
        self.reader = reader
        self.textField = textField
        self.allowOutsidePaths = allowOutsidePaths
    }

    var decoder: TextDecoder { reader.decoder }

    /// Loads the corpus at `path`: its documents and metadata. Texts in files are read
    /// later, by the token pipeline (or `Corpus.readAll()`).
    ///
    /// - Parameter format: the kind of source; nil infers it (a folder, or a `.csv` or
    ///   `.jsonl` file by its extension).
    /// - Throws: `DiscourseError` naming the file or line of the first problem: a missing
    ///   path or text file, malformed metadata, a duplicate doc_id, an empty corpus.
    public func load(_ path: String, format: CorpusFormat? = nil) throws(DiscourseError) -> Corpus {
        try decoder.validate()
        guard let isFolder = FileSystem.isFolder(path) else {
            throw DiscourseError("\(path): no such file or folder")
        }
        if !isFolder && format == nil && path.pathExtension.lowercased() == "txt" { return try load(textFiles: [path]) }
        var inferred: CorpusFormat?
        if isFolder {
            inferred = .folder
        } else {
            switch path.pathExtension.lowercased() {
            case "csv": inferred = .csv
            case "jsonl", "ndjson": inferred = .jsonl
            default: inferred = nil
            }
        }
        guard let chosen = format ?? inferred else {
            throw DiscourseError("\(path): not a corpus; give a folder of .txt files (with or without metadata.csv), .txt files, a .csv file with a '\(textField)' column, or a .jsonl file")
        }
        if (chosen == .folder) != isFolder {
            throw DiscourseError("\(path): the format is \(chosen.rawValue), but this is \(isFolder ? "a folder" : "a file")")
        }
        var source: Source
        switch chosen {
        case .folder:
            let metadata = path.appendingPath("metadata.csv")
            source = FileSystem.exists(metadata) ? try readMetadataFolder(path, metadata: metadata) : try readBareFolder(path)
        case .csv: source = try readCSVFile(path)
        case .jsonl: source = try readJSONLines(path)
        }
        if source.entries.isEmpty { throw DiscourseError("\(path): the corpus has no documents") }
        return try build(source)
    }

    /// Loads a corpus of `.txt` files given one by one (as AntConc takes them): a document
    /// per file, its doc_id the file's name without `.txt`, no metadata.
    ///
    /// - Throws: `DiscourseError` for a path that is not a `.txt` file, or two files of the
    ///   same name.
    public func load(textFiles paths: [String]) throws(DiscourseError) -> Corpus {
        try decoder.validate()
        var source = Source()
        for path in paths {
            guard let isFolder = FileSystem.isFolder(path) else { throw DiscourseError("\(path): no such file or folder") }
            guard !isFolder, path.pathExtension.lowercased() == "txt" else {
                throw DiscourseError("\(path): several corpus paths are given, so each must be a .txt file (one folder, .csv or .jsonl file is a corpus on its own)")
            }
            let name = path.lastPathComponent
            source.append(Entry(id: String(name.dropLast(4)), source: path, content: .file(path)), metadata: [:])
        }
        return try build(source)
    }

    /// What a corpus source gave: its documents, their metadata columns, and what reading
    /// it noticed.
    struct Source {
        var entries: [Entry] = []
        var fields: [String] = []
        /// The entries' metadata, a row each.
        var metadata = MetadataTable.Builder()
        /// Invalid byte sequences replaced in the source file itself (CSV, JSON Lines,
        /// metadata.csv), by file.
        var replaced: [(file: String, count: Int)] = []
        /// `.txt` files of a metadata folder that no row names.
        var unlisted: [String] = []

        mutating func append(_ entry: Entry, metadata values: [String: String]) {
            entries.append(entry)
            metadata.append(values)
        }
    }

    /// A document before decoding: its text is bytes in a file or a string from a CSV/JSON cell.
    struct Entry {
        var id: String
        var source: String
        var content: Content
        /// The file and line that declare the document (`metadata.csv`, a CSV or JSON Lines
        /// file); nil for a text file named on its own.
        var declaration: (file: String, line: Int)? = nil

        enum Content { case file(String), decoded(String) }

        /// Where the document is declared, for messages: `metadata.csv line 3`, a file.
        var place: String { declaration.map { "\($0.file) line \($0.line)" } ?? source }
    }

    /// Checks that doc_ids are unique and makes the documents.
    private func build(_ source: Source) throws(DiscourseError) -> Corpus {
        var seen: [String: Int] = [:]
        for (i, entry) in source.entries.enumerated() {
            if let first = seen[entry.id] {
                throw DiscourseError("\(entry.place): doc_id '\(entry.id)' is used twice (first on \(source.entries[first].place)); every document needs its own doc_id")
            }
            seen[entry.id] = i
        }
        seen = [:]
        let table = MetadataTable(source.metadata)
        let documents = source.entries.enumerated().map { i, entry in
            let content: DocumentContent
            switch entry.content {
            case .file(let path): content = .file(path)
            case .decoded(let string): content = .string(string)
            }
            return Document(id: entry.id, table: table, row: i, source: entry.source, content: content)
        }
        var corpus = Corpus(documents: documents, fields: source.fields, reader: reader)
        for (file, count) in source.replaced {
            corpus.warnings.append("replaced \(count) invalid byte sequence(s) with U+FFFD in \(file) (--replace-invalid)")
        }
        if !source.unlisted.isEmpty {
            corpus.filesWithoutMetadata = source.unlisted
            let shown = source.unlisted.prefix(10).joined(separator: ", ") + (source.unlisted.count > 10 ? ", ..." : "")
            corpus.warnings.append("\(source.unlisted.count) .txt file(s) have no row in metadata.csv and are left out: \(shown)")
        }
        return corpus
    }
}
