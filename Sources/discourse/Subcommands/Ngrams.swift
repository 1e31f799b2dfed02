import ArgumentParser
import DiscourseKit

struct Ngrams: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write ngrams.csv (count, doc_freq, per_million per group) and groups.csv.",
        discussion: """
            An n-gram is a run of n consecutive tokens inside one sentence; its text is the \
            forms joined by one space (SPEC §3). With --by, counts are per group (session, \
            year, date, doc_id or any metadata column), and groups are in diachronic order; \
            without it, the whole corpus is one group labelled 'all'.
            """)

    @OptionGroup(title: "Corpus") var corpus: CorpusOptions

    @Option(help: ArgumentHelp("N-gram length or range.", valueName: "n|from-to"))
    var n = SizeRange(argument: "1")!

    @Option(help: ArgumentHelp("Group by this field: doc_id, session, year, date or any metadata column.", valueName: "field"))
    var by: String?

    @Option(help: ArgumentHelp("Keep rows with at least this count in their group.", valueName: "k"))
    var minCount = 1

    @Flag(help: "Let n-grams run across sentence ends.")
    var crossSentences = false

    @OptionGroup(title: "Tokens") var tokens: TokenOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
    }

    mutating func run() throws {
        try reportingErrors {
            var timer = StageTimer()
            let writer = try output.writer(mainFile: "ngrams.csv")
            var loaded = try corpus.load()
            let grouping = try Grouping(loaded, by: by)
            if !grouping.leftOut.isEmpty {
                warn(["\(grouping.leftOut.count) document(s) have no value for '\(by ?? "")' and are left out"])
            }
            timer.lap("load metadata")
            let configuration = try tokens.configuration(defaultLanguage: corpus.lang, keepOffsets: false)
            let tokenized = try TokenPipeline.run(&loaded, configuration: configuration)
            warn(loaded.warnings)
            timer.lap("read+tokenize")
            var options = NgramOptions()
            options.sizes = n.range
            options.minCount = minCount
            options.crossSentences = crossSentences
            try NgramTableWriter.write(NgramCounter(tokenized, grouping: grouping, options: options), to: writer)
            timer.lap("count+write")
            let ngramOptions: [(String, JSONValue)] = [
                ("n", .string(n.defaultValueDescription)), ("by", by.map(JSONValue.string) ?? .null),
                ("min_count", .int(minCount)), ("cross_sentences", .bool(crossSentences)),
            ]
            try writer.finish(manifest: RunManifest.make(
                command: "ngrams", arguments: CommandLine.arguments,
                options: corpus.manifest + ngramOptions + tokens.manifest + output.manifest,
                corpusPath: corpus.path, corpus: loaded, tokenCounts: tokenized.documents.map(\.count),
                grouping: grouping, outputs: writer.manifestOutputs))
            timer.lap("manifest")
            if output.stats { timer.report(bytes: loaded.byteCount, tokens: tokenized.tokenCount) }
        }
    }
}
