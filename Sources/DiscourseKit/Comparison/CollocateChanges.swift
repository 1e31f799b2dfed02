/// `collocate_changes.csv`: for each node and each pair of consecutive groups, the collocates
/// that entered (`gained`) or left (`lost`) the node's top K by the chosen measure, so that a
/// researcher sees which company a term gained and lost over time.
public enum CollocateChanges {
    public static let header = ["node", "previous_group", "group", "collocate", "change",
                                "previous_rank", "rank", "previous_value", "value"]

    /// - Parameters:
    ///   - groups: each group's label and rows (all rows that passed `--min-cooc`), in group order.
    ///   - top: the size of the top list compared; nil compares all rows.
    /// Ranks are 1-based positions in the group's full ranking by `measure` (empty when the
    /// pair has no row in that group); values are the measure in each group.
    public static func render(_ groups: [(label: String, rows: [CooccurrenceRow])], top: Int?,
                              measure: AssociationMeasure, vocabulary: VocabularyTable, format: CSVFormat) -> CSVBuffer {
        var buffer = CSVBuffer(format: format, header: header)
        // Each group's ranking per node.
        let rankings: [[UInt32: [CooccurrenceRow]]] = groups.map { group in
            var byNode: [UInt32: [CooccurrenceRow]] = [:]
            for row in group.rows { byNode[row.node, default: []].append(row) }
            return byNode.mapValues { CooccurrenceRow.ranked($0, by: measure, vocabulary: vocabulary) }
        }
        let nodes = Set(rankings.flatMap(\.keys)).sorted { vocabulary.rank[Int($0)] < vocabulary.rank[Int($1)] }
        for node in nodes {
            for g in groups.indices.dropFirst() {
                let previous = rankings[g - 1][node] ?? []
                let current = rankings[g][node] ?? []
                let previousTop = top.map { Array(previous.prefix($0)) } ?? previous
                let currentTop = top.map { Array(current.prefix($0)) } ?? current
                let previousSet = Set(previousTop.map(\.collocate))
                let currentSet = Set(currentTop.map(\.collocate))
                for row in currentTop where !previousSet.contains(row.collocate) {
                    write(&buffer, node, groups[g - 1].label, groups[g].label, row.collocate, "gained", previous, current, measure, vocabulary)
                }
                for row in previousTop where !currentSet.contains(row.collocate) {
                    write(&buffer, node, groups[g - 1].label, groups[g].label, row.collocate, "lost", previous, current, measure, vocabulary)
                }
            }
        }
        return buffer
    }

    private static func write(_ buffer: inout CSVBuffer, _ node: UInt32, _ previousGroup: String, _ group: String,
                              _ collocate: UInt32, _ change: String, _ previous: [CooccurrenceRow],
                              _ current: [CooccurrenceRow], _ measure: AssociationMeasure, _ vocabulary: VocabularyTable) {
        let previousIndex = previous.firstIndex { $0.collocate == collocate }
        let currentIndex = current.firstIndex { $0.collocate == collocate }
        buffer.text(vocabulary.forms[Int(node)])
        buffer.text(previousGroup)
        buffer.text(group)
        buffer.text(vocabulary.forms[Int(collocate)])
        buffer.text(change)
        if let previousIndex { buffer.int(previousIndex + 1) } else { buffer.missing() }
        if let currentIndex { buffer.int(currentIndex + 1) } else { buffer.missing() }
        buffer.real(previousIndex.flatMap { measure.value(previous[$0].table) })
        buffer.real(currentIndex.flatMap { measure.value(current[$0].table) })
        buffer.endRow()
    }
}
