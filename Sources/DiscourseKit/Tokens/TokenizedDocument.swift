/// One document after the token pipeline: parallel arrays, one entry per token, in text
/// order. Forms are integer ids into the corpus's `Vocabulary`.
public struct TokenizedDocument: Sendable {
    /// Index of the document in the corpus.
    public let index: Int
    /// Form id of each token.
    public var forms: [UInt32]
    /// Where each sentence ends: sentence k (numbered from 0 over the sentences that hold a
    /// token) is tokens `sentenceEnds[k-1] ..< sentenceEnds[k]` (from 0 for k = 0). One entry
    /// per sentence rather than one per token keeps the corpus small in memory.
    public var sentenceEnds: [Int32]
    /// The NFC (and, with `--simplified`, mapped) text that offsets refer to; empty unless
    /// offsets were kept.
    public var text: [UInt16] = []
    /// UTF-16 offsets of each token in `text` (end exclusive); empty unless kept.
    public var starts: [Int32] = []
    public var ends: [Int32] = []
    /// Kind of each token; empty unless offsets were kept.
    public var kinds: [TokenKind] = []

    /// Number of tokens (after multi-word terms are joined).
    public var count: Int { forms.count }

    /// Sentences holding at least one token.
    public var sentenceCount: Int { sentenceEnds.count }

    /// The sentence of each token.
    public func sentenceOfEachToken() -> [Int32] {
        var sentences: [Int32] = []
        sentences.reserveCapacity(count)
        var start: Int32 = 0
        for (k, end) in sentenceEnds.enumerated() {
            sentences.append(contentsOf: repeatElement(Int32(k), count: Int(end - start)))
            start = end
        }
        return sentences
    }
}
