/// A study's token pass within a memory budget, for studies whose analyses read only term
/// counts (keyness, trends, compare), n-gram counts (through partial-count files) or the
/// texts read again a chunk at a time (cooccur, collocates, kwic, tokens, terms): the
/// documents are read and tokenized a batch at a time
/// into one vocabulary, each batch is added to the term counts every analysis will ask for
/// and to the groups' size figures, and its tokens are dropped. The analyses then run from
/// those counts as from counts made in memory, with the same output byte for byte.
enum BatchedTermCounts {
    /// The memory model, in bytes per byte of text (UTF-8 on disk): the tokens of the corpus
    /// held in memory cost about 1 (0.2 tokens a byte, a 4-byte form id and a byte of sentence
    /// ends each); the counts kept cost about 0.5 with the documents' lists (trends; 1 GB of
    /// generated English: 50 M (document, term) pairs of 8 bytes and the groups' lists) and 0.2
    /// without. Counted in batches, the documents' lists go to disk, and so does each group's
    /// list once its last document is counted: what is kept is the lists of the groups still
    /// open (0.2 per byte of their text) and the index of every term with its text (0.02 per
    /// byte of the corpus for single words, measured under 0.01 as vocabularies grow slower
    /// than text; 0.2 for longer n-grams, whose index grows with the text). A batch's tokens
    /// are held with its lists while it is counted: the tokens' cost (`held`) and 0.5.
    static func kept(documents: Bool) -> Double { documents ? 0.5 : 0.2 }
    static let keptOpenGroups = 0.2
    static func keptIndex(longest: Int) -> Double { longest == 1 ? 0.02 : 0.2 }
    static let countedPerBatchByte = 0.5

    /// The most text of the groups open at once as the documents are read in corpus order (a
    /// group is open from its first document to its last): a grouping by date has one or two,
    /// one by party all of them.
    static func openGroupBytes(_ grouping: Grouping, sizes: [Int]) -> Int {
        var last = [Int: Int]()
        var groupOf = [Int](repeating: -1, count: sizes.count)
        for (g, group) in grouping.groups.enumerated() {
            for d in group.documents { groupOf[d] = g }
            if let end = group.documents.max() { last[g] = end }
        }
        var counted = [Int](repeating: 0, count: grouping.groups.count)
        var open = 0
        var most = 0
        for (d, g) in groupOf.enumerated() where g >= 0 {
            counted[g] += sizes[d]
            open += sizes[d]
            most = max(most, open)
            if last[g] == d { open -= counted[g] }
        }
        return most
    }

    /// Tokens held, per byte of text: 1, or 5 with their offsets and the text (concordances,
    /// tokens.csv: the text in UTF-16, two 4-byte offsets and a kind per token; measured 4.8
    /// on a 100 MB document).
    static func held(offsets: Bool) -> Double { offsets ? 5 : 1 }

    /// Term suggestion in memory, per byte of text besides the tokens: the table of one
    /// length's runs while it is counted (distinct 2-token runs about 0.07 a byte of English,
    /// 36 bytes each, arrays up to twice their count) and the neighbour pairs of the
    /// candidates.
    static let termTablesPerByte = 6.0

    /// Co-occurrence tables of a group counted in memory, in bytes per byte of its text, by
    /// scope. Measured on the State of the Union (12 MB as one group): windows of 5, 17; of 10,
    /// 21; sentences, 41; documents, 870 (the Republican addresses, 5 MB). Per byte they shrink
    /// as a corpus grows (windows of 5 over the 1 GB generated corpus: 6.8), so the small
    /// corpora's figures are the cautious ones: 3.5 per token of span, 48, 1000.
    static func pairsPerByte(_ scopes: [CooccurrenceOptions]) -> Double {
        scopes.map { options in
            switch options.scope {
            case .window: 3.5 * Double(options.span)
            case .sentence: 48
            case .document: 1000
            }
        }.max() ?? 0
    }

    /// How a run is read within a budget.
    struct Plan {
        /// Whether the corpus's tokens and counts fit the planned share of the budget.
        var inMemory: Bool
        /// Consecutive runs of documents in corpus order (the whole corpus in memory).
        var batches: [Range<Int>]
        /// Co-occurrence counted from the texts: text per chunk of a group's documents, and
        /// pair-table bytes before the tables go to disk as a sorted run.
        var chunkBytes: Int
        var pairBytes: Int
        /// The term counts kept over the whole run as planned (0 in memory): when they exceed
        /// the budget, the run cannot keep it.
        var keptBytes: Int
    }

