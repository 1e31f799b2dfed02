import ArgumentParser
import DiscourseKit

/// `--baseline previous:K`.
struct Baseline: ExpressibleByArgument {
    let previous: Int

    init?(argument: String) {
        guard argument.hasPrefix("previous:"), let k = Int(argument.dropFirst("previous:".count)), k >= 1 else { return nil }
        previous = k
    }
}

struct Keyness: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write keyness.csv: terms over- and under-used in target groups against a reference.",
        discussion: """
            For each term, the 2×2 table of its frequency in the target and the reference (SPEC §5) \
            gives signed G² and Yates χ², p (χ²(1) at G²), Benjamini–Hochberg q within each \
            comparison, log ratio, %DIFF and BIC. The reference is the rest of the corpus unless \
            named; --each compares every group in turn with the rest, and --baseline previous:K \
            every group with the K groups before it.
            """)

    enum MinCount: MinCountMeaning {
        static let defaultValue = 5
        static let help = "Test terms whose target and reference counts add up to at least k."
    }

    @OptionGroup(title: "Corpus") var corpus: CorpusFlags
    @OptionGroup(title: "Keyness") var grouping: GroupingFlag

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Target group(s), comma-separated.", valueName: "group[,group...]"))
    var target: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Reference group(s), comma-separated (default: the rest of the corpus).", valueName: "group[,group...]"))
    var reference: [String] = []

    @Option(help: ArgumentHelp("Rolling keyness: each group against the up to K groups before it.", valueName: "previous:K"))
    var baseline: Baseline?

    @Flag(help: "Compare every group in turn with the rest of the corpus.")
    var each = false

    @OptionGroup(title: "Keyness") var size: SizeFlag
    @OptionGroup(title: "Keyness") var minCount: MinCountFlag<MinCount>
    @OptionGroup(title: "Tokens") var tokens: TokenFlags
    @OptionGroup(title: "Output") var output: OutputFlags
    @OptionGroup(title: "Resources") var resources: ResourceFlags

    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { String($0).trimmed() } }.filter { !$0.isEmpty }
    }

    mutating func run() throws {
        var options = KeynessOptions()
        options.target = Self.split(target)
        options.reference = Self.split(reference)
        options.baseline = baseline?.previous
        options.each = each
        options.sizes = size.n.range
        options.minCount = minCount.minCount
        try runAnalysis("keyness", mainFile: "keyness.csv", corpus: corpus, tokens: tokens, output: output,
                        by: grouping.by, analysis: .keyness(options), resources: resources)
    }
}
