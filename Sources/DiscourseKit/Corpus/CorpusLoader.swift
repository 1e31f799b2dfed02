import Foundation

/// Reads a corpus from disk (SPEC §1): a folder of `.txt` files with or without a
/// `metadata.csv`, a CSV file with a text column, or a JSON Lines file with a text field.
public struct CorpusLoader: Sendable {
    public var decoder: TextDecoder
    public var cleaner: TextCleaner
    /// The column (CSV) or field (JSON Lines) that holds the text.
    public var textField: String

    public init(decoder: TextDecoder = TextDecoder(), cleaner: TextCleaner? = nil, textField: String = "text") {
        self.decoder = decoder
        self.cleaner = cleaner ?? (try! TextCleaner(patterns: []))
        self.textField = textField
    }

    /// Loads the corpus at `path`.
    ///
    /// - Throws: `DiscourseError` naming the file, line or byte of the first problem: a
    ///   missing path or text file, malformed metadata, a duplicate doc_id, invalid bytes,
    ///   an empty corpus.
    public func load(_ path: String) throws(DiscourseError) -> Corpus {
        try decoder.validate()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiscourseError("\(path): no such file or folder")
        }
        var entries: [Entry]
        var fields: [String]
        if isDirectory.boolValue {
            let metadata = (path as NSString).appendingPathComponent("metadata.csv")
            if FileManager.default.fileExists(atPath: metadata) {
                (entries, fields) = try readMetadataFolder(path, metadata: metadata)
            } else {
                (entries, fields) = try readBareFolder(path)
            }
        } else {
            switch (path as NSString).pathExtension.lowercased() {
            case "csv": (entries, fields) = try readCSVFile(path)
            case "jsonl", "ndjson": (entries, fields) = try readJSONLines(path)
            default:
                throw DiscourseError("\(path): not a corpus; give a folder of .txt files (with or without metadata.csv), a .csv file with a '\(textField)' column, or a .jsonl file")
            }
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

    /// Decodes, cleans and hashes every entry (in parallel), then reports duplicates.
    private func build(_ entries: [Entry], fields: [String]) throws(DiscourseError) -> Corpus {
        var seen: [String: String] = [:]
        for entry in entries {
            if let first = seen[entry.id] {
                throw DiscourseError("\(entry.source): doc_id '\(entry.id)' is used twice (first by \(first)); every document needs its own doc_id")
            }
            seen[entry.id] = entry.source
        }
        let results = ParallelMap.run(entries.count) { index -> Result<(Document, Int, [Int]), DiscourseError> in
            Result { () throws(DiscourseError) in try self.decode(entries[index]) }
        }
        var documents: [Document] = []
        documents.reserveCapacity(entries.count)
        var warnings: [String] = []
        var removals = [Int](repeating: 0, count: cleaner.patterns.count)
        var replaced = 0
        var replacedDocs = 0
        for result in results {
            let (document, replacements, removed) = try result.get()
            documents.append(document)
            if replacements > 0 { replaced += replacements; replacedDocs += 1 }
            for (i, count) in removed.enumerated() { removals[i] += count }
        }
        if replaced > 0 {
            warnings.append("replaced \(replaced) invalid byte sequence(s) with U+FFFD in \(replacedDocs) document(s) (--replace-invalid)")
        }
        var byText: [[UInt16]: [String]] = [:]
        for document in documents { byText[document.text, default: []].append(document.id) }
        let duplicates = byText.values.filter { $0.count > 1 }.sorted { $0[0].unicodeScalars.lexicographicallyPrecedes($1[0].unicodeScalars) }
        for set in duplicates {
            warnings.append("identical texts: \(set.joined(separator: ", "))")
        }
        let stripRemovals = zip(cleaner.patterns, removals).map { (pattern: $0, codePoints: $1) }
        return Corpus(documents: documents, fields: fields, stripRemovals: stripRemovals,
                      duplicates: duplicates, warnings: warnings)
    }

    private func decode(_ entry: Entry) throws(DiscourseError) -> (Document, Int, [Int]) {
        let bytes: [UInt8]
        var text: [UInt16]
        var replacements = 0
        switch entry.content {
        case .decoded(let string):
            bytes = Array(string.utf8)
            text = Array(string.utf16)
        case .file(let file):
            guard let data = FileManager.default.contents(atPath: file) else {
                let line = entry.line.map { " (named on line \($0))" } ?? ""
                throw DiscourseError("\(file): cannot read the text of document '\(entry.id)'\(line): no such file, or it is not readable")
            }
            bytes = [UInt8](data)
            (text, replacements) = try decoder.decode(bytes, source: entry.source)
        }
        let removed = try cleaner.clean(&text)
        let document = Document(id: entry.id, metadata: entry.metadata, source: entry.source,
                                text: text, sha256: SHA256Hex.of(bytes), byteCount: bytes.count)
        return (document, replacements, removed)
    }
}
