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
            """)

    @Argument(help: ArgumentHelp("The study file.", valueName: "study.yaml"))
    var file: String

    @Option(help: ArgumentHelp("Output folder (default: the study's 'out', else discourse-out).", valueName: "dir"))
    var out: String?

    @Flag(help: "Write CSV for spreadsheets: UTF-8 BOM, CRLF line ends, and a ' before cells starting with = + - @.")
    var excel = false

    @Flag(help: "Also write the tables as one workbook, tables.xlsx, a sheet per table.")
    var xlsx = false

    @Flag(help: "No progress and no closing summary (warnings and errors still print).")
    var quiet = false

    @Flag(help: "Print per-stage timings, peak memory, MB/s and tokens/s on standard error.")
    var stats = false

    @OptionGroup(title: "Resources") var resources: ResourceFlags

    mutating func run() throws {
        let (file, out, excel, quiet, stats, xlsx, resources) = (self.file, self.out, self.excel, self.quiet, self.stats, self.xlsx, self.resources)
        try reportingErrors {
            let observer = TerminalObserver(stats: stats, quiet: quiet)
            let study = try StudyFile.load(file)
            let folder = out ?? study.outputFolder ?? "discourse-out"
            guard folder != "-" else { throw DiscourseError("--out -: a study writes a folder of tables; name one") }
            InterruptCleanup.install()
            let writer = try OutputWriter(destination: .folder(folder), format: CSVFormat(excel: excel), mainFile: "")
            writer.workbook = xlsx
            try writer.reserve(StudyOutput.plannedFiles(study, workbook: xlsx))
            let run = try StudyRun(study, budget: resources.budget, tmp: resources.temporaryFolder, observer: observer)
            if run.batches > 0 && !quiet {
                FileSystem.printError("discourse study: the corpus's tokens do not fit --memory \(resources.budget.description): counted in \(run.batches) batch\(run.batches == 1 ? "" : "es") of documents")
            }
            let written = try StudyOutput.write(run, to: writer, arguments: CommandLine.arguments,
                                                output: [("out", .string(folder)), ("excel", .bool(excel))] + (xlsx ? [("xlsx", .bool(true))] : [])
                                                    + resources.manifest,
                                                observer: observer)
            observer.finish(bytes: run.byteCount, tokens: run.tokenCount)
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
