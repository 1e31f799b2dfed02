/// `tokens.csv` (SPEC §2.5): one row per token, in document order then position, with
/// 0-based Unicode code point offsets into the document's NFC (mapped) text.
public enum TokenTable {
    public static let header = ["doc_id", "sentence", "position", "start", "end", "surface", "form", "kind"]

    /// The table, one part per document.
    public static func table(_ corpus: TokenizedCorpus, documents: [Document], format: CSVFormat) -> OutputTable {
        let rows = Rows(vocabulary: corpus.vocabulary, documents: documents, format: format)
        return OutputTable(table: "tokens", header: header, parts: corpus.documents.count, unit: "documents") { d in
            [rows.render(corpus.documents[d])]
        }
    }

    /// The table of a run that holds no tokens (within a memory budget): the texts are read
    /// and tokenized again a chunk of documents at a time, and each chunk's rows are rendered
    /// a few documents at a time (one per core) and streamed.
    static func table(_ texts: TextSource, format: CSVFormat) -> OutputTable {
        let rows = Rows(vocabulary: texts.vocabulary, documents: texts.corpus.documents, format: format)
        let chunks = texts.chunks(of: Array(texts.corpus.documents.indices))
        return OutputTable(table: "tokens", header: header, parts: chunks.count, unit: "chunks of documents") {
            (p: Int, emit: ([CSVBuffer]) throws(DiscourseError) -> Void) throws(DiscourseError) in
            let documents = try texts.tokenize(chunks[p])
            let step = ParallelMap.workers
            for start in stride(from: 0, to: documents.count, by: step) {
                let batch = documents[start..<min(start + step, documents.count)]
                try emit(ParallelMap.run(batch.count) { rows.render(batch[start + $0]) })
            }
        }
    }

    /// Renders a document's rows: forms and kinds escaped once for the whole table.
    struct Rows: Sendable {
        let forms: [[UInt8]]
        let kinds: [[UInt8]]
        let documents: [Document]
        let format: CSVFormat

        init(vocabulary: VocabularyTable, documents: [Document], format: CSVFormat) {
            forms = vocabulary.forms.map { CSVBuffer.escaped($0, format: format) }
            kinds = TokenKind.allCases.map { CSVBuffer.escaped($0.name, format: format) }
            self.documents = documents
            self.format = format
        }

        func render(_ document: TokenizedDocument) -> CSVBuffer {
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
            return buffer
        }
    }
}
