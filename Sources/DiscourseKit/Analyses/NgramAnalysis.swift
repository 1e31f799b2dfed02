/// `ngrams` (SPEC §3): n-gram frequencies per group, counted a group at a time when the
/// writer asks for them, so that the tables of all groups are never in memory together.
public struct NgramAnalysis: Sendable {
    public var options: NgramOptions

    public init(options: NgramOptions = NgramOptions()) { self.options = options }

    public func run(_ input: AnalysisInput) -> NgramResult {
        NgramResult(source: NgramCounter(input.tokens, grouping: input.grouping, options: options))
    }
}

/// The n-grams of every group, counted (or merged from shards) on demand.
public struct NgramResult: Sendable {
    let source: any NgramSource
    /// The groups holding each n-gram, under `--tf-idf`.
    public let tfIdf: GroupTfIdf?

    init(source: any NgramSource) {
        self.source = source
        tfIdf = source.options.tfIdf ? GroupTfIdf.count(source) : nil
    }

    public var groupCount: Int { source.groupCount }
    public var vocabulary: VocabularyTable { source.vocabulary }

    /// Group g's tables with their rows in SPEC §8 order (descending count, then text).
    ///
    /// The writer renders one group per core at a time; with at least that many groups each
    /// is counted whole on its core (splitting it as well would run the cores twice over and
    /// hold its tables twice while the parts merge).
    public func group(_ g: Int) -> NgramGroupRows {
        let counts = source.count(groups: g..<g + 1, splitting: groupCount < ParallelMap.workers)[0]
        let order = source.order
        return NgramGroupRows(counts: counts, rows: counts.tables.map { order.rows($0) }, byRank: source.vocabulary.byRank)
    }

    /// Each group's size figures (`groups.csv`).
    public func summaries() -> [GroupSummary] { source.summaries() }

    /// The first error met reading counts back from temporary files (a study counted in
    /// batches), once the tables were written; nil when counted in memory or read well.
    public var readFailure: DiscourseError? { source.readFailure }

    /// How many groups may be made and written at once within the memory budget (a study's
    /// n-grams summed from its batches); nil for one per core.
    public var groupsAtOnce: Int? { source.groupsAtOnce }
}

/// One group's n-gram tables and the rows each keeps, in output order.
public struct NgramGroupRows: Sendable {
    public let counts: GroupNgramCounts
    /// The rows of `counts.tables[t]` kept by `--min-count`, in output order.
    let rows: [NgramRows]
    /// The vocabulary's ids by rank, to read a keyed row's forms.
    let byRank: [UInt32]

    /// Each kept row: n, the form ids (valid during the call), count and document frequency.
    public func forEachRow(_ body: (_ n: Int, _ ids: UnsafeBufferPointer<UInt32>, _ count: Int, _ documents: Int) -> Void) {
        for (t, table) in counts.tables.enumerated() {
            let n = table.n
            switch rows[t] {
            case .keyed(let keys, let bits):
                let mask = UInt64(1) << bits - 1
                var ids = [UInt32](repeating: 0, count: n)
                byRank.withUnsafeBufferPointer { byRank in
                    ids.withUnsafeMutableBufferPointer { ids in
                        for key in keys {
                            let ranks = UInt64(truncatingIfNeeded: key >> 32)
                            for i in 0..<n { ids[i] = byRank[Int((ranks >> UInt64((n - 1 - i) * bits)) & mask)] }
                            body(n, UnsafeBufferPointer(ids), Int(UInt32.max - UInt32(truncatingIfNeeded: key >> 96)),
                                 Int(UInt32(truncatingIfNeeded: key)))
                        }
                    }
                }
            case .entries(let entries):
                table.keys.withUnsafeBufferPointer { keys in
                    table.tallies.withUnsafeBufferPointer { tallies in
                        for entry in entries {
                            body(n, UnsafeBufferPointer(rebasing: keys[entry * n..<entry * n + n]), tallies[entry].count,
                                 Int(tallies[entry].documents))
                        }
                    }
                }
            }
        }
    }

    /// Rows kept, for buffer sizing.
    public var rowCount: Int { rows.reduce(0) { $0 + $1.count } }
}

extension NgramOptions {
    /// The options as `run.json` records them, with the grouping field in its place.
    public func manifest(by field: String?) -> [(String, JSONValue)] {
        [("n", .string(sizes.sizeDescription)), ("by", field.map(JSONValue.string) ?? .null),
         ("min_count", .int(minCount)), ("cross_sentences", .bool(crossSentences))] + (tfIdf ? [("tf_idf", .bool(true))] : [])
    }
}

extension ClosedRange<Int> {
    /// An n-gram length or range as the `--n` option writes it: `2`, `1-3`.
    public var sizeDescription: String {
        lowerBound == upperBound ? "\(lowerBound)" : "\(lowerBound)-\(upperBound)"
    }
}

extension NgramResult {
    /// The same result with every group's tables counted now and held, so that writing them
    /// can be timed apart from counting (`discourse-bench --writing`).
    public func precounted() -> NgramResult {
        NgramResult(source: PrecountedNgramSource(source))
    }
}

/// Tables counted once and handed out as they are.
private struct PrecountedNgramSource: NgramSource {
    let vocabulary: VocabularyTable
    let options: NgramOptions
    let groups: [GroupNgramCounts]
    let sizes: [GroupSummary]

    init(_ source: any NgramSource) {
        vocabulary = source.vocabulary
        options = source.options
        groups = source.count(groups: 0..<source.groupCount)
        sizes = source.summaries()
    }

    var groupCount: Int { groups.count }
    func count(groups range: Range<Int>, splitting: Bool) -> [GroupNgramCounts] { Array(groups[range]) }
    func summaries() -> [GroupSummary] { sizes }
}
