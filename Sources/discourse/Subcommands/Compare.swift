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

    @OptionGroup(title: "Corpus") var corpus: CorpusOptions

    @Option(help: ArgumentHelp("Group by this field (session, year, date, doc_id or any metadata column).", valueName: "field"))
    var by: String

    @Option(help: ArgumentHelp("N-gram length or range for new_terms.csv.", valueName: "n|from-to"))
    var n = SizeRange(argument: "1")!

    @Option(help: ArgumentHelp("new_terms.csv: only terms with at least this many occurrences in all.", valueName: "k"))
    var minCount = 1

    @OptionGroup(title: "Tokens") var tokens: TokenOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
    }

    mutating func run() throws {
        try reportingErrors {
            var timer = StageTimer()
            let setup = try AnalysisSetup(mainFile: "compare.csv", corpus: corpus, by: by, tokens: tokens, output: output, timer: &timer)
            guard setup.grouping.groups.count >= 2 else {
                throw DiscourseError("compare needs at least two groups, but --by \(by) gives only '\(setup.grouping.groups[0].label)'")
            }
            let unigrams = TermCounts(setup.tokenized, grouping: setup.grouping, sizes: [1])
            let terms = n.range == 1...1 ? unigrams : TermCounts(setup.tokenized, grouping: setup.grouping, sizes: Array(n.range))
            timer.lap("count")
            let format = setup.writer.format
            try setup.writer.write("compare.csv", [GroupComparison.renderCompare(unigrams, format: format)])
            try setup.writer.write("new_terms.csv", [GroupComparison.renderNewTerms(terms, minCount: minCount, format: format)])
            timer.lap("write")
            let options: [(String, JSONValue)] = [("by", .string(by)), ("n", .string(n.defaultValueDescription)), ("min_count", .int(minCount))]
            try setup.finish(command: "compare", options: corpus.manifest + options + tokens.manifest + output.manifest, corpusPath: corpus.path)
            if output.stats { timer.report(bytes: setup.corpus.byteCount, tokens: setup.tokenized.tokenCount) }
        }
    }
}
