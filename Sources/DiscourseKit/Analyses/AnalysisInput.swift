import Synchronization

/// What every analysis reads: the corpus (documents and metadata), its tokens, and one
/// grouping of its documents. A study makes one input per grouping from a single token pass,
/// and the analyses of that grouping share the term counts they have in common.
///
/// A study run within a memory budget may count its terms a batch of documents at a time
/// (`StudyRun`): its inputs then hold those term counts and the groups' size figures, and
/// their `tokens` only the vocabulary (no documents).
public struct AnalysisInput: Sendable {
    public let corpus: Corpus
    public let tokens: TokenizedCorpus
    public let grouping: Grouping
    /// Each group's size figures, when counted with the term counts (batches); nil to count
    /// them from the tokens.
    public let summaries: [GroupSummary]?
    /// The texts to read again, when the run holds no tokens (counted in batches).
    let documents: TextSource?
    /// The n-gram lengths (sorted) whose counts some analysis of this input will read per
    /// document: counted with the documents' lists on the first request, so that an analysis
    /// asking without them first does not make the same counts twice.
    let listed: Set<[Int]>
    private let cache: TermCountsCache

    public init(corpus: Corpus, tokens: TokenizedCorpus, grouping: Grouping) {
        self.init(corpus: corpus, tokens: tokens, grouping: grouping, counted: [:])
    }

    /// An input whose term counts were made beforehand (a study counted in batches), or that
    /// knows which lengths will be read per document (`listed`).
    init(corpus: Corpus, tokens: TokenizedCorpus, grouping: Grouping, counted: [TermCounts.Request: TermCounts],
         summaries: [GroupSummary]? = nil, documents: TextSource? = nil, listed: Set<[Int]> = []) {
        self.corpus = corpus
        self.tokens = tokens
        self.grouping = grouping
        self.summaries = summaries
        self.documents = documents
        self.listed = listed
        cache = TermCountsCache(counted)
    }

    /// Term counts of n-grams of these lengths per group (and per document when
    /// `documents`), counted once per input however many analyses ask for them.
    ///
    /// - Parameters:
    ///   - exactly: false when counts of more lengths serve as well (the caller looks terms
    ///     up by text and never lists them all).
    ///   - only: the texts of the only terms the caller reads (tracked trends); counts of
    ///     every term serve as well.
    public func termCounts(sizes: [Int], documents: Bool = false, exactly: Bool = true, only: Set<String>? = nil) -> TermCounts {
        let request = TermCounts.Request(sizes: sizes, documents: documents, terms: only)
        return cache.counts(request, exactly: exactly) {
            precondition(!tokens.documents.isEmpty || grouping.groups.allSatisfy(\.documents.isEmpty),
                         "term counts \(request) were not made in the batched pass")
            let lists = documents || (only == nil && listed.contains(request.sizes))
            return (TermCounts(tokens, grouping: grouping, sizes: request.sizes, keepDocuments: lists, only: only),
                    TermCounts.Request(sizes: request.sizes, documents: lists, terms: only))
        }
    }
}

extension TermCounts {
    /// Which term counts an analysis needs: n-gram lengths, whether each document's counts
    /// are kept, and, when only some terms are read (tracked trends), their texts.
    public struct Request: Hashable, Sendable, CustomStringConvertible {
        public let sizes: [Int]
        public let documents: Bool
        /// The only terms counted; nil for every n-gram of the lengths.
        public let terms: Set<String>?

        public init(sizes: some Sequence<Int>, documents: Bool, terms: Set<String>? = nil) {
            self.sizes = Set(sizes).sorted()
            self.documents = documents
            self.terms = terms
        }

        /// Whether counts made for `self` serve `other`: the same lengths (or more, when
        /// `exactly` is false), the documents' lists if `other` needs them, and every term
        /// `other` reads.
        func serves(_ other: Request, exactly: Bool) -> Bool {
            let terms = self.terms.map { mine in other.terms.map { $0.isSubset(of: mine) } ?? false } ?? true
            return (exactly ? sizes == other.sizes : Set(other.sizes).isSubset(of: sizes)) && (documents || !other.documents) && terms
        }

        public var description: String {
            "n \(sizes.map(String.init).joined(separator: ",")), documents \(documents)" + (terms.map { ", \($0.count) terms" } ?? "")
        }
    }
}

/// Term counts by request, made on first use.
private final class TermCountsCache: Sendable {
    private let counts: Mutex<[TermCounts.Request: TermCounts]>

    init(_ counted: [TermCounts.Request: TermCounts]) { counts = Mutex(counted) }

    /// Counts that serve `request` if some are held (the exact ones first), else made.
    /// `make` returns the counts and what they serve (the request, or more).
    func counts(_ request: TermCounts.Request, exactly: Bool, make: () -> (TermCounts, TermCounts.Request)) -> TermCounts {
        let found = counts.withLock { held -> TermCounts? in
            if let exact = held[request] { return exact }
            return held.filter { $0.key.serves(request, exactly: exactly) }.min { $0.key.sizes.count < $1.key.sizes.count }?.value
        }
        if let found { return found }
        let (made, serving) = make()
        counts.withLock { $0[serving] = made }
        return made
    }
}
