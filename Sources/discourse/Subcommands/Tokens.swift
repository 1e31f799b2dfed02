import ArgumentParser
import DiscourseKit

struct Tokens: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write tokens.csv: every token with its sentence, position, offsets, surface, form and kind.",
        discussion: """
            Shows how ICU split each text (SPEC §2): one row per token in document order, with \
            0-based code point offsets into the NFC text, as R's and Python's string indexing \
            count. Use it to check segmentation, multi-word terms and stopwords before counting.
            """)

    @OptionGroup(title: "Corpus") var corpus: CorpusFlags
    @OptionGroup(title: "Tokens") var tokens: TokenFlags
    @OptionGroup(title: "Output") var output: OutputFlags
    @OptionGroup(title: "Resources") var resources: ResourceFlags

    mutating func run() throws {
        try runAnalysis("tokens", mainFile: "tokens.csv", corpus: corpus, tokens: tokens, output: output, by: nil, analysis: .tokens,
                        resources: resources)
    }
}
