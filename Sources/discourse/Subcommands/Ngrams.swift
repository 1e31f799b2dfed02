import ArgumentParser
import DiscourseKit

struct Ngrams: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write ngrams.csv (count, doc_freq, per_million per group) and groups.csv.",
        discussion: """
            An n-gram is a run of n consecutive tokens inside one sentence; its text is the \
            forms joined by one space (SPEC §3). With --by, counts are per group (session, \
            year, decade, date, doc_id or any metadata column), and groups are in diachronic \
            order; without it, the whole corpus is one group labelled 'all'.
            """)

    enum MinCount: MinCountMeaning {
        static let defaultValue = 1
        static let help = "Keep rows with at least this count in their group."
    }

    @OptionGroup(title: "Corpus") var corpus: CorpusFlags
    @OptionGroup(title: "N-grams") var size: SizeFlag
    @OptionGroup(title: "N-grams") var grouping: OptionalGroupingFlag
    @OptionGroup(title: "N-grams") var minCount: MinCountFlag<MinCount>

    @Flag(help: "Let n-grams run across sentence ends.")
    var crossSentences = false

    @Flag(name: .customLong("tf-idf"), help: "Add tf, idf and tf_idf columns with each group as a document, as tidytext's bind_tf_idf on the rows of each n.")
    var tfIdf = false

    @OptionGroup(title: "Tokens") var tokens: TokenFlags
    @OptionGroup(title: "Output") var output: OutputFlags

    mutating func run() throws {
        var options = NgramOptions()
        options.sizes = size.n.range
        options.minCount = minCount.minCount
        options.crossSentences = crossSentences
        options.tfIdf = tfIdf
        try runAnalysis("ngrams", mainFile: "ngrams.csv", corpus: corpus, tokens: tokens, output: output,
                        by: grouping.by, analysis: .ngrams(options))
    }
}
