/// Where a document's text is: a file not yet read, a string from a CSV or JSON Lines cell, or
/// UTF-16 text already decoded.
public enum DocumentContent: Sendable {
    case file(String)
    case string(String)
    case decoded([UInt16])
}

/// One text of a corpus with its metadata ("docvars").
///
/// Texts are read when the token pipeline reaches them, not when the corpus is loaded, so
/// that a large corpus is never held in memory whole: each document is read, decoded,
/// cleaned and tokenized by one thread, and only its tokens are kept.
public struct Document: Sendable {
    /// Unique in the corpus.
    public let id: String
    /// The corpus's metadata and the document's row in it.
    let table: MetadataTable
    let row: Int32
    /// Where the text came from, for messages: a file path, or `file.csv line 12`.
    public let source: String
    /// The text, or where to read it.
    public var content: DocumentContent

    /// A document with metadata of its own (tests, a text given alone).
    public init(id: String, metadata: [String: String], source: String, content: DocumentContent) {
        self.init(id: id, table: metadata.isEmpty ? .empty : MetadataTable(row: metadata), row: 0, source: source, content: content)
    }

    /// A document whose metadata is row `row` of `table`.
    init(id: String, table: MetadataTable, row: Int, source: String, content: DocumentContent) {
        self.id = id
        self.table = table
        self.row = Int32(row)
        self.source = source
        self.content = content
    }

    /// Every metadata field of the document, by column name (`date`, `session`, `lang`, ...).
    /// Empty cells are absent.
    public var metadata: [String: String] { table.count == 0 ? [:] : table.row(Int(row)) }

    /// One metadata field; nil when the cell is empty or the corpus has no such field.
    public subscript(field: String) -> String? {
        table.count == 0 ? nil : table.value(field, row: Int(row))
    }

    /// The document's language (BCP 47), from its `lang` or `language` field.
    public var language: String? { self["lang"] ?? self["language"] }

    /// The ISO 8601 date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), if any.
    public var date: String? { self["date"] }

    /// The `year` field where the corpus has one and it is not empty, else the year of `date`.
    public var year: String? {
        if let year = self["year"] { return year }
        guard let date else { return nil }
        return String(date.prefix(4))
    }

    /// The decade of `year`, labelled by its first year: 1789 and 1790 → `1780s`, `1790s`.
    public var decade: String? {
        guard let year, let value = Int(year) else { return nil }
        let first = value >= 0 ? value / 10 * 10 : -((-value + 9) / 10 * 10)
        return "\(first)s"
    }

    /// The value of a grouping field: `doc_id`, `year`, `decade` (derived from the year), or
    /// any metadata column.
    public func value(of field: String) -> String? {
        switch field {
        case "doc_id": return id
        case "year": return year
        case "decade" where self["decade"] == nil: return decade
        default: return self[field]
        }
    }
}
