import ArgumentParser
import DiscourseKit

struct Trends: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write trends.csv (each term per group) and trend_stats.csv (is the change more than chance?).",
        discussion: """
            Over the ordered groups (SPEC §6), for the terms in --track or every term with at \
            least --min-count occurrences: the per-million series with zero rows, and per term \
            the Mann–Kendall test (tau-b, Z, p, BH q), Sen's slope, a Poisson log-linear trend with \
            likelihood-ratio and quasi-Poisson p-values and dispersion, a G² test against an even \
            spread, Gries' DP, and the first, last and peak groups.
            """)

    @OptionGroup(title: "Corpus") var corpus: CorpusOptions

    @Option(help: ArgumentHelp("Group by this field (session, year, date, doc_id or any metadata column).", valueName: "field"))
    var by: String

    @Option(help: ArgumentHelp("Terms to track, one per line (a word, an n-gram, or a multi-word term from --terms).", valueName: "file"))
    var track: String?

    @Option(help: ArgumentHelp("Without --track: every term with at least this many occurrences.", valueName: "k"))
    var minCount = 20

    @Option(help: ArgumentHelp("N-gram length or range of the terms.", valueName: "n|from-to"))
    var n = SizeRange(argument: "1")!

    @OptionGroup(title: "Tokens") var tokens: TokenOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
    }

    mutating func run() throws {
        try reportingErrors {
            var timer = StageTimer()
            let setup = try AnalysisSetup(mainFile: "trends.csv", corpus: corpus, by: by, tokens: tokens, output: output, timer: &timer)
            guard setup.grouping.groups.count >= 2 else {
                throw DiscourseError("trends need at least two groups, but --by \(by) gives only '\(setup.grouping.groups[0].label)'")
            }
            var sizes = Array(n.range)
            var tracked: [String]?
            if let track {
                let normalizer = try LineNormalizer(setup.configuration)
                let lines = try LineFile.read(track, option: "--track")
                // A line is an n-gram (forms joined by spaces) or, when --terms made it one
                // token, a multi-word term (spaces as underscores).
                tracked = lines.map { line in
                    let text = String(decoding: normalizer.normalize(line), as: UTF16.self)
                    let term = normalizer.form(of: line)
                    return setup.tokenized.vocabulary.forms.contains(term) ? term : text
                }
                sizes = Array(Set(tracked!.map { $0.split(separator: " ").count }))
            }
            let counts = TermCounts(setup.tokenized, grouping: setup.grouping, sizes: sizes)
            let analysis = TrendAnalysis(counts, terms: tracked, minCount: minCount)
            timer.lap("count")
            let format = setup.writer.format
            try setup.writer.write("trends.csv", header: CSVBuffer(format: format, header: TrendAnalysis.trendsHeader),
                                   parts: counts.groups.count) { analysis.renderTrends(group: $0, format: format) }
            let statistics = analysis.statistics()
            try setup.writer.write("trend_stats.csv", [analysis.renderStatistics(statistics, format: format)])
            timer.lap("test+write")
            let options: [(String, JSONValue)] = [
                ("by", .string(by)), ("track", track.map(JSONValue.string) ?? .null),
                ("tracked_terms", tracked.map { .array($0.map(JSONValue.string)) } ?? .null),
                ("min_count", .int(minCount)), ("n", .string(n.defaultValueDescription)),
            ]
            try setup.finish(command: "trends", options: corpus.manifest + options + tokens.manifest + output.manifest, corpusPath: corpus.path)
            if output.stats { timer.report(bytes: setup.corpus.byteCount, tokens: setup.tokenized.tokenCount) }
        }
    }
}
