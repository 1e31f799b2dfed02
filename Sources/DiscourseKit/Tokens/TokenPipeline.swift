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
    /// Reads, decodes, cleans and tokenizes every document of `corpus` in parallel, then
    /// freezes the vocabulary and records in `corpus` what reading found (hashes, sizes,
    /// replacements, `--strip` counts, identical texts).
    ///
    /// Each document's text is dropped as soon as it is tokenized (unless
    /// `configuration.keepOffsets`), so memory holds token ids, not texts.
    ///
    /// - Throws: `DiscourseError` for a text that cannot be read or decoded, or ICU data
    ///   that cannot be loaded.
    /// - Complexity: O(n) in the corpus's length; throughput is measured by
    ///   `discourse-bench` (see docs/performance.md).
    public static func run(_ corpus: inout Corpus, configuration: TokenizerConfiguration,
                           observer: any RunObserver = SilentObserver()) throws(DiscourseError) -> TokenizedCorpus {
        let (tokens, readings) = try tokenize(corpus, configuration: configuration, observer: observer)
        corpus.record(readings)
        return tokens
    }

    /// Tokenizes every document of `corpus` as `run` does, returning what reading each one
    /// found (without its text) instead of recording it, for a shard that hands its readings
    /// to a merge.
    static func tokenize(_ corpus: Corpus, configuration: TokenizerConfiguration,
                         observer: any RunObserver) throws(DiscourseError) -> (TokenizedCorpus, [CorpusReader.Reading]) {
        let session = try Session(configuration)
        let (documents, readings) = try session.tokenize(corpus, observer: observer)
        return (TokenizedCorpus(documents: documents, vocabulary: session.vocabulary.snapshot(), configuration: configuration),
                readings)
    }

    /// What the token pipeline shares over a run: the configuration, the stopwords and terms
    /// normalized like forms, and one vocabulary, so that a corpus tokenized a batch of
    /// documents at a time gets the same form ids in every batch.
    public struct Session: Sendable {
        public let configuration: TokenizerConfiguration
        public let vocabulary: Vocabulary
        let terms: TermList

        /// - Throws: `DiscourseError` when ICU's normalizers cannot be opened.
        public init(_ configuration: TokenizerConfiguration) throws(DiscourseError) {
            let normalizer = try LineNormalizer(configuration)
            let stopwords = Set(configuration.stopwords.map { normalizer.form(of: $0) }.filter { !$0.isEmpty })
            self.configuration = configuration
            terms = TermList(lines: configuration.terms, normalizer: normalizer)
            vocabulary = Vocabulary(stopwords: stopwords)
        }

        /// Reads and tokenizes the documents of `corpus` (the corpus's documents from `first`
        /// on, or those of `indices`, for the index each document records), one tokenizer per
        /// core.
        ///
        /// - Throws: `DiscourseError` for a text that cannot be read or decoded, or ICU data
        ///   that cannot be loaded.
        public func tokenize(_ corpus: Corpus, first: Int = 0, indices: [Int]? = nil,
                             observer: any RunObserver) throws(DiscourseError) -> ([TokenizedDocument], [CorpusReader.Reading]) {
            let documents = corpus.documents
            let reader = corpus.reader
            let (configuration, vocabulary, terms) = (self.configuration, self.vocabulary, self.terms)
            let progress = ProgressCounter(total: documents.count, unit: "documents", observer: observer)
            let results: [(TokenizedDocument, CorpusReader.Reading)]
            do {
                results = try ParallelMap.withWorkerState(documents.count) {
                    try Tokenizer(configuration: configuration, vocabulary: vocabulary, terms: terms)
                } _: { tokenizer, index in
                    let document = documents[index]
                    var reading = try reader.read(document, recorded: corpus.recorded(index))
                    let tokens = try tokenizer.tokenize(reading.text, language: document.language,
                                                        source: document.source, index: indices?[index] ?? first + index)
                    reading.text = []
                    progress.step()
                    return (tokens, reading)
                }
            } catch let error as DiscourseError {
                throw error
            } catch {
                throw DiscourseError("\(error)")
            }
            MemoryRelease.returnFreedMemory()
            return (results.map(\.0), results.map(\.1))
        }
    }
}
