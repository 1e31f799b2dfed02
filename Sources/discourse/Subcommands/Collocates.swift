import ArgumentParser
import DiscourseKit

struct Collocates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write collocates.csv for one node (per group with --by) and collocate_changes.csv.",
        discussion: """
            The everyday view of co-occurrence: the collocates of one word or multi-word term \
            (from --terms), ranked by --sort, with the same columns as cooccur.csv (SPEC §4). \
            With --by, one block per group in diachronic order, and collocate_changes.csv lists \
            for each pair of consecutive groups the collocates that entered or left the top --top.
            """)

    @OptionGroup(title: "Corpus") var corpus: CorpusFlags

    @Option(help: ArgumentHelp("The node: a word or a multi-word term (normalized like a token form).", valueName: "term"))
    var node: String

    @OptionGroup(title: "Co-occurrence") var flags: CooccurrenceFlags

    @Option(help: ArgumentHelp("Keep the k strongest collocates by --sort in each group (0: all); collocate changes compare these.", valueName: "k"))
    var top = 20

    @OptionGroup(title: "Tokens") var tokens: TokenFlags
    @OptionGroup(title: "Output") var output: OutputFlags
    @OptionGroup(title: "Resources") var resources: ResourceFlags

    func validate() throws {
        if flags.graph != nil && output.out == "-" {
            throw ValidationError("--graph writes a file beside the tables and their run.json; it cannot go with --out -")
        }
        guard top >= 0 else { throw ValidationError("--top must be 0 (all) or more") }
    }

    mutating func run() throws {
        let (node, top, flags) = (self.node, self.top, self.flags)
        try reportingErrors {
            try runAnalysis("collocates", mainFile: "collocates.csv", corpus: corpus, tokens: tokens, output: output,
                            by: flags.grouping.by,
                            analysis: .collocates(try flags.options(nodes: [node], top: top == 0 ? nil : top, changes: true)),
                            graph: flags.graph, resources: resources)
        }
    }
}
