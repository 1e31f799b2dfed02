/// The options that decide what a token and its form are (SPEC §2).
public struct TokenizerConfiguration: Sendable {
    /// `--keep-case`: forms are NFKC without case folding.
    public var keepCase = false
    /// `--no-numbers`: number segments (status 100–199) are not tokens.
    public var dropNumbers = false
    /// `--simplified`: map text from Traditional to Simplified Chinese before segmenting.
    public var simplified = false
    /// `--lang`: the language of documents that have none ("" is ICU's root locale).
    public var defaultLanguage = ""
    /// `--terms`: multi-word terms kept as one token.
    public var terms: [String] = []
    /// `--stopwords`: lines of the stopword list (not yet normalized).
    public var stopwords: [String] = []
    /// Keep each document's text and token offsets (for `tokens.csv` and concordances).
    /// Counting needs only forms and sentences.
    public var keepOffsets = true

    public init() {}
}
