/// A condition on a document's metadata (`--where FIELD=VALUE` or `--where FIELD!=VALUE`),
/// to analyse part of a corpus: one language of a bilingual series, one president, all but
/// one document.
///
/// Conditions on different fields must all hold; several `=` conditions on one field keep a
/// document that matches any of them.
public struct DocumentFilter: Sendable, Equatable {
    public let field: String
    public let value: String
    public let negated: Bool

    /// Parses `field=value` or `field!=value`.
    ///
    /// - Throws: `DiscourseError` when the text has no `=` or an empty field name.
    public init(parsing text: String) throws(DiscourseError) {
        guard let equals = text.firstIndex(of: "=") else {
            throw DiscourseError("--where \(text): write FIELD=VALUE or FIELD!=VALUE, e.g. --where lang=zh")
        }
        var field = String(text[..<equals])
        negated = field.hasSuffix("!")
        if negated { field.removeLast() }
        guard !field.isEmpty else {
            throw DiscourseError("--where \(text): the field name is missing, e.g. --where lang=zh")
        }
        self.field = field
        value = String(text[text.index(after: equals)...])
    }
}

extension Corpus {
    /// Keeps the documents that satisfy every filter (SPEC §1 fields: `doc_id`, `year`, any
    /// metadata column).
    ///
    /// - Throws: `DiscourseError` for a field the corpus does not have, or when no document
    ///   is left.
    public mutating func filter(_ filters: [DocumentFilter]) throws(DiscourseError) {
        guard !filters.isEmpty else { return }
        for filter in filters where !groupingFields.contains(filter.field) {
            throw DiscourseError("--where \(filter.field): the corpus has no such field; it has: \(groupingFields.joined(separator: ", "))")
        }
        let fields = Array(Set(filters.map(\.field))).sorted()
        keep { document in
            fields.allSatisfy { field in
                let value = document.value(of: field)
                let conditions = filters.filter { $0.field == field }
                let wanted = conditions.filter { !$0.negated }
                if conditions.contains(where: { $0.negated && $0.value == value }) { return false }
                return wanted.isEmpty || wanted.contains { $0.value == value }
            }
        }
        if documents.isEmpty {
            throw DiscourseError("--where: no document satisfies \(filters.map { "\($0.field)\($0.negated ? "!=" : "=")\($0.value)" }.joined(separator: " and "))")
        }
    }
}
