import ArgumentParser
import DiscourseKit

struct KWIC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "Write kwic.csv: every occurrence of the nodes with the text around it (a concordance).",
        discussion: """
            Keyword in context (SPEC §7): for each match of a node (a word, a multi-word term \
            from --terms, or an n-gram such as 'national security'), its document, sentence and \
            token positions, and the original text of up to --window tokens on each side, \
            whitespace folded. With --by, a group column and the groups in diachronic order.
            """)

    @OptionGroup(title: "Corpus") var corpus: CorpusOptions

    @Option(help: ArgumentHelp("A node to find (repeatable): a word, a multi-word term, or an n-gram.", valueName: "term"))
    var node: [String] = []

    @Option(help: ArgumentHelp("A file of nodes, one per line.", valueName: "file"))
    var nodes: String?

    @Option(name: .customLong("window"), help: ArgumentHelp("Tokens of context on each side.", valueName: "w"))
    var span = 10

    @Option(help: ArgumentHelp("Group by this field and order the lines by group.", valueName: "field"))
    var by: String?

    @OptionGroup(title: "Tokens") var tokens: TokenOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    func validate() throws {
        guard span >= 0 else { throw ValidationError("--window must be 0 or more") }
        guard !node.isEmpty || nodes != nil else { throw ValidationError("give a --node TERM or a --nodes FILE") }
    }

    mutating func run() throws {
        try reportingErrors {
            var timer = StageTimer()
            let setup = try AnalysisSetup(mainFile: "kwic.csv", corpus: corpus, by: by, tokens: tokens, output: output,
                                          keepOffsets: true, timer: &timer)
            let (writer, grouping, tokenized) = (setup.writer, setup.grouping, setup.tokenized)
            let lines = node + (try nodes.map { try LineFile.read($0, option: "--nodes") } ?? [])
            let (patterns, missing) = Concordance.patterns(lines, normalizer: try LineNormalizer(setup.configuration),
                                                           vocabulary: tokenized.vocabulary)
            if !missing.isEmpty { warn(["node(s) not in the corpus: \(missing.joined(separator: ", "))"]) }
            let order = grouping.groups.flatMap { group in group.documents.map { (document: $0, group: group.label) } }
            let grouped = by != nil
            let documents = setup.corpus.documents
            let span = self.span
            let format = writer.format
            try writer.write("kwic.csv", header: CSVBuffer(format: format, header: Concordance.header(grouped: grouped)),
                             parts: order.count) { p in
                let (index, group) = order[p]
                return Concordance.render(tokenized.documents[index], id: documents[index].id, group: grouped ? group : nil,
                                          patterns: patterns, span: span, format: format)
            }
            timer.lap("write")
            let options: [(String, JSONValue)] = [
                ("nodes", .array(lines.map(JSONValue.string))), ("window", .int(span)), ("by", by.map(JSONValue.string) ?? .null),
            ]
            try setup.finish(command: "kwic", options: corpus.manifest + options + tokens.manifest + output.manifest,
                             corpusPath: corpus.path)
            timer.lap("manifest")
            if output.stats { timer.report(bytes: setup.corpus.byteCount, tokens: tokenized.tokenCount) }
        }
    }
}
