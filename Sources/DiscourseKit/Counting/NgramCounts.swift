/// What `ngrams` counts (SPEC §3).
public struct NgramOptions: Sendable {
    /// The n-gram lengths (`--n 1-3`).
    public var sizes: ClosedRange<Int> = 1...1
    /// Keep rows with count ≥ this in their group (`--min-count`).
    public var minCount = 1
    /// Let n-grams run across sentence ends (`--cross-sentences`).
    public var crossSentences = false
    /// Add tf, idf and tf_idf columns with each group as a document (`--tf-idf`).
    public var tfIdf = false

    public init() {}
}

/// A group's size figures (`groups.csv`).
public struct GroupSummary: Sendable {
    public let group: Group
    /// Tokens after multi-word terms are joined, before stopwords are filtered.
    public let tokens: Int
    /// Sentences holding a token.
    public let sentences: Int
    /// Distinct unigram forms (stopwords included).
    public let types: Int
}

/// The n-gram tables of one group.
public struct GroupNgramCounts: Sendable {
    public let summary: GroupSummary
    /// One table per n-gram length, in `options.sizes` order.
    let tables: [NgramTable]
    /// The group's distinct forms (stopwords included), for a shard's partial counts.
    var forms: Bitset? = nil
}

/// Counts n-grams per group (SPEC §3). Groups are counted on demand, a batch at a time,
/// so that a large corpus grouped finely (the State of the Union by year) never holds every
/// group's tables at once.
public struct NgramCounter: Sendable {
    public let corpus: TokenizedCorpus
    public let grouping: Grouping
    public let options: NgramOptions

    public init(_ corpus: TokenizedCorpus, grouping: Grouping, options: NgramOptions) {
        self.corpus = corpus
        self.grouping = grouping
        self.options = options
    }

    public var vocabulary: VocabularyTable { corpus.vocabulary }

    /// Counts every group.
    public func countAll() -> [GroupNgramCounts] { count(groups: grouping.groups.indices) }

    /// Counts n-grams of every length in `options.sizes` for the groups in `range`, in
    /// parallel.
    ///
    /// An n-gram is a run of n consecutive tokens in one sentence (all of them unless
    /// `crossSentences`) none of which is a stopword. Work is split into units of one group,
    /// or of a part of a group when there are fewer groups than cores; parts are merged.
    ///
    /// - Parameter splitting: whether a group may be split into parts (false: each group is
    ///   counted whole on one core, so that only its own tables are in memory).
    /// - Complexity: O(tokens × lengths) expected.
    public func count(groups range: Range<Int>, splitting: Bool) -> [GroupNgramCounts] {
        let workers = ParallelMap.workers
        var units: [(group: Int, documents: ArraySlice<Int>)] = []
        for g in range {
            let documents = grouping.groups[g].documents
            let parts = max(1, range.count >= 2 * workers || !splitting ? 1 : min(workers * 2, documents.count))
            for p in 0..<parts {
                units.append((g, documents[documents.count * p / parts ..< documents.count * (p + 1) / parts]))
            }
        }
        let vocabularySize = corpus.vocabulary.count
        let isStopword = corpus.vocabulary.isStopword
        let partial = ParallelMap.run(units.count) { u in
            Self.countUnit(units[u].documents, corpus: corpus, isStopword: isStopword,
                           vocabularySize: vocabularySize, options: options)
        }
        var merged: [Int: Unit] = [:]
        for (u, unit) in partial.enumerated() {
            let g = units[u].group
            if merged[g] == nil { merged[g] = unit } else { merged[g]!.merge(unit) }
        }
        return range.map { g in
            let unit = merged[g] ?? Unit(sizes: options.sizes, vocabularySize: vocabularySize)
            let summary = GroupSummary(group: grouping.groups[g], tokens: unit.tokens, sentences: unit.sentences,
                                       types: unit.seen.nonzeroBitCount)
            return GroupNgramCounts(summary: summary, tables: unit.tables, forms: unit.seen)
        }
    }

    /// Each group's size figures, without counting n-grams.
    public func summaries() -> [GroupSummary] {
        let vocabularySize = corpus.vocabulary.count
        return ParallelMap.run(grouping.groups.count) { g in
            let group = grouping.groups[g]
            var seen = Bitset(count: vocabularySize)
            var tokens = 0
            var sentences = 0
            for index in group.documents {
                let document = corpus.documents[index]
                tokens += document.count
                sentences += document.sentenceCount
                for id in document.forms { seen.insert(Int(id)) }
            }
            return GroupSummary(group: group, tokens: tokens, sentences: sentences, types: seen.nonzeroBitCount)
        }
    }

