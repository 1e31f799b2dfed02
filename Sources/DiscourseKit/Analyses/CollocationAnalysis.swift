import Synchronization

/// What `cooccur` and `collocates` count and keep (SPEC §4).
public struct CollocationOptions: Sendable {
    /// Scope, window, margins, sentence crossing and `--min-freq`.
    public var counting = CooccurrenceOptions()
    /// The node lines (`--node`, `--nodes`), normalized like token forms; nil for every type.
    public var nodes: [String]?
    /// Keep pairs with O11 ≥ this (`--min-cooc`).
    public var minCooccurrence = 3
    /// Keep each node's k strongest collocates by `sort` (`--top`); nil keeps all.
    public var top: Int?
    /// The measure that ranks collocates for `top`, collocate changes and network weights.
    public var sort: AssociationMeasure = .logDice
    /// The measures written, in the order named; nil for all of them.
    public var measures: [AssociationMeasure]?
    /// Also compare consecutive groups' collocates (`collocate_changes.csv`).
    public var changes = false
    /// Keep every group's rows for a network (GraphML).
    public var network = false

    public init() {}

    /// The measure columns: the chosen ones in SPEC order.
    public var measureColumns: [AssociationMeasure] {
        guard let measures else { return AssociationMeasure.allCases }
        return AssociationMeasure.allCases.filter(measures.contains)
    }

    /// The options as `run.json` records them, with the grouping field and the network file
    /// in their places.
    public func manifest(by field: String?, graph: JSONValue) -> [(String, JSONValue)] {
        [("scope", .string(counting.scope.rawValue)), ("window", .int(counting.span)),
         ("margins", .string(counting.margins.rawValue)), ("cross_sentences", .bool(counting.crossSentences)),
         ("min_cooc", .int(minCooccurrence)), ("min_freq", .int(counting.minFrequency)),
         ("measures", measures.map { .string($0.map(\.column).joined(separator: ",")) } ?? .null),
         ("sort", .string(sort.rawValue)), ("by", field.map(JSONValue.string) ?? .null), ("graph", graph),
         ("nodes", nodes.map { .array($0.map(JSONValue.string)) } ?? .null), ("top", top.map(JSONValue.int) ?? .null)]
    }
}

/// `cooccur` and `collocates` (SPEC §4): every node–collocate pair of each group with its
/// 2×2 table, the strongest collocates of chosen nodes, and how they change between groups.
public struct CollocationAnalysis: Sendable {
    public var options: CollocationOptions

    public init(options: CollocationOptions) { self.options = options }

    /// Resolves the node lines against the vocabulary (a node the corpus never has is a
    /// warning) and prepares the counter; groups are counted when their rows are asked for.
    ///
    /// - Throws: `DiscourseError` when ICU's normalizers cannot be opened.
    public func run(_ input: AnalysisInput) throws(DiscourseError) -> CollocationResult {
        var counting = options.counting
        var warnings: [String] = []
        if let lines = options.nodes {
            let normalizer = try LineNormalizer(input.tokens.configuration)
            let nodes = Set(lines.map { normalizer.form(of: $0) })
            let known = Set(input.tokens.vocabulary.forms)
            let missing = nodes.filter { !known.contains($0) }.sorted()
            if !missing.isEmpty { warnings.append("node(s) not in the corpus: \(missing.joined(separator: ", "))") }
            counting.nodes = nodes
        }
        let counter = CooccurrenceCounter(input.tokens, grouping: input.grouping, options: counting)
        let stream = input.documents.map { $0.cooccurrence(grouping: input.grouping, options: counting) }
        let result = CollocationResult(counter: counter, stream: stream, options: options, warnings: warnings)
        // Changes and networks read every group's rows again: counted from the texts, they
        // are counted here, once, and kept.
        if stream != nil && (options.changes || options.network) {
            for g in input.grouping.groups.indices { try result.forEachRows(group: g) { _ in } }
        }
        return result
    }
}

extension GroupCooccurrence {
    /// The pairs with O11 ≥ `minCooccurrence`, in SPEC §8 order: node (code point order),
    /// descending O11, collocate. With `top`, only each node's `top` strongest collocates by
    /// `sort` are kept.
    public func rows(minCooccurrence: Int, top: Int?, sort: AssociationMeasure,
                     vocabulary: VocabularyTable) -> [CooccurrenceRow] {
        var rows = pairs(minCooccurrence: minCooccurrence)
        if let top {
            var byNode: [UInt32: [CooccurrenceRow]] = [:]
            for row in rows { byNode[row.node, default: []].append(row) }
            rows = byNode.values.flatMap { $0.ranked(by: sort, vocabulary: vocabulary).prefix(top) }
        }
        rows.sortForOutput(vocabulary: vocabulary)
        return rows
    }
}

/// Co-occurrence rows per group, counted when asked for (so that a writer streams groups),
/// and kept when collocate changes or a network need every group's rows.
public final class CollocationResult: Sendable {
    public let options: CollocationOptions
    public let grouping: Grouping
    public let vocabulary: VocabularyTable
    private let counter: CooccurrenceCounter
    /// Set when the run holds no tokens (counted in batches): groups are counted from the texts.
    private let stream: CooccurrenceStream?
    private let startWarnings: [String]
    private struct State {
        var kept: [Int: [CooccurrenceRow]] = [:]
        var frequencies: [Int] = []
        /// Per group, each form's frequency where it is not 0 (for the network's nodes).
        var groupFrequencies: [Int: [UInt32: Int]] = [:]
        var degenerate: Set<Int> = []
    }
    private let state = Mutex(State())

