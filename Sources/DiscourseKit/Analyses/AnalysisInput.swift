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

    /// Term counts of n-grams of these lengths per document and group, counted once per
    /// input however many analyses ask for them.
    public func termCounts(sizes: [Int]) -> TermCounts {
        cache.counts(sizes: Set(sizes).sorted()) { TermCounts(tokens, grouping: grouping, sizes: $0) }
    }
}

/// Term counts by n-gram lengths, made on first use.
private final class TermCountsCache: Sendable {
    private let counts = Mutex<[[Int]: TermCounts]>([:])

    func counts(sizes: [Int], make: ([Int]) -> TermCounts) -> TermCounts {
        if let found = counts.withLock({ $0[sizes] }) { return found }
        let made = make(sizes)
        counts.withLock { $0[sizes] = made }
        return made
    }
}
