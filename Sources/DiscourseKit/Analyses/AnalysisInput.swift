import Synchronization

/// What every analysis reads: the corpus (documents and metadata), its tokens, and one
/// grouping of its documents. A study makes one input per grouping from a single token pass,
/// and the analyses of that grouping share the term counts they have in common.
public struct AnalysisInput: Sendable {
    public let corpus: Corpus
    public let tokens: TokenizedCorpus
    public let grouping: Grouping
    private let cache: TermCountsCache

    public init(corpus: Corpus, tokens: TokenizedCorpus, grouping: Grouping) {
        self.corpus = corpus
        self.tokens = tokens
        self.grouping = grouping
        cache = TermCountsCache()
    }

    /// Term counts of n-grams of these lengths per group (and per document when
    /// `documents`), counted once per input however many analyses ask for them.
    public func termCounts(sizes: [Int], documents: Bool = false) -> TermCounts {
        cache.counts(sizes: Set(sizes).sorted(), documents: documents) { sizes, documents in
            TermCounts(tokens, grouping: grouping, sizes: sizes, keepDocuments: documents)
        }
    }
}

/// Term counts by n-gram lengths, made on first use.
private final class TermCountsCache: Sendable {
    private let counts = Mutex<[[Int]: TermCounts]>([:])

    /// The counts for `sizes`, made (with the documents' lists when `documents`) unless
    /// counts that serve are held.
    func counts(sizes: [Int], documents: Bool, make: ([Int], Bool) -> TermCounts) -> TermCounts {
        if let found = counts.withLock({ $0[sizes] }), found.documents != nil || !documents { return found }
        let made = make(sizes, documents)
        counts.withLock { $0[sizes] = made }
        return made
    }
}
