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
}
