/// A loaded corpus: documents in source order, their metadata columns, and what loading
/// noticed (replacements, `--strip` removals, duplicates).
public struct Corpus: Sendable {
    public var documents: [Document]
    /// Metadata column names in the order the source gave them (without `doc_id`).
    public var fields: [String]
    /// Code points each `--strip` pattern removed over the whole corpus, in pattern order.
    public var stripRemovals: [(pattern: String, codePoints: Int)]
    /// Sets of documents whose texts are identical after cleaning, by doc_id.
    public var duplicates: [[String]]
    /// Messages for the user that do not stop the run.
    public var warnings: [String]

    public init(documents: [Document], fields: [String], stripRemovals: [(pattern: String, codePoints: Int)] = [],
                duplicates: [[String]] = [], warnings: [String] = []) {
        self.documents = documents
        self.fields = fields
        self.stripRemovals = stripRemovals
        self.duplicates = duplicates
        self.warnings = warnings
    }

    /// Frees the documents' texts once they are tokenized (metadata, hashes and sizes stay).
    public mutating func releaseTexts() {
        for i in documents.indices { documents[i].text = [] }
    }

    /// Raw bytes of all documents.
    public var byteCount: Int { documents.reduce(0) { $0 + $1.byteCount } }

    /// Every field a document can be grouped by: `doc_id`, `year` where dates or a year
    /// column exist, and the metadata columns.
    public var groupingFields: [String] {
        var names = ["doc_id"]
        if fields.contains("date") || fields.contains("year") { names.append("year") }
        for field in fields where !names.contains(field) { names.append(field) }
        return names
    }
}
