extension StudyRun {
    /// A study run from the parts of all its shards (`StudyShard`) instead of the texts:
    /// `discourse study STUDY --merge PARTS...`. The parts' vocabularies are merged by text,
    /// the groups' figures and term counts summed, the documents' lists and readings taken
    /// from the shard that read each document, and the n-gram analyses summed from the
    /// parts' partial-count files; then every analysis runs as it does on one machine, so the
    /// output is the same byte for byte but for `run.json`, which lists the parts
    /// (`merged_from`).
    ///
    /// - Parameters:
    ///   - parts: the part folders, in any order.
    ///   - budget: bounds the n-gram groups summed at once; the documents' lists go to `tmp`
    ///     in blocks when there is a budget.
    /// - Throws: `DiscourseError` for a study with an analysis that reads texts, parts of
    ///   another run (study file, corpus, versions), a shard missing or given twice, a
    ///   document counted twice or not at all, or a damaged part.
    public init(_ study: Study, parts: [String], budget: MemoryBudget? = nil, tmp: String = "/tmp",
                observer: any RunObserver = SilentObserver()) throws(DiscourseError) {
        try StudyPart.checkAnalyses(study)
        let setup = try Setup(study, loaded: nil, observer: observer)
        observer.stage("check parts")
        let documentCount = setup.corpus.documents.count
        var headers: [(path: String, header: StudyPart.Header)] = []
        for path in parts { headers.append((path, try StudyPart.Header(path: path, documents: documentCount))) }
        headers = try Self.checked(headers, identity: StudyPart.identity(setup))

        observer.stage("merge vocabulary")
        var ids: [String: UInt32] = [:]
        var forms: [String] = []
        var isStopword: [Bool] = []
        var maps: [[UInt32]] = []
        for (path, header) in headers {
            let reader = try StudyPart.reader(StudyPart.vocabularyFile, of: path, header: header)
            let count = try reader.count("form count", width: 5)
            var map: [UInt32] = []
            map.reserveCapacity(count)
            for _ in 0..<count {
                let length = Int(try reader.u32("form length"))
                let form = String(decoding: try reader.raw(length, "form"), as: UTF8.self)
                if let id = ids[form] {
                    map.append(id)
                } else {
                    ids[form] = UInt32(forms.count)
                    map.append(UInt32(forms.count))
                    forms.append(form)
                    isStopword.append(false)
                }
            }
            for id in map where try reader.u8("stopword flag") != 0 { isStopword[Int(id)] = true }
            try reader.finish()
            maps.append(map)
        }
        let vocabulary = VocabularyTable(forms: forms, isStopword: isStopword)

        var summaries: [[GroupSummary]] = []
        var counts: [[TermCounts.Request: TermCounts]] = []
        for (g, grouping) in setup.groupings.enumerated() {
            observer.stage("merge counts" + (study.groupings[g].map { " by \($0)" } ?? ""))
            summaries.append(try Self.summaries(grouping, file: StudyPart.groupsFile(g), parts: headers, maps: maps,
                                                vocabulary: vocabulary.count))
            var made: [TermCounts.Request: TermCounts] = [:]
            for (r, request) in setup.requests[g].enumerated() {
                var merger = TermCountsCoding.Merger(
                    grouping: grouping, documents: request.documents,
                    spill: request.documents && budget != nil ? try SpillFile(in: tmp, prefix: "discourse-lists") : nil,
                    groupSpill: budget != nil ? try SpillFile(in: tmp, prefix: "discourse-groups") : nil)
                for (path, header) in headers {
                    let reader = try StudyPart.reader(StudyPart.termsFile(g, request: r), of: path, header: header)
                    try merger.add(reader, end: Shard(number: header.shard, count: header.shards).range(of: documentCount).upperBound)
                }
                made[request] = merger.finish()
            }
            counts.append(made)
        }

        // Every document's reading, from the shard that read it.
        var readings = [PartialCountsHeader.ShardReading?](repeating: nil, count: documentCount)
        for (path, header) in headers {
            for item in header.readings {
                guard readings[item.document] == nil else {
                    throw DiscourseError("\(path): document '\(setup.corpus.documents[item.document].id)' is counted by two shards")
                }
                readings[item.document] = item
            }
        }
        if let missing = readings.firstIndex(where: { $0 == nil }) {
            throw DiscourseError("merge: no part counts document '\(setup.corpus.documents[missing].id)'")
        }
        var corpus = setup.corpus
        corpus.record(readings.map { $0!.reading })
        for warning in corpus.warnings { observer.warning(warning) }

        var ngrams: [Int: [Int: NgramJobSource]] = [:]
        for job in setup.ngramJobs {
            let folder = StudyPart.ngramsFolder(analysis: job.analysis, grouping: job.grouping)
            let files = headers.flatMap { path, header in
                (0..<header.batches).map { StudyNgramBatches.file($0, in: path + "/" + folder) }
            }
            let workers = budget.map { setup.mergeWorkers(job, budget: $0, observer: observer) } ?? ParallelMap.workers
            ngrams[job.analysis, default: [:]][job.grouping] = NgramJobSource(mergeWorkers: workers) { () throws(DiscourseError) in
                try StudyNgramBatches.source(files: files, mergeWorkers: workers)
            }
        }
        let tokens = TokenizedCorpus(documents: [], vocabulary: vocabulary, configuration: setup.configuration)
        let loaded = corpus
        let inputs = setup.groupings.indices.map { g in
            AnalysisInput(corpus: loaded, tokens: tokens, grouping: setup.groupings[g], counted: counts[g], summaries: summaries[g])
        }
        let mergedFrom: [JSONValue] = headers.map { path, header in
            .object([("folder", .string(path)), ("shard", .int(header.shard)),
                     ("sha256", .string(FileSystem.readBytes(path + "/" + StudyPart.headerFile).map(SHA256Hex.of) ?? ""))])
        }
        self.init(study: study, corpus: corpus, tokens: tokens, documentTokens: readings.map { $0!.tokens }, batches: 0,
                  inputs: inputs, outcomes: try Self.outcomes(study, inputs: inputs, ngrams: ngrams, observer: observer),
                  mergedFrom: mergedFrom)
    }

