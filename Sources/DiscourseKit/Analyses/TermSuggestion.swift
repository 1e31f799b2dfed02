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
    public func run(_ input: AnalysisInput) throws(DiscourseError) -> TermSuggestionResult {
        guard input.tokens.configuration.keepOffsets else {
            throw DiscourseError("terms suggest needs the tokens' offsets; tokenize with offsets kept")
        }
        let documents = input.grouping.groups.flatMap(\.documents)
        let texts = input.documents.map { RunTexts($0, documents: documents) } ?? RunTexts(input.tokens, documents: documents)
        return try run(texts, vocabulary: input.tokens.vocabulary, grouping: input.grouping)
    }

    /// The candidates of the documents `texts` reads (the grouping's, in group order).
    func run(_ texts: RunTexts, vocabulary: VocabularyTable, grouping: Grouping) throws(DiscourseError) -> TermSuggestionResult {
        let groups = grouping.groups
        let stream = try RunStream(texts)
        let counts = try RunCounts(stream, maxLength: options.maxLength, minCount: options.minCount, spillBytes: texts.spillBytes,
                                   tmp: texts.tmp)
        // Stopwords and numbers (years and figures are not formulations) are no edges.
        let edgeless = (0..<vocabulary.count).map { vocabulary.isStopword[$0] || stream.isNumber[$0] }
        var groupOf = [Int32](repeating: -1, count: groups.reduce(0) { max($0, ($1.documents.max() ?? -1) + 1) })
        for (g, group) in groups.enumerated() { for d in group.documents { groupOf[d] = Int32(g) } }

        // Candidates past the budget's share are examined in partitions, a pass each.
        var candidates = 0
        for runs in counts.kept {
            try runs.forEach { ids, _, _ in
                if !edgeless[Int(ids[0])] && !edgeless[Int(ids[runs.n - 1])] { candidates += 1 }
            }
        }
        let partitions = texts.candidateBytes.map { share in
            let available = max(share / 4, share - counts.footprint, 1)
            return max(1, (candidates * RunCandidates.bytesPerCandidate + available - 1) / available)
        } ?? 1
        if partitions == 1 {
            let rows = try examine(stream, counts: counts, partition: 0, of: 1, edgeless: edgeless, groupOf: groupOf,
                                   vocabulary: vocabulary, grouping: grouping, spillBytes: texts.spillBytes, tmp: texts.tmp)
            return TermSuggestionResult(candidates: TermCandidateList(rows), top: options.top, partitions: 1)
        }
        var files: [SpillFile] = []
        for p in 0..<partitions {
            let rows = try examine(stream, counts: counts, partition: p, of: partitions, edgeless: edgeless, groupOf: groupOf,
                                   vocabulary: vocabulary, grouping: grouping, spillBytes: texts.spillBytes, tmp: texts.tmp)
            files.append(try TermCandidateList.write(rows, tmp: texts.tmp))
        }
        return TermSuggestionResult(candidates: TermCandidateList(files: files, count: candidates), top: options.top,
                                    partitions: partitions)
    }

    /// The rows of one partition of the candidates, sorted.
    private func examine(_ stream: RunStream, counts: RunCounts, partition: Int, of partitions: Int, edgeless: [Bool],
                         groupOf: [Int32], vocabulary: VocabularyTable, grouping: Grouping, spillBytes: Int?,
                         tmp: String) throws(DiscourseError) -> [TermCandidate] {
        let groups = grouping.groups
        let candidates = try RunCandidates(counts, partition: partition, of: partitions, edgeless: edgeless)
        let occurrences = try RunOccurrences(stream, candidates: candidates, filters: counts.filters, groupOf: groupOf,
                                             isStopword: vocabulary.isStopword, spillBytes: spillBytes, tmp: tmp)

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

        var rows: [TermCandidate] = []
        rows.reserveCapacity(candidates.count)
        for c in 0..<candidates.count {
            let (n, entry) = candidates.locate(c)
            let table = candidates.tables[n - 2]
            let ids = table.ids(of: entry)
            let count = table.occurrences(of: entry)
            var cohesion = Double.infinity
            for k in 1..<ids.count {
                cohesion = min(cohesion, TermMeasures.pmi(joint: count, left: candidates.partCount(ids[..<(ids.startIndex + k)]),
                                                          right: candidates.partCount(ids[(ids.startIndex + k)...]),
                                                          total: stream.total))
            }
            let tally = occurrences.tallies[c]
            let cValue = TermMeasures.cValue(length: ids.count, frequency: count, nestedTotal: candidates.nestedTotal[c],
                                             nestedCount: candidates.nestedCount[c])
            let score = cohesion > 0 ? max(0, cValue) * min(left[c], right[c]) : 0
            rows.append(TermCandidate(
                text: Self.text(ids, spaced: tally.spaced, vocabulary), tokens: ids.map { vocabulary.forms[Int($0)] }.joined(separator: " "),
                length: ids.count, count: count, documents: Int(table.documentFrequency(of: entry)),
                groupsPresent: Int(tally.groups), firstGroup: groups[Int(tally.firstGroup)].label,
                lastGroup: groups[Int(tally.lastGroup)].label, cohesion: cohesion, leftEntropy: left[c], rightEntropy: right[c],
                cValue: cValue, score: score == 0 ? 0 : score))
        }
        rows.sort(by: TermCandidateList.precedes)
        return rows
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
