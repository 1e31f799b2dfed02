/// Counting a group's n-grams by sorting them (n ≥ 2), for `ngrams` on a fine grouping.
///
/// Each occurrence becomes one integer, the ranks of its n forms above its document, and
/// the integers of a group are radix-sorted: occurrences of one n-gram then lie together, in
/// text order, with their documents in order. One scan counts each run (count and documents)
/// into the row's key, and a stable sort by descending count puts the rows in output order
/// (SPEC §8). The keys and the order are those `NgramRowOrder` gives a counted table, so the
/// rows are the same; but a year's bigrams and trigrams take a few linear passes instead of a
/// hash-table lookup per occurrence (a likely cache miss: the tables outgrow a core's cache)
/// and a sort of the counted rows after.
extension NgramCounter {
    /// Tokens a group may have for its n-grams to be counted by sorting: 16 bytes an
    /// occurrence and as many again while sorting, 32 MB at most; larger groups, whose
    /// tables may be much smaller than their occurrences, are counted in tables.
    static let sortedTokensLimit = 1 << 20

    func orderedRows(group g: Int, splitting: Bool) -> NgramGroupRows {
        let order = self.order
        let documents = grouping.groups[g].documents
        let tokens = documents.reduce(0) { $0 + corpus.documents[$1].count }
        guard !splitting, tokens <= Self.sortedTokensLimit, options.sizes.contains(where: { $0 >= 2 && order.keys(n: $0) }) else {
            return tableRows(group: g, splitting: splitting)
        }
        let vocabulary = corpus.vocabulary
        let found = Self.runs(documents[...], corpus: corpus, isStopword: vocabulary.isStopword,
                              vocabularySize: vocabulary.count, crossSentences: options.crossSentences)
        // Each token's rank, looked up once for every length (a lookup is a likely cache miss).
        var ranks: [UInt32] = []
        ranks.reserveCapacity(found.tokens)
        vocabulary.rank.withUnsafeBufferPointer { rank in
            for index in documents {
                for id in corpus.documents[index].forms { ranks.append(rank[Int(id)]) }
            }
        }
        let rows = options.sizes.map { n -> NgramRows in
            if n >= 2 && order.keys(n: n) {
                return sortedRows(n: n, bits: order.rankBits, documents: documents, runs: found.runs, ranks: ranks)
            }
            var table = NgramTable(n: n, capacity: Unit.room(n: n, tokens: found.tokens, vocabularySize: vocabulary.count))
            Self.add(documents[...], runs: found.runs, corpus: corpus, to: &table)
            return order.rows(table)
        }
        let summary = GroupSummary(group: grouping.groups[g], tokens: found.tokens, sentences: found.sentences,
                                   types: found.seen.nonzeroBitCount)
        return NgramGroupRows(summary: summary, sizes: Array(options.sizes), rows: rows, rank: vocabulary.rank)
    }

    /// The rows of length n of the group of `documents`, keyed as `NgramRows.keyed`; `runs`
    /// and `ranks` hold each token's run and rank, the documents one after the other.
    private func sortedRows(n: Int, bits: Int, documents: [Int], runs: [Int32], ranks: [UInt32]) -> NgramRows {
        // ranks << 32 | the document's place in the group, in the order of the text.
        var occurrences: [UInt128] = []
        occurrences.reserveCapacity(runs.count)
        ranks.withUnsafeBufferPointer { ranks in
            runs.withUnsafeBufferPointer { runs in
                var start = 0
                for (place, index) in documents.enumerated() {
                    let count = corpus.documents[index].count
                    for i in start..<start + count where Int(runs[i]) >= n {
                        var key: UInt64 = 0
                        for j in 0..<n { key = key << bits | UInt64(ranks[i + j]) }
                        occurrences.append(UInt128(key) << 32 | UInt128(UInt32(place)))
                    }
                    start += count
                }
            }
        }
        RadixSort.sort(&occurrences, significant: Array(4..<(4 + (n * bits + 7) / 8)))
        var rows: [UInt128] = []
        occurrences.withUnsafeBufferPointer { occurrences in
            var i = 0
            while i < occurrences.count {
                let ranks = occurrences[i] >> 32
                var documents = 1
                var last = UInt32(truncatingIfNeeded: occurrences[i])
                var j = i + 1
                while j < occurrences.count && occurrences[j] >> 32 == ranks {
                    let place = UInt32(truncatingIfNeeded: occurrences[j])
                    if place != last {
                        documents += 1
                        last = place
                    }
                    j += 1
                }
                // A count is at most the group's tokens (`sortedTokensLimit`), far below 2³².
                let count = j - i
                if count >= options.minCount {
                    rows.append(NgramRows.key(count: count, ranks: UInt64(truncatingIfNeeded: ranks), documents: documents))
                }
                i = j
            }
        }
        // Stable: rows of one count stay in text order.
        RadixSort.sort(&rows, significant: Array(12..<16))
        return .keyed(rows, bits: bits)
    }
}
