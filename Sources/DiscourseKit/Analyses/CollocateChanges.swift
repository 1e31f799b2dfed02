/// One line of `collocate_changes.csv`: a collocate that entered (`gained`) or left (`lost`)
/// a node's top list between two consecutive groups, so that a researcher sees which company
/// a term gained and lost over time.
public struct CollocateChange: Sendable {
    public let node: UInt32
    public let previousGroup: String
    public let group: String
    public let collocate: UInt32
    /// `gained` or `lost`.
    public let change: String
    /// 1-based positions in each group's full ranking by the measure; nil where the pair has
    /// no row in that group.
    public let previousRank: Int?
    public let rank: Int?
    /// The measure in each group; nil where the pair has no row or the measure is undefined.
    public let previousValue: Double?
    public let value: Double?

    /// The changes of every node between consecutive groups: for each node (code point
    /// order) and pair of groups, the collocates gained (in the new ranking's order), then
    /// those lost (in the old ranking's order).
    ///
    /// - Parameters:
    ///   - groups: each group's label and rows (all rows that passed `--min-cooc`), in group order.
    ///   - top: the size of the top list compared; nil compares all rows.
    static func changes(_ groups: [(label: String, rows: [CooccurrenceRow])], top: Int?,
                        measure: AssociationMeasure, vocabulary: VocabularyTable) -> [CollocateChange] {
        let rankings: [[UInt32: [CooccurrenceRow]]] = groups.map { group in
            var byNode: [UInt32: [CooccurrenceRow]] = [:]
            for row in group.rows { byNode[row.node, default: []].append(row) }
            return byNode.mapValues { $0.ranked(by: measure, vocabulary: vocabulary) }
        }
        let nodes = Set(rankings.flatMap(\.keys)).sorted { vocabulary.rank[Int($0)] < vocabulary.rank[Int($1)] }
        var changes: [CollocateChange] = []
        for node in nodes {
            for g in groups.indices.dropFirst() {
                let previous = rankings[g - 1][node] ?? []
                let current = rankings[g][node] ?? []
                let previousTop = top.map { Array(previous.prefix($0)) } ?? previous
                let currentTop = top.map { Array(current.prefix($0)) } ?? current
                let previousSet = Set(previousTop.map(\.collocate))
                let currentSet = Set(currentTop.map(\.collocate))
                func change(_ collocate: UInt32, _ kind: String) -> CollocateChange {
                    let before = previous.firstIndex { $0.collocate == collocate }
                    let after = current.firstIndex { $0.collocate == collocate }
                    return CollocateChange(node: node, previousGroup: groups[g - 1].label, group: groups[g].label,
                                           collocate: collocate, change: kind,
                                           previousRank: before.map { $0 + 1 }, rank: after.map { $0 + 1 },
                                           previousValue: before.flatMap { measure.value(previous[$0].table) },
                                           value: after.flatMap { measure.value(current[$0].table) })
                }
                for row in currentTop where !previousSet.contains(row.collocate) { changes.append(change(row.collocate, "gained")) }
                for row in previousTop where !currentSet.contains(row.collocate) { changes.append(change(row.collocate, "lost")) }
            }
        }
        return changes
    }
}
