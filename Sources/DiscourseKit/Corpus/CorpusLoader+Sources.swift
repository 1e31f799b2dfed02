
extension CorpusLoader {
    /// A folder with `metadata.csv`: one row per document, `doc_id` (or `file`) naming each
    /// text. Without a `file` column the text is `<doc_id>.txt` or `texts/<doc_id>.txt`.
    func readMetadataFolder(_ folder: String, metadata: String) throws(DiscourseError) -> ([Entry], [String]) {
        let table = try CSVTable(parsing: readText(metadata), source: metadata)
        let hasID = table.columns.contains("doc_id")
        let fileColumn = table.columns.firstIndex(of: "file")
        guard hasID || fileColumn != nil else {
            throw DiscourseError("\(metadata) line 1: needs a 'doc_id' or 'file' column to name each text (columns: \(table.columns.joined(separator: ", ")))")
        }
        let fields = table.columns.filter { $0 != "doc_id" }
        var entries: [Entry] = []
        for row in table.rows {
            var values: [String: String] = [:]
            for (column, value) in zip(table.columns, row.fields) where !value.isEmpty {
                values[column] = value
            }
            let where_ = "\(metadata) line \(row.line)"
            var id = values.removeValue(forKey: "doc_id") ?? ""
            let file = values["file"]
            if id.isEmpty, let file { id = file.fileStem }
            guard !id.isEmpty else { throw DiscourseError("\(where_): the doc_id is empty") }
            try MetadataCheck.validate(values, at: where_)
            let path: String
            if let file {
                path = file.hasPrefix("/") ? file : folder.appendingPath(file)
                guard FileSystem.exists(path) else {
                    throw DiscourseError("\(path): no such file for the text of document '\(id)' (named on \(where_))")
                }
            } else {
                let candidates = ["\(id).txt", "texts/\(id).txt"].map { folder.appendingPath($0) }
                guard let found = candidates.first(where: { FileSystem.exists($0) }) else {
                    throw DiscourseError("\(where_): no text for doc_id '\(id)': looked for \(candidates.joined(separator: " and ")); add a 'file' column to name it")
                }
                path = found
            }
            entries.append(Entry(id: id, metadata: values, source: path, content: .file(path), line: row.line))
        }
        return (entries, fields)
    }

    /// A folder of `.txt` files and nothing else: doc_id is the file name without `.txt`.
    func readBareFolder(_ folder: String) throws(DiscourseError) -> ([Entry], [String]) {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw DiscourseError("\(folder): cannot list the folder (\(error))")
        }
        let texts = names.filter { $0.lowercased().hasSuffix(".txt") }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        if texts.isEmpty {
            throw DiscourseError("\(folder): no .txt files and no metadata.csv; a corpus folder holds one .txt file per document, optionally with a metadata.csv")
        }
        let entries = texts.map { name in
            let path = folder.appendingPath(name)
            return Entry(id: String(name.dropLast(4)), metadata: [:], source: path, content: .file(path), line: nil)
        }
        return (entries, [])
    }

    /// A CSV file, one document per row, the text in the `text` column (`--text-field`),
    /// the id in `doc_id` (else `id`, else the row number).
    func readCSVFile(_ path: String) throws(DiscourseError) -> ([Entry], [String]) {
        let table = try CSVTable(parsing: readText(path), source: path)
        guard table.columns.contains(textField) else {
            throw DiscourseError("\(path) line 1: no '\(textField)' column for the texts (columns: \(table.columns.joined(separator: ", "))); name it with --text-field")
        }
        let idColumn = table.columns.contains("doc_id") ? "doc_id" : (table.columns.contains("id") ? "id" : nil)
        let fields = table.columns.filter { $0 != textField && $0 != idColumn }
        var entries: [Entry] = []
        for (index, row) in table.rows.enumerated() {
            var values: [String: String] = [:]
            for (column, value) in zip(table.columns, row.fields) where !value.isEmpty { values[column] = value }
            let text = values.removeValue(forKey: textField) ?? ""
            let where_ = "\(path) line \(row.line)"
            var id = String(index + 1)
            if let idColumn {
                guard let value = values.removeValue(forKey: idColumn) else {
                    throw DiscourseError("\(where_): the \(idColumn) is empty")
                }
                id = value
            }
            try MetadataCheck.validate(values, at: where_)
            entries.append(Entry(id: id, metadata: values, source: where_, content: .decoded(text), line: row.line))
        }
        return (entries, fields)
    }

    /// A JSON Lines file: one JSON object per line with the text in `text` (`--text-field`);
    /// string, number and boolean fields become metadata.
    func readJSONLines(_ path: String) throws(DiscourseError) -> ([Entry], [String]) {
        let content = try readText(path)
        var entries: [Entry] = []
        var fields: [String] = []
        var lineNumber = 0
        for line in content.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = String(line).trimmed()
            if trimmed.isEmpty { continue }
            let where_ = "\(path) line \(lineNumber)"
            guard let object = try? JSONDecoder().decode([String: JSONScalar].self, from: Data(trimmed.utf8)) else {
                throw DiscourseError("\(where_): not a JSON object")
            }
            guard case .text(let text)? = object[textField] else {
                throw DiscourseError("\(where_): no string field '\(textField)' for the text; name it with --text-field")
            }
            var values: [String: String] = [:]
            for key in object.keys.sorted() where key != textField {
                guard let value = object[key]!.text else { continue }
                if !value.isEmpty { values[key] = value }
                if key != "doc_id" && key != "id" && !fields.contains(key) { fields.append(key) }
            }
            let id = values.removeValue(forKey: "doc_id") ?? values.removeValue(forKey: "id") ?? String(entries.count + 1)
            try MetadataCheck.validate(values, at: where_)
            entries.append(Entry(id: id, metadata: values, source: where_, content: .decoded(text), line: lineNumber))
        }
        return (entries, fields)
    }

    /// A whole file decoded with the corpus's decoder.
    func readText(_ path: String) throws(DiscourseError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiscourseError("\(path): cannot read the file")
        }
        let (text, _) = try decoder.decode([UInt8](data), source: path)
        return String(decoding: text, as: UTF16.self)
    }
}

/// Checks the known metadata fields: `date` is ISO 8601 (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`),
/// `session` and `year` are integers.
enum MetadataCheck {
    static func validate(_ values: [String: String], at place: String) throws(DiscourseError) {
        if let date = values["date"], !isISODate(date) {
            throw DiscourseError("\(place): date '\(date)' is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)")
        }
        for field in ["session", "year"] {
            if let value = values[field], Int(value) == nil {
                throw DiscourseError("\(place): \(field) '\(value)' is not a whole number")
            }
        }
    }

    static func isISODate(_ date: String) -> Bool {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return false }
        if parts.count >= 2 { guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return false } }
        if parts.count == 3 { guard parts[2].count == 2, let day = Int(parts[2]), (1...31).contains(day) else { return false } }
        return true
    }
}

/// A JSON value as a metadata cell: strings, numbers and booleans as text; arrays, objects
/// and null are not metadata.
enum JSONScalar: Decodable {
    case text(String)
    case other

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            self = .text(string)
        } else if let bool = try? container.decode(Bool.self) {
            self = .text(bool ? "true" : "false")
        } else if let int = try? container.decode(Int.self) {
            self = .text(String(int))
        } else if let double = try? container.decode(Double.self) {
            self = .text(String(double))
        } else {
            self = .other
        }
    }

    var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }
}
