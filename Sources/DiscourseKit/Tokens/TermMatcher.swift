import ICUText

/// One token as the tokenizer finds it: form id, sentence, UTF-16 offsets, kind.
struct RawToken {
    var form: UInt32
    var sentence: Int32
    var start: Int32
    var end: Int32
    var kind: TokenKind
}

/// Tokens waiting for the term matcher to decide whether they start, or belong to, a
/// multi-word term; a handful at a time, however long the sentence.
struct PendingTokens {
    private var tokens: [RawToken] = []
    private var head = 0

    var count: Int { tokens.count - head }

    subscript(i: Int) -> RawToken { tokens[head + i] }

    mutating func append(_ token: RawToken) { tokens.append(token) }

    mutating func drop(_ n: Int) {
        head += n
        if head >= 1024 && head * 2 >= tokens.count {
            tokens.removeFirst(head)
            head = 0
        }
    }
}

/// Joins runs of tokens that spell a multi-word term into one token (SPEC §2.6), for one
/// thread: it learns, per form id, how the term trie continues, so that matching costs
/// integer lookups rather than normalizing text.
///
/// A run matches when the text from its first token's start to its last token's end,
/// normalized like a term line, equals the line. Normalizing the tokens and the gaps between
/// them one by one gives that same text whenever each piece begins a normalization segment
/// (ICU's `hasBoundaryBefore`) and no form holds white space; the matcher then walks the run
/// a form id at a time. A run where that does not hold is matched on its text.
struct TermMatcher {
    private let trie: TermTrie
    private let normalizer: Normalizer
    private let vocabulary: Vocabulary
    /// Per form id: `unknown`, `TermTrie.dead`, `textOnly`, or the node its form leads to
    /// from the root.
    private var roots: [Int32] = []
    /// Per form id, its first UTF-16 unit, so that a step that cannot continue is known
    /// without reading the form (valid once `roots` knows the form).
    private var firstUnits: [UInt16] = []
    /// (node, form id) → the node after the form, stored plus `offset`
    /// so that a missing key (0) differs from every node and mark.
    private var steps = PairTable(capacity: 4096)
    /// (node, the one unit between two tokens) → the node after that unit's normalized text,
    /// stored like `steps`.
    private var gapSteps = PairTable(capacity: 256)
    /// Node where a term ends → the term's form id.
    private var termIDs: [Int32: UInt32] = [:]

    private static let unknown: Int32 = -2
    /// The form holds white space or a replaced unit (or is empty), so a run with it is
    /// matched on the text.
    private static let textOnly: Int32 = -3
    private static let offset: Int32 = 4

    /// The outcome of looking at the run that starts with the first pending token.
    private struct Match {
        /// The last token of the term; `none` or `undecided`.
        var last: Int
        var node: Int32 = 0
        /// No term starts at the first token.
        static let none = -1
        /// More tokens are needed to decide.
        static let undecided = -2
    }

    init(terms: TermList, normalizer: Normalizer, vocabulary: Vocabulary) {
        trie = terms.trie
        self.normalizer = normalizer
        self.vocabulary = vocabulary
    }

    /// Replaces runs of pending tokens that spell a term by one token of kind `term`: inside
    /// each sentence, left to right, the longest match wins. Emits every pending token whose
    /// fate is decided; one that could still start a match with tokens yet to come waits,
    /// unless `final`.
    mutating func join(_ text: UnsafeBufferPointer<UInt16>, _ pending: inout PendingTokens, final: Bool, into stream: inout TokenStream) {
        while pending.count > 0 {
            let first = pending[0]
            let root = rootNode(first.form)
            if root == TermTrie.dead {
                stream.append(first)
                pending.drop(1)
                continue
            }
            var match = Match(last: Match.undecided)
            let byForms = root != Self.textOnly && matchByForms(text, pending, root: root, final: final, &match)
            if !byForms { match = matchByText(text, pending, final: final) }
            if match.last == Match.undecided { return }
            if match.last == Match.none {
                stream.append(first)
                pending.drop(1)
            } else {
                stream.append(RawToken(form: termID(match.node), sentence: first.sentence, start: first.start,
                                       end: pending[match.last].end, kind: .term))
                pending.drop(match.last + 1)
            }
        }
    }

    /// Whether a token of this form can begin a term; one that cannot, with no tokens
    /// pending, is emitted at once.
    mutating func mayStartTerm(_ form: UInt32) -> Bool {
        rootNode(form) != TermTrie.dead
    }

    /// Walks the run a token at a time through cached trie steps; false when a piece of the
    /// run does not begin a normalization segment (then only the text decides).
    private mutating func matchByForms(_ text: UnsafeBufferPointer<UInt16>, _ pending: PendingTokens, root: Int32,
                                       final: Bool, _ match: inout Match) -> Bool {
        let sentence = pending[0].sentence
        var node = root
        match = Match(last: trie.isTerm(node) ? 0 : Match.none, node: node)
        var j = 1
        while true {
            guard j < pending.count else {
                if !final { match.last = Match.undecided }
                return true
            }
            let token = pending[j]
            if token.sentence != sentence { return true }
            guard let next = step(text, from: node, after: pending[j - 1].end, to: token) else { return false }
            if next == TermTrie.dead { return true }
            node = next
            if trie.isTerm(node) { match = Match(last: j, node: node) }
            j += 1
        }
    }

