/// A study carried out from one pass over the corpus: the documents loaded and tokenized
/// once, grouped by each grouping field, and every analysis run on its groupings from those
/// tokens. Results that stream (n-grams, co-occurrence, keyness, concordances) are computed
/// when the writer asks for them, a part at a time.
public struct StudyRun: Sendable {
    public let study: Study
    /// The corpus after reading: hashes, sizes and what reading noticed.
    public let corpus: Corpus
    /// The tokens, or only the vocabulary when the run counted its terms in batches.
    public let tokens: TokenizedCorpus
    /// Tokens of each document, in corpus order.
    public let documentTokens: [Int]
    /// The batches the corpus was read and counted in: 0 when its tokens were held in memory.
    public let batches: Int
    /// One input per grouping of the study, in the study's order.
    public let inputs: [AnalysisInput]
    /// Each analysis on each of its groupings, in the study's order.
    public let outcomes: [AnalysisOutcome]

    /// Loads, groups and tokenizes the corpus, then runs every analysis.
    ///
    /// Groupings are made before the texts are read, so that a grouping field the corpus
    /// lacks stops the run before the long pass.
    ///
    /// - Throws: `DiscourseError` from loading, reading, grouping or an analysis; an
    ///   analysis's error names where the study declares it.
    /// - Parameters:
    ///   - loaded: the corpus's metadata when the caller has loaded it already (from the
    ///     study's corpus options), so that it is not loaded twice.
    ///   - budget: the memory the run may use: when the corpus's tokens would not fit it, the
    ///     corpus is read and counted a batch of documents at a time (`BatchedTermCounts`):
    ///     term counts (keyness, trends, compare) summed over the batches, n-grams through
    ///     partial-count files, and the texts read again a chunk at a time where an analysis
    ///     reads tokens (cooccur, collocates, kwic, tokens, terms). Nil holds the tokens
    ///     whatever their size.
    ///   - tmp: where counts that would not fit the budget are written while the run lasts.
    public init(_ study: Study, loaded: Corpus? = nil, budget: MemoryBudget? = nil, tmp: String = "/tmp",
                observer: any RunObserver = SilentObserver()) throws(DiscourseError) {
        self.study = study
        observer.stage("load metadata")
        var corpusOptions = study.corpus
        corpusOptions.path = study.resolve(corpusOptions.path)
        var corpus: Corpus
        if let loaded {
            corpus = loaded
        } else {
            corpus = try Self.located("corpus", in: study) { () throws(DiscourseError) in try corpusOptions.load() }
        }
        var groupings: [Grouping] = []
        for field in study.groupings {
            let loaded = corpus
            let grouping = try Self.located("groupings", in: study) { () throws(DiscourseError) in try Grouping(loaded, by: field) }
            if let warning = grouping.leftOutWarning { observer.warning(warning) }
            groupings.append(grouping)
        }
        var tokenOptions = study.tokens
        tokenOptions.termFiles = tokenOptions.termFiles.map { LineFile.isBuiltinTerms($0) ? $0 : study.resolve($0) }
        tokenOptions.stopwordLists = tokenOptions.stopwordLists.map { LineFile.isBuiltinList($0) ? $0 : study.resolve($0) }
        let configuration = try Self.located("tokens", in: study) { () throws(DiscourseError) in
            try tokenOptions.configuration(defaultLanguage: study.corpus.language, keepOffsets: study.needsOffsets)
        }
        let requests = try study.termCountRequests(configuration)
        // Each n-gram analysis on each of its groupings.
        let ngramJobs = study.analyses.indices.flatMap { a -> [(analysis: Int, grouping: Int, options: NgramOptions)] in
            guard case .ngrams(let options) = study.analyses[a].spec else { return [] }
            return (study.analyses[a].groupings ?? Array(groupings.indices)).map { (a, $0, options) }
        }
        let plan = budget.map { budget in
            BatchedTermCounts.plan(corpus, budget: budget,
                                   termCounts: zip(groupings, requests).flatMap { grouping, requests in
                                       requests.map { (grouping, $0.sizes.max() ?? 1) }
                                   },
                                   documents: requests.joined().contains(where: \.documents),
                                   cooccurrence: study.cooccurrenceOptions.isEmpty ? [] : groupings,
                                   scopes: study.cooccurrenceOptions, offsets: configuration.keepOffsets,
                                   ngrams: ngramJobs.map { (groupings[$0.grouping], $0.options.sizes) },
                                   terms: study.analyses.contains { if case .terms = $0.spec { true } else { false } })
        }
        var ngramBatches: [Int: [Int: (batches: StudyNgramBatches, mergeWorkers: Int)]] = [:]
        if let plan, let budget, !plan.inMemory, Double(plan.keptBytes) > BatchedNgrams.planned(budget) {
            observer.warning("the term counts that keyness, trends and compare keep may need about \(MemoryBudget(bytes: plan.keptBytes).description), more than --memory \(budget.description) allows: the run may exceed it")
        }
        let batches = plan?.batches ?? [0..<corpus.documents.count]
        if let plan, !plan.inMemory {
            guard FileSystem.isFolder(tmp) == true else {
                throw DiscourseError("--tmp \(tmp): no such folder, for the temporary files of a run counted in batches")
            }
            for job in ngramJobs {
                let prepared = ShardCount.Prepared(corpus: corpusOptions, tokens: tokenOptions, options: job.options, loaded: corpus,
                                                   grouping: groupings[job.grouping], configuration: configuration)
                // Each group is summed whole from the batches' files: as many at once as fit.
                let merge = BatchedNgrams.plan(corpus, grouping: groupings[job.grouping], budget: budget!, sizes: job.options.sizes)
                if let (label, bytes) = merge.oversizedGroup {
                    observer.warning("group '\(label)' alone may need about \(MemoryBudget(bytes: bytes).description) for its n-gram tables, more than --memory \(budget!.description): the run may exceed it (group more finely, or count fewer lengths)")
                }
                ngramBatches[job.analysis, default: [:]][job.grouping] =
                    (try StudyNgramBatches(prepared, batches: batches.count, tmp: tmp), merge.mergeWorkers)
            }
            let counted = try BatchedTermCounts.count(&corpus, batches: batches, configuration: configuration,
                                                      groupings: groupings, requests: requests,
                                                      ngrams: ngramJobs.map { ngramBatches[$0.analysis]![$0.grouping]!.batches },
                                                      tmp: tmp, observer: observer)
            tokens = counted.tokens
            documentTokens = counted.documentTokens
            let loaded = corpus
            let texts = TextSource(corpus: loaded, session: counted.session, vocabulary: counted.tokens.vocabulary,
                                   chunkBytes: plan.chunkBytes, pairBytes: plan.pairBytes, tmp: tmp)
            inputs = groupings.indices.map { g in
                AnalysisInput(corpus: loaded, tokens: counted.tokens, grouping: groupings[g], counted: counted.counts[g],
                              summaries: counted.summaries[g], documents: texts)
            }
        } else {
            observer.stage("read+tokenize")
            tokens = try TokenPipeline.run(&corpus, configuration: configuration, observer: observer)
            documentTokens = tokens.documents.map(\.count)
            let loaded = corpus
            let tokens = self.tokens
            inputs = groupings.indices.map { g in
                AnalysisInput(corpus: loaded, tokens: tokens, grouping: groupings[g], counted: [:],
                              listed: Set(requests[g].filter(\.documents).map(\.sizes)))
            }
        }
        self.batches = plan?.inMemory == false ? batches.count : 0
        for warning in corpus.warnings { observer.warning(warning) }
        self.corpus = corpus
        var outcomes: [AnalysisOutcome] = []
        for (a, analysis) in study.analyses.enumerated() {
            for g in analysis.groupings ?? Array(study.groupings.indices) {
                let field = study.groupings[g]
                observer.stage(analysis.spec.kind + (analysis.name.map { " " + $0 } ?? "") + (field.map { " by \($0)" } ?? ""))
                do {
                    let result: AnalysisResult
                    if let (batches, mergeWorkers) = ngramBatches[a]?[g] {
                        // No more groups at once than the budget allows (tf-idf counts every group).
                        let source = try batches.source(mergeWorkers: mergeWorkers)
                        result = .ngrams(ParallelMap.withWorkers(mergeWorkers) { NgramResult(source: source) })
                    } else {
                        result = try analysis.spec.run(inputs[g], observer: observer)
                    }
                    for warning in result.warnings { observer.warning(warning) }
                    outcomes.append(AnalysisOutcome(analysis: a, grouping: g, result: result))
                } catch {
                    guard let location = analysis.location else { throw error }
                    throw DiscourseError("\(location) (\(analysis.spec.kind)\(field.map { " by \($0)" } ?? "")): \(error.message)")
                }
            }
        }
        self.outcomes = outcomes
    }

    /// Runs `body`, naming where the study file declares `key` in its error.
    static func located<T>(_ key: String, in study: Study, _ body: () throws(DiscourseError) -> T) throws(DiscourseError) -> T {
        do { return try body() } catch {
            guard let place = study.locations[key] else { throw error }
            throw DiscourseError("\(place) (\(key)): \(error.message)")
        }
    }

    /// Raw bytes read and tokens counted, for throughput figures.
    public var byteCount: Int { corpus.byteCount }
    public var tokenCount: Int { documentTokens.reduce(0, +) }
}

/// One analysis's result on one grouping.
public struct AnalysisOutcome: Sendable {
    /// Index into the study's analyses.
    public let analysis: Int
    /// Index into the study's groupings.
    public let grouping: Int
    public let result: AnalysisResult
}
