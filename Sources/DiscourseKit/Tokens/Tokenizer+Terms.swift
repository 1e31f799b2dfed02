import ICUText

extension Tokenizer {
    /// Replaces runs of tokens that spell a multi-word term by one token of kind `term`
    /// (SPEC §2.6): inside each sentence, left to right, the longest match wins.
    ///
    /// A run matches when the text from its first token's start to its last token's end,
    /// normalized like a term line, equals the line. A run is extended only while that text
    /// is a prefix of some term, so the cost is about one normalization per token that
    /// starts like a term.
    func joinTerms(_ text: [UInt16], _ forms: inout [UInt32], _ sentences: inout [Int32],
                   _ starts: inout [Int32], _ ends: inout [Int32], _ kinds: inout [TokenKind]) {
        var outForms: [UInt32] = []
        var outSentences: [Int32] = []
        var outStarts: [Int32] = []
        var outEnds: [Int32] = []
        var outKinds: [TokenKind] = []
        outForms.reserveCapacity(forms.count)
        var i = 0
        while i < forms.count {
            var matchEnd = -1
            var matchForm: String?
            if mayStartTerm(forms[i]) {
                var j = i
                while j < forms.count && sentences[j] == sentences[i] {
                    let span = normalizedSpan(text, Int(starts[i]), Int(ends[j]))
                    if span.count > terms.maxLength || !terms.prefixes.contains(span) { break }
                    if let form = terms.forms[span] {
                        matchEnd = j
                        matchForm = form
                    }
                    j += 1
                }
            }
            if let matchForm {
                outForms.append(vocabulary.intern(matchForm))
                outSentences.append(sentences[i])
                outStarts.append(starts[i])
                outEnds.append(ends[matchEnd])
                outKinds.append(.term)
                i = matchEnd + 1
            } else {
                outForms.append(forms[i])
                outSentences.append(sentences[i])
                outStarts.append(starts[i])
                outEnds.append(ends[i])
                outKinds.append(kinds[i])
                i += 1
            }
        }
        forms = outForms
        sentences = outSentences
        starts = outStarts
        ends = outEnds
        kinds = outKinds
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
