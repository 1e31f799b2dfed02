import ArgumentParser
import DiscourseKit
import Foundation

@main
struct Discourse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discourse",
        abstract: "Comparative discourse analysis of dated document series.",
        discussion: """
            Load a corpus of dated documents (a folder of .txt files with metadata.csv, a CSV \
            file or a JSON Lines file), segment it with ICU, and write tidy CSV tables that R, \
            pandas and spreadsheets read directly. Every table is defined in SPEC.md; each \
            output folder gets a run.json recording versions, options and checksums.

            Examples:
              discourse study Corpora/sotu/study.yaml --out out/sotu
              discourse report out/sotu
              discourse tokens Corpora/safe-china --allow-outside-paths --out out/tokens
              discourse ngrams Corpora/sotu/data --n 1-3 --by year --out out/sotu
              discourse ngrams Corpora/cn-gov-work-reports --by year --n 2 --out - | head
              discourse cooccur Corpora/sotu/data --window 5 --min-cooc 3 --top 20 --out out/cooc
              discourse collocates Corpora/sotu/data --node freedom --by year --out out/freedom
              discourse keyness Corpora/sotu/data --by year --baseline previous:3 --out out/keyness
              discourse trends Corpora/cn-gov-work-reports --by year --where language=zh --out out/trends
              discourse kwic Corpora/sotu/data --node "national security" --by year --out out/kwic
              discourse count Corpora/sotu/data --n 1-3 --by year --shard 1/4 --out parts/1.dcounts
              discourse merge parts/*.dcounts --out out/ngrams
            """,
        version: "0.1.0",
        subcommands: [StudyCommand.self, ReportCommand.self, Tokens.self, Ngrams.self, Count.self, Merge.self, Terms.self, Cooccur.self, Collocates.self, Keyness.self, Trends.self, Compare.self, KWIC.self]
    )

    /// Runs the command line; a misspelt subcommand gets "did you mean", as a misspelt option
    /// does from ArgumentParser.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, let message = SubcommandSuggestion.message(for: first, among: subcommandNames) {
            FileSystem.printError("Error: \(message)\nUsage: discourse <subcommand>\n  See 'discourse --help' for more information.")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        main(arguments)
    }

    static var subcommandNames: [String] {
        configuration.subcommands.map { $0._commandName } + ["help"]
    }
}
