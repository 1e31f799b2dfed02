/// The co-occurrence counts of one group: the O11 of every (node, collocate) pair and the
/// margins that complete each 2×2 table (SPEC §4).
public struct GroupCooccurrence: Sendable {
    public let group: Group
    /// N: tokens (window scope), sentences or documents holding a token.
    public let total: Int
    /// R1 of each type as a node, by form id: |W(a)| (window), f(a) (`--margins tokens`), or
    /// the units containing it (sentence, document).
    let rowTotals: [Int]
    /// C1 of each type as a collocate, by form id: f(b), or the units containing it.
    let columnTotals: [Int]
    /// Frequency of each type in the group (for `--min-freq` and graph node sizes).
    let frequencies: [Int]

    /// Frequency of each type in the group, by form id.
    public var frequencyByForm: [Int] { frequencies }
    /// O11 by packed (node, collocate) ids, one table per share of the nodes.
    let pairs: [PairTable]

    /// The 2×2 table of a pair.
    func table(node: UInt32, collocate: UInt32, o11: Int) -> ContingencyTable {
        ContingencyTable(o11: o11, r1: rowTotals[Int(node)], c1: columnTotals[Int(collocate)], n: total)
    }
}

/// Counts co-occurrences per group.
///
/// Window scope, for every position p holding type b: the distinct types a ≠ b found within
/// `span` positions of p (in p's sentence) are exactly the nodes whose merged window W(a)
/// contains p, so p adds 1 to |W(a)| and to O11(a, b). One pass over the tokens therefore
/// builds every table, each window position counted once however many windows overlap it.
/// Nodes are split among the cores by id, so no pair table needs merging.
public struct CooccurrenceCounter: Sendable {
    public let corpus: TokenizedCorpus
    public let grouping: Grouping
    public let options: CooccurrenceOptions

    public init(_ corpus: TokenizedCorpus, grouping: Grouping, options: CooccurrenceOptions) {
        self.corpus = corpus
        self.grouping = grouping
        self.options = options
    }

    /// Counts the group at index g, on all cores.
    ///
    /// - Complexity: O(tokens × span) for the window scope; O(Σ distinct types per unit²)
    ///   for sentence and document scopes.
    public func count(group g: Int) -> GroupCooccurrence {
        let group = grouping.groups[g]
        let vocabularySize = corpus.vocabulary.count
        var frequencies = [Int](repeating: 0, count: vocabularySize)
        var tokens = 0
        var sentences = 0
        var documentsWithTokens = 0
        for index in group.documents {
            let document = corpus.documents[index]
            for id in document.forms { frequencies[Int(id)] += 1 }
            tokens += document.count
            sentences += document.sentenceCount
            if document.count > 0 { documentsWithTokens += 1 }
        }
        let nodeForms = options.nodes
        let isStopword = corpus.vocabulary.isStopword
        let forms = corpus.vocabulary.forms
        let isCollocate = (0..<vocabularySize).map { !isStopword[$0] && frequencies[$0] >= max(1, options.minFrequency) }
        let isNode = (0..<vocabularySize).map { isCollocate[$0] && (nodeForms?.contains(forms[$0]) ?? true) }

        let parts = ParallelMap.workers
        let results = ParallelMap.run(parts) { part in
            var counts = Part(vocabularySize: vocabularySize)
            Self.countPart(part, of: parts, documents: group.documents, corpus: corpus, options: options,
                           isNode: isNode, isCollocate: isCollocate, into: &counts)
            return counts
        }
        // The shares hold disjoint nodes: their tables stay apart, their node margins add up.
        let pairs = results.map(\.pairs)
        var rowTotals = results[0].rowTotals
        let unitTotals = results[0].unitTotals  // every share counts all units
        for result in results.dropFirst() {
            for i in 0..<vocabularySize { rowTotals[i] += result.rowTotals[i] }
        }
        switch options.scope {
        case .window:
            let r1 = options.margins == .tokens ? frequencies : rowTotals
            return GroupCooccurrence(group: group, total: tokens, rowTotals: r1, columnTotals: frequencies,
                                     frequencies: frequencies, pairs: pairs)
        case .sentence, .document:
            return GroupCooccurrence(group: group, total: options.scope == .sentence ? sentences : documentsWithTokens,
                                     rowTotals: unitTotals, columnTotals: unitTotals, frequencies: frequencies, pairs: pairs)
        }
    }

    /// One share's counts: the pairs of its nodes, their window sizes, and (share 0) the
    /// units holding each type.
    struct Part {
        var pairs = PairTable(capacity: 1 << 12)
        var rowTotals: [Int]
        var unitTotals: [Int]

        init(vocabularySize: Int) {
            rowTotals = [Int](repeating: 0, count: vocabularySize)
            unitTotals = rowTotals
        }

        /// Makes room for ids up to `vocabularySize` (the vocabulary grew since).
        mutating func grow(to vocabularySize: Int) {
            guard rowTotals.count < vocabularySize else { return }
            rowTotals.append(contentsOf: repeatElement(0, count: vocabularySize - rowTotals.count))
            unitTotals.append(contentsOf: repeatElement(0, count: vocabularySize - unitTotals.count))
        }
    }

