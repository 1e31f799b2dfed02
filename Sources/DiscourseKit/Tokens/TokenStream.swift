/// A document's tokens as the tokenizer (and the term matcher) emit them: form ids, where
/// each sentence that holds a token ends, and, when kept, offsets and kinds.
///
/// A value passed `inout`, not a closure's captured variables: captured variables are boxed
/// and every append would pay a dynamic exclusivity check.
struct TokenStream {
    let keepOffsets: Bool
    var forms: [UInt32] = []
    var starts: [Int32] = []
    var ends: [Int32] = []
    var kinds: [TokenKind] = []
    /// Token counts at each sentence end, for `TokenizedDocument.sentenceEnds`.
    var limits: [Int32] = []
    private var lastSentence: Int32 = -1

    init(keepOffsets: Bool, estimate: Int) {
        self.keepOffsets = keepOffsets
        forms.reserveCapacity(estimate)
        if keepOffsets {
            starts.reserveCapacity(estimate)
            ends.reserveCapacity(estimate)
            kinds.reserveCapacity(estimate)
        }
    }

    @inline(__always)
    mutating func append(_ token: RawToken) {
        // Only sentences holding a token count: record where each such sentence ends.
        if token.sentence != lastSentence {
            if lastSentence >= 0 { limits.append(Int32(forms.count)) }
            lastSentence = token.sentence
        }
        forms.append(token.form)
        if keepOffsets {
            starts.append(token.start)
            ends.append(token.end)
            kinds.append(token.kind)
        }
    }

    /// Closes the last sentence.
    mutating func finish() {
        if !forms.isEmpty { limits.append(Int32(forms.count)) }
    }
}
