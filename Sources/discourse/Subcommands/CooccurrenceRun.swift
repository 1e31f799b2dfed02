import DiscourseKit
import Synchronization

/// The shared body of `cooccur` and `collocates`: load, tokenize, count each group, write
/// the table (and collocate changes, and the graph), then `run.json`.
struct CooccurrenceRun {
    let command: String
    let mainFile: String
    let corpus: CorpusOptions
    let flags: CooccurrenceFlags
    let tokens: TokenOptions
    let output: OutputOptions
    let nodeLines: [String]?
    let top: Int?
    let changes: Bool

    func run() throws {
        var timer = StageTimer()
        let measures = try flags.chosenMeasures()
        let setup = try AnalysisSetup(mainFile: mainFile, corpus: corpus, by: flags.by, tokens: tokens, output: output, timer: &timer)
        let (writer, grouping, tokenized, configuration) = (setup.writer, setup.grouping, setup.tokenized, setup.configuration)

        var nodes: Set<String>?
        if let nodeLines {
            let normalizer = try LineNormalizer(configuration)
            nodes = Set(nodeLines.map { normalizer.form(of: $0) })
            let missing = nodes!.filter { tokenized.vocabulary.forms.firstIndex(of: $0) == nil }.sorted()
            if !missing.isEmpty { warn(["node(s) not in the corpus: \(missing.joined(separator: ", "))"]) }
        }
        let counter = CooccurrenceCounter(tokenized, grouping: grouping, options: flags.options(nodes: nodes))
        let grouped = flags.by != nil
        let keepRows = changes || flags.graph != nil
        let kept = Mutex<[Int: [CooccurrenceRow]]>([:])
        let degenerate = Mutex<[String]>([])
        let frequencies = Mutex([Int](repeating: 0, count: tokenized.vocabulary.count))
        let vocabulary = tokenized.vocabulary
        let minCooc = flags.minCooc
        let sort = flags.sort
        let top = self.top
        let format = writer.format
        try writer.write(mainFile, header: CSVBuffer(format: format, header: CooccurrenceTableWriter.header(measures: measures, grouped: grouped)),
                         parts: grouping.groups.count, renderChunks: { g in
            let counts = counter.count(group: g)
            if counts.total < 2 { degenerate.withLock { $0.append(grouping.groups[g].label) } }
            let rows = counts.rows(minCooccurrence: minCooc, top: top, sort: sort, vocabulary: vocabulary)
            if keepRows {
                kept.withLock { $0[g] = rows }
                frequencies.withLock { total in for (i, f) in counts.frequencyByForm.enumerated() { total[i] += f } }
            }
            return CooccurrenceTableWriter.renderChunks(rows, group: grouped ? grouping.groups[g].label : nil,
                                                        measures: measures, vocabulary: vocabulary, format: format)
        })
        let rows = kept.withLock { $0 }
        let small = degenerate.withLock { $0 }
        if !small.isEmpty {
            let unit = flags.scope == .window ? "token" : flags.scope.rawValue
            warn(["fewer than two \(unit)s (N < 2) in \(small.count) group(s) (\(small.prefix(5).joined(separator: ", "))): their npmi, chi2 and delta_p are undefined"])
        }
        if changes && grouped {
            let perGroup = grouping.groups.indices.map { (label: grouping.groups[$0].label, rows: rows[$0] ?? []) }
            try writer.write("collocate_changes.csv", [CollocateChanges.render(perGroup, top: top, measure: sort,
                                                                               vocabulary: vocabulary, format: format)])
        }
        if let graph = flags.graph {
            let edges = grouping.groups.indices.flatMap { g in (rows[g] ?? []).map { (group: grouped ? grouping.groups[g].label : nil, row: $0) } }
            let bytes = GraphMLWriter.render(edges, directed: flags.scope == .window, measure: sort,
                                             frequencies: frequencies.withLock { $0 }, vocabulary: vocabulary)
            try writer.writeFile(path: graph, bytes: bytes, items: edges.count)
        }
        timer.lap("count+write")
        let nodeOptions: [(String, JSONValue)] = [
            ("nodes", nodeLines.map { .array($0.map(JSONValue.string)) } ?? .null), ("top", top.map(JSONValue.int) ?? .null),
        ]
        try setup.finish(command: command, options: corpus.manifest + flags.manifest + nodeOptions + tokens.manifest + output.manifest,
                         corpusPath: corpus.path)
        timer.lap("manifest")
        if output.stats { timer.report(bytes: setup.corpus.byteCount, tokens: tokenized.tokenCount) }
    }
}
