import DiscourseKit

/// The first steps every grouped analysis shares: an output writer, the corpus loaded and
/// grouped, the token pipeline run.
struct AnalysisSetup {
    let writer: OutputWriter
    var corpus: Corpus
    let grouping: Grouping
    let tokenized: TokenizedCorpus
    let configuration: TokenizerConfiguration

    init(mainFile: String, corpus options: CorpusOptions, by field: String?, tokens: TokenOptions,
         output: OutputOptions, keepOffsets: Bool = false, timer: inout StageTimer) throws {
        writer = try output.writer(mainFile: mainFile)
        var loaded = try options.load()
        grouping = try Grouping(loaded, by: field)
        if !grouping.leftOut.isEmpty {
            warn(["\(grouping.leftOut.count) document(s) have no value for '\(field ?? "")' and are left out"])
        }
        timer.lap("load metadata")
        configuration = try tokens.configuration(defaultLanguage: options.lang, keepOffsets: keepOffsets)
        tokenized = try TokenPipeline.run(&loaded, configuration: configuration)
        warn(loaded.warnings)
        corpus = loaded
        timer.lap("read+tokenize")
    }

    /// Writes run.json and renames every file into place.
    /// Writes run.json (with `warnings` added to the corpus's) and renames every file into place.
    func finish(command: String, options: [(String, JSONValue)], corpusPath: String, warnings: [String] = []) throws {
        var corpus = self.corpus
        corpus.warnings += warnings
        if !grouping.leftOut.isEmpty {
            corpus.warnings.append("\(grouping.leftOut.count) document(s) have no value for '\(grouping.field ?? "")' and are left out")
        }
        try writer.finish(manifest: RunManifest.make(
            command: command, arguments: CommandLine.arguments, options: options,
            corpusPath: corpusPath, corpus: corpus, tokenCounts: tokenized.documents.map(\.count),
            grouping: grouping, outputs: writer.manifestOutputs))
    }
}
