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
        source.orderedRows(group: g, splitting: groupCount < ParallelMap.workers)
    }

    /// Each group's size figures (`groups.csv`).
    public func summaries() -> [GroupSummary] { source.summaries() }

    /// The first error met reading counts back from temporary files (a study counted in
    /// batches), once the tables were written; nil when counted in memory or read well.
    public var readFailure: DiscourseError? { source.readFailure }

    /// How many groups may be rendered or wait to be written at once, when their rows are
    /// small enough for more than one per core and one more: up to four per core while
    /// they hold 32 MB at most (about 48 bytes a row, at most a row per token and length).
    /// Rendering then goes on past a group that takes long (the State of the Union's largest
    /// years are ten times its smallest) instead of waiting for it to be written.
    public var partsAtOnce: Int? {
        guard let tokens = source.tokenCount, groupCount > 0 else { return nil }
        let partBytes = max(1, tokens / groupCount * source.options.sizes.count * 48)
        let workers = ParallelMap.workers
        let atOnce = min(4 * workers, (32 << 20) / partBytes)
        return atOnce > workers + 1 ? atOnce : nil
    }

    /// How many groups may be made and written at once within the memory budget (a study's
    /// n-grams summed from its batches); nil for one per core.
    public var groupsAtOnce: Int? { source.groupsAtOnce }
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
