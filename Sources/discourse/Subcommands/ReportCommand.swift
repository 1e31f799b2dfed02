import ArgumentParser
import DiscourseKit

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild report.html and report.md of a finished study folder from its tables.",
        discussion: """
            Reads the folder's run.json and tables and writes report.html and report.md again \
            (and their new SHA-256 into run.json), without reading the corpus or recomputing. \
            With --template, the HTML comes from your own Mustache template, which sees the same \
            values as the built-in one (see docs/study-files.md).
            """)

    @Argument(help: ArgumentHelp("A folder written by discourse study.", valueName: "dir"))
    var folder: String

    @Option(help: ArgumentHelp("A Mustache template for report.html instead of the built-in one.", valueName: "file"))
    var template: String?

    @Option(help: ArgumentHelp("A Mustache template for report.md instead of the built-in one.", valueName: "file"))
    var markdownTemplate: String?

    mutating func run() throws {
        let (folder, template, markdownTemplate) = (self.folder, self.template, self.markdownTemplate)
        try reportingErrors {
            InterruptCleanup.install()
            try ReportRebuild.run(folder: folder, htmlTemplate: template.map { try LineFile.text($0, option: "--template") },
                                  markdownTemplate: markdownTemplate.map { try LineFile.text($0, option: "--markdown-template") })
            FileSystem.printError("discourse: wrote \(folder.appendingPathComponent(Report.htmlFile)) and \(Report.markdownFile)")
        }
    }
}
