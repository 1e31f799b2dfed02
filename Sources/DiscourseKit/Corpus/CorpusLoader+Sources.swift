
extension CorpusLoader {
    /// A folder with `metadata.csv`: one row per document, `doc_id` (or `file`) naming each
    /// text. Without a `file` column the text is `<doc_id>.txt` or `texts/<doc_id>.txt`. A text
    /// that resolves outside the folder is an error unless `allowOutsidePaths`; `.txt` files
    /// that no row names are reported.
    func readMetadataFolder(_ folder: String, metadata: String) throws(DiscourseError) -> Source {
        var source = Source()
        var columns: [String] = []
        let root = Self.resolvedPath(folder) ?? folder
        // The texts' resolved paths, as hashes (8 bytes a document), to find the files no row
        // names; and the folders that hold them.
        var used: Set<Int> = []
        var homes: Set<String> = []
        try CSVTable.forEachRow(parsing: readText(metadata, into: &source), source: metadata) { (names: [String]) throws(DiscourseError) in
            guard names.contains("doc_id") || names.contains("file") else {
                throw DiscourseError("\(metadata) line 1: needs a 'doc_id' or 'file' column to name each text (columns: \(names.joined(separator: ", ")))")
            }
            columns = names
            source.fields = names.filter { $0 != "doc_id" }
            source.metadata = MetadataTable.Builder(fields: source.fields)
        } row: { (line: Int, fields: [String]) throws(DiscourseError) in
            var values: [String: String] = [:]
            for (column, value) in zip(columns, fields) where !value.isEmpty {
                values[column] = value
            }
            let where_ = "\(metadata) line \(line)"
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
            if let resolved = Self.resolvedPath(path) {
                if !allowOutsidePaths, !resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                    throw DiscourseError("\(where_): the text of document '\(id)' (\(file ?? path)) is outside the corpus folder (it is \(resolved)); pass --allow-outside-paths if that is your layout")
                }
                used.insert(resolved.hashValue)
                homes.insert(resolved.deletingLastPathComponent)
            }
            source.append(Entry(id: id, source: path, content: .file(path), declaration: (metadata, line)), metadata: values)
        }
        // Only the folders that hold the corpus's texts are searched: a terms.txt beside
        // metadata.csv is not a text when the texts are in texts/.
        let searched = ["", "texts/"].filter { homes.contains((Self.resolvedPath(folder.appendingPath($0)) ?? "")) }
        source.unlisted = Self.textFiles(in: folder, searching: searched) { relative in
            !used.contains((Self.resolvedPath(folder.appendingPath(relative)) ?? "").hashValue)
        }
        return source
    }

    /// The `.txt` files of some subfolders (`""` for the corpus folder, `texts/`) that
    /// `wanted` keeps, as relative paths in code point order.
    static func textFiles(in folder: String, searching prefixes: [String], where wanted: (String) -> Bool = { _ in true }) -> [String] {
        var files: [String] = []
        for prefix in prefixes {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPath(prefix))) ?? []
            for name in names where name.lowercased().hasSuffix(".txt") && FileSystem.isFolder(folder.appendingPath(prefix + name)) == false
                && wanted(prefix + name) {
                files.append(prefix + name)
            }
        }
        return files.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    /// The path with symbolic links, `.` and `..` resolved; nil when it does not exist.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A folder of `.txt` files and nothing else: doc_id is the file name without `.txt`.
    func readBareFolder(_ folder: String) throws(DiscourseError) -> Source {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw DiscourseError("\(folder): cannot list the folder (\(String(cString: strerror(errno))))")
        }
        let texts = names.filter { $0.lowercased().hasSuffix(".txt") }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        if texts.isEmpty {
            throw DiscourseError("\(folder): no .txt files and no metadata.csv; a corpus folder holds one .txt file per document, optionally with a metadata.csv")
        }
        let root = Self.resolvedPath(folder) ?? folder
        var source = Source()
        for name in texts {
            let path = folder.appendingPath(name)
            if !allowOutsidePaths, let resolved = Self.resolvedPath(path), !resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                throw DiscourseError("\(path): the file is a link to \(resolved), outside the corpus folder; pass --allow-outside-paths if that is your layout")
            }
            source.append(Entry(id: String(name.dropLast(4)), source: path, content: .file(path)), metadata: [:])
        }
        return source
    }

    /// A CSV file, one document per row, the text in the `text` column (`--text-field`),
    /// the id in `doc_id` (else `id`, else the row number).
    func readCSVFile(_ path: String) throws(DiscourseError) -> Source {
        var source = Source()
        let text = try readText(path, into: &source)
        try parseCSVCorpus(text, path: path, into: &source)
        return source
    }

    /// The documents of a CSV corpus's text (named `path` in messages).
    func parseCSVCorpus(_ text: String, path: String, into source: inout Source) throws(DiscourseError) {
        var columns: [String] = []
        var idColumn: String?
        var index = 0
        try CSVTable.forEachRow(parsing: text, source: path) { (names: [String]) throws(DiscourseError) in
            guard names.contains(textField) else {
                throw DiscourseError("\(path) line 1: no '\(textField)' column for the texts (columns: \(names.joined(separator: ", "))); name it with --text-field")
            }
            columns = names
            idColumn = names.contains("doc_id") ? "doc_id" : (names.contains("id") ? "id" : nil)
            source.fields = names.filter { $0 != textField && $0 != idColumn }
            source.metadata = MetadataTable.Builder(fields: source.fields)
        } row: { (line: Int, fields: [String]) throws(DiscourseError) in
            index += 1
            var values: [String: String] = [:]
            for (column, value) in zip(columns, fields) where !value.isEmpty { values[column] = value }
            let text = values.removeValue(forKey: textField) ?? ""
            let where_ = "\(path) line \(line)"
            var id = String(index)
            if let idColumn {
                guard let value = values.removeValue(forKey: idColumn) else {
                    throw DiscourseError("\(where_): the \(idColumn) is empty")
                }
                id = value
            }
            try MetadataCheck.validate(values, at: where_)
            source.append(Entry(id: id, source: where_, content: .decoded(text), declaration: (path, line)), metadata: values)
        }
    }

    /// A JSON Lines file: one JSON object per line (LF or CRLF line ends) with the text in
    /// `text` (`--text-field`); strings, numbers (as written: `1.50`, a 23-digit id) and
    /// booleans become metadata.
    func readJSONLines(_ path: String) throws(DiscourseError) -> Source {
        var source = Source()
        let content = try readText(path, into: &source)
        try parseJSONLines(content, path: path, into: &source)
        return source
    }

    /// The documents of a JSON Lines corpus's text (named `path` in messages).
    func parseJSONLines(_ content: String, path: String, into source: inout Source) throws(DiscourseError) {
        var lineNumber = 0
        for line in content.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var bytes = Array(line)
            if bytes.last == 0x0D { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let where_ = "\(path) line \(lineNumber)"
            let value = try JSONValue(parsing: bytes, source: where_, numbersAsText: true)
            guard let members = value.objectValue else { throw DiscourseError("\(where_): not a JSON object") }
            guard case .string(let text)? = value[textField] else {
                throw DiscourseError("\(where_): no string field '\(textField)' for the text; name it with --text-field")
            }
            var values: [String: String] = [:]
            for (key, member) in members where key != textField {
                let cell: String
                switch member {
                case .string(let string): cell = string
                case .bool(let flag): cell = flag ? "true" : "false"
                default: continue
                }
                if !cell.isEmpty { values[key] = cell }
                if key != "doc_id" && key != "id" && !source.fields.contains(key) { source.fields.append(key) }
            }
            let id = values.removeValue(forKey: "doc_id") ?? values.removeValue(forKey: "id") ?? String(source.entries.count + 1)
            try MetadataCheck.validate(values, at: where_)
            source.append(Entry(id: id, source: where_, content: .decoded(text), declaration: (path, lineNumber)), metadata: values)
        }
    }

    /// A whole file decoded with the corpus's decoder; bytes it replaced (`--replace-invalid`)
    /// are recorded in `source`.
    func readText(_ path: String, into source: inout Source) throws(DiscourseError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiscourseError("\(path): cannot read the file")
        }
        let (text, replaced) = try decoder.decode([UInt8](data), source: path)
        if replaced > 0 { source.replaced.append((path, replaced)) }
        return String(decoding: text, as: UTF16.self)
    }
}

