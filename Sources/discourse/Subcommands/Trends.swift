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

    enum MinCount: MinCountMeaning {
        static let defaultValue = 20
        static let help = "Without --track: every term with at least this many occurrences."
    }

    @OptionGroup(title: "Corpus") var corpus: CorpusFlags
    @OptionGroup(title: "Trends") var grouping: GroupingFlag

    @Option(help: ArgumentHelp("Terms to track, one per line (a word, an n-gram, or a multi-word term from --terms); 'term = variant' adds the variant's counts to the term's.", valueName: "file"))
    var track: String?

    @OptionGroup(title: "Trends") var minCount: MinCountFlag<MinCount>
    @OptionGroup(title: "Trends") var size: SizeFlag
    @OptionGroup(title: "Tokens") var tokens: TokenFlags
    @OptionGroup(title: "Output") var output: OutputFlags
    @OptionGroup(title: "Resources") var resources: ResourceFlags

    mutating func run() throws {
        let (track, minCount, sizes) = (self.track, minCount.minCount, size.n.range)
        try reportingErrors {
            var options = TrendOptions()
            options.track = try track.map { try LineFile.terms($0, option: "--track") }
            options.trackSource = track
            options.minCount = minCount
            options.sizes = sizes
            try runAnalysis("trends", mainFile: "trends.csv", corpus: corpus, tokens: tokens, output: output,
                            by: grouping.by, analysis: .trends(options), resources: resources)
        }
    }
}
