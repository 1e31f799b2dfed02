import ArgumentParser
import DiscourseKit

extension CooccurrenceScope: ExpressibleByArgument {}
extension CooccurrenceMargins: ExpressibleByArgument {}
extension AssociationMeasure: ExpressibleByArgument {}

/// How co-occurrence is counted and which rows are kept (SPEC §4).
struct CooccurrenceFlags: ParsableArguments {
    @Option(help: "Co-occurrence unit: window (tokens within --window of the node, in one sentence), sentence or document.")
    var scope: CooccurrenceScope = .window

    @Option(name: .customLong("window"), help: ArgumentHelp("Window span: tokens on each side of the node.", valueName: "w"))
    var span = 5

    @Option(help: "Window margins: 'windows' (R1 = positions in the node's merged windows; SPEC §4) or 'tokens' (R1 = node frequency, as LancsBox, KH Coder and NLTK count; cells may go negative).")
    var margins: CooccurrenceMargins = .windows

    @Flag(help: "Let windows run across sentence ends.")
    var crossSentences = false

    @Option(help: ArgumentHelp("Keep pairs that co-occur at least this often.", valueName: "k"))
    var minCooc = 3

    @Option(help: ArgumentHelp("Types occurring fewer times (in the group) are neither node nor collocate.", valueName: "k"))
    var minFreq = 1

    @Option(help: ArgumentHelp("Measures to write, comma-separated (default: all): mi, mi3, npmi, t_score, z_score, dice, log_dice, g2, chi2, delta_p.", valueName: "list"))
    var measures: String?

    @Option(help: "The measure that ranks collocates for --top, graph weights and collocate changes.")
    var sort: AssociationMeasure = .logDice

    @OptionGroup var grouping: OptionalGroupingFlag

    @Option(help: ArgumentHelp("Also write the rows as a GraphML network (Gephi, igraph, networkx).", valueName: "file.graphml"))
    var graph: String?

    func validate() throws {
        guard span >= 1 else { throw ValidationError("--window must be at least 1") }
        guard minCooc >= 1 else { throw ValidationError("--min-cooc must be at least 1") }
        guard minFreq >= 1 else { throw ValidationError("--min-freq must be at least 1") }
        if margins == .tokens && scope != .window { throw ValidationError("--margins tokens applies to --scope window only") }
        if let graph, !graph.lowercased().hasSuffix(".graphml") { throw ValidationError("--graph takes a file name ending in .graphml") }
    }

    /// The library's options for these flags.
    func options(nodes: [String]?, top: Int?, changes: Bool) throws(DiscourseError) -> CollocationOptions {
        var options = CollocationOptions()
        options.counting.scope = scope
        options.counting.span = span
        options.counting.margins = margins
        options.counting.crossSentences = crossSentences
        options.counting.minFrequency = minFreq
        options.nodes = nodes
        options.minCooccurrence = minCooc
        options.top = top
        options.sort = sort
        if let measures { options.measures = try AssociationMeasure.list(measures) }
        options.changes = changes
        options.network = graph != nil
        return options
    }
}
