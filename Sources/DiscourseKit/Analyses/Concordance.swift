/// What `kwic` finds and shows (SPEC §7).
public struct ConcordanceOptions: Sendable {
    /// The node lines (`--node`, `--nodes`): words, multi-word terms or n-grams.
    public var nodes: [String] = []
    /// Tokens of context on each side (`--window`).
    public var span = 10
    /// At most this many lines per node in each group (`--limit`), the first in document
    /// order; nil for all.
    public var limit: Int?

    public init() {}

    /// The options as `run.json` records them, with the grouping field in its place.
    public func manifest(by field: String?) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [("nodes", .array(nodes.map(JSONValue.string))), ("window", .int(span)),
                                             ("by", field.map(JSONValue.string) ?? .null)]
        if let limit { fields.append(("limit", .int(limit))) }
        return fields
    }
}

/// `kwic` (SPEC §7): every occurrence of the nodes with the text around it, so that a
/// researcher can read a term in context, session by session.
///
/// A node is a form (a word, or a multi-word term from `--terms`) or an n-gram written with
/// spaces (`national security`), matched on consecutive tokens of one sentence. `left` and
/// `right` are the document's text (NFC; mapped under `--simplified`) from up to `span`
/// tokens before the match to its start, and from its end to up to `span` tokens after it,
/// within the document (crossing sentences); runs of whitespace are folded to one space and
/// the ends trimmed. The tokens must keep their offsets.
public struct Concordance: Sendable {
    public var options: ConcordanceOptions

    public init(options: ConcordanceOptions) { self.options = options }

    /// Resolves the nodes against the vocabulary; lines are found when asked for.
    ///
    /// - Throws: `DiscourseError` when ICU's normalizers cannot be opened.
    public func run(_ input: AnalysisInput) throws(DiscourseError) -> ConcordanceResult {
        let (patterns, missing) = Self.patterns(options.nodes, normalizer: try LineNormalizer(input.tokens.configuration),
                                                vocabulary: input.tokens.vocabulary)
        return ConcordanceResult(input: input, options: options, patterns: patterns,
                                 warnings: missing.isEmpty ? [] : ["node(s) not in the corpus: \(missing.joined(separator: ", "))"])
    }

    /// The token-id sequences of the node lines; lines with a form the corpus never has are
    /// returned in `missing`.
    static func patterns(_ lines: [String], normalizer: LineNormalizer,
                         vocabulary: VocabularyTable) -> (patterns: [[UInt32]], missing: [String]) {
        var ids: [String: UInt32] = [:]
        for (id, form) in vocabulary.forms.enumerated() { ids[form] = UInt32(id) }
        var patterns: [[UInt32]] = []
        var missing: [String] = []
        for line in lines {
            if let id = ids[normalizer.form(of: line)] {
                patterns.append([id])
                continue
            }
            let words = String(decoding: normalizer.normalize(line), as: UTF16.self).split(separator: " ").map(String.init)
            let sequence = words.compactMap { ids[$0] }
            if sequence.count == words.count && !sequence.isEmpty { patterns.append(sequence) } else { missing.append(line) }
        }
        return (patterns, missing)
    }
}

/// One concordance line (`kwic.csv`).
public struct ConcordanceLine: Sendable {
    public let documentID: String
    /// The document's group; nil without a grouping field.
    public let group: String?
    public let sentence: Int
    /// Tokens `tokenStart ..< tokenEnd` of the document are the match.
    public let tokenStart: Int
    public let tokenEnd: Int
    public let left: String
    public let match: String
    public let right: String
}

/// The concordance lines, found part by part (a document, or a group when lines are limited
/// per group) in group order, then document order, then token order. In a run that holds no
/// tokens (within a memory budget) a part is a chunk of documents (or a group), whose texts
/// are read and tokenized again when its lines are asked for.
public struct ConcordanceResult: Sendable {
    let input: AnalysisInput
    public let options: ConcordanceOptions
    let patterns: [[UInt32]]
    /// Nodes the corpus lacks.
    public let warnings: [String]
    /// The documents in group order, with their group.
    private let order: [(document: Int, group: Int)]
    /// Read again: the chunks of documents in group order (without a limit).
    private let chunks: [[Int]]
    /// Read again: each document's group.
    private let groupOf: [Int]