    /// Plans the batches of a run whose analyses read term counts of the groups of some
    /// groupings, of n-grams up to a length (`termCounts`; with the documents' lists when
    /// `documents`), co-occurrences (`scopes`) of the groups of `cooccurrence`, and
    /// n-grams of some lengths of the groups of a grouping (`ngrams`, counted batch by batch
    /// as `BatchedNgrams` plans them), candidate terms (`terms`, whose tables are counted from
    /// the texts read again), and whose tokens keep their `offsets` and text (concordances,
    /// tokens, terms).
    static func plan(_ corpus: Corpus, budget: MemoryBudget, termCounts: [(grouping: Grouping, longest: Int)], documents: Bool,
                     cooccurrence: [Grouping],
                     scopes: [CooccurrenceOptions], offsets: Bool = false,
                     ngrams: [(grouping: Grouping, sizes: ClosedRange<Int>)] = [], terms: Bool = false) -> Plan {
        let sizes = corpus.documents.map(\.estimatedByteCount)
        let total = Double(sizes.reduce(0, +))
        let counts = !termCounts.isEmpty
        let limit = BatchedNgrams.planned(budget)
        // Co-occurrence in memory holds one group's tables at a time, the largest group's at most.
        let largest = cooccurrence.map { grouping in
            grouping.groups.map { $0.documents.reduce(0) { $0 + sizes[$1] } }.max() ?? 0
        }.max() ?? 0
        // From the texts: a fifth of the budget's share for a chunk's tokens, half for the pair
        // tables (a third of which they fill before they are spilled: they may double as they
        // grow, and are sorted into a copy when spilled).
        let held = held(offsets: offsets)
        let chunkBytes = max(1 << 20, Int(limit * 0.2 / held))
        let pairBytes = max(4 << 20, Int(limit * 0.5))
        // Each n-gram analysis's groups, and the tables of those counted at once (the analyses
        // are counted one after another).
        let groupOf = ngrams.map { job in
            var groupOf = [Int](repeating: -1, count: sizes.count)
            for (g, group) in job.grouping.groups.enumerated() { for d in group.documents { groupOf[d] = g } }
            return groupOf
        }
        func tables(_ flights: [GroupsInFlight]) -> Double {
            zip(ngrams, flights).map { $1.tables(sizes: $0.sizes) }.max() ?? 0
        }
        var whole = ngrams.map { _ in GroupsInFlight() }
        for j in ngrams.indices { for (d, g) in groupOf[j].enumerated() where g >= 0 { whole[j].add(g, bytes: sizes[d]) } }
        if total * (held + (counts ? kept(documents: documents) : 0) + (terms ? termTablesPerByte : 0))
            + Double(largest) * pairsPerByte(scopes) + tables(whole) <= limit {
            return Plan(inMemory: true, batches: [0..<corpus.documents.count], chunkBytes: chunkBytes, pairBytes: pairBytes,
                        keptBytes: 0)
        }
        // What is left for a batch once the kept counts are allowed for. When they alone take
        // most of the budget (which the run then cannot keep), batches are still a quarter of
        // what the budget would allow them, not a megabyte each: every batch costs a pass of
        // the pipeline, and a partial-count file per n-gram analysis.
        let keptBytes = termCounts.reduce(0.0) { kept, request in
            kept + keptOpenGroups * Double(openGroupBytes(request.grouping, sizes: sizes)) + keptIndex(longest: request.longest) * total
        }
        let batchLimit = limit - keptBytes
        let floor = max(1 << 20, Int(limit / (held + countedPerBatchByte) / 4))
        var batches: [Range<Int>] = []
        var start = 0
        var bytes = 0
        var flights = ngrams.map { _ in GroupsInFlight() }
        for (d, size) in sizes.enumerated() {
            let cost = Double(bytes + size) * (held + countedPerBatchByte)
                + (zip(ngrams.indices, flights).map { j, flight in
                    groupOf[j][d] >= 0 ? flight.tables(adding: groupOf[j][d], bytes: size, sizes: ngrams[j].sizes)
                        : flight.tables(sizes: ngrams[j].sizes)
                }.max() ?? 0)
            if d > start && bytes + size > floor && cost > batchLimit {
                batches.append(start..<d)
                start = d
                bytes = 0
                flights = ngrams.map { _ in GroupsInFlight() }
            }
            bytes += size
            for j in ngrams.indices where groupOf[j][d] >= 0 { flights[j].add(groupOf[j][d], bytes: size) }
        }
        batches.append(start..<corpus.documents.count)
        return Plan(inMemory: false, batches: batches, chunkBytes: chunkBytes, pairBytes: pairBytes,
                    keptBytes: Int(keptBytes))
    }