    init(counter: CooccurrenceCounter, stream: CooccurrenceStream?, options: CollocationOptions, warnings: [String]) {
        self.counter = counter
        self.stream = stream
        self.options = options
        self.grouping = counter.grouping
        self.vocabulary = counter.corpus.vocabulary
        self.startWarnings = warnings
    }

    /// Whether the rows carry a group (the analysis has a grouping field).
    public var grouped: Bool { grouping.field != nil }

    /// Whether consecutive groups' collocates are compared (grouped, changes asked for).
    public var hasChanges: Bool { options.changes && grouped }

    /// Group g's rows in SPEC §8 order, counted on all cores.
    public func rows(group g: Int) -> [CooccurrenceRow] {
        if let kept = state.withLock({ $0.kept[g] }) { return kept }
        precondition(stream == nil, "a group counted from the texts is read with forEachRows")
        let counts = counter.count(group: g)
        let rows = counts.rows(minCooccurrence: options.minCooccurrence, top: options.top, sort: options.sort,
                               vocabulary: vocabulary)
        record(group: g, total: counts.total, frequencies: counts.frequencyByForm, rows: rows)
        return rows
    }

    /// Group g's rows in SPEC §8 order, a part at a time: from the texts, within the memory
    /// budget, when the run holds no tokens; else all at once.
    ///
    /// - Throws: `DiscourseError` when the texts cannot be read again or the temporary
    ///   files written.
    public func forEachRows(group g: Int, _ body: ([CooccurrenceRow]) -> Void) throws(DiscourseError) {
        guard let stream, state.withLock({ $0.kept[g] }) == nil else { return body(rows(group: g)) }
        let keep = options.changes || options.network
        var kept: [CooccurrenceRow] = []
        let totals = try stream.rows(group: g, minCooccurrence: options.minCooccurrence, top: options.top, sort: options.sort) { rows in
            if keep { kept += rows }
            body(rows)
        }
        record(group: g, total: totals.total, frequencies: totals.frequencies, rows: kept)
    }

    /// What a counted group leaves for the warnings, changes and networks.
    private func record(group g: Int, total: Int, frequencies: [Int], rows: [CooccurrenceRow]) {
        state.withLock { state in
            if total < 2 { state.degenerate.insert(g) }
            if options.changes || options.network {
                state.kept[g] = rows
                if state.frequencies.isEmpty { state.frequencies = [Int](repeating: 0, count: vocabulary.count) }
                for (i, f) in frequencies.enumerated() { state.frequencies[i] += f }
                if grouped && options.network {
                    var present: [UInt32: Int] = [:]
                    for (i, f) in frequencies.enumerated() where f > 0 { present[UInt32(i)] = f }
                    state.groupFrequencies[g] = present
                }
            }
        }
    }

    /// For each node and each pair of consecutive groups, the collocates that entered or
    /// left its top list.
    public func changes() -> [CollocateChange] {
        let perGroup = grouping.groups.indices.map { (label: grouping.groups[$0].label, rows: rows(group: $0)) }
        return CollocateChange.changes(perGroup, top: options.top, measure: options.sort, vocabulary: vocabulary)
    }

    /// Every group's rows as network edges, with each type's frequency over the groups.
    public func network() -> CooccurrenceNetwork {
        let edges = grouping.groups.indices.flatMap { g in
            rows(group: g).map { (group: grouped ? grouping.groups[g].label : nil, row: $0) }
        }
        let (frequencies, byGroup) = state.withLock { ($0.frequencies, $0.groupFrequencies) }
        return CooccurrenceNetwork(edges: edges, directed: options.counting.scope == .window, measure: options.sort,
                                   frequencies: frequencies, vocabulary: vocabulary,
                                   groups: grouped ? grouping.groups.map(\.label) : [],
                                   groupFrequencies: grouped ? grouping.groups.indices.map { byGroup[$0] ?? [:] } : [])
    }

    /// Nodes the corpus lacks, and groups too small for some measures (once counted).
    public var warnings: [String] { startWarnings + countingWarnings }

    /// Groups too small for some measures, among those counted so far.
    public var countingWarnings: [String] {
        let small = state.withLock { $0.degenerate }.sorted().map { grouping.groups[$0].label }
        guard !small.isEmpty else { return [] }
        let unit = options.counting.scope == .window ? "token" : options.counting.scope.rawValue
        return ["fewer than two \(unit)s (N < 2) in \(small.count) group(s) (\(small.prefix(5).joined(separator: ", "))): their npmi, chi2 and delta_p are undefined"]
    }
}

/// Co-occurrence rows as a network: one node per type, one edge per row.
public struct CooccurrenceNetwork: Sendable {
    public let edges: [(group: String?, row: CooccurrenceRow)]
    /// Window tables are directional; sentence and document tables are symmetric.
    public let directed: Bool
    /// The measure each edge carries.
    public let measure: AssociationMeasure
    /// Each type's frequency in the analysed groups, by form id.
    public let frequencies: [Int]
    public let vocabulary: VocabularyTable
    /// The group labels in group order; empty without `--by`.
    public let groups: [String]
    /// Per group, each form's frequency where it is not 0.
    public let groupFrequencies: [[UInt32: Int]]
}
