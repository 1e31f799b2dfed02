/// What `terms suggest` looks for.
public struct TermSuggestionOptions: Sendable {
    /// The longest candidate, in tokens (`--max-length`).
    public var maxLength = 6
    /// Candidates, and the parts they are built from, seen at least this often (`--min-count`).
    public var minCount = 3
    /// How many candidates `terms-suggested.txt` lists (`--top`).
    public var top = 300

    public init() {}

    /// The options as `run.json` records them, with the grouping field in its place.
    public func manifest(by field: String?) -> [(String, JSONValue)] {
        [("by", field.map(JSONValue.string) ?? .null), ("max_length", .int(maxLength)), ("min_count", .int(minCount)),
         ("top", .int(top))]
    }
}

/// `terms suggest`: candidate multi-word terms — the fixed formulations of political language
/// (新质生产力, 高质量发展, "health care") that ICU's dictionary cuts into pieces — found in the
/// corpus itself and ranked, for a researcher to review and pass back with `--terms`.
///
/// A candidate is a run of 2 to `maxLength` tokens that stand together (one sentence, nothing
/// but white space between them) with no stopword and no number at either edge, seen at least
/// `minCount` times. Its measures:
/// - `cohesion`: the weakest pointwise mutual information over its split points;
/// - `left_entropy`, `right_entropy`: branching entropy of its neighbours;
/// - `c_value`: frequency corrected for nesting in longer candidates.
///
/// score = C-value × min(left entropy, right entropy) where cohesion > 0, else 0: frequent,
/// not mostly part of a longer candidate, free on both sides, and held together more than
/// chance. A fragment (新质 inside 新质生产力) is always followed by the same token, so its right
/// entropy, and its score, is near 0.
public struct TermSuggestion: Sendable {
    public var options: TermSuggestionOptions

    public init(options: TermSuggestionOptions) { self.options = options }

    /// - Throws: `DiscourseError` when the tokens kept no offsets (the gaps between tokens are
    ///   needed to tell a run from tokens split by punctuation), or from reading the texts
    ///   again when the run holds no tokens (counted within a memory budget).
    public func run(_ input: AnalysisInput, observer: any RunObserver = SilentObserver()) throws(DiscourseError)
        -> TermSuggestionResult {
        guard input.tokens.configuration.keepOffsets else {
            throw DiscourseError("terms suggest needs the tokens' offsets; tokenize with offsets kept")
        }
        let documents = input.grouping.groups.flatMap(\.documents)
        let texts = input.documents.map { RunTexts($0, documents: documents) } ?? RunTexts(input.tokens, documents: documents)
        return try run(texts, vocabulary: input.tokens.vocabulary, grouping: input.grouping, observer: observer)
    }

