/// The tables an analysis result is written as, each with the base of its file name
/// (`ngrams`, `trend_stats`, ...), in the order they are written.
public enum RunTables {
    /// The bases of the tables an analysis will write, known before it runs (so that every
    /// destination is checked first): the same as `tables(for:...)` gives.
    public static func bases(for spec: AnalysisSpec, grouped: Bool, groups: Bool) -> [String] {
        switch spec {
        case .tokens: return ["tokens"]
        case .ngrams: return ["ngrams"] + (groups ? ["groups"] : [])
        case .cooccur: return ["cooccur"]
        case .collocates(let options): return ["collocates"] + (options.changes && grouped ? ["collocate_changes"] : [])
        case .keyness: return ["keyness"]
        case .trends: return ["trends", "trend_stats"]
        case .compare: return ["compare", "new_terms", "vanished_terms"]
        case .kwic: return ["kwic"]
        case .terms: return ["term_candidates"]
        }
    }

    /// Files of a result that are not tables, with the base of their name and extension
    /// (the terms a `terms` analysis suggests); networks are written where `--graph` says.
    ///
    /// - Throws: `DiscourseError` when the candidates can no longer be read back.
    public static func files(for result: AnalysisResult) throws(DiscourseError)
        -> [(base: String, extension: String, bytes: [UInt8], items: Int)] {
        guard case .termSuggestion(let suggestion) = result else { return [] }
        let (bytes, lines) = try TermCandidateTables.suggestedTerms(suggestion)
        return [("terms-suggested", "txt", bytes, lines)]
    }

    /// - Parameters:
    ///   - kind: the analysis (`cooccur` and `collocates` name their main table after it).
    ///   - groups: include `groups.csv` with the n-grams (a command writes it; a study
    ///     writes one per grouping instead).
    public static func tables(for result: AnalysisResult, kind: String, run: StudyRun,
                              groups: Bool, format: CSVFormat) -> [(base: String, table: OutputTable)] {
        switch result {
        case .tokens:
            if let texts = run.inputs.first?.documents { return [("tokens", TokenTable.table(texts, format: format))] }
            return [("tokens", TokenTable.table(run.tokens, documents: run.corpus.documents, format: format))]
        case .ngrams(let ngrams):
            return [("ngrams", NgramTables.ngrams(ngrams, format: format))]
                + (groups ? [("groups", NgramTables.groups(ngrams.summaries(), format: format))] : [])
        case .collocation(let collocation):
            return [(kind, CooccurrenceTables.pairs(collocation, format: format))]
                + (collocation.hasChanges ? [("collocate_changes", CooccurrenceTables.changes(collocation, format: format))] : [])
        case .keyness(let keyness):
            return [("keyness", KeynessTable.table(keyness, format: format))]
        case .trends(let trends):
            return [("trends", TrendTables.trends(trends, format: format)), ("trend_stats", TrendTables.statistics(trends, format: format))]
        case .comparison(let comparison):
            return [("compare", ComparisonTables.compare(comparison, format: format)),
                    ("new_terms", ComparisonTables.newTerms(comparison, format: format)),
                    ("vanished_terms", ComparisonTables.vanishedTerms(comparison, format: format))]
        case .concordance(let concordance):
            return [("kwic", ConcordanceTable.table(concordance, format: format))]
        case .termSuggestion(let suggestion):
            return [("term_candidates", TermCandidateTables.table(suggestion, format: format))]
        }
    }
}
