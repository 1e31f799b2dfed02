import ArgumentParser
import DiscourseKit

/// What counts as a token and its form (SPEC §2).
struct TokenFlags: ParsableArguments {
    @Flag(help: "Keep case: forms are NFKC instead of NFKC with case folding (nfkc_cf).")
    var keepCase = false

    @Flag(help: "Drop number tokens (ICU word-break status 100-199).")
    var noNumbers = false

    @Flag(help: "Map Traditional to Simplified Chinese (ICU Traditional-Simplified) before segmenting.")
    var simplified = false

    @Option(help: ArgumentHelp("Multi-word terms kept as one token: a file with one per line (e.g. 'overall national security concept', 总体国家安全观; 'canonical = variant' counts variants as the term) or the built-in list zh-politics. Repeatable: the lists add up.", valueName: "zh-politics|file"))
    var terms: [String] = []

    @Option(help: ArgumentHelp("Stopwords: 'en', 'zh' (built-in lists) or a file, one per line. A stopword stays in the token stream; n-grams containing one are not counted.", valueName: "en|zh|file"))
    var stopwords: [String] = []

    var options: TokenOptions {
        var options = TokenOptions()
        options.keepCase = keepCase
        options.dropNumbers = noNumbers
        options.simplified = simplified
        options.termFiles = terms
        options.stopwordLists = stopwords
        return options
    }
}
