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
            let setup = try AnalysisSetup(mainFile: "ngrams.csv", corpus: corpus, by: by, tokens: tokens, output: output, timer: &timer)
            var options = NgramOptions()
            options.sizes = n.range
            options.minCount = minCount
            options.crossSentences = crossSentences
            try NgramTableWriter.write(NgramCounter(setup.tokenized, grouping: setup.grouping, options: options), to: setup.writer)
            timer.lap("count+write")
            let ngramOptions: [(String, JSONValue)] = [
                ("n", .string(n.defaultValueDescription)), ("by", by.map(JSONValue.string) ?? .null),
                ("min_count", .int(minCount)), ("cross_sentences", .bool(crossSentences)),
            ]
            try setup.finish(command: "ngrams", options: corpus.manifest + ngramOptions + tokens.manifest + output.manifest,
                             corpusPath: corpus.path)
            timer.lap("manifest")
            if output.stats { timer.report(bytes: setup.corpus.byteCount, tokens: setup.tokenized.tokenCount) }
        }
    }
}
