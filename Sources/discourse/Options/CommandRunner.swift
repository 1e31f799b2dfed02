import ArgumentParser
import DiscourseKit

/// The body every analysis command shares: check the output folder, run the analysis as a
/// study of one analysis and one grouping, write its files and `run.json`.
///
/// - Parameters:
///   - command: the command's name, recorded in `run.json`.
///   - mainFile: the table `--out -` writes to standard output.
///   - graph: where to write a co-occurrence network (`--graph`).
func runAnalysis(_ command: String, mainFile: String, corpus: CorpusFlags, tokens: TokenFlags, output: OutputFlags,
                 by field: String?, analysis: AnalysisSpec, graph: String? = nil) throws {
    try reportingErrors {
        let observer = TerminalObserver(stats: output.stats)
        InterruptCleanup.install()
        let writer = try output.writer(mainFile: mainFile)
        try writer.reserve(CommandOutput.plannedFiles(analysis, by: field), paths: graph.map { [$0] } ?? [])
        let study = Study(corpus: corpus.options, tokens: tokens.options, groupings: [field], analyses: [StudyAnalysis(analysis)])
        let run = try StudyRun(study, observer: observer)
        try CommandOutput.write(run, command: command, to: writer, corpusOptions: corpus.options.manifest,
                                trailingOptions: tokens.options.manifest + output.manifest, graph: graph, observer: observer)
        observer.finish(bytes: run.byteCount, tokens: run.tokenCount)
    }
}
