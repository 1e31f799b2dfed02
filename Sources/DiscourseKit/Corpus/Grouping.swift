/// A set of documents sharing the value of the grouping field (SPEC §1).
public struct Group: Sendable {
    /// The shared value, as written in outputs.
    public let label: String
    /// Indices of the group's documents in the corpus, in corpus order.
    public let documents: [Int]
    /// Earliest and latest `date` of the group's documents, if any has one.
    public let firstDate: String?
    public let lastDate: String?
}

/// Documents grouped by one field and put in diachronic order (SPEC §1): by numeric value
/// where every value is numeric (a decade such as `1790s` by its first year), else by the
/// earliest date of each group's documents where every group has one, else by label in
/// Unicode code point order.
public struct Grouping: Sendable {
    /// The grouping field, or nil for the whole corpus as one group labelled `all`.
    public let field: String?
    public let groups: [Group]
    /// Documents left out because they have no value for the field.
    public let leftOut: [String]

    /// Groups `corpus` by `field`.
    ///
    /// - Throws: `DiscourseError` when the corpus has no such field, or no document has a
    ///   value for it.
    public init(_ corpus: Corpus, by field: String?) throws(DiscourseError) {
        self.field = field
        guard let field else {
            let dates = corpus.documents.compactMap(\.date)
            groups = [Group(label: "all", documents: Array(corpus.documents.indices),
                            firstDate: dates.min(by: Self.precedes), lastDate: dates.max(by: Self.precedes))]
            leftOut = []
            return
        }
        guard corpus.groupingFields.contains(field) else {
            throw DiscourseError("--by \(field): the corpus has no such field; it has: \(corpus.groupingFields.joined(separator: ", "))")
        }
        var members: [String: [Int]] = [:]
        var order: [String] = []
        var missing: [String] = []
        for (index, document) in corpus.documents.enumerated() {
            guard let value = document.value(of: field), !value.isEmpty else {
                missing.append(document.id)
                continue
            }
            if members[value] == nil { order.append(value) }
            members[value, default: []].append(index)
        }
        guard !order.isEmpty else {
            throw DiscourseError("--by \(field): no document has a value for '\(field)'")
        }
        var groups = order.map { label -> Group in
            let dates = members[label]!.compactMap { corpus.documents[$0].date }
            return Group(label: label, documents: members[label]!,
                         firstDate: dates.min(by: Self.precedes), lastDate: dates.max(by: Self.precedes))
        }
        let numbers = groups.map { Self.numericValue(of: $0.label, field: field) }
        if numbers.allSatisfy({ $0 != nil }) {
            groups.sort {
                (Self.numericValue(of: $0.label, field: field)!, $0.label.unicodeScalars)
                    < (Self.numericValue(of: $1.label, field: field)!, $1.label.unicodeScalars)
            }
        } else if groups.allSatisfy({ $0.firstDate != nil }) {
            groups.sort {
                $0.firstDate! != $1.firstDate! ? Self.precedes($0.firstDate!, $1.firstDate!) : Self.precedes($0.label, $1.label)
            }
        } else {
            groups.sort { Self.precedes($0.label, $1.label) }
        }
        self.groups = groups
        self.leftOut = missing
    }

    /// The warning for documents without a value for the field, if any.
    public var leftOutWarning: String? {
        leftOut.isEmpty ? nil : "\(leftOut.count) document(s) have no value for '\(field ?? "")' and are left out"
    }

    /// The number a group label stands for, when it is one: the label itself (`2024`, `19`),
    /// or for a decade (`1790s`) its first year. Diachronic order and the gaps that charts
    /// show between non-adjacent groups follow these numbers.
    public static func numericValue(of label: String, field: String?) -> Double? {
        let text = field == "decade" && label.hasSuffix("s") ? String(label.dropLast()) : label
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Groups as given (read back from a partial-count file, or a shard's part of a
    /// grouping).
    init(field: String?, groups: [Group], leftOut: [String]) {
        self.field = field
        self.groups = groups
        self.leftOut = leftOut
    }

    /// One group per document, for counting documents separately.
    init(singletons documents: [Int]) {
        field = "doc_id"
        groups = documents.map { Group(label: String($0), documents: [$0], firstDate: nil, lastDate: nil) }
        leftOut = []
    }

    /// Unicode code point order (UTF-8 byte order), as SPEC §8 asks for text.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

private func < (a: (Double, String.UnicodeScalarView), b: (Double, String.UnicodeScalarView)) -> Bool {
    if a.0 != b.0 { return a.0 < b.0 }
    return a.1.lexicographicallyPrecedes(b.1)
}
