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

    @OptionGroup(title: "Corpus") var corpus: CorpusFlags

    @Option(help: ArgumentHelp("A node to find (repeatable): a word, a multi-word term, or an n-gram.", valueName: "term"))
    var node: [String] = []

    @Option(help: ArgumentHelp("A file of nodes, one per line.", valueName: "file"))
    var nodes: String?

    @Option(name: .customLong("window"), help: ArgumentHelp("Tokens of context on each side.", valueName: "w"))
    var span = 10

    @Option(help: ArgumentHelp("At most k lines per node in each group, the first in document order.", valueName: "k"))
    var limit: Int?

    @OptionGroup(title: "Concordance") var grouping: OptionalGroupingFlag
    @OptionGroup(title: "Tokens") var tokens: TokenFlags
    @OptionGroup(title: "Output") var output: OutputFlags
    @OptionGroup(title: "Resources") var resources: ResourceFlags

    func validate() throws {
        guard span >= 0 else { throw ValidationError("--window must be 0 or more") }
        guard !node.isEmpty || nodes != nil else { throw ValidationError("give a --node TERM or a --nodes FILE") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    mutating func run() throws {
        let (node, nodes, span, limit, resources) = (self.node, self.nodes, self.span, self.limit, self.resources)
        try reportingErrors {
            var options = ConcordanceOptions()
            options.nodes = node + (try nodes.map { try LineFile.terms($0, option: "--nodes") } ?? [])
            options.span = span
            options.limit = limit
            try runAnalysis("kwic", mainFile: "kwic.csv", corpus: corpus, tokens: tokens, output: output,
                            by: grouping.by, analysis: .kwic(options), resources: resources)
        }
    }
}
