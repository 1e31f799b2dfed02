import ArgumentParser
import DiscourseKit

struct Ngrams: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write ngrams.csv (count, doc_freq, per_million per group) and groups.csv.",
        discussion: """
            An n-gram is a run of n consecutive tokens inside one sentence; its text is the \
            forms joined by one space (SPEC §3). With --by, counts are per group (session, \
            year, decade, date, doc_id or any metadata column), and groups are in diachronic \
            order; without it, the whole corpus is one group labelled 'all'.
            """)

    @OptionGroup(title: "Corpus") var corpus: CorpusFlags
    @OptionGroup(title: "N-grams") var ngrams: NgramFlags
    @OptionGroup(title: "Tokens") var tokens: TokenFlags
    @OptionGroup(title: "Output") var output: OutputFlags
    @OptionGroup(title: "Resources") var resources: ResourceFlags

    mutating func run() throws {
        let options = ngrams.options
        var loaded: Corpus?
        if try runInBatches(options, loaded: &loaded) { return }
        try runAnalysis("ngrams", mainFile: "ngrams.csv", corpus: corpus, tokens: tokens, output: output,
                        by: ngrams.by, analysis: .ngrams(options), extraOptions: resources.manifest, loaded: loaded)
    }

    /// Counts in batches of documents through temporary files when the corpus would not fit
    /// the memory budget; false when it fits (the run is then made in memory, from the
    /// corpus's metadata loaded here, in `loaded`).
    private func runInBatches(_ options: NgramOptions, loaded: inout Corpus?) throws -> Bool {
        var done = false
        try reportingErrors {
            let observer = TerminalObserver(stats: output.stats, quiet: output.quiet)
            observer.stage("load metadata")
            let prepared = try ShardCount.Prepared(corpus: corpus.options, tokens: tokens.options, by: ngrams.by,
                                                   options: options, observer: SilentObserver())
            let budget = resources.budget
            let plan = BatchedNgrams.plan(prepared.corpus, grouping: prepared.grouping, budget: budget, sizes: options.sizes)
            if let warning = plan.oversizedWarning(budget, regroup: "group more finely with --by") { observer.warning(warning) }
            guard plan.batches.count > 1 else {
                loaded = prepared.corpus
                return
            }
            InterruptCleanup.install()
            if !output.quiet {
                FileSystem.printError("discourse ngrams: the corpus does not fit --memory \(budget.description): counting it in \(plan.batches.count) batches through \(resources.temporaryFolder)")
            }
            let writer = try output.writer(mainFile: "ngrams.csv")
            try writer.reserve(CommandOutput.plannedFiles(.ngrams(options), by: ngrams.by, workbook: writer.workbook))
            let merged = try BatchedNgrams.write(prepared, plan: plan, tmp: resources.temporaryFolder, to: writer,
                                                  outputOptions: output.manifest + resources.manifest, observer: observer)
            observer.finish(bytes: merged.bytes, tokens: merged.tokens)
            done = true
            guard output.out != "-", !output.quiet else { return }
            let tables = writer.written.filter { ($0.file.hasSuffix(".csv") || $0.file.hasSuffix(".xlsx")) && !$0.file.contains("/") }
            FileSystem.printError(summary("ngrams", tables: tables, graph: nil, folder: output.out))
        }
        return done
    }
}
