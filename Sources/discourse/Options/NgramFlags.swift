import ArgumentParser
import DiscourseKit

/// What `ngrams` and `count` count (SPEC §3): lengths, grouping, `--min-count`,
/// `--cross-sentences`, `--tf-idf`.
struct NgramFlags: ParsableArguments {
    enum MinCount: MinCountMeaning {
        static let defaultValue = 1
        static let help = "Keep rows with at least this count in their group."
    }

    @OptionGroup var size: SizeFlag
    @OptionGroup var grouping: OptionalGroupingFlag
    @OptionGroup var minCount: MinCountFlag<MinCount>

    @Flag(help: "Let n-grams run across sentence ends.")
    var crossSentences = false

    @Flag(name: .customLong("tf-idf"), help: "Add tf, idf and tf_idf columns with each group as a document, as tidytext's bind_tf_idf on the rows of each n.")
    var tfIdf = false

    var by: String? { grouping.by }

    var options: NgramOptions {
        var options = NgramOptions()
        options.sizes = size.n.range
        options.minCount = minCount.minCount
        options.crossSentences = crossSentences
        options.tfIdf = tfIdf
        return options
    }
}
