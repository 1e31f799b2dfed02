/// The texts of a run that holds no tokens (counted in batches within a memory budget), for
/// the analyses that read tokens to read them again, a chunk of documents at a time.
struct TextSource: Sendable {
    let corpus: Corpus
    /// The first pass's session: its vocabulary already holds every form.
    let session: TokenPipeline.Session
    /// That vocabulary, complete and ranked.
    let vocabulary: VocabularyTable
    /// Text per chunk of documents read at once, and pair-table bytes before they go to disk.
    let chunkBytes: Int
    let pairBytes: Int
    let tmp: String

    func cooccurrence(grouping: Grouping, options: CooccurrenceOptions) -> CooccurrenceStream {
        CooccurrenceStream(texts: self, grouping: grouping, options: options)
    }

    /// The documents (corpus indices) in runs of about `chunkBytes` of text, in their order.
    func chunks(of documents: [Int]) -> [[Int]] {
        var result: [[Int]] = []
        var current: [Int] = []
        var bytes = 0
        for d in documents {
            let size = corpus.documents[d].estimatedByteCount
            if !current.isEmpty && bytes + size > chunkBytes {
                result.append(current)
                current = []
                bytes = 0
            }
            current.append(d)
            bytes += size
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Reads and tokenizes documents (corpus indices) again on all cores, into the first
    /// pass's vocabulary: the same forms and ids as the first pass gave them. Each document
    /// records its corpus index.
    ///
    /// - Throws: `DiscourseError` for a text that can no longer be read, or whose bytes are
    ///   not those the first pass read (its SHA-256): its forms could be ones the vocabulary
    ///   lacks, and the tables would mix two versions of the corpus.
    func tokenize(_ documents: [Int]) throws(DiscourseError) -> [TokenizedDocument] {
        let part = Corpus(documents: documents.map { corpus.documents[$0] }, fields: corpus.fields, reader: corpus.reader)
        let (tokenized, readings) = try session.tokenize(part, indices: documents, observer: SilentObserver())
        for (reading, d) in zip(readings, documents) where reading.sha256 != corpus.recorded(d)?.digest {
            throw DiscourseError("\(corpus.documents[d].source): the text changed while the run was reading it (a run within --memory reads the texts twice); run it again on texts that stay put")
        }
        return tokenized
    }
}
