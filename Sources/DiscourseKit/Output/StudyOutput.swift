/// Writes a study's output folder: a `groups` table per grouping, every analysis's tables
/// named for what they hold (`trends.csv`, `trends_tracked_by_decade.csv`), networks, the
/// study file itself (`study.yaml`), `report.html` and `report.md` built from the tables just
/// written, and `run.json` listing every file. Everything is written under temporary names and
/// moved into place at the end; files an earlier run listed and this one does not write are
/// removed.
public enum StudyOutput {
    /// The name of the copy of the study file.
    public static let studyCopy = "study.yaml"

    /// A file the run wrote, for the closing summary.
    public struct WrittenFile: Sendable {
        public let name: String
        public let rows: Int
    }

    /// - Parameters:
    ///   - run: the run, consumed: its counts and results are dropped once the tables are
    ///     written, before the report and `run.json` are built.
    ///   - arguments: the command line, for `run.json`.
    ///   - output: the output options as `run.json` records them.
    /// - Returns: the files written, in order.
    /// - Throws: `DiscourseError` when a file cannot be written.
    @discardableResult
    public static func write(_ run: consuming StudyRun, to writer: OutputWriter, arguments: [String], output: [(String, JSONValue)],
                             observer: any RunObserver = SilentObserver()) throws(DiscourseError) -> [WrittenFile] {
        var run = run
        let study = run.study
        let format = writer.format
        let several = study.groupings.count > 1
        var groupingRecords: [JSONValue] = []
        for (g, input) in run.inputs.enumerated() {
            let name = "groups" + groupingSuffix(study.groupings[g], several: several) + ".csv"
            observer.stage("write " + name)
            let summaries = input.summaries ?? NgramCounter(input.tokens, grouping: input.grouping, options: NgramOptions()).summaries()
            try writer.write(name, NgramTables.groups(summaries, format: format))
            groupingRecords.append(.object([
                ("field", study.groupings[g].map(JSONValue.string) ?? .null), ("groups", .int(input.grouping.groups.count)),
                ("left_out", .array(input.grouping.leftOut.map(JSONValue.string))), ("file", .string(name)),
            ]))
        }
        var analysisRecords: [JSONValue] = []
        var warnings = run.corpus.warnings + run.inputs.compactMap(\.grouping.leftOutWarning)
        for outcome in run.outcomes {
            let analysis = study.analyses[outcome.analysis]
            let field = study.groupings[outcome.grouping]
            let suffix = (analysis.name.map { "_" + $0 } ?? "")
                + (analysis.spec.kind == "tokens" ? "" : groupingSuffix(field, several: several))
            var files: [JSONValue] = []
            let warningsBefore = writer.warnings.count
            for (base, table) in RunTables.tables(for: outcome.result, kind: analysis.spec.kind, run: run, groups: false, format: format) {
                let name = base + suffix + ".csv"
                observer.stage("write " + name)
                if case .ngrams(let ngrams) = outcome.result, let groups = ngrams.groupsAtOnce {
                    // Summed from a study's batches: as many groups at once as the budget allows.
                    try ParallelMap.withWorkers(groups) { () throws(DiscourseError) in
                        try writer.write(name, table) { observer.progress($0, of: $1, table.unit) }
                    }
                } else {
                    try writer.write(name, table) { observer.progress($0, of: $1, table.unit) }
                }
                if case .ngrams(let ngrams) = outcome.result, let failure = ngrams.readFailure {
                    writer.abandon()
                    throw failure
                }
                files.append(.string(name))
            }
            for file in try RunTables.files(for: outcome.result) {
                let name = file.base + suffix + "." + file.extension
                try writer.writeFile(name: name, bytes: file.bytes, items: file.items)
                files.append(.string(name))
            }
            if case .collocation(let collocation) = outcome.result, collocation.options.network {
                let name = analysis.spec.kind + suffix + ".graphml"
                observer.stage("write " + name)
                let network = collocation.network()
                try writer.writeFile(name: name, bytes: GraphMLWriter.render(network), items: network.edges.count)
                files.append(.string(name))
            }
            let writing = Array(writer.warnings[warningsBefore...])
            for warning in outcome.result.countingWarnings + writing { observer.warning(warning) }
            warnings += outcome.result.warnings + writing
            var graph = JSONValue.null
            if case .collocation(let collocation) = outcome.result { graph = .bool(collocation.options.network) }
            analysisRecords.append(.object([
                ("analysis", .string(analysis.spec.kind)), ("name", analysis.name.map(JSONValue.string) ?? .null),
                ("by", analysis.spec.kind == "tokens" ? .null : field.map(JSONValue.string) ?? .null),
                ("options", .object(analysis.spec.manifest(by: nil, result: outcome.result, graph: graph).filter { $0.0 != "by" })),
                ("files", .array(files)), ("warnings", .array((outcome.result.warnings + writing).map(JSONValue.string))),
            ]))
        }
        run.releaseResults()
        if let source = study.source {
            try writer.writeFile(name: studyCopy, bytes: source.bytes, items: 0)
        }
        if writer.workbook {
            observer.stage("write " + WorkbookExport.fileName)
            let before = writer.warnings.count
            try writer.writeWorkbook()
            let notes = Array(writer.warnings[before...])
            for note in notes { observer.warning(note) }
            warnings += notes
        }
        var manifest = RunManifest.study(run, arguments: arguments, output: output, groupings: groupingRecords,
                                         analyses: analysisRecords, warnings: warnings, outputs: writer.manifestOutputs)
        observer.stage("report")
        let report = try Report(manifest: manifest, tables: { writer.path(of: $0) })
        try writer.writeFile(name: Report.htmlFile, bytes: Array(try report.html().utf8), items: 0)
        try writer.writeFile(name: Report.markdownFile, bytes: Array(try report.markdown().utf8), items: 0)
        manifest = RunManifest.study(run, arguments: arguments, output: output, groupings: groupingRecords,
                                     analyses: analysisRecords, warnings: warnings, outputs: writer.manifestOutputs)
        observer.stage("manifest")
        try writer.finish(manifest: manifest)
        return writer.written.map { WrittenFile(name: $0.file, rows: $0.rows) }
    }

