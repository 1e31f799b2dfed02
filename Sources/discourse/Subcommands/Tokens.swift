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

    @OptionGroup(title: "Corpus") var corpus: CorpusOptions
    @OptionGroup(title: "Tokens") var tokens: TokenOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    mutating func run() throws {
        try reportingErrors {
            var timer = StageTimer()
            let writer = try output.writer(mainFile: "tokens.csv")
            var loaded = try corpus.load()
            timer.lap("load metadata")
            let configuration = try tokens.configuration(defaultLanguage: corpus.lang, keepOffsets: true)
            let tokenized = try TokenPipeline.run(&loaded, configuration: configuration)
            warn(loaded.warnings)
            timer.lap("read+tokenize")
            try TokenTable.write(tokenized, documents: loaded.documents, to: writer)
            try writer.finish(manifest: RunManifest.make(
                command: "tokens", arguments: CommandLine.arguments, options: corpus.manifest + tokens.manifest + output.manifest,
                corpusPath: corpus.path, corpus: loaded, tokenCounts: tokenized.documents.map(\.count),
                grouping: nil, outputs: writer.manifestOutputs))
            timer.lap("manifest")
            if output.stats { timer.report(bytes: loaded.byteCount, tokens: tokenized.tokenCount) }
        }
    }
}
