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
    ///   needed to tell a run from tokens split by punctuation).
    public func run(_ input: AnalysisInput) throws(DiscourseError) -> TermSuggestionResult {
        let tokens = input.tokens
        guard tokens.configuration.keepOffsets else {
            throw DiscourseError("terms suggest needs the tokens' offsets; tokenize with offsets kept")
        }
        let groups = input.grouping.groups
        let documents = groups.flatMap(\.documents)
        let groupOf = Dictionary(uniqueKeysWithValues: groups.indices.flatMap { g in groups[g].documents.map { ($0, g) } })
        let counts = RunCounts(tokens, documents: documents, maxLength: options.maxLength, minCount: options.minCount)
        let vocabulary = tokens.vocabulary
        let edgeless = (0..<vocabulary.count).map { vocabulary.isStopword[$0] }

        // The candidates: counted runs of 2 tokens or more, often enough, with free edges.
        var candidates: [Candidate] = []
        var index: [[Int32]] = [[]]  // index[n − 1][entry]: the candidate, or −1
        for n in 2...options.maxLength {
            let table = counts.tables[n - 1]
            var level = [Int32](repeating: -1, count: table.count)
            for entry in 0..<table.count where table.occurrences(of: entry) >= options.minCount {
                let ids = table.ids(of: entry)
                guard !edgeless[Int(ids.first!)], !edgeless[Int(ids.last!)] else { continue }
                level[entry] = Int32(candidates.count)
                candidates.append(Candidate(ids: Array(ids), count: table.occurrences(of: entry),
                                            documents: Int(table.documentFrequency(of: entry))))
            }
            index.append(level)
        }
        // Numbers are not edges either: years and figures are not formulations.
        var isNumber = [Bool](repeating: false, count: vocabulary.count)
        // One pass over the occurrences: neighbours, groups, and how the first one is written.
        for d in documents {
            let document = tokens.documents[d]
            let glued = RunCounts.glue(document)
            for t in 0..<document.count where document.kinds[t] == .number { isNumber[Int(document.forms[t])] = true }
            document.forms.withUnsafeBufferPointer { forms in
                var run = 0
                for i in 0..<document.count {
                    run = i > 0 && glued[i - 1] ? run + 1 : 1
                    guard run >= 2 else { continue }
                    for n in 2...min(run, options.maxLength) {
                        let start = i - n + 1
                        guard let entry = counts.tables[n - 1].find(forms.baseAddress! + start) else { continue }
                        let c = Int(index[n - 1][entry])
                        guard c >= 0 else { continue }
                        let group = groupOf[d]!
                        candidates[c].record(group: group, documentStart: start, length: n, document: document, glued: glued,
                                             stopword: edgeless)
                    }
                }
            }
        }
        candidates.removeAll { isNumber[Int($0.ids.first!)] || isNumber[Int($0.ids.last!)] }
        // Nesting: which longer candidates contain each one.
        var position: [[UInt32]: Int] = [:]
        for (c, candidate) in candidates.enumerated() { position[candidate.ids] = c }
        var containing = [[Int]](repeating: [], count: candidates.count)
        for candidate in candidates where candidate.ids.count > 2 {
            var inside: Set<Int> = []
            for length in 2..<candidate.ids.count {
                for start in 0...(candidate.ids.count - length) {
                    if let a = position[Array(candidate.ids[start..<start + length])] { inside.insert(a) }
                }
            }
            for a in inside { containing[a].append(candidate.count) }
        }
        var rows: [TermCandidate] = []
        rows.reserveCapacity(candidates.count)
        for (c, candidate) in candidates.enumerated() {
            let ids = candidate.ids[...]
            var cohesion = Double.infinity
            for k in 1..<ids.count {
                cohesion = min(cohesion, TermMeasures.pmi(joint: candidate.count, left: counts.count(ids[..<(ids.startIndex + k)]),
                                                          right: counts.count(ids[(ids.startIndex + k)...]), total: counts.total))
            }
            let left = TermMeasures.branchingEntropy(neighbours: candidate.left.values, boundaries: candidate.leftBoundaries)
            let right = TermMeasures.branchingEntropy(neighbours: candidate.right.values, boundaries: candidate.rightBoundaries)
            let cValue = TermMeasures.cValue(length: ids.count, frequency: candidate.count, nestedIn: containing[c])
            let score = cohesion > 0 ? max(0, cValue) * min(left, right) : 0
            rows.append(TermCandidate(
                text: candidate.text(vocabulary), tokens: ids.map { vocabulary.forms[Int($0)] }.joined(separator: " "),
                length: ids.count, count: candidate.count, documents: candidate.documents,
                groupsPresent: candidate.groupsPresent, firstGroup: groups[candidate.firstGroup].label,
                lastGroup: groups[candidate.lastGroup].label, cohesion: cohesion, leftEntropy: left, rightEntropy: right,
                cValue: cValue, score: score == 0 ? 0 : score))
        }
        rows.sort { x, y in
            if x.score != y.score { return x.score > y.score }
            if x.count != y.count { return x.count > y.count }
            return x.text.utf8.lexicographicallyPrecedes(y.text.utf8)
        }
        return TermSuggestionResult(candidates: rows, top: options.top)
    }

    /// A candidate while its occurrences are gathered.
    struct Candidate {
        let ids: [UInt32]
        let count: Int
        let documents: Int
        var left: [UInt32: Int] = [:]
        var right: [UInt32: Int] = [:]
        var leftBoundaries = 0
        var rightBoundaries = 0
        var firstGroup = Int.max
        var lastGroup = -1
        var groupsPresent = 0
        /// Whether white space stands between tokens i and i + 1 in the first occurrence.
        var spaced: [Bool] = []

        init(ids: [UInt32], count: Int, documents: Int) {
            self.ids = ids
            self.count = count
            self.documents = documents
        }

        /// Records one occurrence. A stopword next to the candidate is a boundary like
        /// punctuation: no candidate ends in a stopword, so it never continues the term
        /// (the soviet union, 发展的).
        mutating func record(group: Int, documentStart start: Int, length n: Int, document: TokenizedDocument, glued: [Bool],
                             stopword: [Bool]) {
            if start > 0 && glued[start - 1] && !stopword[Int(document.forms[start - 1])] {
                left[document.forms[start - 1], default: 0] += 1
            } else {
                leftBoundaries += 1
            }
            let end = start + n - 1
            if end < glued.count && glued[end] && !stopword[Int(document.forms[end + 1])] {
                right[document.forms[end + 1], default: 0] += 1
            } else {
                rightBoundaries += 1
            }
            if group != lastGroup { groupsPresent += 1 }
            firstGroup = min(firstGroup, group)
            lastGroup = max(lastGroup, group)
            if spaced.isEmpty {
                spaced = (start..<end).map { document.ends[$0] < document.starts[$0 + 1] }
            }
        }

        /// The candidate as a `--terms` line: forms joined as the first occurrence joins them
        /// (新质生产力, "health care").
        func text(_ vocabulary: VocabularyTable) -> String {
            var text = vocabulary.forms[Int(ids[0])]
            for i in 1..<ids.count {
                if i - 1 < spaced.count && spaced[i - 1] { text += " " }
                text += vocabulary.forms[Int(ids[i])]
            }
            return text
        }
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
    public let candidates: [TermCandidate]
    /// How many the suggested terms file lists.
    public let top: Int
}
