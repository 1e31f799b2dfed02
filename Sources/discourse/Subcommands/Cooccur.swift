import ArgumentParser
import DiscourseKit

struct Cooccur: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write cooccur.csv: every node–collocate pair with its 2×2 table and ten association measures.",
        discussion: """
            Counts how often each pair of types co-occurs (SPEC §4) in a window around the node \
            (default 5 tokens each side, inside one sentence), or in the same sentence or \
            document, and writes O11, R1, C1, N, E11 and the measures mi, mi3, npmi, t_score, \
            z_score, dice, log_dice, g2, chi2 and delta_p. Window rows are directional: \
            (a, b) and (b, a) are different rows. A stopword is never node or collocate but \
            keeps its place in the window.
            """)

    @OptionGroup(title: "Corpus") var corpus: CorpusFlags
    @OptionGroup(title: "Co-occurrence") var flags: CooccurrenceFlags

    @Option(help: ArgumentHelp("Only these nodes: a term, or a file with one term per line.", valueName: "term|file"))
    var nodes: String?

    @Option(help: ArgumentHelp("Keep each node's k strongest collocates by --sort.", valueName: "k"))
    var top: Int?

    @OptionGroup(title: "Tokens") var tokens: TokenFlags
    @OptionGroup(title: "Output") var output: OutputFlags
    @OptionGroup(title: "Resources") var resources: ResourceFlags

    func validate() throws {
        if flags.graph != nil && output.out == "-" {
            throw ValidationError("--graph writes a file beside the tables and their run.json; it cannot go with --out -")
        }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    mutating func run() throws {
        let (nodes, top, flags) = (self.nodes, self.top, self.flags)
        try reportingErrors {
            var nodeLines: [String]?
            if let nodes {
                nodeLines = FileSystem.exists(nodes) ? try LineFile.terms(nodes, option: "--nodes") : [nodes]
            }
            try runAnalysis("cooccur", mainFile: "cooccur.csv", corpus: corpus, tokens: tokens, output: output,
                            by: flags.grouping.by, analysis: .cooccur(try flags.options(nodes: nodeLines, top: top, changes: false)),
                            graph: flags.graph, resources: resources)
        }
    }
}
