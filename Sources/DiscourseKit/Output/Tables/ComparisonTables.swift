/// `compare.csv`, `new_terms.csv` and `vanished_terms.csv` (SPEC §6).
public enum ComparisonTables {
    public static let compareHeader = ["previous_group", "group", "jaccard", "cosine", "new_types", "dropped_types"]
    public static let newTermsHeader = ["term", "first_group", "count", "groups_present_after", "groups_after"]
    public static let vanishedTermsHeader = ["term", "last_group", "count", "groups_present_before", "groups_before", "peak_group"]

    public static func compare(_ result: ComparisonResult, format: CSVFormat) -> OutputTable {
        OutputTable(table: "compare", header: compareHeader, format: format) { buffer in
            for change in result.changes {
                buffer.text(change.previousGroup)
                buffer.text(change.group)
                buffer.real(change.jaccard)
                buffer.real(change.cosine)
                buffer.int(change.newTypes)
                buffer.int(change.droppedTypes)
                buffer.endRow()
            }
        }
    }

    public static func newTerms(_ result: ComparisonResult, format: CSVFormat) -> OutputTable {
        OutputTable(table: "new_terms", header: newTermsHeader, format: format) { buffer in
            for term in result.newTerms {
                buffer.text(term.term)
                buffer.text(term.firstGroup)
                buffer.int(term.count)
                buffer.int(term.groupsPresentAfter)
                buffer.int(term.groupsAfter)
                buffer.endRow()
            }
        }
    }

    public static func vanishedTerms(_ result: ComparisonResult, format: CSVFormat) -> OutputTable {
        OutputTable(table: "vanished_terms", header: vanishedTermsHeader, format: format) { buffer in
            for term in result.vanishedTerms {
                buffer.text(term.term)
                buffer.text(term.lastGroup)
                buffer.int(term.count)
                buffer.int(term.groupsPresentBefore)
                buffer.int(term.groupsBefore)
                buffer.text(term.peakGroup)
                buffer.endRow()
            }
        }
    }
}