    /// The files a study will write in its folder, known before it runs.
    public static func plannedFiles(_ study: Study, workbook: Bool = false) -> [String] {
        let several = study.groupings.count > 1
        var names = study.groupings.map { "groups" + groupingSuffix($0, several: several) + ".csv" }
        for analysis in study.analyses {
            for g in analysis.groupings ?? Array(study.groupings.indices) {
                let suffix = (analysis.name.map { "_" + $0 } ?? "")
                    + (analysis.spec.kind == "tokens" ? "" : groupingSuffix(study.groupings[g], several: several))
                names += RunTables.bases(for: analysis.spec, grouped: study.groupings[g] != nil, groups: false).map { $0 + suffix + ".csv" }
                switch analysis.spec {
                case .cooccur(let options), .collocates(let options):
                    if options.network { names.append(analysis.spec.kind + suffix + ".graphml") }
                case .terms: names.append("terms-suggested" + suffix + ".txt")
                default: break
                }
            }
        }
        names = names.flatMap { $0.hasSuffix(".csv") ? [$0, CSVWMetadata.fileName(for: $0)] : [$0] }
        return names + (study.source == nil ? [] : [studyCopy]) + (workbook ? [WorkbookExport.fileName] : [])
            + [Report.htmlFile, Report.markdownFile]
    }

    /// `_by_year` when the study has several groupings, else nothing; characters other than
    /// letters, digits, `_` and `-` become `_`.
    static func groupingSuffix(_ field: String?, several: Bool) -> String {
        guard several, let field else { return "" }
        let safe = field.unicodeScalars.map { scalar -> String in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" ? String(scalar) : "_"
        }.joined()
        return "_by_" + safe
    }
}
