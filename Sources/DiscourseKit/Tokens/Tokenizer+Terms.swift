import ICUText

/// One token as the tokenizer finds it: form id, sentence, UTF-16 offsets, kind.
struct RawToken {
    var form: UInt32
    var sentence: Int32
    var start: Int32
    var end: Int32
    var kind: TokenKind
}

/// Tokens waiting for the term joiner to decide whether they start, or belong to, a
/// multi-word term; a handful at a time, however long the sentence.
struct PendingTokens {
    private var tokens: [RawToken] = []
    private var head = 0

    var count: Int { tokens.count - head }

    subscript(i: Int) -> RawToken { tokens[head + i] }

    mutating func append(_ token: RawToken) { tokens.append(token) }

    mutating func drop(_ n: Int) {
        head += n
        if head >= 1024 && head * 2 >= tokens.count {
            tokens.removeFirst(head)
            head = 0
        }
    }
}

extension Tokenizer {
    /// Replaces runs of pending tokens that spell a multi-word term by one token of kind
    /// `term` (SPEC §2.6): inside each sentence, left to right, the longest match wins. Emits
    /// every pending token whose fate is decided; one that could still start a match with
    /// tokens yet to come waits, unless `final`.
    ///
    /// A run matches when the text from its first token's start to its last token's end,
    /// normalized like a term line, equals the line. A run is extended only while that text
    /// is a prefix of some term, so the cost is about one normalization per token that
    /// starts like a term, and the tokens waiting are never more than a term's length.
    func joinTerms(_ text: [UInt16], _ pending: inout PendingTokens, final: Bool, emit: (RawToken) -> Void) {
        while pending.count > 0 {
            let first = pending[0]
            guard mayStartTerm(first.form) else {
                emit(first)
                pending.drop(1)
                continue
            }
            var j = 0
            var matchEnd = -1
            var matchForm: String?
            var decided = false
            while true {
                guard j < pending.count else {
                    decided = final
                    break
                }
                let token = pending[j]
                if token.sentence != first.sentence { decided = true; break }
                let span = normalizedSpan(text, Int(first.start), Int(token.end))
                if span.count > terms.maxLength || !terms.prefixes.contains(span) { decided = true; break }
                if let form = terms.forms[span] {
                    matchEnd = j
                    matchForm = form
                }
                j += 1
            }
            guard decided else { return }
            if let matchForm {
                emit(RawToken(form: vocabulary.intern(matchForm), sentence: first.sentence, start: first.start,
                              end: pending[matchEnd].end, kind: .term))
                pending.drop(matchEnd + 1)
            } else {
                emit(first)
                pending.drop(1)
            }
        }
    }

    /// Whether a token of this form can begin a term: its form is a prefix of a term line.
    /// Decided once per form id and thread.
    private func mayStartTerm(_ id: UInt32) -> Bool {
        let index = Int(id)
        if index >= termStart.count {
            termStart.append(contentsOf: repeatElement(0, count: index + 1 - termStart.count + 1024))
        }
        if termStart[index] == 0 {
            let form = Array(vocabulary.form(of: id).utf16)
            termStart[index] = terms.prefixes.contains(form) ? 1 : 2
        }
        return termStart[index] == 1
    }

    /// The normalized text of text[start..<end], whitespace folded.
    private func normalizedSpan(_ text: [UInt16], _ start: Int, _ end: Int) -> [UInt16] {
        let normalized = text.withUnsafeBufferPointer {
            formNormalizer.normalize(UnsafeBufferPointer(rebasing: $0[start..<end]))
        }
        return LineNormalizer.foldWhitespace(normalized[...])
    }
}
