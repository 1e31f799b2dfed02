/// `term_candidates.csv` and `terms-suggested.txt` (`terms suggest`).
public enum TermCandidateTables {
    public static let header = ["candidate", "tokens", "n", "count", "doc_freq", "groups_present", "first_group", "last_group",
                                "cohesion", "left_entropy", "right_entropy", "c_value", "score"]

    /// Every candidate, best first (descending score, then count, then candidate).
    public static func table(_ result: TermSuggestionResult, format: CSVFormat) -> OutputTable {
        OutputTable(table: "term_candidates", header: header, format: format) { buffer in
            for candidate in result.candidates {
                buffer.text(candidate.text)
                buffer.text(candidate.tokens)
                buffer.int(candidate.length)
                buffer.int(candidate.count)
                buffer.int(candidate.documents)
                buffer.int(candidate.groupsPresent)
                buffer.text(candidate.firstGroup)
                buffer.text(candidate.lastGroup)
                buffer.real(candidate.cohesion)
                buffer.real(candidate.leftEntropy)
                buffer.real(candidate.rightEntropy)
                buffer.real(candidate.cValue)
                buffer.real(candidate.score)
                buffer.endRow()
            }
        }
    }

    /// The best candidates with a score above 0 as a `--terms` file to review: each line a
    /// candidate, the comment above it its score and frequency.
    public static func suggestedTerms(_ result: TermSuggestionResult) -> (bytes: [UInt8], lines: Int) {
        let chosen = result.candidates.prefix { $0.score > 0 }.prefix(result.top)
        var text = """
            # Multi-word terms suggested by `discourse terms suggest`, best first (score: C-value
            # times the lower branching entropy; see docs/formulations.md). Review them: delete
            # what is not a term of your corpus, then pass this file with --terms.

            """
        for candidate in chosen {
            let groups = candidate.firstGroup == candidate.lastGroup ? candidate.firstGroup : "\(candidate.firstGroup)–\(candidate.lastGroup)"
            text += "# score \(ReportNumber.significant(candidate.score, 4)): \(candidate.count) times in \(candidate.documents) document(s), \(groups)\n"
            text += candidate.text + "\n"
        }
        return (Array(text.utf8), chosen.count)
    }
}