    /// Partial counts over some documents of one group.
    struct Unit {
        var tables: [NgramTable]
        var tokens = 0
        var sentences = 0
        var seen: Bitset

        init(sizes: ClosedRange<Int>, vocabularySize: Int, tokens: Int = 1024) {
            tables = sizes.map { NgramTable(n: $0, capacity: Self.room(n: $0, tokens: tokens, vocabularySize: vocabularySize)) }
            seen = Bitset(count: vocabularySize)
        }

        /// Empty tables sized for the documents whose runs were found, with their figures.
        init(sizes: ClosedRange<Int>, vocabularySize: Int, found: Runs) {
            tables = sizes.map { NgramTable(n: $0, capacity: Self.room(n: $0, tokens: found.tokens, vocabularySize: vocabularySize)) }
            tokens = found.tokens
            sentences = found.sentences
            seen = found.seen
        }

        /// Distinct n-grams a table makes room for at first: the tokens for n ≥ 2 (most
        /// longer n-grams are met once), but for single forms at most the vocabulary and
        /// 32,768. A year of text holds some tens of thousands of distinct words among a
        /// million tokens; a table sized for the tokens (8 MB of slots) missed the cache at
        /// nearly every lookup. A table grows when it fills.
        static func room(n: Int, tokens: Int, vocabularySize: Int) -> Int {
            max(16, n == 1 ? min(tokens, vocabularySize, 1 << 15) : tokens)
        }

        mutating func merge(_ other: Unit) {
            for i in tables.indices { tables[i].merge(other.tables[i]) }
            tokens += other.tokens
            sentences += other.sentences
            seen.formUnion(other.seen)
        }
    }

    /// What counting some documents of one group starts from: each token's run, and the
    /// group's size figures.
    struct Runs {
        /// runs[start + i]: how many tokens from document position i on can stand in one
        /// n-gram (no stopword, one sentence unless crossing is allowed), for every document
        /// one after the other.
        var runs: [Int32]
        var tokens = 0
        var sentences = 0
        /// The forms met (stopwords included).
        var seen: Bitset
    }

    static func runs(_ documents: ArraySlice<Int>, corpus: TokenizedCorpus, isStopword: [Bool], vocabularySize: Int,
                     crossSentences: Bool) -> Runs {
        let tokens = documents.reduce(0) { $0 + corpus.documents[$1].count }
        var result = Runs(runs: [Int32](repeating: 0, count: tokens + 1), seen: Bitset(count: vocabularySize))
        var start = 0
        for index in documents {
            let document = corpus.documents[index]
            result.tokens += document.count
            result.sentences += document.sentenceCount
            for id in document.forms { result.seen.insert(Int(id)) }
            let count = document.count
            var i = count - 1
            var s = document.sentenceEnds.count - 1
            while i >= 0 {
                while s > 0 && Int(document.sentenceEnds[s - 1]) > i { s -= 1 }
                if !isStopword[Int(document.forms[i])] {
                    let joins = i + 1 < count && (crossSentences || i + 1 < Int(document.sentenceEnds[s]))
                    result.runs[start + i] = joins ? result.runs[start + i + 1] + 1 : 1
                }
                i -= 1
            }
            start += count
        }
        return result
    }

    /// Adds the n-grams of `documents` (whose runs are `runs`) to `table`.
    static func add(_ documents: ArraySlice<Int>, runs: [Int32], corpus: TokenizedCorpus, to table: inout NgramTable) {
        runs.withUnsafeBufferPointer { runs in
            var start = 0
            for index in documents {
                let document = corpus.documents[index]
                document.forms.withUnsafeBufferPointer { forms in
                    table.add(forms: forms.baseAddress!, runs: runs.baseAddress! + start, count: document.count,
                              document: Int32(index))
                }
                start += document.count
            }
        }
    }

    private static func countUnit(_ documents: ArraySlice<Int>, corpus: TokenizedCorpus, isStopword: [Bool],
                                  vocabularySize: Int, options: NgramOptions) -> Unit {
        let found = runs(documents, corpus: corpus, isStopword: isStopword, vocabularySize: vocabularySize,
                         crossSentences: options.crossSentences)
        var unit = Unit(sizes: options.sizes, vocabularySize: vocabularySize, found: found)
        // One table at a time over all the documents: a year's bigram or trigram table fills
        // much of a core's cache, and alternating tables per document evicted each other.
        var tables = unit.tables
        unit.tables = []
        for t in tables.indices { add(documents, runs: found.runs, corpus: corpus, to: &tables[t]) }
        unit.tables = tables
        return unit
    }
}