    /// The groups of one n-gram analysis in a batch, and the largest of them, for the tables
    /// counted at once (`BatchedNgrams.tables`) updated a document at a time: sizes only grow
    /// within a batch, so the largest `workers` are kept as they change.
    struct GroupsInFlight {
        private var bytes: [Int: Int] = [:]
        /// The largest groups, largest first, at most one per core.
        private var top: [(group: Int, bytes: Int)] = []

        mutating func add(_ group: Int, bytes size: Int) {
            let grown = bytes[group, default: 0] + size
            bytes[group] = grown
            top = Self.top(top, group: group, bytes: grown)
        }

        /// The tables of the groups counted at once, planned from their bytes of text.
        func tables(sizes: ClosedRange<Int>) -> Double {
            Self.tables(top.map(\.bytes), groups: bytes.count, sizes: sizes)
        }

        /// The same, were `size` bytes added to `group`.
        func tables(adding group: Int, bytes size: Int, sizes: ClosedRange<Int>) -> Double {
            let grown = bytes[group, default: 0] + size
            return Self.tables(Self.top(top, group: group, bytes: grown).map(\.bytes),
                               groups: bytes.count + (bytes[group] == nil ? 1 : 0), sizes: sizes)
        }

        private static func top(_ top: [(group: Int, bytes: Int)], group: Int, bytes: Int) -> [(group: Int, bytes: Int)] {
            var top = top.filter { $0.group != group }
            top.append((group, bytes))
            top.sort { $0.bytes > $1.bytes }
            return Array(top.prefix(ParallelMap.workers))
        }

        /// As `BatchedNgrams.tables`: one group per core counted whole, or with fewer groups
        /// than cores the largest split over them (twice its tables).
        private static func tables(_ largest: [Int], groups: Int, sizes: ClosedRange<Int>) -> Double {
            let inFlight = groups >= ParallelMap.workers ? largest.reduce(0, +) : 2 * (largest.first ?? 0)
            return BatchedNgrams.tableBytesPerTextByte(sizes) * Double(inFlight)
        }
    }

    /// What the pass made: per grouping, the term counts by request and the groups' size
    /// figures; what reading each document found and its tokens; the vocabulary.
    struct Counted {
        var counts: [[TermCounts.Request: TermCounts]]
        var sizes: [GroupSizes]
        var summaries: [[GroupSummary]] { sizes.map(\.summaries) }
        var readings: [CorpusReader.Reading]
        var documentTokens: [Int]
        var tokens: TokenizedCorpus
        /// The pass's session, whose vocabulary holds every form of the corpus.
        var session: TokenPipeline.Session
    }

