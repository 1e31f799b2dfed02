extension StudyRun {
    /// What every run of a study starts from, before any text is read: the corpus's metadata
    /// loaded and grouped by each grouping, the token configuration, the term counts each
    /// grouping's analyses will ask for, and the n-gram analyses. A run on one machine, a
    /// shard (`StudyShard`) and a merge of shards (`StudyRun(_:parts:...)`) share it.
    struct Setup {
        let study: Study
        /// The corpus and token options with their paths resolved against the study's folder.
        let corpusOptions: CorpusOptions
        let tokenOptions: TokenOptions
        let corpus: Corpus
        let groupings: [Grouping]
        let configuration: TokenizerConfiguration
        /// Per grouping, the term counts its analyses read (`Study.termCountRequests`).
        let requests: [[TermCounts.Request]]
        /// Each n-gram analysis on each of its groupings.
        let ngramJobs: [(analysis: Int, grouping: Int, options: NgramOptions)]

        /// Loads (unless `loaded`) and groups the corpus. Groupings are made before the texts
        /// are read, so that a grouping field the corpus lacks stops the run before the long
        /// pass.
        ///
        /// - Throws: `DiscourseError` from loading or grouping, or for bad token options,
        ///   naming where the study file declares what failed.
        init(_ study: Study, loaded: Corpus?, observer: any RunObserver) throws(DiscourseError) {
            self.study = study
            observer.stage("load metadata")
            var corpusOptions = study.corpus
            corpusOptions.path = study.resolve(corpusOptions.path)
            let corpus: Corpus
            if let loaded {
                corpus = loaded
            } else {
                corpus = try StudyRun.located("corpus", in: study) { () throws(DiscourseError) in try corpusOptions.load() }
            }
            var groupings: [Grouping] = []
            for field in study.groupings {
                let grouping = try StudyRun.located("groupings", in: study) { () throws(DiscourseError) in try Grouping(corpus, by: field) }
                if let warning = grouping.leftOutWarning { observer.warning(warning) }
                groupings.append(grouping)
            }
            var tokenOptions = study.tokens
            tokenOptions.termFiles = tokenOptions.termFiles.map { LineFile.isBuiltinTerms($0) ? $0 : study.resolve($0) }
            tokenOptions.stopwordLists = tokenOptions.stopwordLists.map { LineFile.isBuiltinList($0) ? $0 : study.resolve($0) }
            let options = tokenOptions
            configuration = try StudyRun.located("tokens", in: study) { () throws(DiscourseError) in
                try options.configuration(defaultLanguage: study.corpus.language, keepOffsets: study.needsOffsets)
            }
            requests = try study.termCountRequests(configuration)
            ngramJobs = study.analyses.indices.flatMap { a -> [(analysis: Int, grouping: Int, options: NgramOptions)] in
                guard case .ngrams(let options) = study.analyses[a].spec else { return [] }
                return (study.analyses[a].groupings ?? Array(groupings.indices)).map { (a, $0, options) }
            }
            self.corpusOptions = corpusOptions
            self.tokenOptions = tokenOptions
            self.corpus = corpus
            self.groupings = groupings
        }

        /// How the run is read within `budget`: in memory, or in batches of documents.
        func plan(_ budget: MemoryBudget) -> BatchedTermCounts.Plan {
            BatchedTermCounts.plan(corpus, budget: budget,
                                   // Counts of a few tracked terms cost next to nothing.
                                   termCounts: zip(groupings, requests).flatMap { grouping, requests in
                                       requests.filter { $0.terms == nil }.map { (grouping, $0.sizes.max() ?? 1) }
                                   },
                                   documents: requests.joined().contains { $0.documents && $0.terms == nil },
                                   cooccurrence: study.cooccurrenceOptions.isEmpty ? [] : groupings,
                                   scopes: study.cooccurrenceOptions, offsets: configuration.keepOffsets,
                                   ngrams: ngramJobs.map { (groupings[$0.grouping], $0.options.sizes) },
                                   terms: study.analyses.contains { if case .terms = $0.spec { true } else { false } })
        }

        /// How many groups of an n-gram analysis may be summed at once from partial-count
        /// files within `budget` (each group is summed whole), warning when one group alone
        /// may need more.
        func mergeWorkers(_ job: (analysis: Int, grouping: Int, options: NgramOptions), budget: MemoryBudget,
                          observer: any RunObserver) -> Int {
            let merge = BatchedNgrams.plan(corpus, grouping: groupings[job.grouping], budget: budget, sizes: job.options.sizes)
            if let warning = merge.oversizedWarning(budget) { observer.warning(warning) }
            return merge.mergeWorkers
        }

        /// What the partial-count files of an n-gram analysis record and are counted with.
        func prepared(_ job: (analysis: Int, grouping: Int, options: NgramOptions)) -> ShardCount.Prepared {
            ShardCount.Prepared(corpus: corpusOptions, tokens: tokenOptions, options: job.options, loaded: corpus,
                                grouping: groupings[job.grouping], configuration: configuration)
        }
    }
}
