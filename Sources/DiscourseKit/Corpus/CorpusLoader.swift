
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

    public init(reader: CorpusReader = CorpusReader(), textField: String = "text") {
        self.reader = reader
        self.textField = textField
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
            throw DiscourseError("\(path): not a corpus; give a folder of .txt files (with or without metadata.csv), a .csv file with a '\(textField)' column, or a .jsonl file")
        }
        if (chosen == .folder) != isFolder {
            throw DiscourseError("\(path): the format is \(chosen.rawValue), but this is \(isFolder ? "a folder" : "a file")")
        }
        var entries: [Entry]
        var fields: [String]
        switch chosen {
        case .folder:
            let metadata = path.appendingPath("metadata.csv")
            if FileSystem.exists(metadata) {
                (entries, fields) = try readMetadataFolder(path, metadata: metadata)
            } else {
                (entries, fields) = try readBareFolder(path)
            }
        case .csv: (entries, fields) = try readCSVFile(path)
        case .jsonl: (entries, fields) = try readJSONLines(path)
        }
        if entries.isEmpty { throw DiscourseError("\(path): the corpus has no documents") }
        return try build(entries, fields: fields)
    }

    /// A document before decoding: its text is bytes in a file or a string from a CSV/JSON cell.
    struct Entry {
        var id: String
        var metadata: [String: String]
        var source: String
        var content: Content
        var line: Int?

        enum Content { case file(String), decoded(String) }
    }

    /// Checks that doc_ids are unique and makes the documents.
    private func build(_ entries: [Entry], fields: [String]) throws(DiscourseError) -> Corpus {
        var seen: [String: String] = [:]
        for entry in entries {
            if let first = seen[entry.id] {
                throw DiscourseError("\(entry.source): doc_id '\(entry.id)' is used twice (first by \(first)); every document needs its own doc_id")
            }
            seen[entry.id] = entry.source
        }
        let documents = entries.map { entry in
            let content: DocumentContent
            switch entry.content {
            case .file(let path): content = .file(path)
            case .decoded(let string): content = .string(string)
            }
            return Document(id: entry.id, metadata: entry.metadata, source: entry.source, content: content)
        }
        return Corpus(documents: documents, fields: fields, reader: reader)
    }
}