    /// Counts, into `counts`, the pairs in `documents` whose node id is ≡ part (mod parts).
    ///
    /// - Parameter spill: counting from the texts within a budget, where the pair table goes
    ///   before it would grow past it (checked after each window position and each node of
    ///   a unit, so that no document, however long, outgrows it).
    static func countPart(_ part: Int, of parts: Int, documents: [Int], corpus: TokenizedCorpus,
                          options: CooccurrenceOptions, isNode: [Bool], isCollocate: [Bool], into counts: inout Part,
                          spill: PairSpill? = nil) {
        let vocabularySize = isNode.count
        var pairs = counts.pairs
        var rowTotals = counts.rowTotals
        var unitTotals = counts.unitTotals
        counts = Part(vocabularySize: 0)  // the arrays above are now uniquely referenced
        defer { counts = Part(pairs: pairs, rowTotals: rowTotals, unitTotals: unitTotals) }
        let countUnits = part == 0
        let mine = { (id: UInt32) -> Bool in isNode[Int(id)] && Int(id) % parts == part }
        var seen: [UInt32] = []
        var lastUnit = [Int32](repeating: -1, count: vocabularySize)
        var unit: Int32 = 0
        for index in documents {
            let document = corpus.documents[index]
            let forms = document.forms
            // The runs within which tokens co-occur: sentences, or the whole document.
            var runs: [Range<Int>] = []
            if options.scope == .document || options.crossSentences {
                if document.count > 0 { runs = [0..<document.count] }
            } else {
                var start = 0
                for end in document.sentenceEnds {
                    runs.append(start..<Int(end))
                    start = Int(end)
                }
            }
            for run in runs {
                switch (options.scope, options.margins) {
                case (.window, .windows):
                    for p in run {
                        let b = forms[p]
                        seen.removeAll(keepingCapacity: true)
                        for j in max(run.lowerBound, p - options.span)...min(run.upperBound - 1, p + options.span) where j != p {
                            let a = forms[j]
                            if a == b || !mine(a) || seen.contains(a) { continue }
                            seen.append(a)
                            rowTotals[Int(a)] += 1
                            if isCollocate[Int(b)] { pairs.add(PairTable.key(a, b)) }
                        }
                        if let spill, pairs.wouldGrow(past: spill.bytes) { spill.write(&pairs) }
                    }
                case (.window, .tokens):
                    for p in run where isCollocate[Int(forms[p])] {
                        let b = forms[p]
                        for j in max(run.lowerBound, p - options.span)...min(run.upperBound - 1, p + options.span) where j != p {
                            let a = forms[j]
                            if a != b && mine(a) { pairs.add(PairTable.key(a, b)) }
                        }
                        if let spill, pairs.wouldGrow(past: spill.bytes) { spill.write(&pairs) }
                    }
                case (.sentence, _), (.document, _):
                    seen.removeAll(keepingCapacity: true)
                    for p in run where lastUnit[Int(forms[p])] != unit {
                        lastUnit[Int(forms[p])] = unit
                        if countUnits { unitTotals[Int(forms[p])] += 1 }
                        seen.append(forms[p])
                    }
                    unit += 1
                    for a in seen where mine(a) {
                        for b in seen where b != a && isCollocate[Int(b)] {
                            pairs.add(PairTable.key(a, b))
                        }
                        if let spill, pairs.wouldGrow(past: spill.bytes) { spill.write(&pairs) }
                    }
                }
            }
        }
    }
}

/// Where a share's pair table goes when counting from the texts would grow it past `bytes`.
struct PairSpill {
    let bytes: Int
    /// Writes the table out (sorted, as a run) and leaves it empty.
    let write: (inout PairTable) -> Void
}

extension CooccurrenceCounter.Part {
    init(pairs: PairTable, rowTotals: [Int], unitTotals: [Int]) {
        self.pairs = pairs
        self.rowTotals = rowTotals
        self.unitTotals = unitTotals
    }
}

/// One node–collocate pair of a group and its 2×2 table.
public struct CooccurrenceRow: Sendable {
    public let node: UInt32
    public let collocate: UInt32
    public let table: ContingencyTable
}

extension GroupCooccurrence {
    /// Every pair with O11 ≥ `minCooccurrence`, in no particular order.
    public func pairs(minCooccurrence: Int) -> [CooccurrenceRow] {
        var rows: [CooccurrenceRow] = []
        for table in pairs {
            table.forEach { node, collocate, o11 in
                if o11 >= minCooccurrence {
                    rows.append(CooccurrenceRow(node: node, collocate: collocate,
                                                table: self.table(node: node, collocate: collocate, o11: o11)))
                }
            }
        }
        return rows
    }
}

extension [CooccurrenceRow] {
    /// Sorts rows in SPEC §8 order: node (code point order), descending O11, collocate.
    public mutating func sortForOutput(vocabulary: VocabularyTable) {
        let rank = vocabulary.rank
        sort { x, y in
            if x.node != y.node { return rank[Int(x.node)] < rank[Int(y.node)] }
            if x.table.o11 != y.table.o11 { return x.table.o11 > y.table.o11 }
            return rank[Int(x.collocate)] < rank[Int(y.collocate)]
        }
    }
}
