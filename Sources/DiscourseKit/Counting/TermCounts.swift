/// Counts of terms per document and per group, for keyness, trends and comparison (SPEC §5–6).
///
/// A term is an n-gram of one of the chosen lengths (multi-word terms from `--terms` are single
/// tokens, so they are unigrams); its text is its forms joined by one space, and n-grams with a
/// stopword are not counted (SPEC §2.7). Every term gets an index; documents and groups hold
/// sparse (term, count) lists sorted by term index.
public struct TermCounts: Sendable {
    /// Term texts by index.
    public let terms: [String]
    /// Each term's n.
    public let sizes: [Int]
    /// The groups, in diachronic order.
    public let groups: [Group]
    /// Tokens of each group (SPEC §3).
    public let groupTokens: [Int]
    /// Each group's counts: term index, count, documents of the group containing it.
    public let groupCounts: [[TermCount]]
    /// Each analysed document's counts (documents in group order) and tokens, for dispersion.
    public let documentCounts: [[TermCount]]
    public let documentTokens: [Int]
    /// Each term's count over all groups.
    public let totals: [Int]

    /// A term's count in a document or group.
    public struct TermCount: Sendable {
        public let term: Int32
        public let count: Int
        /// Documents containing the term (1 for a document's own list).
        public let documents: Int
    }

    /// Counts the n-grams of every length in `sizes` in every document of `grouping`.
    ///
    /// - Complexity: O(tokens × lengths) to count, then O(distinct (document, term) pairs).
    public init(_ corpus: TokenizedCorpus, grouping: Grouping, sizes: [Int], crossSentences: Bool = false) {
        let documents = grouping.groups.flatMap(\.documents)
        let perDocument = Grouping(singletons: documents)
        var options = NgramOptions()
        options.crossSentences = crossSentences
        var terms: [String] = []
        var termSizes: [Int] = []
        var documentCounts = [[TermCount]](repeating: [], count: documents.count)
        for n in Set(sizes).sorted() {
            options.sizes = n...n
            let counter = NgramCounter(corpus, grouping: perDocument, options: options)
            let base = terms.count
            var index = NgramTable(n: n)
            let batch = 64
            for start in stride(from: 0, to: documents.count, by: batch) {
                for (offset, counts) in counter.count(groups: start..<min(documents.count, start + batch)).enumerated() {
                    let table = counts.tables[0]
                    table.keys.withUnsafeBufferPointer { keys in
                        for entry in 0..<table.count {
                            let term = base + index.entry(for: keys.baseAddress! + entry * n)
                            documentCounts[start + offset].append(TermCount(term: Int32(term), count: table.counts[entry], documents: 1))
                        }
                    }
                }
            }
            for entry in 0..<index.count {
                terms.append(counter.order.text(of: index, entry: entry))
                termSizes.append(n)
            }
        }
        for d in documentCounts.indices { documentCounts[d].sort { $0.term < $1.term } }
        // Groups: merge their documents' sorted lists.
        var position = 0
        var ranges: [Range<Int>] = []
        for group in grouping.groups {
            ranges.append(position..<position + group.documents.count)
            position += group.documents.count
        }
        let lists = documentCounts
        let groupCounts = ParallelMap.run(grouping.groups.count) { g -> [TermCount] in
            var merged = ranges[g].flatMap { lists[$0] }
            merged.sort { $0.term < $1.term }
            var result: [TermCount] = []
            for item in merged {
                if let last = result.last, last.term == item.term {
                    result[result.count - 1] = TermCount(term: item.term, count: last.count + item.count, documents: last.documents + 1)
                } else {
                    result.append(item)
                }
            }
            return result
        }
        var totals = [Int](repeating: 0, count: terms.count)
        for list in groupCounts { for item in list { totals[Int(item.term)] += item.count } }
        self.terms = terms
        self.sizes = termSizes
        self.groups = grouping.groups
        self.documentCounts = documentCounts
        self.documentTokens = documents.map { corpus.documents[$0].count }
        self.groupTokens = grouping.groups.map { $0.documents.reduce(0) { $0 + corpus.documents[$1].count } }
        self.groupCounts = groupCounts
        self.totals = totals
    }

    /// Each group's index range in `documentCounts`.
    public var groupDocumentRanges: [Range<Int>] {
        var position = 0
        return groups.map { group in
            defer { position += group.documents.count }
            return position..<position + group.documents.count
        }
    }

    /// Each term's position in Unicode code point order of the texts (SPEC §8).
    public func codePointRanks() -> [Int] {
        let order = terms.indices.sorted { terms[$0].utf8.lexicographicallyPrecedes(terms[$1].utf8) }
        var rank = [Int](repeating: 0, count: terms.count)
        for (position, term) in order.enumerated() { rank[term] = position }
        return rank
    }

    /// The index of each term text.
    public func termIndex() -> [String: Int] {
        Dictionary(terms.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
