import ArgumentParser
import DiscourseKit

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write compare.csv (vocabulary change between consecutive groups) and new_terms.csv.",
        discussion: """
            compare.csv (SPEC §6): for each pair of consecutive groups, the Jaccard overlap of \
            their word types, the cosine of their per-million vectors, the types never seen \
            before and the types dropped. new_terms.csv: each term (n-grams of --n) whose first \
            group is not the first, its count there, and in how many later groups it recurs.
            """)

    enum MinCount: MinCountMeaning {
        static let defaultValue = 1
        static let help = "new_terms.csv: only terms with at least this many occurrences in all."
    }

    @OptionGroup(title: "Corpus") var corpus: CorpusFlags
    @OptionGroup(title: "Compare") var grouping: GroupingFlag
    @OptionGroup(title: "Compare") var size: SizeFlag
    @OptionGroup(title: "Compare") var minCount: MinCountFlag<MinCount>
    @OptionGroup(title: "Tokens") var tokens: TokenFlags
    @OptionGroup(title: "Output") var output: OutputFlags
    @OptionGroup(title: "Resources") var resources: ResourceFlags

    mutating func run() throws {
        var options = ComparisonOptions()
        options.sizes = size.n.range
        options.minCount = minCount.minCount
        try runAnalysis("compare", mainFile: "compare.csv", corpus: corpus, tokens: tokens, output: output,
                        by: grouping.by, analysis: .compare(options), resources: resources)
    }
}
