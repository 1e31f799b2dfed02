/// `term_candidates.csv` and `terms-suggested.txt` (`terms suggest`).
public enum TermCandidateTables {
    public static let header = ["candidate", "tokens", "n", "count", "doc_freq", "groups_present", "first_group", "last_group",
                                "cohesion", "left_entropy", "right_entropy", "c_value", "score"]

    /// Every candidate, best first (descending score, then count, then candidate), streamed
    /// a few thousand rows at a time.
    public static func table(_ result: TermSuggestionResult, format: CSVFormat) -> OutputTable {
        OutputTable(table: "term_candidates", header: header, parts: 1, unit: "tables") { _, emit throws(DiscourseError) in
            var buffer = CSVBuffer.body(format: format)
            var rows = 0
            try result.candidates.forEach { candidate throws(DiscourseError) in
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
                rows += 1
                if rows % 4096 == 0 {
                    try emit([buffer])
                    buffer = CSVBuffer.body(format: format)
                }
                return true
            }
            try emit([buffer])
        }
    }

    /// The best candidates with a score above 0 as a `--terms` file to review: each line a
    /// candidate, the comment above it its score and frequency.
    ///
    /// - Throws: `DiscourseError` when the candidates can no longer be read back.
    public static func suggestedTerms(_ result: TermSuggestionResult) throws(DiscourseError) -> (bytes: [UInt8], lines: Int) {
        var chosen: [TermCandidate] = []
        try result.candidates.forEach { candidate in
            guard candidate.score > 0 && chosen.count < result.top else { return false }
            chosen.append(candidate)
            return true
        }
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
