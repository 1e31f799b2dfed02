import ICUText

/// One shard of a corpus's documents: shard `number` (from 1) of `count`.
public struct Shard: Sendable, Equatable {
    public let number: Int
    public let count: Int

    /// Parses `I/N` (1 ≤ I ≤ N), as `--shard` takes it.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let number = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(number) else {
            return nil
        }
        self.number = number
        self.count = count
    }

    /// Shard `number` (from 1) of `count`, 1 ≤ number ≤ count.
    init(number: Int, count: Int) {
        precondition((1...max(1, count)).contains(number), "shard \(number) of \(count)")
        self.number = number
        self.count = count
    }

    /// The documents of the shard among `documents` in corpus order: a contiguous run, the
    /// runs of all shards as even in number of documents as can be.
    public func range(of documents: Int) -> Range<Int> {
        documents * (number - 1) / count ..< documents * number / count
    }
}

/// `discourse count --shard I/N` (docs/partial-counts.md): counts the n-grams of one shard of
/// a corpus into a partial-count file that `discourse merge` sums with the other shards'.
///
/// Every shard loads the whole corpus's metadata (not its texts), groups it, and records the
/// grouping, the options and a hash of the document list, so that the merge can check the
/// parts belong together and write what the single-machine run writes; then it reads and
/// counts only its own documents.
public enum ShardCount {
    /// What a shard counted, for the closing message.
    public struct Summary: Sendable {
        public let documents: Int
        public let tokens: Int
        public let bytes: Int
        public let groups: Int
        public let forms: Int
        /// Batches the shard was counted in within the memory budget (1: all at once).
        public var batches = 1
    }

    /// Counts shard `shard` of the corpus into the partial-count file at `path`.
    ///
    /// - Throws: `DiscourseError` from loading, grouping, reading or tokenizing, or when the
    ///   file cannot be written (nothing is left half-written).
    public static func run(corpus corpusOptions: CorpusOptions, tokens tokenOptions: TokenOptions, by field: String?,
                           options: NgramOptions, shard: Shard, to path: String, budget: MemoryBudget = .machineDefault,
                           tmp: String = "/tmp", observer: any RunObserver = SilentObserver()) throws(DiscourseError) -> Summary {
        observer.stage("load metadata")
        let run = try Prepared(corpus: corpusOptions, tokens: tokenOptions, by: field, options: options, observer: observer)
        let range = shard.range(of: run.corpus.documents.count)
        return try run.count(range, number: shard.number, of: shard.count, to: path, budget: budget, tmp: tmp, observer: observer)
    }

    /// A corpus loaded and grouped, with the token configuration and the identity its parts
    /// record: what every shard (or batch) of one run shares.
    public struct Prepared: Sendable {
        public let corpusOptions: CorpusOptions
        public let tokenOptions: TokenOptions
        public let field: String?
        public let options: NgramOptions
        public let corpus: Corpus
        public let grouping: Grouping
        let configuration: TokenizerConfiguration
        let identity: JSONValue

        /// Loads the corpus's metadata (not its texts) and groups it.
        ///
        /// - Throws: `DiscourseError` from loading or grouping, or for bad token options.
        public init(corpus corpusOptions: CorpusOptions, tokens tokenOptions: TokenOptions, by field: String?,
                    options: NgramOptions, observer: any RunObserver) throws(DiscourseError) {
            let corpus = try corpusOptions.load()
            let grouping = try Grouping(corpus, by: field)
            if let warning = grouping.leftOutWarning { observer.warning(warning) }
            self.init(corpus: corpusOptions, tokens: tokenOptions, options: options, loaded: corpus, grouping: grouping,
                      configuration: try tokenOptions.configuration(defaultLanguage: corpusOptions.language, keepOffsets: false))
        }

