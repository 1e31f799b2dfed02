/// What counts as a token and its form (SPEC §2), as a command's token flags and a study
/// file's `tokens` section give them; `configuration` reads the files they name.
public struct TokenOptions: Sendable {
    /// Forms are NFKC without case folding (`--keep-case`).
    public var keepCase = false
    /// Number segments are not tokens (`--no-numbers`).
    public var dropNumbers = false
    /// Map Traditional to Simplified Chinese before segmenting (`--simplified`).
    public var simplified = false
    /// Multi-word terms kept as one token (`--terms`, repeatable): files, or the built-in
    /// list `zh-politics`; their lines add up.
    public var termFiles: [String] = []
    /// Stopword lists: `en`, `zh` (built in) or files (`--stopwords`).
    public var stopwordLists: [String] = []

    public init() {}

    /// The tokenizer configuration, with the term and stopword files read.
    ///
    /// - Parameters:
    ///   - defaultLanguage: the language of documents that have none.
    ///   - keepOffsets: keep texts and token offsets (tokens.csv, concordances).
    /// - Throws: `DiscourseError` for a file that cannot be read.
    public func configuration(defaultLanguage: String, keepOffsets: Bool) throws(DiscourseError) -> TokenizerConfiguration {
        var configuration = TokenizerConfiguration()
        configuration.keepCase = keepCase
        configuration.dropNumbers = dropNumbers
        configuration.simplified = simplified
        configuration.defaultLanguage = defaultLanguage
        configuration.keepOffsets = keepOffsets
        for list in termFiles { configuration.terms += try LineFile.termLines(list) }
        for list in stopwordLists { configuration.stopwords += try LineFile.stopwords(list) }
        return configuration
    }

    /// The options as `run.json` records them.
    public var manifest: [(String, JSONValue)] {
        let terms: JSONValue = termFiles.isEmpty ? .null
            : termFiles.count == 1 ? .string(termFiles[0]) : .array(termFiles.map(JSONValue.string))
        return [("keep_case", .bool(keepCase)), ("no_numbers", .bool(dropNumbers)), ("simplified", .bool(simplified)),
                ("terms", terms), ("stopwords", .array(stopwordLists.map(JSONValue.string)))]
    }
}
