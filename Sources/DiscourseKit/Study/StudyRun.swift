/// A study carried out from one pass over the corpus: the documents loaded and tokenized
/// once, grouped by each grouping field, and every analysis run on its groupings from those
/// tokens. Results that stream (n-grams, co-occurrence, keyness, concordances) are computed
/// when the writer asks for them, a part at a time.
public struct StudyRun: Sendable {
    public let study: Study
    /// The corpus after reading: hashes, sizes and what reading noticed.
    public let corpus: Corpus
    /// The tokens, or only the vocabulary when the run counted its terms in batches.
    public private(set) var tokens: TokenizedCorpus
    /// Tokens of each document, in corpus order.
    public let documentTokens: [Int]
    /// The batches the corpus was read and counted in: 0 when its tokens were held in memory.
    public let batches: Int
    /// One input per grouping of the study, in the study's order.
    public private(set) var inputs: [AnalysisInput]
    /// Each analysis on each of its groupings, in the study's order.
    public private(set) var outcomes: [AnalysisOutcome]
    /// The parts a run merged from its shards (`run.json`'s `merged_from`); nil when it read
    /// the texts.
    public let mergedFrom: [JSONValue]?

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
        let setup = try Setup(study, loaded: loaded, observer: observer)
        var corpus = setup.corpus
        let (groupings, configuration, requests) = (setup.groupings, setup.configuration, setup.requests)
        let plan = budget.map { setup.plan($0) }
        var ngramSources: [Int: [Int: NgramJobSource]] = [:]
        if let plan, let budget, !plan.inMemory, Double(plan.keptBytes) > BatchedNgrams.planned(budget) {
            observer.warning("the term counts that keyness, trends and compare keep may need about \(MemoryBudget(bytes: plan.keptBytes).description), more than the \(MemoryBudget(bytes: Int(BatchedNgrams.planned(budget))).description) that --memory \(budget.description) leaves for counts: the run may exceed it")
        }
        let batches = plan?.batches ?? [0..<corpus.documents.count]
        let tokens: TokenizedCorpus
        let documentTokens: [Int]
        let inputs: [AnalysisInput]
        if let plan, let budget, !plan.inMemory {
            guard FileSystem.isFolder(tmp) == true else {
                throw DiscourseError("--tmp \(tmp): no such folder, for the temporary files of a run counted in batches")
            }
            var jobs: [StudyNgramBatches] = []
            for job in setup.ngramJobs {
                // Each group is summed whole from the batches' files: as many at once as fit.
                let mergeWorkers = setup.mergeWorkers(job, budget: budget, observer: observer)
                let batched = try StudyNgramBatches(setup.prepared(job), batches: batches.count, tmp: tmp)
                jobs.append(batched)
                ngramSources[job.analysis, default: [:]][job.grouping] =
                    NgramJobSource(mergeWorkers: mergeWorkers) { () throws(DiscourseError) in try batched.source(mergeWorkers: mergeWorkers) }
            }
            let counted = try BatchedTermCounts.count(corpus, batches: batches, configuration: configuration,
                                                      groupings: groupings, requests: requests, ngrams: jobs,
                                                      tmp: tmp, observer: observer)
            corpus.record(counted.readings)
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
            inputs = groupings.indices.map { g in
                AnalysisInput(corpus: loaded, tokens: tokens, grouping: groupings[g], counted: [:],
                              listed: Set(requests[g].filter { $0.documents && $0.terms == nil }.map(\.sizes)))
            }
        }
        for warning in corpus.warnings { observer.warning(warning) }
        self.init(study: study, corpus: corpus, tokens: tokens, documentTokens: documentTokens,
                  batches: plan?.inMemory == false ? batches.count : 0, inputs: inputs,
                  outcomes: try Self.outcomes(study, inputs: inputs, ngrams: ngramSources, observer: observer))
    }

    init(study: Study, corpus: Corpus, tokens: TokenizedCorpus, documentTokens: [Int], batches: Int, inputs: [AnalysisInput],
         outcomes: [AnalysisOutcome], mergedFrom: [JSONValue]? = nil) {
        self.mergedFrom = mergedFrom
        self.study = study
        self.corpus = corpus
        self.tokens = tokens
        self.documentTokens = documentTokens
        self.batches = batches
        self.inputs = inputs
        self.outcomes = outcomes
    }

    /// Drops the tokens, the term counts and the analyses' results, once their tables are
    /// written, so that the report and `run.json`, which need only the corpus and the
    /// documents' token counts, are built without them (a 10 GB study peaked at that stage).
    mutating func releaseResults() {
        inputs = []
        outcomes = []
        tokens = TokenizedCorpus(documents: [], vocabulary: VocabularyTable(forms: [], isStopword: []),
                                 configuration: tokens.configuration)
        MemoryRelease.returnFreedMemory()
    }

    /// An n-gram analysis's tables on one grouping summed from partial-count files (a study
    /// counted in batches or in shards), with how many groups may be summed at once.
    struct NgramJobSource {
        let mergeWorkers: Int
        let make: () throws(DiscourseError) -> any NgramSource
    }

    /// Runs each analysis on each of its groupings, in the study's order; n-gram analyses
    /// with a source in `ngrams` (by analysis, then grouping) read their tables from it.
    static func outcomes(_ study: Study, inputs: [AnalysisInput], ngrams: [Int: [Int: NgramJobSource]],
                         observer: any RunObserver) throws(DiscourseError) -> [AnalysisOutcome] {
        var outcomes: [AnalysisOutcome] = []
        for (a, analysis) in study.analyses.enumerated() {
            for g in analysis.groupings ?? Array(study.groupings.indices) {
                let field = study.groupings[g]
                observer.stage(analysis.spec.kind + (analysis.name.map { " " + $0 } ?? "") + (field.map { " by \($0)" } ?? ""))
                do {
                    let result: AnalysisResult
                    if let job = ngrams[a]?[g] {
                        // No more groups at once than the budget allows (tf-idf counts every group).
                        let source = try job.make()
                        result = .ngrams(ParallelMap.withWorkers(job.mergeWorkers) { NgramResult(source: source) })
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
        return outcomes
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