        /// A run's corpus already loaded and grouped (a study counting its n-grams in batches).
        init(corpus corpusOptions: CorpusOptions, tokens tokenOptions: TokenOptions, options: NgramOptions,
             loaded corpus: Corpus, grouping: Grouping, configuration: TokenizerConfiguration) {
            self.corpusOptions = corpusOptions
            self.tokenOptions = tokenOptions
            field = grouping.field
            self.options = options
            self.corpus = corpus
            self.grouping = grouping
            self.configuration = configuration
            identity = .object([
                ("tool", .string("discourse")), ("version", .string(ToolVersion.current)),
                ("icu_version", .string(ICUVersion.icu)), ("unicode_version", .string(ICUVersion.unicode)),
                ("corpus_hash", .string(ShardCount.corpusHash(corpus))),
                ("options", .object([("corpus", .object(corpusOptions.manifest)), ("ngrams", .object(options.manifest(by: field))),
                                     ("tokens", .object(tokenOptions.manifest))])),
            ])
        }

        /// Reads, tokenizes and counts the documents in `range` (part `number` of `count`)
        /// into the partial-count file at `path`.
        ///
        /// - Throws: `DiscourseError` from reading or tokenizing, or when the file cannot be
        ///   written (nothing is left half-written).
        public func count(_ range: Range<Int>, number: Int, of count: Int, to path: String,
                          observer: any RunObserver) throws(DiscourseError) -> Summary {
            let part = Corpus(documents: Array(corpus.documents[range]), fields: corpus.fields, reader: corpus.reader)
            let (tokens, readings) = try TokenPipeline.tokenize(part, configuration: configuration, observer: observer)
            return try write(tokens, readings: readings, range: range, number: number, of: count, to: path, observer: observer)
        }

        /// Counts the documents in `range` (part `number` of `count`) into the partial-count
        /// file at `path` within `budget`: when they would not fit (`BatchedNgrams.plan`),
        /// a batch of them at a time into files in a folder of its own under `tmp`, which are
        /// then summed group by group into the one file. The file holds the same counts either
        /// way (its tables' rows may lie in another order), so the merge writes the same bytes.
        ///
        /// - Throws: `DiscourseError` from reading or tokenizing, or when `tmp` or the file
        ///   cannot be written (nothing is left half-written; the temporary folder is removed).
        public func count(_ range: Range<Int>, number: Int, of count: Int, to path: String, budget: MemoryBudget,
                          tmp: String, observer: any RunObserver) throws(DiscourseError) -> Summary {
            let part = Corpus(documents: Array(corpus.documents[range]), fields: corpus.fields, reader: corpus.reader)
            let plan = BatchedNgrams.plan(part, grouping: groups(of: range), budget: budget, sizes: options.sizes)
            if let warning = plan.oversizedWarning(budget, regroup: "group more finely with --by") { observer.warning(warning) }
            guard plan.batches.count > 1 else {
                observer.stage("read+tokenize shard \(number)/\(count)")
                return try self.count(range, number: number, of: count, to: path, observer: observer)
            }
            let folder = try SpillFolder(in: tmp, prefix: "discourse-shard")
            var batches: [PartialCountsFile] = []
            for (b, batch) in plan.batches.enumerated() {
                observer.stage("read+tokenize shard \(number)/\(count), batch \(b + 1)/\(plan.batches.count)")
                let file = folder.path + "/\(b + 1).dcounts"
                let documents = range.lowerBound + batch.lowerBound ..< range.lowerBound + batch.upperBound
                _ = try self.count(documents, number: b + 1, of: plan.batches.count, to: file, observer: observer)
                batches.append(try PartialCountsFile(path: file, keepListing: b == 0))
            }
            let source = try MergedNgramSource(parts: batches)
            let readings = batches.flatMap(\.header.readings)
            observer.stage("sum batches+write part \(number)/\(count)")
            try ParallelMap.withWorkers(plan.mergeWorkers) { () throws(DiscourseError) in
                try write(source, vocabulary: source.vocabulary, readings: readings, number: number, of: count, to: path,
                          splitting: false, observer: observer)
            }
            return Summary(documents: range.count, tokens: readings.reduce(0) { $0 + $1.tokens },
                           bytes: readings.reduce(0) { $0 + $1.reading.byteCount }, groups: grouping.groups.count,
                           forms: source.vocabulary.count, batches: plan.batches.count)
        }

        /// The grouping restricted to the documents in `range`, with indices into them.
        private func groups(of range: Range<Int>) -> Grouping {
            let groups = grouping.groups.map { group in
                Group(label: group.label, documents: group.documents.filter(range.contains).map { $0 - range.lowerBound },
                      firstDate: group.firstDate, lastDate: group.lastDate)
            }
            return Grouping(field: field, groups: groups, leftOut: grouping.leftOut)
        }

