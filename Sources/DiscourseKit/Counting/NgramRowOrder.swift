/// The order of `ngrams.csv` rows within a group and length (SPEC §8): descending count, then
/// the n-gram's text in Unicode code point order. It depends only on the forms' texts, not on
/// their ids, so tables counted apart (shards, partial counts) sort alike.
struct NgramRowOrder: Sendable {
    let vocabulary: VocabularyTable
    /// Rows with a smaller count are left out (`--min-count`).
    let minCount: Int

    /// Entries of a group's table for length `n` kept by `minCount`, in output order:
    /// descending count, then the n-gram's text in code point order.
    func rows(_ table: NgramTable) -> [Int] {
        var rows = (0..<table.count).filter { table.occurrences(of: $0) >= minCount }
        let rank = vocabulary.rank
        let n = table.n
        let bits = max(1, UInt64.bitWidth - UInt64(max(1, rank.count)).leadingZeroBitCount)
        if vocabulary.ranksOrderJoinedText && n * bits <= 64 {
            // One 128-bit integer per row that sorts like (count descending, then the ranks of
            // the n forms), with the entry in the low bits: the sort compares integers, not n
            // rank lookups per comparison. Distinct n-grams have distinct ranks, so the order
            // is total.
            var keyed: [UInt128] = []
            keyed.reserveCapacity(rows.count)
            table.keys.withUnsafeBufferPointer { keys in
                for entry in rows {
                    var ranks: UInt64 = 0
                    for i in 0..<n { ranks = ranks << bits | UInt64(rank[Int(keys[entry * n + i])]) }
                    let descending = UInt128(UInt32.max - UInt32(clamping: table.occurrences(of: entry)))
                    keyed.append(descending << 96 | UInt128(ranks) << 32 | UInt128(UInt32(entry)))
                }
            }
            // The order is that of the whole keys, but the entry (bytes 0-3) only breaks ties
            // that cannot happen: the ranks' bytes and the count's decide.
            RadixSort.sort(&keyed, significant: Array(4..<(4 + (n * bits + 7) / 8)) + Array(12..<16))
            return keyed.map { Int(UInt32(truncatingIfNeeded: $0)) }
        } else if vocabulary.ranksOrderJoinedText {
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
