/// The documents of `terms suggest` as it reads them pass after pass: each token's form id,
/// and whether it stands together with the next token (one sentence, nothing but white space
/// between them) and whether white space separates them. The texts are read and tokenized
/// once; the stream is then held, or, within a memory budget, written to a file under the
/// run's temporary folder (4 bytes a token) and read back a chunk at a time, so that the
/// counting and occurrence passes do not tokenize the texts again.
struct RunStream: Sendable {
    /// A chunk of consecutive documents.
    struct Chunk {
        /// Corpus index of each document, and where its tokens start in `forms` (one more
        /// entry than documents: the end).
        var documents: [Int32] = []
        var starts: [Int] = [0]
        var forms: [UInt32] = []
        /// flags[t]: `glued` and `spaced` between token t and the next.
        var flags: [UInt8] = []

        static let glued: UInt8 = 1
        static let spaced: UInt8 = 2

        var count: Int { documents.count }
        func tokens(_ d: Int) -> Range<Int> { starts[d]..<starts[d + 1] }
    }

    /// Tokens of each document, in the order read.
    private let lengths: [Int32]
    private let indices: [Int32]
    private let held: [Chunk]
    private let file: SpillFile?
    /// Tokens per chunk read back from the file.
    private let chunkTokens: Int
    /// Tokens of all the documents.
    let total: Int
    /// isNumber[form]: some token of the form is a number.
    let isNumber: [Bool]

    /// Form ids keep the two high bits of a word of the file free for the flags.
    private static let formMask: UInt32 = (1 << 30) - 1

    /// Reads and tokenizes the documents of `texts` once.
    ///
    /// - Throws: `DiscourseError` from reading the texts, or writing the file; or when the
    ///   vocabulary has 2³⁰ forms or more.
    init(_ texts: RunTexts) throws(DiscourseError) {
        guard texts.vocabularySize <= Int(Self.formMask) else {
            throw DiscourseError("terms suggest reads at most \(Self.formMask) distinct forms; this run has \(texts.vocabularySize)")
        }
        var lengths: [Int32] = []
        var indices: [Int32] = []
        var held: [Chunk] = []
        let file = try texts.spillBytes.map { _ throws(DiscourseError) in try SpillFile(in: texts.tmp, prefix: "discourse-tokens") }
        var total = 0
        var isNumber = [Bool](repeating: false, count: texts.vocabularySize)
        for chunk in texts.chunks {
            let documents = try texts.read(chunk)
            var part = Chunk()
            for (document, index) in zip(documents, chunk) {
                let glued = RunStream.glue(document)
                for t in 0..<document.count {
                    part.forms.append(document.forms[t])
                    var flag: UInt8 = 0
                    if t < glued.count {
                        if glued[t] { flag |= Chunk.glued }
                        if document.ends[t] < document.starts[t + 1] { flag |= Chunk.spaced }
                    }
                    part.flags.append(flag)
                    if document.kinds[t] == .number { isNumber[Int(document.forms[t])] = true }
                }
                part.documents.append(Int32(index))
                part.starts.append(part.forms.count)
                lengths.append(Int32(document.count))
                indices.append(Int32(index))
                total += document.count
            }
            if let file {
                try file.append(zip(part.forms, part.flags).map { UInt32($1) << 30 | $0 })
            } else {
                held.append(part)
            }
        }
        self.lengths = lengths
        self.indices = indices
        self.held = held
        self.file = file
        chunkTokens = max(1 << 16, (texts.spillBytes ?? 0) / 320)  // 9 bytes a token read, ~70 counted
        self.total = total
        self.isNumber = isNumber
    }

    /// Calls `body` with each chunk, in order.
    ///
    /// - Throws: `DiscourseError` when the file was cut short, or what `body` throws.
    func forEachChunk(_ body: (Chunk) throws(DiscourseError) -> Void) throws(DiscourseError) {
        guard let file else {
            for chunk in held { try body(chunk) }
            return
        }
        var d = 0
        var offset = 0
        var words: [UInt32] = []
        while d < lengths.count {
            var chunk = Chunk()
            var tokens = 0
            while d < lengths.count && (chunk.documents.isEmpty || tokens + Int(lengths[d]) <= chunkTokens) {
                chunk.documents.append(indices[d])
                tokens += Int(lengths[d])
                chunk.starts.append(tokens)
                d += 1
            }
            if words.count < tokens { words = [UInt32](repeating: 0, count: tokens) }
            let read = words.withUnsafeMutableBufferPointer { buffer in
                file.read(into: UnsafeMutableBufferPointer(rebasing: buffer[..<tokens]), at: offset * 4)
            }
            guard read else { throw DiscourseError("\(file.path): the temporary tokens were cut short while being read") }
            offset += tokens
            chunk.forms = words[..<tokens].map { $0 & Self.formMask }
            chunk.flags = words[..<tokens].map { UInt8($0 >> 30) }
            try body(chunk)
        }
    }

    /// glue[i]: tokens i and i + 1 are in one sentence with only white space between them.
    static func glue(_ document: TokenizedDocument) -> [Bool] {
        guard document.count > 1 else { return [] }
        var glued = [Bool](repeating: false, count: document.count - 1)
        var sentenceEnd = 0
        var s = 0
        for i in 0..<(document.count - 1) {
            while Int(document.sentenceEnds[s]) <= i { s += 1 }
            sentenceEnd = Int(document.sentenceEnds[s])
            guard i + 1 < sentenceEnd else { continue }
            var white = true
            for unit in document.text[Int(document.ends[i])..<Int(document.starts[i + 1])] where !UTF16Text.isWhitespace(unit) {
                white = false
                break
            }
            glued[i] = white
        }
        return glued
    }
}