    /// The node after the gap before `token` and the token's form; nil when the gap or the
    /// token does not begin a normalization segment or the form holds white space.
    private mutating func step(_ text: UnsafeBufferPointer<UInt16>, from node: Int32, after gapStart: Int32,
                               to token: RawToken) -> Int32? {
        let gap = Int(gapStart)..<Int(token.start)
        guard Self.beginsSegment(text, gap.upperBound, normalizer) else { return nil }
        var node = node
        if !gap.isEmpty {
            guard Self.beginsSegment(text, gap.lowerBound, normalizer) else { return nil }
            if text[gap].allSatisfy(UTF16Text.isWhitespace) {
                node = trie.step(node, 0x20)  // white space folds to one space
            } else if gap.count == 1 {
                // One punctuation mark, the common gap: its step is cached.
                let key = PairTable.key(UInt32(bitPattern: node), UInt32(text[gap.lowerBound]))
                let cached = Int32(gapSteps.value(key)) - Self.offset
                if cached != -Self.offset {
                    node = cached
                } else {
                    node = trie.walk(node, normalizedGap(text, gap))
                    gapSteps.add(key, node + Self.offset)
                }
            } else {
                // Punctuation or dropped tokens between the two: walk their normalized text.
                node = trie.walk(node, normalizedGap(text, gap))
            }
            if node == TermTrie.dead { return node }
        }
        if rootNode(token.form) == Self.textOnly { return nil }
        if trie.step(node, firstUnits[Int(token.form)]) == TermTrie.dead { return TermTrie.dead }
        let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(token.form)
        var next = Int32(steps.value(key)) - Self.offset
        if next == -Self.offset {
            next = trie.walk(node, formUnits(token.form)!)
            steps.add(key, next + Self.offset)
        }
        return next
    }

    /// Whether the text from `index` on begins a normalization segment; ASCII and the common
    /// CJK ideographs always do, so ICU is asked only about other characters.
    private static func beginsSegment(_ text: UnsafeBufferPointer<UInt16>, _ index: Int, _ normalizer: Normalizer) -> Bool {
        let unit = text[index]
        if unit < 0x80 || (0x4E00...0x9FFF).contains(unit) { return true }
        return normalizer.hasBoundaryBefore(UnsafeBufferPointer(rebasing: text[index...]))
    }

    /// The run matched on its text: the normalized span from the first token's start to each
    /// later token's end, walked through the trie.
    private func matchByText(_ text: UnsafeBufferPointer<UInt16>, _ pending: PendingTokens, final: Bool) -> Match {
        let first = pending[0]
        var match = Match(last: Match.none)
        var j = 0
        while true {
            guard j < pending.count else {
                if !final { match.last = Match.undecided }
                return match
            }
            let token = pending[j]
            if token.sentence != first.sentence { return match }
            let span = normalizer.normalize(UnsafeBufferPointer(rebasing: text[Int(first.start)..<Int(token.end)]))
            let node = trie.walk(0, LineNormalizer.foldWhitespace(span[...]))
            if node == TermTrie.dead { return match }
            if trie.isTerm(node) { match = Match(last: j, node: node) }
            j += 1
        }
    }

    /// The node a form leads to from the root (`dead` when no term starts with it). Decided
    /// once per form id.
    private mutating func rootNode(_ id: UInt32) -> Int32 {
        let index = Int(id)
        if index >= roots.count {
            let more = index + 1 - roots.count + 1024
            roots.append(contentsOf: repeatElement(Self.unknown, count: more))
            firstUnits.append(contentsOf: repeatElement(0, count: more))
        }
        if roots[index] == Self.unknown {
            if let units = formUnits(id) {
                roots[index] = trie.walk(0, units)
                firstUnits[index] = units.first ?? 0
            } else {
                let folded = LineNormalizer.foldWhitespace(Array(vocabulary.form(of: id).utf16)[...])
                roots[index] = trie.walk(0, folded) == TermTrie.dead ? TermTrie.dead : Self.textOnly
            }
        }
        return roots[index]
    }

    /// The form's UTF-16 units; nil when they hold white space or U+FFFD (a form whose text
    /// may differ from the normalized surface), which only the text path handles.
    private func formUnits(_ id: UInt32) -> [UInt16]? {
        let units = Array(vocabulary.form(of: id).utf16)
        return units.isEmpty || units.contains { UTF16Text.isWhitespace($0) || $0 == 0xFFFD } ? nil : units
    }

    /// The id of the term that ends at a node, interned once.
    private mutating func termID(_ node: Int32) -> UInt32 {
        if let id = termIDs[node] { return id }
        let id = vocabulary.intern(trie.form(at: node)!)
        termIDs[node] = id
        return id
    }

    /// The normalized text of a gap between two tokens of a run, each run of white space
    /// folded to one space, the ends kept (tokens follow on both sides).
    private func normalizedGap(_ text: UnsafeBufferPointer<UInt16>, _ gap: Range<Int>) -> [UInt16] {
        var out: [UInt16] = []
        for unit in normalizer.normalize(UnsafeBufferPointer(rebasing: text[gap])) {
            if UTF16Text.isWhitespace(unit) {
                if out.last != 0x20 { out.append(0x20) }
            } else {
                out.append(unit)
            }
        }
        return out
    }
}
