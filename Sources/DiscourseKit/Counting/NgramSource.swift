/// Where a grouping's n-gram tables come from: counted from the tokens (`NgramCounter`) or
/// summed from partial-count files of shards (`MergedNgramSource`). Tables are made a batch
/// of groups at a time, when the writer asks for them.
protocol NgramSource: Sendable {
    var vocabulary: VocabularyTable { get }
    var options: NgramOptions { get }
    var groupCount: Int { get }
    /// The tables of the groups in `range`, in order; `splitting` lets a counter split a
    /// group over the cores.
    func count(groups range: Range<Int>, splitting: Bool) -> [GroupNgramCounts]
    /// Each group's size figures (`groups.csv`).
    func summaries() -> [GroupSummary]
    /// The first error met reading partial counts back, once tables were made (counting
    /// cannot throw): the writer checks it before it puts the output in place.
    var readFailure: DiscourseError? { get }
    /// How many groups' tables may be made at once within the memory budget (summed from
    /// partial counts, each whole); nil for one per core.
    var groupsAtOnce: Int? { get }
    /// Tokens of all groups, when known before counting (to size the writer's window).
    var tokenCount: Int? { get }
    /// Group g's rows of every length in output order (`NgramRowOrder`).
    func orderedRows(group g: Int, splitting: Bool) -> NgramGroupRows
}

extension NgramSource {
    var readFailure: DiscourseError? { nil }
    var groupsAtOnce: Int? { nil }
    var tokenCount: Int? { nil }

    func orderedRows(group g: Int, splitting: Bool) -> NgramGroupRows { tableRows(group: g, splitting: splitting) }

    func count(groups range: Range<Int>) -> [GroupNgramCounts] { count(groups: range, splitting: true) }

    var order: NgramRowOrder { NgramRowOrder(vocabulary: vocabulary, minCount: options.minCount) }
}

extension NgramCounter: NgramSource {
    var groupCount: Int { grouping.groups.count }
    var tokenCount: Int? { grouping.groups.reduce(0) { $0 + $1.documents.reduce(0) { $0 + corpus.documents[$1].count } } }
}
