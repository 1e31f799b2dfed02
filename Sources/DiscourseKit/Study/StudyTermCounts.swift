extension Study {
    /// The term counts each grouping's analyses will ask for, merged (one request per set of
    /// lengths, with the documents' lists when one of them needs them). Every analysis can
    /// run without the whole corpus's tokens: from term counts made a batch of documents at a
    /// time (keyness, trends, compare), from partial counts of each batch (ngrams), or from
    /// the texts read again a chunk at a time (cooccur, collocates, kwic, tokens, terms). The
    /// requests also tell an in-memory run which counts to make with the documents' lists on
    /// first use.
    ///
    /// - Throws: `DiscourseError` when ICU's normalizers cannot be opened.
    func termCountRequests(_ configuration: TokenizerConfiguration) throws(DiscourseError) -> [[TermCounts.Request]] {
        var requests = [[TermCounts.Request]](repeating: [], count: groupings.count)
        for analysis in analyses {
            let needs = try analysis.spec.termCountRequests(configuration)
            for g in analysis.groupings ?? Array(groupings.indices) {
                for need in needs {
                    if let i = requests[g].firstIndex(where: { $0.sizes == need.sizes && $0.terms == need.terms }) {
                        requests[g][i] = TermCounts.Request(sizes: need.sizes, documents: need.documents || requests[g][i].documents,
                                                            terms: need.terms)
                    } else {
                        requests[g].append(need)
                    }
                }
            }
        }
        return requests
    }
}

extension Study {
    /// What each analysis that counts co-occurrences counts.
    var cooccurrenceOptions: [CooccurrenceOptions] {
        analyses.compactMap {
            switch $0.spec {
            case .cooccur(let options), .collocates(let options): options.counting
            default: nil
            }
        }
    }
}

extension AnalysisSpec {
    /// The term counts the analysis asks its input for, as `KeynessAnalysis`,
    /// `TrendAnalysis` and `GroupComparison` do; none for those that read the texts again a
    /// chunk at a time when the run holds no tokens (co-occurrence, concordances, tokens) or
    /// count each batch into partial-count files (ngrams), or read the texts again for each
    /// length of candidate (terms).
    ///
    /// Trends of tracked lines count only the lines' terms, of the lengths they may resolve
    /// to: 1 (a form, or a multi-word term of `--terms`) and the words of each line
    /// normalized (an n-gram); `TrendOptions.trackedCounts`.
    func termCountRequests(_ configuration: TokenizerConfiguration) throws(DiscourseError) -> [TermCounts.Request] {
        switch self {
        case .keyness(let options): return [TermCounts.Request(sizes: options.sizes, documents: false)]
        case .compare(let options):
            return [TermCounts.Request(sizes: [1], documents: false), TermCounts.Request(sizes: options.sizes, documents: false)]
        case .trends(let options):
            guard let counted = options.trackedCounts(try LineNormalizer(configuration)) else {
                return [TermCounts.Request(sizes: options.sizes, documents: true)]
            }
            return [TermCounts.Request(sizes: counted.sizes, documents: true, terms: counted.terms)]
        case .cooccur, .collocates, .kwic, .tokens, .ngrams, .terms: return []
        }
    }
}
