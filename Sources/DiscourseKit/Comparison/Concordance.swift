/// `kwic.csv` (SPEC §7): every occurrence of the nodes with the text around it, so that a
/// researcher can read a term in context, session by session.
///
/// A node is a form (a word, or a multi-word term from `--terms`) or an n-gram written with
/// spaces (`national security`), matched on consecutive tokens of one sentence. `left` and
/// `right` are the document's text (NFC; mapped under `--simplified`) from up to `span`
/// tokens before the match to its start, and from its end to up to `span` tokens after it,
/// within the document (crossing sentences); runs of whitespace are folded to one space and
/// the ends trimmed.
public enum Concordance {
    public static func header(grouped: Bool) -> [String] {
        ["doc_id"] + (grouped ? ["group"] : []) + ["sentence", "token_start", "token_end", "left", "match", "right"]
    }

    /// The token-id sequences of the node lines; lines with a form the corpus never has are
    /// returned in `missing`.
    public static func patterns(_ lines: [String], normalizer: LineNormalizer,
                                vocabulary: VocabularyTable) -> (patterns: [[UInt32]], missing: [String]) {
        var ids: [String: UInt32] = [:]
        for (id, form) in vocabulary.forms.enumerated() { ids[form] = UInt32(id) }
        var patterns: [[UInt32]] = []
        var missing: [String] = []
        for line in lines {
            if let id = ids[normalizer.form(of: line)] {
                patterns.append([id])
                continue
            }
            let words = String(decoding: normalizer.normalize(line), as: UTF16.self).split(separator: " ").map(String.init)
            let sequence = words.compactMap { ids[$0] }
            if sequence.count == words.count && !sequence.isEmpty { patterns.append(sequence) } else { missing.append(line) }
        }
        return (patterns, missing)
    }

    /// One document's rows, in token order (all matches, overlapping ones included).
    public static func render(_ document: TokenizedDocument, id: String, group: String?, patterns: [[UInt32]],
                              span: Int, format: CSVFormat) -> CSVBuffer {
        var buffer = CSVBuffer.body(format: format)
        let sentences = document.sentenceOfEachToken()
        let count = document.count
        for i in 0..<count {
            for pattern in patterns {
                let end = i + pattern.count
                guard end <= count, sentences[end - 1] == sentences[i],
                      zip(pattern, document.forms[i..<end]).allSatisfy({ $0 == $1 }) else { continue }
                let before = min(span, i)
                let after = min(span, count - end)
                buffer.text(id)
                if let group { buffer.text(group) }
                buffer.int(Int(sentences[i]))
                buffer.int(i)
                buffer.int(end)
                buffer.text(before == 0 ? "" : text(document, from: document.starts[i - before], to: document.starts[i]))
                buffer.text(text(document, from: document.starts[i], to: document.ends[end - 1]))
                buffer.text(after == 0 ? "" : text(document, from: document.ends[end - 1], to: document.ends[end - 1 + after]))
                buffer.endRow()
            }
        }
        return buffer
    }

    /// The text between two UTF-16 offsets, whitespace folded and trimmed.
    static func text(_ document: TokenizedDocument, from start: Int32, to end: Int32) -> String {
        String(decoding: LineNormalizer.foldWhitespace(document.text[Int(start)..<Int(end)]), as: UTF16.self)
    }
}
