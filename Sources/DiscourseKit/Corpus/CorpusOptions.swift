/// Where a corpus is and how to read it (SPEC §1): the options of every command's corpus
/// argument and of a study file's `corpus` section.
public struct CorpusOptions: Sendable {
    /// A folder of `.txt` files (with or without `metadata.csv`), a `.txt`, `.csv` or `.jsonl`
    /// file.
    public var path: String
    /// Several `.txt` files given together, each a document (`path` is the first); empty
    /// when the corpus is `path` alone.
    public var textFiles: [String] = []
    /// The kind of source; nil infers it from the path.
    public var format: CorpusFormat?
    /// Encoding of the texts by any name ICU knows; nil for UTF-8 (UTF-16 with a BOM).
    public var encoding: String?
    /// Replace invalid bytes with U+FFFD instead of stopping (`--replace-invalid`).
    public var replaceInvalid = false
    /// ICU regular expressions deleted from every text before anything else (`--strip`).
    public var strip: [String] = []
    /// Language (BCP 47) of documents whose metadata has none (`--lang`); "" is ICU's root.
    public var language = ""
    /// The CSV column or JSON Lines field holding the text (`--text-field`).
    public var textField = "text"
    /// `field=value` and `field!=value` conditions on the documents analysed (`--where`).
    public var conditions: [String] = []
    /// Read texts that a metadata row places outside the corpus folder (`--allow-outside-paths`).
    public var allowOutsidePaths = false

    public init(path: String) { self.path = path }

    /// Loads the corpus's documents and metadata and applies the `--where` conditions.
    ///
    /// - Throws: `DiscourseError` for a bad pattern, encoding, condition or corpus.
    public func load() throws(DiscourseError) -> Corpus {
        let loader = CorpusLoader(
            reader: CorpusReader(decoder: TextDecoder(encoding: encoding, replaceInvalid: replaceInvalid),
                                 cleaner: try TextCleaner(patterns: strip)),
            textField: textField, allowOutsidePaths: allowOutsidePaths)
        var corpus = textFiles.isEmpty ? try loader.load(path, format: format) : try loader.load(textFiles: textFiles)
        var filters: [DocumentFilter] = []
        for condition in conditions { filters.append(try DocumentFilter(parsing: condition)) }
        try corpus.filter(filters)
        return corpus
    }

    /// The options as `run.json` records them.
    public var manifest: [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = []
        if let format { fields.append(("format", .string(format.rawValue))) }
        if !textFiles.isEmpty { fields.append(("files", .array(textFiles.map(JSONValue.string)))) }
        return fields + [
            ("encoding", encoding.map(JSONValue.string) ?? .null), ("replace_invalid", .bool(replaceInvalid)),
            ("strip", .array(strip.map(JSONValue.string))), ("lang", .string(language)), ("text_field", .string(textField)),
            ("where", .array(conditions.map(JSONValue.string))),
        ] + (allowOutsidePaths ? [("allow_outside_paths", .bool(true))] : [])
    }
}
