/// The documents `terms suggest` reads, a chunk at a time and in order: the tokens a run
/// holds, or the texts read again within a memory budget (`TextSource`).
struct RunTexts: Sendable {
    /// Corpus indices of the documents, in runs read at once, in the order they are counted.
    let chunks: [[Int]]
    /// The tokens (with offsets) of a chunk's documents, in the chunk's order.
    let read: @Sendable ([Int]) throws(DiscourseError) -> [TokenizedDocument]
    /// Forms in the vocabulary the documents' ids index.
    let vocabularySize: Int
    /// Bytes a length's count table may hold before it is written to disk; nil holds it.
    let spillBytes: Int?
    /// Where tables that outgrow `spillBytes` are written.
    let tmp: String

    /// The tokens held in memory, read as one chunk.
    init(_ corpus: TokenizedCorpus, documents: [Int]) {
        chunks = [documents]
        read = { indices throws(DiscourseError) in indices.map { corpus.documents[$0] } }
        vocabularySize = corpus.vocabulary.count
        spillBytes = nil
        tmp = "/tmp"
    }

    /// The texts read again a chunk at a time, tables past the budget's pair share to disk.
    init(_ texts: TextSource, documents: [Int]) {
        chunks = texts.chunks(of: documents)
        read = { indices throws(DiscourseError) in try texts.tokenize(indices) }
        vocabularySize = texts.vocabulary.count
        spillBytes = texts.pairBytes
        tmp = texts.tmp
    }

    init(chunks: [[Int]], read: @escaping @Sendable ([Int]) throws(DiscourseError) -> [TokenizedDocument], vocabularySize: Int,
         spillBytes: Int?, tmp: String) {
        self.chunks = chunks
        self.read = read
        self.vocabularySize = vocabularySize
        self.spillBytes = spillBytes
        self.tmp = tmp
    }
}

/// Counts of runs of tokens that stand together — adjacent in one sentence with nothing but
/// white space between them, no punctuation — of every length up to `maxLength`, for
/// `terms suggest`.
///
/// Lengths are counted one after another, each in a pass over the documents. A run of n
/// tokens is counted only when its first and its last n − 1 tokens were each seen at least
/// `minCount` times, since a run is never more frequent than its parts (the Apriori
/// principle); this keeps the tables of long runs small. Each table then keeps only the runs
/// seen `minCount` times or more: every part of such a run is one too, so every count the
/// suggestion looks up is exact. A length's table that outgrows `spillBytes` while counted
/// goes to disk in buckets by hash (`RunTableSpill`) and is summed a range of buckets at a time.
struct RunCounts: Sendable {
    /// tables[n − 1]: runs of n tokens seen at least `minCount` times, with document frequencies.
    let tables: [NgramTable]
    /// Tokens of the documents counted.
    let total: Int
    /// Bytes the tables hold: they grow with the runs seen `minCount` times (about the
    /// candidates), not with the text.
    var footprint: Int { tables.reduce(0) { $0 + $1.footprint } }
    /// isNumber[form]: some token of the form is a number (no edge of a candidate).
    let isNumber: [Bool]

    /// - Throws: `DiscourseError` from reading the texts again, or writing `tmp`.
    init(_ texts: RunTexts, maxLength: Int, minCount: Int) throws(DiscourseError) {
        var tables: [NgramTable] = []
        var total = 0
        var isNumber = [Bool](repeating: false, count: texts.vocabularySize)
        for n in 1...maxLength {
            let shorter = tables.last
            var pass = NgramTable(n: n, capacity: 1 << 12)
            var spill = RunTableSpill(n: n)
            for chunk in texts.chunks {
                let documents = try texts.read(chunk)
                if n == 1 {
                    for document in documents {
                        total += document.count
                        for t in 0..<document.count where document.kinds[t] == .number { isNumber[Int(document.forms[t])] = true }
                    }
                }
                let parts = max(1, min(ParallelMap.workers * 4, documents.count))
                let counted = ParallelMap.run(parts) { part -> NgramTable in
                    var table = NgramTable(n: n, capacity: 1 << 12)
                    for i in documents.count * part / parts ..< documents.count * (part + 1) / parts {
                        Self.countRuns(documents[i], as: Int32(chunk[i]), n: n, shorter: shorter, minCount: minCount, into: &table)
                    }
                    return table
                }
                for table in counted { pass.merge(table) }
                if let limit = texts.spillBytes, pass.footprint > limit {
                    try spill.write(pass, tmp: texts.tmp)
                    pass = NgramTable(n: n, capacity: 1 << 12)
                }
            }
            if spill.isEmpty {
                tables.append(pass.kept(atLeast: minCount))
            } else {
                try spill.write(pass, tmp: texts.tmp)
                pass = NgramTable(n: n, capacity: 0)
                tables.append(try spill.summed(atLeast: minCount, limit: texts.spillBytes!))
            }
        }
        self.tables = tables
        self.total = total
        self.isNumber = isNumber
    }

    /// Adds the runs of n tokens of one document whose two (n − 1)-token parts were seen
    /// often enough.
    private static func countRuns(_ document: TokenizedDocument, as index: Int32, n: Int, shorter: NgramTable?, minCount: Int,
                              into table: inout NgramTable) {
        let glued = glue(document)
        document.forms.withUnsafeBufferPointer { forms in
            guard let base = forms.baseAddress else { return }
            var run = 0  // tokens ending at i that stand together
            // Whether the last part of the previous run counted was seen often enough: it is
            // the first part of the next one, when the tokens still stand together.
            var previousLast: Bool?
            for i in 0..<document.count {
                run = i > 0 && glued[i - 1] ? run + 1 : 1
                guard run >= n else {
                    previousLast = nil
                    continue
                }
                let start = base + i - n + 1
                if let shorter, n > 1 {
                    let first = previousLast ?? (shorter.count(of: start) >= minCount)
                    let last = shorter.count(of: start + 1) >= minCount
                    previousLast = last
                    guard first && last else { continue }
                }
                table.add(start, document: index)
            }
        }
    }

    /// How often a run of these tokens was seen (0 when it was not counted, or less than
    /// `minCount` times).
    func count(_ ids: ArraySlice<UInt32>) -> Int {
        guard !ids.isEmpty, ids.count <= tables.count else { return 0 }
        return ids.withContiguousStorageIfAvailable { tables[ids.count - 1].count(of: $0.baseAddress!) }
            ?? Array(ids).withUnsafeBufferPointer { tables[ids.count - 1].count(of: $0.baseAddress!) }
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

extension NgramTable {
    /// The entries seen at least `minCount` times, with their counts and document frequencies.
    func kept(atLeast minCount: Int) -> NgramTable {
        var kept = NgramTable(n: n, capacity: tallies.reduce(0) { $0 + ($1.count >= minCount ? 1 : 0) })
        keys.withUnsafeBufferPointer { keys in
            for entry in 0..<count where tallies[entry].count >= minCount {
                kept.add(keys.baseAddress! + entry * n, count: tallies[entry].count, documents: tallies[entry].documents)
            }
        }
        return kept
    }
}
