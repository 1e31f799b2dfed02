/// `discourse merge` (docs/partial-counts.md): sums the partial-count files of every shard of
/// a run and writes what `discourse ngrams` writes on one machine — `ngrams.csv`,
/// `groups.csv`, their metadata and `run.json` — byte for byte, except that `run.json` names
/// the merge as its command and lists the parts it merged.
public enum MergedOutput {
    /// What was merged, for the closing message.
    public struct Summary: Sendable {
        public let parts: Int
        public let documents: Int
        public let tokens: Int
        public let bytes: Int
    }

    /// - Parameters:
    ///   - paths: the partial-count files, in any order.
    ///   - outputOptions: the output options as `run.json` records them.
    ///   - command: the command `run.json` names; `merge` also lists the parts read
    ///     (`merged_from`), while `ngrams` counting in batches within its memory budget
    ///     writes the single run's `run.json`.
    /// - Throws: `DiscourseError` for a part that cannot be read or is damaged, parts that do
    ///   not belong together or leave a shard out, or a file that cannot be written; the
    ///   output folder is then left as it was.
    public static func write(parts paths: [String], to writer: OutputWriter, outputOptions: [(String, JSONValue)],
                             command: String = "merge", budget: MemoryBudget? = nil,
                             observer: any RunObserver = SilentObserver()) throws(DiscourseError) -> Summary {
        observer.stage(command == "merge" ? "check parts" : "merge batches")
        var parts: [PartialCountsFile] = []
        for (i, path) in paths.enumerated() { parts.append(try PartialCountsFile(path: path, keepListing: i == 0)) }
        let source = try MergedNgramSource(parts: parts)
        let header = source.header
        let readings = try source.readings()
        var corpus = Corpus(documents: header.documentIDs.map { Document(id: $0, metadata: [:], source: "", content: .string("")) },
                            fields: [], reader: CorpusReader(cleaner: try TextCleaner(patterns: header.strip)))
        corpus.warnings = header.loadWarnings
        corpus.filesWithoutMetadata = header.filesWithoutMetadata
        corpus.record(readings.map(\.reading))
        for warning in corpus.warnings { observer.warning(warning) }
        let grouping = Grouping(field: header.groupingField, groups: header.groups, leftOut: header.leftOut)
        if let warning = grouping.leftOutWarning { observer.warning(warning) }

        func writeTables() throws(DiscourseError) {
            let result = NgramResult(source: source)
            for name in ["ngrams.csv", "groups.csv"] {
                observer.stage("merge+write " + name)
                let table = name == "ngrams.csv" ? NgramTables.ngrams(result, format: writer.format)
                    : NgramTables.groups(result.summaries(), format: writer.format)
                try writer.write(name, table) { observer.progress($0, of: $1, table.unit) }
                if let failure = source.readFailure {
                    writer.abandon()
                    throw failure
                }
            }
        }
        if let budget {
            // Within a budget, as many groups are summed and written at once as it allows.
            let merging = BatchedNgrams.merging(grouping, bytes: { g in
                grouping.groups[g].documents.reduce(0) { $0 + readings[$1].reading.byteCount }
            }, budget: budget, sizes: source.options.sizes)
            if let warning = BatchedNgrams.oversizedWarning(merging.oversized, budget: budget, regroup: "count with a finer --by") {
                observer.warning(warning)
            }
            try ParallelMap.withWorkers(merging.workers) { () throws(DiscourseError) in try writeTables() }
        } else {
            try writeTables()
        }
        if writer.workbook {
            observer.stage("write " + WorkbookExport.fileName)
            try writer.writeWorkbook()
        }
        observer.stage("manifest")
        for warning in writer.warnings { observer.warning(warning) }
        corpus.warnings += grouping.leftOutWarning.map { [$0] } ?? []
        corpus.warnings += writer.warnings
        let options = header.corpusOptions + header.analysisOptions + header.tokenOptions + outputOptions
        var manifest = RunManifest.make(
            command: command, arguments: CommandLine.arguments, options: options, corpusPath: header.corpusPath,
            corpus: corpus, tokenCounts: readings.map(\.tokens), grouping: grouping, outputs: writer.manifestOutputs)
        if command == "merge", case .object(var fields) = manifest, let at = fields.firstIndex(where: { $0.0 == "arguments" }) {
            fields.insert(("merged_from", .array(source.parts.map { part in
                .object([("file", .string(part.path)), ("shard", .int(part.header.shard)), ("sha256", .string(part.sha256))])
            })), at: at + 1)
            manifest = .object(fields)
        }
        try writer.finish(manifest: manifest)
        return Summary(parts: parts.count, documents: readings.count, tokens: readings.reduce(0) { $0 + $1.tokens },
                       bytes: corpus.byteCount)
    }
}
