import ArgumentParser
import DiscourseKit

/// What counts as a token and its form (SPEC §2).
struct TokenOptions: ParsableArguments {
    @Flag(help: "Keep case: forms are NFKC instead of NFKC with case folding (nfkc_cf).")
    var keepCase = false

    @Flag(help: "Drop number tokens (ICU word-break status 100-199).")
    var noNumbers = false

    @Flag(help: "Map Traditional to Simplified Chinese (ICU Traditional-Simplified) before segmenting.")
    var simplified = false

    @Option(help: ArgumentHelp("Multi-word terms kept as one token, one per line (e.g. 'overall national security concept', 总体国家安全观).", valueName: "file"))
    var terms: String?

    @Option(help: ArgumentHelp("Stopwords: 'en', 'zh' (built-in lists) or a file, one per line. A stopword stays in the token stream; n-grams containing one are not counted.", valueName: "en|zh|file"))
    var stopwords: [String] = []

    func configuration(defaultLanguage: String, keepOffsets: Bool) throws(DiscourseError) -> TokenizerConfiguration {
        var configuration = TokenizerConfiguration()
        configuration.keepCase = keepCase
        configuration.dropNumbers = noNumbers
        configuration.simplified = simplified
        configuration.defaultLanguage = defaultLanguage
        configuration.keepOffsets = keepOffsets
        if let terms { configuration.terms = try LineFile.read(terms, option: "--terms") }
        for list in stopwords { configuration.stopwords += try LineFile.stopwords(list) }
        return configuration
    }

    var manifest: [(String, JSONValue)] {
        [("keep_case", .bool(keepCase)), ("no_numbers", .bool(noNumbers)), ("simplified", .bool(simplified)),
         ("terms", terms.map(JSONValue.string) ?? .null), ("stopwords", .array(stopwords.map(JSONValue.string)))]
    }
}
