/// `tokens.csv` (SPEC §2.5): one row per token, in document order then position, with
/// 0-based Unicode code point offsets into the document's NFC (mapped) text.
public enum TokenTable {
    public static let header = ["doc_id", "sentence", "position", "start", "end", "surface", "form", "kind"]

    /// The table, one part per document.
    public static func table(_ corpus: TokenizedCorpus, documents: [Document], format: CSVFormat) -> OutputTable {
        let forms = corpus.vocabulary.forms.map { CSVBuffer.escaped($0, format: format) }
        let kinds = TokenKind.allCases.map { CSVBuffer.escaped($0.name, format: format) }
        return OutputTable(table: "tokens", header: header, parts: corpus.documents.count, unit: "documents") { d in
            let document = corpus.documents[d]
            let id = CSVBuffer.escaped(documents[document.index].id, format: format)
            var buffer = CSVBuffer.body(format: format, reserve: document.count * 48)
            let sentences = document.sentenceOfEachToken()
            var unit = 0
            var codePoint = 0
            func advance(to target: Int) {
                while unit < target {
                    if document.text[unit] & 0xFC00 != 0xDC00 { codePoint += 1 }
                    unit += 1
                }
            }
            for t in 0..<document.count {
                advance(to: Int(document.starts[t]))
                let start = codePoint
                advance(to: Int(document.ends[t]))
                buffer.escaped(id)
                buffer.int(Int(sentences[t]))
                buffer.int(t)
                buffer.int(start)
                buffer.int(codePoint)
                buffer.text(String(decoding: document.text[Int(document.starts[t])..<Int(document.ends[t])], as: UTF16.self))
                buffer.escaped(forms[Int(document.forms[t])])
                buffer.escaped(kinds[Int(document.kinds[t].rawValue)])
                buffer.endRow()
            }
            return [buffer]
        }
    }
}
