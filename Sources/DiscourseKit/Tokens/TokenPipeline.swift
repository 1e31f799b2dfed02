/// A corpus after the token pipeline: one `TokenizedDocument` per document and the frozen
/// vocabulary their form ids point into.
public struct TokenizedCorpus: Sendable {
    public let documents: [TokenizedDocument]
    public let vocabulary: VocabularyTable
    public let configuration: TokenizerConfiguration

    /// Total tokens.
    public var tokenCount: Int { documents.reduce(0) { $0 + $1.count } }
}

/// Runs the token pipeline over a corpus, one tokenizer per core.
public enum TokenPipeline {
    /// Tokenizes every document of `corpus` in parallel and freezes the vocabulary.
    ///
    /// - Throws: `DiscourseError` when ICU data cannot be loaded or a document cannot be
    ///   segmented.
    /// - Complexity: O(n) in the corpus's length; throughput is measured by
    ///   `discourse-bench` (see docs/performance.md).
    public static func run(_ corpus: Corpus, configuration: TokenizerConfiguration) throws(DiscourseError) -> TokenizedCorpus {
        let normalizer = try LineNormalizer(configuration)
        let stopwords = Set(configuration.stopwords.map { normalizer.form(of: $0) }.filter { !$0.isEmpty })
        let terms = TermList(lines: configuration.terms, normalizer: normalizer)
        let vocabulary = Vocabulary(stopwords: stopwords)
        let documents: [TokenizedDocument]
        do {
            documents = try ParallelMap.withWorkerState(corpus.documents.count) {
                try Tokenizer(configuration: configuration, vocabulary: vocabulary, terms: terms)
            } _: { tokenizer, index in
                try tokenizer.tokenize(corpus.documents[index], index: index)
            }
        } catch let error as DiscourseError {
            throw error
        } catch {
            throw DiscourseError("\(error)")
        }
        return TokenizedCorpus(documents: documents, vocabulary: vocabulary.snapshot(), configuration: configuration)
    }
}
