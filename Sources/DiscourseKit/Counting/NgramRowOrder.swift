/// The order of `ngrams.csv` rows within a group and length (SPEC §8): descending count, then
/// the n-gram's text in Unicode code point order. It depends only on the forms' texts, not on
/// their ids, so tables counted apart (shards, partial counts) sort alike.
struct NgramRowOrder: Sendable {
    let vocabulary: VocabularyTable
    /// Rows with a smaller count are left out (`--min-count`).
    let minCount: Int

    /// Bits a form's rank takes in a row's key.
    var rankBits: Int { max(1, UInt64.bitWidth - UInt64(max(1, vocabulary.rank.count)).leadingZeroBitCount) }

    /// Whether rows of length n are ordered by one key each (`NgramRows.keyed`): the ranks
    /// of their forms fit 64 bits and order the joined texts.
    func keys(n: Int) -> Bool { vocabulary.ranksOrderJoinedText && !vocabulary.rank.isEmpty && n * rankBits <= 64 }

    /// The rows of a group's table for length `n` kept by `minCount`, in output order:
    /// descending count, then the n-gram's text in code point order.
    func rows(_ table: NgramTable) -> NgramRows {
        let rank = vocabulary.rank
        let n = table.n
        let bits = rankBits
        if keys(n: n),
           !table.tallies.contains(where: { $0.count >= Int(UInt32.max) }) {
            // One 128-bit integer per row that sorts like (count descending, then the ranks of
            // the n forms), with the document frequency in the low bits: the sort compares
            // integers, not n rank lookups per comparison, and the row is written from its key
            // alone, without reading the table's arrays again in output order (a cache miss a
            // row). Distinct n-grams have distinct ranks, so the order is total.
            var keyed: [UInt128] = []
            keyed.reserveCapacity(table.count)
            table.keys.withUnsafeBufferPointer { keys in
                table.tallies.withUnsafeBufferPointer { tallies in
                    for entry in 0..<tallies.count where tallies[entry].count >= minCount {
                        var ranks: UInt64 = 0
                        for i in 0..<n { ranks = ranks << bits | UInt64(rank[Int(keys[entry * n + i])]) }
                        keyed.append(NgramRows.key(count: tallies[entry].count, ranks: ranks,
                                                   documents: Int(tallies[entry].documents)))
                    }
                }
            }
            // Only the ranks' bytes and the count's decide the order; the document frequency
            // (bytes 0-3) breaks no ties.
            RadixSort.sort(&keyed, significant: Array(4..<(4 + (n * bits + 7) / 8)) + Array(12..<16))
            return .keyed(keyed, bits: bits)
        }
        return .entries(entries(table), table)
    }

    /// Entries of the table kept by `minCount`, in output order, compared by their forms'
    /// ranks or texts (n-grams whose ranks do not fit one 64-bit key, or forms holding a
    /// space or control character).
    private func entries(_ table: NgramTable) -> [Int] {
        var rows = (0..<table.count).filter { table.occurrences(of: $0) >= minCount }
        let rank = vocabulary.rank
        let n = table.n
        if vocabulary.ranksOrderJoinedText {
            table.keys.withUnsafeBufferPointer { keys in
                rows.sort { a, b in
                    if table.occurrences(of: a) != table.occurrences(of: b) { return table.occurrences(of: a) > table.occurrences(of: b) }
                    for i in 0..<n {
                        let x = rank[Int(keys[a * n + i])], y = rank[Int(keys[b * n + i])]
                        if x != y { return x < y }
                    }
                    return false
                }
            }
        } else {
            let texts = Dictionary(uniqueKeysWithValues: rows.map { ($0, text(of: table, entry: $0)) })
            rows.sort { a, b in
                if table.occurrences(of: a) != table.occurrences(of: b) { return table.occurrences(of: a) > table.occurrences(of: b) }
                return texts[a]!.utf8.lexicographicallyPrecedes(texts[b]!.utf8)
            }
        }
        return rows
    }

    /// The n-gram's text: forms joined by one space.
    func text(of table: NgramTable, entry: Int) -> String {
        table.ids(of: entry).map { vocabulary.forms[Int($0)] }.joined(separator: " ")
    }
}
