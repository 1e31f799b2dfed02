import ArgumentParser
import DiscourseKit

struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Run a study file: every analysis of a corpus from one pass, its tables, run.json and report.html.",
        discussion: """
            A study file (YAML) names the corpus and how to read it, token options, one or more \
            groupings (year, decade, session, any metadata column) and the analyses with the \
            options their commands take: ngrams, collocates, cooccur, keyness, trends, compare, \
            kwic, tokens. The corpus is read and tokenized once; every analysis of every grouping \
            reads that one pass. The folder gets every table (named for what it holds, with the \
            grouping in the name when there are several), a copy of the study file, report.html \
            (charts, self-contained), report.md and run.json. See docs/study-files.md.

            Example:
              discourse study Corpora/sotu/study.yaml --out out/sotu

            A study whose analyses run from counts (ngrams, keyness, trends, compare) can be \
            split over several jobs (a Slurm job array, docs/cluster.md): each job counts one \
            shard of the documents into a part folder with --shard I/N --out PART, and \
            --merge PART... sums the parts of all shards and writes what the study writes on \
            one machine, byte for byte but for run.json (docs/partial-counts.md):
              for i in 1 2 3 4; do discourse study S.yaml --shard $i/4 --out parts/$i; done
              discourse study S.yaml --merge parts/1 parts/2 parts/3 parts/4 --out out/s
            """)

    @Argument(help: ArgumentHelp("The study file.", valueName: "study.yaml"))
    var file: String

    @Option(help: ArgumentHelp("Output folder (default: the study's 'out', else discourse-out); with --shard, the part folder to write.", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Count only shard I of N of the documents into the part folder --out, for --merge.", valueName: "i/n"))
    var shard: String?

    @Option(parsing: .upToNextOption,
            help: ArgumentHelp("Run the study from the part folders of all its shards (--shard) instead of the texts.", valueName: "part"))
    var merge: [String] = []

    @Flag(help: "Write CSV for spreadsheets: UTF-8 BOM, CRLF line ends, and a ' before cells starting with = + - @.")
    var excel = false

    @Flag(help: "Also write the tables as one workbook, tables.xlsx, a sheet per table.")
    var xlsx = false

    @Flag(help: "No progress and no closing summary (warnings and errors still print).")
    var quiet = false

    @Flag(help: "Print per-stage timings, peak memory, MB/s and tokens/s on standard error.")
    var stats = false

    @OptionGroup(title: "Resources") var resources: ResourceFlags

    func validate() throws {
        if let shard {
            guard Shard(shard) != nil else { throw ValidationError("--shard \(shard): give I/N with 1 ≤ I ≤ N, e.g. --shard 2/4") }
            guard merge.isEmpty else { throw ValidationError("--shard and --merge: a run either counts a shard or merges the parts, not both") }
            guard let out, out != "-" else { throw ValidationError("--shard: name the part folder to write with --out, e.g. --out parts/1") }
            guard !excel, !xlsx else { throw ValidationError("--shard writes a part for --merge, not tables: give --excel or --xlsx to the merge") }
        }
    }

    mutating func run() throws {
        let (file, out, excel, quiet, stats, xlsx, resources) = (self.file, self.out, self.excel, self.quiet, self.stats, self.xlsx, self.resources)
        let (shard, parts) = (self.shard.flatMap(Shard.init), merge)
        try reportingErrors {
            let observer = TerminalObserver(stats: stats, quiet: quiet)
            let study = try StudyFile.load(file)
            if let shard, let out {
                InterruptCleanup.install()
                let summary = try StudyShard.count(study, shard: shard, to: out, budget: resources.budget,
                                                   tmp: resources.temporaryFolder, observer: observer)
                observer.finish(bytes: summary.bytes, tokens: summary.tokens)
                if !quiet {
                    FileSystem.printError("discourse study: shard \(shard.number)/\(shard.count): \(summary.documents) document\(summary.documents == 1 ? "" : "s"), \(summary.tokens) tokens → \(out)/")
                }
                return
            }
            let folder = out ?? study.outputFolder ?? "discourse-out"
            guard folder != "-" else { throw DiscourseError("--out -: a study writes a folder of tables; name one") }
            InterruptCleanup.install()
            let writer = try OutputWriter(destination: .folder(folder), format: CSVFormat(excel: excel), mainFile: "")
            writer.workbook = xlsx
            try writer.reserve(StudyOutput.plannedFiles(study, workbook: xlsx))
            let run = parts.isEmpty
                ? try StudyRun(study, budget: resources.budget, tmp: resources.temporaryFolder, observer: observer)
                : try StudyRun(study, parts: parts, budget: resources.budget, tmp: resources.temporaryFolder, observer: observer)
            if run.batches > 0 && !quiet {
                FileSystem.printError("discourse study: the corpus's tokens do not fit --memory \(resources.budget.description): counted in \(run.batches) batch\(run.batches == 1 ? "" : "es") of documents")
            }
            let (bytes, tokens) = (run.byteCount, run.tokenCount)
            let written = try StudyOutput.write(consume run, to: writer, arguments: CommandLine.arguments,
                                                output: [("out", .string(folder)), ("excel", .bool(excel))] + (xlsx ? [("xlsx", .bool(true))] : [])
                                                    + resources.manifest,
                                                observer: observer)
            observer.finish(bytes: bytes, tokens: tokens)
            if !quiet { summarize(written, folder: folder, title: study.title) }
        }
    }

    /// What was written where, on standard error.
    func summarize(_ files: [StudyOutput.WrittenFile], folder: String, title: String?) {
        let width = (files.map(\.name.count).max() ?? 0) + 2
        var lines = ["discourse: study\(title.map { " \"\($0)\"" } ?? "") written to \(folder)/"]
        for file in files where !file.name.hasSuffix("-metadata.json") {
            let unit = file.name.hasSuffix(".csv") || file.name.hasSuffix(".xlsx") ? "row" : file.name.hasSuffix(".graphml") ? "edge" : ""
            let rows = unit.isEmpty ? "" : "\(file.rows) \(unit)\(file.rows == 1 ? "" : "s")"
            lines.append("  " + file.name + String(repeating: " ", count: width - file.name.count) + rows)
        }
        lines.append("  run.json, and beside each table its CSV on the Web metadata (.csv-metadata.json)")
        lines.append("Open \(folder.appendingPathComponent(Report.htmlFile)) in a browser.")
        FileSystem.printError(lines.joined(separator: "\n"))
    }
}

extension String {
    func appendingPathComponent(_ name: String) -> String { hasSuffix("/") ? self + name : self + "/" + name }
}
