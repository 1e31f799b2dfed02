import ArgumentParser
import DiscourseKit
import Synchronization

/// `--baseline previous:K`.
struct Baseline: ExpressibleByArgument {
    let previous: Int

    init?(argument: String) {
        guard argument.hasPrefix("previous:"), let k = Int(argument.dropFirst("previous:".count)), k >= 1 else { return nil }
        previous = k
    }
}

struct Keyness: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write keyness.csv: terms over- and under-used in target groups against a reference.",
        discussion: """
            For each term, the 2×2 table of its frequency in the target and the reference (SPEC §5) \
            gives signed G² and Yates χ², p (χ²(1) at G²), Benjamini–Hochberg q within each \
            comparison, log ratio, %DIFF and BIC. The reference is the rest of the corpus unless \
            named; --each compares every group in turn with the rest, and --baseline previous:K \
            every group with the K groups before it.
            """)

    @OptionGroup(title: "Corpus") var corpus: CorpusOptions

    @Option(help: ArgumentHelp("Group by this field (session, year, date, doc_id or any metadata column).", valueName: "field"))
    var by: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Target group(s), comma-separated.", valueName: "group[,group...]"))
    var target: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Reference group(s), comma-separated (default: the rest of the corpus).", valueName: "group[,group...]"))
    var reference: [String] = []

    @Option(help: ArgumentHelp("Rolling keyness: each group against the up to K groups before it.", valueName: "previous:K"))
    var baseline: Baseline?

    @Flag(help: "Compare every group in turn with the rest of the corpus.")
    var each = false

    @Option(help: ArgumentHelp("N-gram length or range of the terms.", valueName: "n|from-to"))
    var n = SizeRange(argument: "1")!

    @Option(help: ArgumentHelp("Test terms whose target and reference counts add up to at least k.", valueName: "k"))
    var minCount = 5

    @OptionGroup(title: "Tokens") var tokens: TokenOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
    }

    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
    }

    mutating func run() throws {
        try reportingErrors {
            var timer = StageTimer()
            let setup = try AnalysisSetup(mainFile: "keyness.csv", corpus: corpus, by: by, tokens: tokens, output: output, timer: &timer)
            let comparisons = try KeynessAnalysis.comparisons(setup.grouping.groups, target: Self.split(target),
                                                              reference: Self.split(reference), baseline: baseline?.previous, each: each)
            let counts = TermCounts(setup.tokenized, grouping: setup.grouping, sizes: Array(n.range))
            let rank = KeynessAnalysis.termRanks(counts.terms)
            timer.lap("count")
            let format = setup.writer.format
            let minCount = self.minCount
            // Comparisons are tested and rendered in parallel batches and streamed to the file.
            let skipped = Mutex<[String]>([])
            try setup.writer.write("keyness.csv", header: CSVBuffer(format: format, header: KeynessAnalysis.header),
                                   parts: comparisons.count) { c in
                guard let buffer = KeynessAnalysis.render(counts, comparisons[c], minCount: minCount, termRank: rank, format: format) else {
                    skipped.withLock { $0.append(comparisons[c].label) }
                    return CSVBuffer.body(format: format)
                }
                return buffer
            }
            let empty = skipped.withLock { $0 }
            let skippedWarning = empty.isEmpty ? [] : ["no tokens on one side, so no rows for: \(empty.joined(separator: "; "))"]
            warn(skippedWarning)
            timer.lap("test+write")
            let options: [(String, JSONValue)] = [
                ("by", .string(by)), ("target", .array(Self.split(target).map(JSONValue.string))),
                ("reference", .array(Self.split(reference).map(JSONValue.string))),
                ("baseline", baseline.map { .string("previous:\($0.previous)") } ?? .null), ("each", .bool(each)),
                ("n", .string(n.defaultValueDescription)), ("min_count", .int(minCount)),
            ]
            try setup.finish(command: "keyness", options: corpus.manifest + options + tokens.manifest + output.manifest,
                             corpusPath: corpus.path, warnings: skippedWarning)
            if output.stats { timer.report(bytes: setup.corpus.byteCount, tokens: setup.tokenized.tokenCount) }
        }
    }
}