    /// Reads, tokenizes and counts the documents of `corpus` in `batches` (consecutive runs
    /// of documents, in order: all of them, or one shard's). The documents' lists that trends
    /// keep are written to temporary files under `tmp` (removed once the counts are dropped);
    /// each batch's n-grams go to the partial-count files of `ngrams`.
    ///
    /// - Throws: `DiscourseError` for a text that cannot be read or decoded, or when `tmp`
    ///   cannot be written.
    static func count(_ corpus: Corpus, batches: [Range<Int>], configuration: TokenizerConfiguration,
                      groupings: [Grouping], requests: [[TermCounts.Request]], ngrams: [StudyNgramBatches] = [],
                      tmp: String, observer: any RunObserver) throws(DiscourseError) -> Counted {
        let session = try TokenPipeline.Session(configuration)
        var builders: [[TermCounts.Builder]] = []
        for (grouping, requests) in zip(groupings, requests) {
            var made: [TermCounts.Builder] = []
            for request in requests {
                made.append(TermCounts.Builder(grouping: grouping, documentCount: corpus.documents.count, sizes: request.sizes,
                                               crossSentences: false, keepDocuments: request.documents, only: request.terms,
                                               spill: request.documents ? try SpillFile(in: tmp, prefix: "discourse-lists") : nil,
                                               groupSpill: try SpillFile(in: tmp, prefix: "discourse-groups")))
            }
            builders.append(made)
        }
        var summaries = groupings.map { GroupSizes(grouping: $0, documentCount: corpus.documents.count) }
        var readings: [CorpusReader.Reading] = []
        var documentTokens: [Int] = []
        for (b, batch) in batches.enumerated() {
            observer.stage("read+tokenize batch \(b + 1)/\(batches.count)")
            let part = Corpus(documents: Array(corpus.documents[batch]), fields: corpus.fields, reader: corpus.reader)
            let (documents, partReadings) = try session.tokenize(part, first: batch.lowerBound, observer: observer)
            let tokens = TokenizedCorpus(documents: documents, vocabulary: session.vocabulary.unrankedSnapshot(),
                                         configuration: configuration)
            observer.stage("count batch \(b + 1)/\(batches.count)")
            for g in builders.indices {
                for r in builders[g].indices { try builders[g][r].add(tokens, from: batch.lowerBound) }
                summaries[g].add(documents, from: batch.lowerBound)
            }
            for job in ngrams {
                try job.count(tokens, readings: partReadings, range: batch, batch: b, observer: SilentObserver())
            }
            readings += partReadings
            documentTokens += documents.map(\.count)
            MemoryRelease.returnFreedMemory()
        }
        let vocabulary = session.vocabulary.snapshot()
        return Counted(
            counts: zip(builders, requests).map { builders, requests in
                Dictionary(uniqueKeysWithValues: zip(requests, builders.map { $0.finish(vocabulary: vocabulary) }))
            },
            sizes: summaries, readings: readings, documentTokens: documentTokens,
            tokens: TokenizedCorpus(documents: [], vocabulary: vocabulary, configuration: configuration), session: session)
    }
}

/// Each group's size figures (`groups.csv`) summed over batches of documents.
struct GroupSizes {
    let grouping: Grouping
    private var groupOf: [Int32]
    private var tokens: [Int]
    private var sentences: [Int]
    /// Each group's distinct forms, as bit words grown with the vocabulary.
    private var forms: [[UInt64]]

    init(grouping: Grouping, documentCount: Int) {
        self.grouping = grouping
        groupOf = [Int32](repeating: -1, count: documentCount)
        for (g, group) in grouping.groups.enumerated() { for d in group.documents { groupOf[d] = Int32(g) } }
        tokens = [Int](repeating: 0, count: grouping.groups.count)
        sentences = tokens
        forms = [[UInt64]](repeating: [], count: grouping.groups.count)
    }

    /// Adds the documents `first`, `first + 1`, ... of the corpus.
    mutating func add(_ documents: [TokenizedDocument], from first: Int) {
        for (i, document) in documents.enumerated() where groupOf[first + i] >= 0 {
            let g = Int(groupOf[first + i])
            tokens[g] += document.count
            sentences[g] += document.sentenceCount
            for id in document.forms {
                let word = Int(id) >> 6
                if word >= forms[g].count { forms[g].append(contentsOf: repeatElement(0, count: word + 1 - forms[g].count)) }
                forms[g][word] |= 1 << UInt64(id & 63)
            }
        }
    }

    /// Group g's tokens, sentences and distinct forms (form ids, ascending): what a study's
    /// shard records, so that a merge can sum the groups' figures (`StudyPart`).
    func figures(_ g: Int) -> (tokens: Int, sentences: Int, forms: [UInt32]) {
        var ids: [UInt32] = []
        for (w, word) in forms[g].enumerated() {
            var bits = word
            while bits != 0 {
                ids.append(UInt32(w << 6 | bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        return (tokens[g], sentences[g], ids)
    }

    var summaries: [GroupSummary] {
        grouping.groups.indices.map { g in
            GroupSummary(group: grouping.groups[g], tokens: tokens[g], sentences: sentences[g],
                         types: forms[g].reduce(0) { $0 + $1.nonzeroBitCount })
        }
    }
}