    init(input: AnalysisInput, options: ConcordanceOptions, patterns: [[UInt32]], warnings: [String]) {
        self.input = input
        self.options = options
        self.patterns = patterns
        self.warnings = warnings
        order = input.grouping.groups.indices.flatMap { g in input.grouping.groups[g].documents.map { (document: $0, group: g) } }
        if let texts = input.documents {
            chunks = options.limit == nil ? texts.chunks(of: order.map(\.document)) : []
            var groupOf = [Int](repeating: -1, count: input.corpus.documents.count)
            for (document, group) in order { groupOf[document] = group }
            self.groupOf = groupOf
        } else {
            (chunks, groupOf) = ([], [])
        }
    }

    /// Whether lines carry a group.
    public var grouped: Bool { input.grouping.field != nil }

    /// Whether the texts are read again for the lines (`lines(part:)` may then throw).
    public var readsTexts: Bool { input.documents != nil }

    /// The parts lines are found in: documents (chunks of them when the texts are read
    /// again), or groups under a limit.
    public var partCount: Int {
        if options.limit != nil { return input.grouping.groups.count }
        return readsTexts ? chunks.count : order.count
    }

    /// What a part is, for progress messages.
    public var partUnit: String { options.limit != nil ? "groups" : readsTexts ? "chunks of documents" : "documents" }

    /// The lines of part p.
    ///
    /// - Throws: `DiscourseError` when a text read again can no longer be read.
    public func lines(part p: Int) throws(DiscourseError) -> [ConcordanceLine] {
        guard let texts = input.documents else {
            guard let limit = options.limit else {
                return lines(input.tokens.documents[order[p].document], group: order[p].group)
            }
            var left = [Int](repeating: limit, count: patterns.count)
            return input.grouping.groups[p].documents.flatMap { lines(input.tokens.documents[$0], group: p, remaining: &left) }
        }
        guard let limit = options.limit else {
            return try texts.tokenize(chunks[p]).flatMap { lines($0, group: groupOf[$0.index]) }
        }
        // A group's documents a chunk at a time, until every node has its lines.
        var left = [Int](repeating: limit, count: patterns.count)
        var found: [ConcordanceLine] = []
        for chunk in texts.chunks(of: input.grouping.groups[p].documents) where left.contains(where: { $0 > 0 }) {
            for document in try texts.tokenize(chunk) { found += lines(document, group: p, remaining: &left) }
        }
        return found
    }

    private func lines(_ document: TokenizedDocument, group g: Int) -> [ConcordanceLine] {
        var unlimited = [Int](repeating: Int.max, count: patterns.count)
        return lines(document, group: g, remaining: &unlimited)
    }

    /// One document's lines in token order (all matches, overlapping ones included), each
    /// node's while its `remaining` count lasts.
    private func lines(_ document: TokenizedDocument, group g: Int, remaining: inout [Int]) -> [ConcordanceLine] {
        let id = input.corpus.documents[document.index].id
        let group = grouped ? input.grouping.groups[g].label : nil
        let sentences = document.sentenceOfEachToken()
        let count = document.count
        let span = options.span
        var lines: [ConcordanceLine] = []
        let forms = document.forms
        for i in 0..<count {
            for (k, pattern) in patterns.enumerated() where pattern[0] == forms[i] && remaining[k] > 0 {
                let end = i + pattern.count
                guard end <= count, sentences[end - 1] == sentences[i],
                      zip(pattern, forms[i..<end]).allSatisfy({ $0 == $1 }) else { continue }
                remaining[k] -= 1
                let before = min(span, i)
                let after = min(span, count - end)
                lines.append(ConcordanceLine(
                    documentID: id, group: group, sentence: Int(sentences[i]), tokenStart: i, tokenEnd: end,
                    left: before == 0 ? "" : Self.text(document, from: document.starts[i - before], to: document.starts[i]),
                    match: Self.text(document, from: document.starts[i], to: document.ends[end - 1]),
                    right: after == 0 ? "" : Self.text(document, from: document.ends[end - 1], to: document.ends[end - 1 + after])))
            }
        }
        return lines
    }

    /// The text between two UTF-16 offsets, whitespace folded and trimmed.
    static func text(_ document: TokenizedDocument, from start: Int32, to end: Int32) -> String {
        String(decoding: LineNormalizer.foldWhitespace(document.text[Int(start)..<Int(end)]), as: UTF16.self)
    }
}