    /// The parts in shard order, checked to come from one run and to hold every shard once.
    private static func checked(_ parts: [(path: String, header: StudyPart.Header)],
                                identity: JSONValue) throws(DiscourseError) -> [(path: String, header: StudyPart.Header)] {
        guard let first = parts.first else { throw DiscourseError("merge: no study parts given") }
        let shards = first.header.shards
        var byShard: [Int: String] = [:]
        for (path, header) in parts {
            if header.identity != identity {
                let mine = identity.objectValue ?? [], theirs = header.identity.objectValue ?? []
                let field = mine.first { key, value in theirs.first { $0.0 == key }?.1 != value }?.0 ?? "identity"
                let what = ["study_sha256": "study file", "inputs": "stopword or term files", "corpus_hash": "corpus's document list"][field]
                    ?? field
                throw DiscourseError("\(path) was counted from another run (its \(what) is not this merge's): count every shard with the same discourse, study file and corpus")
            }
            guard header.shards == shards else {
                throw DiscourseError("\(path) is shard \(header.shard) of \(header.shards), but \(first.path) is shard \(first.header.shard) of \(shards): they come from different splits")
            }
            if let other = byShard[header.shard] {
                throw DiscourseError("\(other) and \(path) are both shard \(header.shard) of \(shards)")
            }
            byShard[header.shard] = path
        }
        let missing = (1...shards).filter { byShard[$0] == nil }
        guard missing.isEmpty else {
            throw DiscourseError("merge: shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(shards) \(missing.count == 1 ? "is" : "are") missing (given: \(byShard.keys.sorted().map(String.init).joined(separator: ", ")))")
        }
        return parts.sorted { $0.header.shard < $1.header.shard }
    }

    /// The groups' figures of one grouping summed over the parts: tokens and sentences add,
    /// distinct forms are a union (through `maps`, each part's ids to the merged ones).
    private static func summaries(_ grouping: Grouping, file: String, parts: [(path: String, header: StudyPart.Header)],
                                  maps: [[UInt32]], vocabulary: Int) throws(DiscourseError) -> [GroupSummary] {
        var tokens = [Int](repeating: 0, count: grouping.groups.count)
        var sentences = tokens
        var seen = [Bitset](repeating: Bitset(count: vocabulary), count: grouping.groups.count)
        for (p, (path, header)) in parts.enumerated() {
            let reader = try StudyPart.reader(file, of: path, header: header)
            guard try reader.u64("group count") == UInt64(grouping.groups.count) else {
                throw DiscourseError("\(path)/\(file): damaged study part: its groups are not the \(grouping.groups.count) of the grouping")
            }
            for g in grouping.groups.indices {
                tokens[g] += try reader.int("group tokens")
                sentences[g] += try reader.int("group sentences")
                let count = try reader.count("form count", width: 4)
                for id in try reader.u32s(count, "forms") {
                    guard Int(id) < maps[p].count else {
                        throw DiscourseError("\(path)/\(file): damaged study part: form id \(id) is not in its vocabulary")
                    }
                    seen[g].insert(Int(maps[p][Int(id)]))
                }
            }
            try reader.finish()
        }
        return grouping.groups.indices.map { g in
            GroupSummary(group: grouping.groups[g], tokens: tokens[g], sentences: sentences[g], types: seen[g].nonzeroBitCount)
        }
    }
}
