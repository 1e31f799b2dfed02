import ArgumentParser
import DiscourseKit

/// The body every analysis command shares: check the output folder, run the analysis as a
/// study of one analysis and one grouping, write its files and `run.json`.
///
/// - Parameters:
///   - command: the command's name, recorded in `run.json`.
///   - mainFile: the table `--out -` writes to standard output.
///   - graph: where to write a co-occurrence network (`--graph`).
///   - extraOptions: options `run.json` records after the output options (`--memory`).
///   - loaded: the corpus's metadata if the command has loaded it already.
///   - resources: the memory budget, for the analyses that can count in batches (all but
///     `terms`; `ngrams` plans its own batches first); recorded in `run.json`.
func runAnalysis(_ command: String, mainFile: String, corpus: CorpusFlags, tokens: TokenFlags, output: OutputFlags,
                 by field: String?, analysis: AnalysisSpec, graph: String? = nil,
                 extraOptions: [(String, JSONValue)] = [], loaded: Corpus? = nil, resources: ResourceFlags? = nil) throws {
    try reportingErrors {
        let observer = TerminalObserver(stats: output.stats, quiet: output.quiet)
        InterruptCleanup.install()
        let writer = try output.writer(mainFile: mainFile)
        try writer.reserve(CommandOutput.plannedFiles(analysis, by: field, workbook: writer.workbook), paths: graph.map { [$0] } ?? [])
        let study = Study(corpus: corpus.options, tokens: tokens.options, groupings: [field], analyses: [StudyAnalysis(analysis)])
        let run = try StudyRun(study, loaded: loaded, budget: resources?.budget, tmp: resources?.temporaryFolder ?? "/tmp",
                               observer: observer)
        if run.batches > 0 && !output.quiet, let budget = resources?.budget {
            FileSystem.printError("discourse \(command): the corpus's tokens do not fit --memory \(budget.description): counted in \(run.batches) batch\(run.batches == 1 ? "" : "es") of documents")
        }
        try CommandOutput.write(run, command: command, to: writer, corpusOptions: corpus.options.manifest,
                                trailingOptions: tokens.options.manifest + output.manifest + extraOptions + (resources?.manifest ?? []),
                                graph: graph, observer: observer)
        observer.finish(bytes: run.byteCount, tokens: run.tokenCount)
        guard output.out != "-" else { return }
        let tables = writer.written.filter { ($0.file.hasSuffix(".csv") || $0.file.hasSuffix(".xlsx")) && !$0.file.contains("/") }
        if let main = tables.first(where: { $0.file == mainFile }), main.rows == 0 {
            observer.warning("\(mainFile) has no rows: nothing in the corpus passed the options (see --min-count, --where, the nodes or terms given)")
        }
        if !output.quiet { FileSystem.printError(summary(command, tables: tables, graph: graph, folder: output.out)) }
    }
}

/// The closing line on standard error: what a command wrote and where, with rows per table.
func summary(_ command: String, tables: [(file: String, rows: Int, sha256: String)], graph: String?, folder: String) -> String {
    let files = tables.map { "\($0.file) (\($0.rows) row\($0.rows == 1 ? "" : "s"))" } + (graph.map { [$0] } ?? []) + ["run.json"]
    return "discourse \(command): wrote \(files.joined(separator: ", ")) to \(folder)/ (each table with its .csv-metadata.json)"
}
