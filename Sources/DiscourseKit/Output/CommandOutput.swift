/// Writes what a command produces: its tables under the names the command has always used
/// (`ngrams.csv`, `groups.csv`, ...), a co-occurrence network where `--graph` names it, and
/// `run.json` with the command's options.
public enum CommandOutput {
    /// The files a command will write in its folder: each table with its CSV on the Web
    /// metadata.
    public static func plannedFiles(_ spec: AnalysisSpec, by field: String?, workbook: Bool = false) -> [String] {
        var names = RunTables.bases(for: spec, grouped: field != nil, groups: true).flatMap { [$0 + ".csv", CSVWMetadata.fileName(for: $0 + ".csv")] }
        if case .terms = spec { names.append("terms-suggested.txt") }
        if workbook { names.append(WorkbookExport.fileName) }
        return names
    }

    /// - Parameters:
    ///   - run: a study of one analysis on one grouping.
    ///   - options: the options as the command records them, before and after the
    ///     analysis's own: corpus, then token and output options.
    ///   - graph: where to write the network (GraphML), if anywhere.
    /// - Throws: `DiscourseError` when a file cannot be written.
    public static func write(_ run: StudyRun, command: String, to writer: OutputWriter,
                             corpusOptions: [(String, JSONValue)], trailingOptions: [(String, JSONValue)],
                             graph: String?, observer: any RunObserver = SilentObserver()) throws(DiscourseError) {
        let outcome = run.outcomes[0]
        let spec = run.study.analyses[outcome.analysis].spec
        let grouping = run.inputs[outcome.grouping].grouping
        for (base, table) in RunTables.tables(for: outcome.result, kind: spec.kind, run: run, groups: true, format: writer.format) {
            let name = base + ".csv"
            observer.stage("write " + name)
            try writer.write(name, table) { observer.progress($0, of: $1, table.unit) }
        }
        for file in try RunTables.files(for: outcome.result) {
            try writer.writeFile(name: file.base + "." + file.extension, bytes: file.bytes, items: file.items)
        }
        if let graph, case .collocation(let collocation) = outcome.result {
            observer.stage("write " + graph.lastPathComponent)
            let network = collocation.network()
            try writer.writeFile(path: graph, bytes: GraphMLWriter.render(network), items: network.edges.count)
        }
        if writer.workbook {
            observer.stage("write " + WorkbookExport.fileName)
            try writer.writeWorkbook()
        }
        observer.stage("manifest")
        for warning in outcome.result.countingWarnings + writer.warnings { observer.warning(warning) }
        var corpus = run.corpus
        corpus.warnings += outcome.result.warnings + (grouping.leftOutWarning.map { [$0] } ?? []) + writer.warnings
        let isTokens = spec.kind == "tokens"
        let options = corpusOptions + spec.manifest(by: grouping.field, result: outcome.result, graph: graph.map(JSONValue.string) ?? .null)
            + trailingOptions
        try writer.finish(manifest: RunManifest.make(
            command: command, arguments: CommandLine.arguments, options: options, corpusPath: run.study.corpus.path,
            corpus: corpus, tokenCounts: run.documentTokens, grouping: isTokens ? nil : grouping,
            outputs: writer.manifestOutputs))
    }

}