/// Checks the known metadata fields: `date` is an ISO 8601 date that exists (`YYYY`,
/// `YYYY-MM`, `YYYY-MM-DD`; 2021-02-30 is not one), `session` and `year` are integers.
enum MetadataCheck {
    static func validate(_ values: [String: String], at place: String) throws(DiscourseError) {
        if let date = values["date"], !isISODate(date) {
            throw DiscourseError("\(place): date '\(date)' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD, a day that exists)")
        }
        for field in ["session", "year"] {
            guard let value = values[field], Int(value) == nil else { continue }
            let digits = value.drop { $0 == "-" || $0 == "+" }
            if !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw DiscourseError("\(place): \(field) '\(value)' is too large: whole numbers run to \(Int.max)")
            }
            throw DiscourseError("\(place): \(field) '\(value)' is not a whole number")
        }
    }

    static func isISODate(_ date: String) -> Bool {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }), let year = Int(parts[0]) else { return false }
        if parts.count >= 2 { guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return false } }
        if parts.count == 3 {
            guard parts[2].count == 2, let day = Int(parts[2]), let month = Int(parts[1]),
                  (1...daysIn(month: month, year: year)).contains(day) else { return false }
        }
        return true
    }

    /// Days of a month in the proleptic Gregorian calendar (ISO 8601).
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
