/// `discourse study STUDY --shard I/N --out PART`: one shard of a study whose analyses run
/// from counts (ngrams, keyness, trends, compare), counted into a study part (`StudyPart`)
/// that `discourse study STUDY --merge PARTS...` sums with the other shards' into the output
/// the study writes on one machine.
///
/// Every shard loads the whole corpus's metadata (not its texts) and groups it, then reads
/// only its own documents (`Shard.range`), in batches within the memory budget as the study
/// would read them, counting the same term counts, group figures and n-gram tables.
public enum StudyShard {
    /// What a shard counted, for the closing message.
    public struct Summary: Sendable {
        public let documents: Int
        public let tokens: Int
        public let bytes: Int
        public let batches: Int
    }

    /// Counts shard `shard` of `study` into the part folder `path`.
    ///
    /// - Parameters:
    ///   - budget: the memory the shard may use (its documents are read in batches that fit);
    ///     nil reads them in one batch.
    ///   - tmp: where the counts go while the shard is counted.
    /// - Throws: `DiscourseError` for an analysis that reads texts, from loading, grouping,
    ///   reading or tokenizing, or when the part cannot be written (nothing is left
    ///   half-written).
    public static func count(_ study: Study, shard: Shard, to path: String, budget: MemoryBudget?, tmp: String,
                             observer: any RunObserver = SilentObserver()) throws(DiscourseError) -> Summary {
        try StudyPart.checkAnalyses(study)
        let setup = try StudyRun.Setup(study, loaded: nil, observer: observer)
        guard FileSystem.isFolder(tmp) == true else {
            throw DiscourseError("--tmp \(tmp): no such folder, for the temporary files of a shard")
        }
        let range = shard.range(of: setup.corpus.documents.count)
        // The batches the study would read within the budget, cut to the shard.
        var batches = [range]
        if let budget {
            let plan = setup.plan(budget)
            if !plan.inMemory {
                let cut = plan.batches.map { $0.clamped(to: range) }.filter { !$0.isEmpty }
                if !cut.isEmpty { batches = cut }
            }
        }
        let part = try StudyPart.Writer(destination: path)
        var jobs: [StudyNgramBatches] = []
        for job in setup.ngramJobs {
            let folder = try part.makeFolder(StudyPart.ngramsFolder(analysis: job.analysis, grouping: job.grouping))
            jobs.append(StudyNgramBatches(setup.prepared(job), batches: batches.count, folder: folder))
        }
        let counted = try BatchedTermCounts.count(setup.corpus, batches: batches, configuration: setup.configuration,
                                                  groupings: setup.groupings, requests: setup.requests, ngrams: jobs,
                                                  tmp: tmp, observer: observer)
        observer.stage("write part \(shard.number)/\(shard.count)")
        let vocabulary = counted.tokens.vocabulary
        var words = LittleEndianWriter()
        words.u64(UInt64(vocabulary.count))
        for form in vocabulary.forms {
            words.u32(UInt32(form.utf8.count))
            words.bytes += form.utf8
        }
        for stopword in vocabulary.isStopword { words.u8(stopword ? 1 : 0) }
        try part.write(StudyPart.vocabularyFile, words)
        for (g, grouping) in setup.groupings.enumerated() {
            var figures = LittleEndianWriter()
            figures.u64(UInt64(grouping.groups.count))
            for i in grouping.groups.indices {
                let (tokens, sentences, forms) = counted.sizes[g].figures(i)
                figures.u64(UInt64(tokens))
                figures.u64(UInt64(sentences))
                figures.u64(UInt64(forms.count))
                figures.u32s(forms)
            }
            try part.write(StudyPart.groupsFile(g), figures)
            // The shard's analysed documents, by position in group order.
            var positions: [Int] = []
            var position = 0
            for group in grouping.groups {
                for d in group.documents {
                    if range.contains(d) { positions.append(position) }
                    position += 1
                }
            }
            positions.sort()
            for (r, request) in setup.requests[g].enumerated() {
                let file = try part.file(StudyPart.termsFile(g, request: r))
                try TermCountsCoding.write(counted.counts[g][request]!, positions: positions, to: file)
                try part.close(file)
            }
        }
        let readings = counted.readings.enumerated().map { i, reading in
            PartialCountsHeader.ShardReading(document: range.lowerBound + i, tokens: counted.documentTokens[i], reading: reading)
        }
        try part.finish(StudyPart.Header(shard: shard.number, shards: shard.count, identity: StudyPart.identity(setup),
                                         batches: batches.count, readings: readings, files: []))
        return Summary(documents: range.count, tokens: counted.documentTokens.reduce(0, +),
                       bytes: counted.readings.reduce(0) { $0 + $1.byteCount }, batches: batches.count)
    }
}
