import ArgumentParser
import DiscourseKit

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sum the partial-count files of every shard ('discourse count') and write ngrams.csv and groups.csv.",
        discussion: """
            The parts may be given in any order; they must come from one run (same corpus, \
            options and discourse version) and hold every shard once. The tables and their \
            metadata are those 'discourse ngrams' writes on one machine, byte for byte; \
            run.json names the merge and the parts it read (docs/partial-counts.md). Within \
            --memory, as many groups are summed and written at once as it allows.
            """)

    @Argument(help: ArgumentHelp("The partial-count files of all shards.", valueName: "part"))
    var parts: [String]

    @OptionGroup(title: "Output") var output: OutputFlags
    @OptionGroup(title: "Resources") var resources: MemoryFlag

    func validate() throws {
        guard !parts.isEmpty else { throw ValidationError("Missing expected argument '<part> ...'") }
    }

    mutating func run() throws {
        try reportingErrors {
            let observer = TerminalObserver(stats: output.stats, quiet: output.quiet)
            InterruptCleanup.install()
            let writer = try output.writer(mainFile: "ngrams.csv")
            try writer.reserve(CommandOutput.plannedFiles(.ngrams(NgramOptions()), by: nil, workbook: writer.workbook))
            let summary = try MergedOutput.write(parts: parts, to: writer, outputOptions: output.manifest + resources.manifest,
                                                 budget: resources.budget, observer: observer)
            observer.finish(bytes: summary.bytes, tokens: summary.tokens)
            guard output.out != "-", !output.quiet else { return }
            let tables = writer.written.filter { ($0.file.hasSuffix(".csv") || $0.file.hasSuffix(".xlsx")) && !$0.file.contains("/") }
            FileSystem.printError("discourse merge: \(summary.parts) part\(summary.parts == 1 ? "" : "s"), \(summary.documents) documents: "
                + Self.written(tables: tables, folder: output.out))
        }
    }

    private static func written(tables: [(file: String, rows: Int, sha256: String)], folder: String) -> String {
        let files = tables.map { "\($0.file) (\($0.rows) row\($0.rows == 1 ? "" : "s"))" } + ["run.json"]
        return "wrote \(files.joined(separator: ", ")) to \(folder)/"
    }
}
