extension [CooccurrenceRow] {
    /// The rows from strongest to weakest by an association measure: descending value,
    /// undefined values last, ties by descending O11, then collocate in code point order.
    ///
    /// This order decides which collocates `--top` keeps, the ranks of
    /// `collocate_changes.csv` and which edges a network shows.
    public func ranked(by measure: AssociationMeasure, vocabulary: VocabularyTable) -> [CooccurrenceRow] {
        let rank = vocabulary.rank
        return map { ($0, measure.value($0.table)) }.sorted { x, y in
            switch (x.1, y.1) {
            case let (a?, b?) where a != b: return a > b
            case (_?, nil): return true
            case (nil, _?): return false
            default:
                if x.0.table.o11 != y.0.table.o11 { return x.0.table.o11 > y.0.table.o11 }
                return rank[Int(x.0.collocate)] < rank[Int(y.0.collocate)]
            }
        }.map(\.0)
    }
}
