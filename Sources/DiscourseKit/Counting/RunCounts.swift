/// Counts of runs of tokens that stand together — adjacent in one sentence with nothing but
/// white space between them, no punctuation — of every length up to `maxLength`, for
/// `terms suggest`.
///
/// Lengths are counted one after another. A run of n tokens is counted only when its first and
/// its last n − 1 tokens were each seen at least `minCount` times, since a run is never more
/// frequent than its parts (the Apriori principle); this keeps the tables of long runs small.
/// Every prefix and suffix of a counted run is therefore counted too.
struct RunCounts: Sendable {
    /// tables[n − 1]: runs of n tokens, with document frequencies.
    let tables: [NgramTable]
    /// Tokens of the documents counted.
    let total: Int

    /// - Parameter documents: indices of the documents counted; their tokens must keep offsets.
    init(_ corpus: TokenizedCorpus, documents: [Int], maxLength: Int, minCount: Int) {
        let parts = max(1, min(ParallelMap.workers * 4, documents.count))
        let shares = (0..<parts).map { documents[documents.count * $0 / parts ..< documents.count * ($0 + 1) / parts] }
        var tables: [NgramTable] = []
        for n in 1...maxLength {
            let shorter = tables.last
            let counted = ParallelMap.run(parts) { part -> NgramTable in
                var table = NgramTable(n: n, capacity: 1 << 12)
                for index in shares[part] {
                    let document = corpus.documents[index]
                    let glued = Self.glue(document)
                    document.forms.withUnsafeBufferPointer { forms in
                        let base = forms.baseAddress!
                        var run = 0  // tokens ending at i that stand together
                        for i in 0..<document.count {
                            run = i > 0 && glued[i - 1] ? run + 1 : 1
                            guard run >= n else { continue }
                            let start = base + i - n + 1
                            if let shorter, n > 1,
                               shorter.count(of: start) < minCount || shorter.count(of: start + 1) < minCount { continue }
                            table.add(start, document: Int32(index))
                        }
                    }
                }
                return table
            }
            var merged = counted[0]
            for table in counted.dropFirst() { merged.merge(table) }
            tables.append(merged)
        }
        self.tables = tables
        total = documents.reduce(0) { $0 + corpus.documents[$1].count }
    }

    /// How often a run of these tokens was seen (0 when it was not counted).
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