    /// The candidates of the documents `texts` reads (the grouping's, in group order).
    func run(_ texts: RunTexts, vocabulary: VocabularyTable, grouping: Grouping,
             observer: any RunObserver = SilentObserver()) throws(DiscourseError) -> TermSuggestionResult {
        let groups = grouping.groups
        observer.stage("terms: tokens")
        let stream = try RunStream(texts)
        var counts = try RunCounts(stream, maxLength: options.maxLength, minCount: options.minCount, spillBytes: texts.spillBytes,
                                   tmp: texts.tmp) { observer.stage("terms: runs of \($0) tokens") }
        // Stopwords and numbers (years and figures are not formulations) are no edges.
        let edgeless = (0..<vocabulary.count).map { vocabulary.isStopword[$0] || stream.isNumber[$0] }
        var groupOf = [Int32](repeating: -1, count: groups.reduce(0) { max($0, ($1.documents.max() ?? -1) + 1) })
        for (g, group) in groups.enumerated() { for d in group.documents { groupOf[d] = Int32(g) } }

        // Candidates past the budget's share are examined in partitions, a pass each.
        var candidates = 0
        for runs in counts.kept {
            try runs.forEach { ids, _, _ in
                if RunCandidates.hasFreeEdges(ids, runs.n, edgeless) { candidates += 1 }
            }
        }
        var partitions = 1
        if let share = texts.candidateBytes {
            func needed(besides held: Int) -> Int {
                let available = max(share / 4, share - held, 1)
                return max(1, (candidates * RunCandidates.bytesPerCandidate + available - 1) / available)
            }
            partitions = needed(besides: counts.footprint)
            if partitions > 1 {
                // Partitions tell their runs by hash and never read the filters: their room
                // goes to the candidates.
                counts.dropFilters()
                partitions = max(2, needed(besides: counts.footprint))
            }
        }
        func examine(_ p: Int, _ emit: (TermCandidate) throws(DiscourseError) -> Void) throws(DiscourseError) {
            try self.examine(stream, counts: counts, partition: p, of: partitions, edgeless: edgeless, groupOf: groupOf,
                             vocabulary: vocabulary, grouping: grouping, spillBytes: texts.spillBytes, tmp: texts.tmp, emit)
        }
        guard texts.spillBytes != nil else {
            observer.stage("terms: candidates")
            var rows: [TermCandidate] = []
            try examine(0) { rows.append($0) }
            return TermSuggestionResult(candidates: TermCandidateList(rows), top: options.top, partitions: 1)
        }
        // Within a budget each partition's candidates go to a file, in order, and are merged as read.
        var files: [SpillFile] = []
        for p in 0..<partitions {
            observer.stage("terms: candidates" + (partitions > 1 ? " \(p + 1)/\(partitions)" : ""))
            let writer = try CandidateFileWriter(tmp: texts.tmp)
            try examine(p) { candidate throws(DiscourseError) in try writer.append(candidate) }
            files.append(try writer.finish())
        }
        return TermSuggestionResult(candidates: TermCandidateList(files: files, count: candidates), top: options.top,
                                    partitions: partitions)
    }