        /// Counts the documents in `range`, tokenized (`tokens`, in corpus order) and read
        /// (`readings`), into the partial-count file at `path` as part `number` of `count`.
        ///
        /// - Throws: `DiscourseError` when the file cannot be written (nothing is left
        ///   half-written).
        func write(_ tokens: TokenizedCorpus, readings: [CorpusReader.Reading], range: Range<Int>, number: Int, of count: Int,
                   to path: String, observer: any RunObserver) throws(DiscourseError) -> Summary {
            let partGrouping = groups(of: range)
            let counter = NgramCounter(tokens, grouping: partGrouping, options: options)
            let shardReadings = zip(readings, tokens.documents).enumerated().map { i, pair in
                PartialCountsHeader.ShardReading(document: range.lowerBound + i, tokens: pair.1.count, reading: pair.0)
            }
            observer.stage("count+write part \(number)/\(count)")
            // With a group per core to count, each group is counted whole on one core; with
            // fewer, one group at a time, split over the cores (BatchedNgrams plans for both).
            let whole = partGrouping.groups.filter { !$0.documents.isEmpty }.count >= ParallelMap.workers
            try write(counter, vocabulary: tokens.vocabulary, readings: shardReadings, number: number, of: count, to: path,
                      splitting: !whole, observer: observer)
            return Summary(documents: range.count, tokens: tokens.tokenCount, bytes: readings.reduce(0) { $0 + $1.byteCount },
                           groups: grouping.groups.count, forms: tokens.vocabulary.count)
        }

        /// Writes the groups' tables of `source` (counted from tokens, or summed from a shard's
        /// batches), with the documents' `readings`, to the partial-count file at `path` as
        /// part `number` of `count`: one group per core at a time, or with `splitting` one
        /// group at a time split over the cores.
        private func write(_ source: some NgramSource, vocabulary: VocabularyTable, readings: [PartialCountsHeader.ShardReading],
                           number: Int, of count: Int, to path: String, splitting: Bool,
                           observer: any RunObserver) throws(DiscourseError) {
            let header = PartialCountsHeader(
                shard: number, shards: count, identity: identity, corpusOptions: corpusOptions.manifest,
                analysisOptions: options.manifest(by: field), tokenOptions: tokenOptions.manifest, ngramOptions: options,
                corpusPath: corpusOptions.path, strip: corpusOptions.strip, loadWarnings: corpus.warnings,
                filesWithoutMetadata: corpus.filesWithoutMetadata, documentIDs: corpus.documents.map(\.id),
                readings: readings, grouping: grouping)
            let writer = try PartialCountsWriter(path: path, header: header, vocabulary: vocabulary)
            let batch = splitting ? 1 : ParallelMap.workers
            var next = 0
            while next < source.groupCount {
                let upper = min(source.groupCount, next + batch)
                let counted = source.count(groups: next..<upper, splitting: splitting)
                if let failure = source.readFailure {
                    writer.abandon()
                    throw failure
                }
                let blocks = ParallelMap.run(counted.count) { i in
                    PartialGroupCounts.encode(counted[i], forms: counted[i].forms?.members ?? [])
                }
                for block in blocks { try writer.append(block) }
                next = upper
                observer.progress(next, of: source.groupCount, "groups")
            }
            try writer.finish()
            MemoryRelease.returnFreedMemory()
        }
    }

    /// SHA-256 of the corpus's document list as loaded: each document's id and metadata
    /// (fields in code point order), in corpus order. Shards of one run share it.
    static func corpusHash(_ corpus: Corpus) -> String {
        let documents = corpus.documents
        let listing: JSONValue = .generated(GeneratedArray(count: documents.count) { i in
            .array([.string(documents[i].id), .object(documents[i].metadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .map { ($0.key, JSONValue.string($0.value)) })])
        })
        // Hashed as it is serialized: the listing of a large corpus is never one string.
        let digest = SHA256Digest()
        listing.serialize { chunk in
            var chunk = chunk
            chunk.withUTF8 { digest.update(UnsafeRawBufferPointer($0)) }
        }
        return digest.hexDigest()
    }
}
