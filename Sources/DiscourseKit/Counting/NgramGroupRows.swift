/// One table's kept rows in output order: sorted keys that hold each row's count, forms'
/// ranks and document frequency, or entries of a counted table.
enum NgramRows: Sendable {
    /// (UInt32.max − count) << 96 | ranks << 32 | documents, the ranks of the n forms packed
    /// `bits` apiece, the first form's highest.
    case keyed([UInt128], bits: Int)
    /// Entries of the table, in output order.
    case entries([Int], NgramTable)

    /// A keyed row: its count (below 2³² − 1), its forms' ranks packed, its document frequency.
    static func key(count: Int, ranks: UInt64, documents: Int) -> UInt128 {
        UInt128(UInt32.max - UInt32(count)) << 96 | UInt128(ranks) << 32 | UInt128(UInt32(documents))
    }

    /// A keyed row's count.
    static func count(_ key: UInt128) -> Int { Int(UInt32.max - UInt32(truncatingIfNeeded: key >> 96)) }

    /// A keyed row's document frequency.
    static func documents(_ key: UInt128) -> Int { Int(UInt32(truncatingIfNeeded: key)) }

    var count: Int {
        switch self {
        case .keyed(let keys, _): keys.count
        case .entries(let entries, _): entries.count
        }
    }
}

/// One group's n-gram rows of every length, in output order, with its size figures.
public struct NgramGroupRows: Sendable {
    public let summary: GroupSummary
    /// The n-gram length of each of `rows`, in `options.sizes` order.
    let sizes: [Int]
    /// The rows of each length kept by `--min-count`, in output order.
    let rows: [NgramRows]
    /// The vocabulary's ranks by id, to give an entry's forms by rank (empty: ids are given).
    let rank: [UInt32]

    /// Each kept row: n, its forms' ranks in code point order (valid during the call; the
    /// ids themselves when the vocabulary has no ranks), count and document frequency.
    ///
    /// Ranks rather than ids, because rows come in count and text order: the forms' bytes
    /// laid out by rank (`VocabularyTable.formsByRank`) are then read nearly in order.
    public func forEachRow(_ body: (_ n: Int, _ ranks: UnsafeBufferPointer<UInt32>, _ count: Int, _ documents: Int) -> Void) {
        for (n, rows) in zip(sizes, rows) {
            var forms = [UInt32](repeating: 0, count: n)
            forms.withUnsafeMutableBufferPointer { forms in
                switch rows {
                case .keyed(let keys, let bits):
                    let mask = UInt64(1) << bits - 1
                    for key in keys {
                        let ranks = UInt64(truncatingIfNeeded: key >> 32)
                        for i in 0..<n { forms[i] = UInt32(truncatingIfNeeded: (ranks >> UInt64((n - 1 - i) * bits)) & mask) }
                        body(n, UnsafeBufferPointer(forms), NgramRows.count(key), NgramRows.documents(key))
                    }
                case .entries(let entries, let table):
                    table.keys.withUnsafeBufferPointer { keys in
                        table.tallies.withUnsafeBufferPointer { tallies in
                            for entry in entries {
                                for i in 0..<n {
                                    let id = keys[entry * n + i]
                                    forms[i] = rank.isEmpty ? id : rank[Int(id)]
                                }
                                body(n, UnsafeBufferPointer(forms), tallies[entry].count, Int(tallies[entry].documents))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Rows kept, for buffer sizing.
    public var rowCount: Int { rows.reduce(0) { $0 + $1.count } }
}

extension NgramSource {
    /// Group g's rows of every length in output order, from its counted tables.
    func tableRows(group g: Int, splitting: Bool) -> NgramGroupRows {
        let counts = count(groups: g..<g + 1, splitting: splitting)[0]
        let order = self.order
        return NgramGroupRows(summary: counts.summary, sizes: counts.tables.map(\.n), rows: counts.tables.map { order.rows($0) },
                              rank: vocabulary.rank)
    }
}