    /// Hands `emit` the rows of one partition of the candidates, in order.
    private func examine(_ stream: RunStream, counts: RunCounts, partition: Int, of partitions: Int, edgeless: [Bool],
                         groupOf: [Int32], vocabulary: VocabularyTable, grouping: Grouping, spillBytes: Int?, tmp: String,
                         _ emit: (TermCandidate) throws(DiscourseError) -> Void) throws(DiscourseError) {
        let groups = grouping.groups
        let candidates = try RunCandidates(counts, partition: partition, of: partitions, edgeless: edgeless)
        let occurrences = try RunOccurrences(stream, candidates: candidates, filters: counts.filters, groupOf: groupOf,
                                             isStopword: vocabulary.isStopword, spillBytes: spillBytes.map { $0 / 2 }, tmp: tmp)

        // Branching entropies from the neighbour counts, a candidate and side at a time.
        var left = occurrences.tallies.map { TermMeasures.branchingEntropy(neighbours: [], boundaries: $0.leftBoundaries) }
        var right = occurrences.tallies.map { TermMeasures.branchingEntropy(neighbours: [], boundaries: $0.rightBoundaries) }
        var current: UInt64 = .max  // candidate << 1 | side
        var neighbours: [Int] = []
        func finish() {
            guard current != .max else { return }
            let c = Int(current >> 1)
            if current & 1 == 0 {
                left[c] = TermMeasures.branchingEntropy(neighbours: neighbours, boundaries: occurrences.tallies[c].leftBoundaries)
            } else {
                right[c] = TermMeasures.branchingEntropy(neighbours: neighbours, boundaries: occurrences.tallies[c].rightBoundaries)
            }
            neighbours.removeAll(keepingCapacity: true)
        }
        try occurrences.neighbours.merge { key, count in
            let side = key >> 31  // candidate << 1 | side
            if side != current {
                finish()
                current = side
            }
            neighbours.append(count)
        }
        finish()

        // The measures, then the order (that of `TermCandidateList.precedes`, the texts made
        // only to break ties), then the rows one at a time.
        var cohesion = [Double](repeating: .infinity, count: candidates.count)
        var cValue = [Double](repeating: 0, count: candidates.count)
        var score = [Double](repeating: 0, count: candidates.count)
        var frequency = [Int](repeating: 0, count: candidates.count)
        for c in 0..<candidates.count {
            let (n, entry) = candidates.locate(c)
            let ids = candidates.tables[n - 2].ids(of: entry)
            let count = candidates.tables[n - 2].occurrences(of: entry)
            frequency[c] = count
            for k in 1..<ids.count {
                cohesion[c] = min(cohesion[c], TermMeasures.pmi(joint: count, left: candidates.partCount(ids[..<(ids.startIndex + k)]),
                                                                right: candidates.partCount(ids[(ids.startIndex + k)...]),
                                                                total: stream.total))
            }
            cValue[c] = TermMeasures.cValue(length: ids.count, frequency: count, nestedTotal: candidates.nestedTotal[c],
                                            nestedCount: candidates.nestedCount[c])
            let value = cohesion[c] > 0 ? max(0, cValue[c]) * min(left[c], right[c]) : 0
            score[c] = value == 0 ? 0 : value
        }
        func ids(_ c: Int) -> ArraySlice<UInt32> {
            let (n, entry) = candidates.locate(c)
            return candidates.tables[n - 2].ids(of: entry)
        }
        func text(_ c: Int) -> String { Self.text(ids(c), spaced: occurrences.tallies[c].spaced, vocabulary) }
        func tokens(_ c: Int) -> String { ids(c).map { vocabulary.forms[Int($0)] }.joined(separator: " ") }
        var order = Array(0..<Int32(candidates.count))
        order.sort { a, b in
            let (a, b) = (Int(a), Int(b))
            if score[a] != score[b] { return score[a] > score[b] }
            if frequency[a] != frequency[b] { return frequency[a] > frequency[b] }
            let (x, y) = (text(a), text(b))
            if !x.utf8.elementsEqual(y.utf8) { return x.utf8.lexicographicallyPrecedes(y.utf8) }
            let (u, v) = (tokens(a), tokens(b))
            if !u.utf8.elementsEqual(v.utf8) { return u.utf8.lexicographicallyPrecedes(v.utf8) }
            return ids(a).count < ids(b).count
        }
        for c in order.lazy.map(Int.init) {
            let (n, entry) = candidates.locate(c)
            let tally = occurrences.tallies[c]
            try emit(TermCandidate(
                text: text(c), tokens: tokens(c), length: n, count: frequency[c],
                documents: Int(candidates.tables[n - 2].documentFrequency(of: entry)), groupsPresent: Int(tally.groups),
                firstGroup: groups[Int(tally.firstGroup)].label, lastGroup: groups[Int(tally.lastGroup)].label,
                cohesion: cohesion[c], leftEntropy: left[c], rightEntropy: right[c], cValue: cValue[c], score: score[c]))
        }
    }

    /// The candidate as a `--terms` line: forms joined as its first occurrence joins them
    /// (新质生产力, "health care"; bit i of `spaced`: white space after token i).
    static func text(_ ids: ArraySlice<UInt32>, spaced: UInt32, _ vocabulary: VocabularyTable) -> String {
        var text = ""
        for (i, id) in ids.enumerated() {
            if i > 0 && spaced & (1 << UInt32(i - 1)) != 0 { text += " " }
            text += vocabulary.forms[Int(id)]
        }
        return text
    }
}

/// One line of `term_candidates.csv`.
public struct TermCandidate: Sendable {
    /// The candidate as a `--terms` line would spell it.
    public let text: String
    /// Its tokens' forms, joined by spaces.
    public let tokens: String
    public let length: Int
    public let count: Int
    public let documents: Int
    public let groupsPresent: Int
    public let firstGroup: String
    public let lastGroup: String
    public let cohesion: Double
    public let leftEntropy: Double
    public let rightEntropy: Double
    public let cValue: Double
    public let score: Double
}

/// The ranked candidates.
public struct TermSuggestionResult: Sendable {
    public let candidates: TermCandidateList
    /// How many the suggested terms file lists.
    public let top: Int
    /// In how many partitions the candidates were examined (a pass over the tokens each).
    public let partitions: Int
}
