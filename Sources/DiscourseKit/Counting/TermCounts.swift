/// Counts of terms per document and per group, for keyness, trends and comparison (SPEC §5–6).
///
/// A term is an n-gram of one of the chosen lengths (multi-word terms from `--terms` are single
/// tokens, so they are unigrams); its text is its forms joined by one space, and n-grams with a
/// stopword are not counted (SPEC §2.7). Every term gets an index (in order of first
/// appearance; no output depends on it); groups hold sparse (term, count) lists sorted by term
/// index, and documents, when kept, compact lists of the same kind (`DocumentTermLists`).
public struct TermCounts: Sendable {
    /// Term texts by index.
    public let terms: [String]
    /// Each term's n.
    public let sizes: [Int]
    /// The groups, in diachronic order.
    public let groups: [Group]
    /// Tokens of each group (SPEC §3).
    public let groupTokens: [Int]
    /// Each group's counts: term index, count, documents of the group containing it (held,
    /// or read back from disk a group at a time).
    public let groupCounts: GroupTermLists
    /// Each analysed document's counts, documents in group order; nil unless asked for
    /// (only trends' dispersion reads them, and they are the largest part).
    public let documents: DocumentTermLists?
    /// Tokens of each analysed document, in group order.
    public let documentTokens: [Int]
    /// Each term's count over all groups.
    public let totals: [Int]

    /// A term's count in a group: 16 bytes, as groups × terms of them are held.
    public struct TermCount: Sendable, BitwiseCopyable {
        public let term: Int32
        private let documentCount: Int32
        public let count: Int
        /// Documents of the group containing the term.
        public var documents: Int { Int(documentCount) }

        init(term: Int32, count: Int, documents: Int) {
            self.term = term
            self.documentCount = Int32(documents)
            self.count = count
        }
    }

    /// Counts the n-grams of every length in `sizes` in every document of `grouping`.
    ///
    /// - Parameters:
    ///   - keepDocuments: whether to keep each document's list (for dispersion).
    ///   - only: the texts of the only terms to count (tracked trends); nil counts every n-gram.
    /// - Complexity: O(tokens × lengths) to count, then O(distinct (document, term) pairs).
    public init(_ corpus: TokenizedCorpus, grouping: Grouping, sizes: [Int], crossSentences: Bool = false,
                keepDocuments: Bool = true, only: Set<String>? = nil) {
        var builder = Builder(grouping: grouping, documentCount: corpus.documents.count, sizes: sizes,
                              crossSentences: crossSentences, keepDocuments: keepDocuments, only: only)
        do {
            try builder.add(corpus, from: 0)
        } catch {
            preconditionFailure("lists held in memory are not written: \(error.message)")
        }
        self = builder.finish(vocabulary: corpus.vocabulary)
    }

    init(terms: [String], sizes: [Int], groups: [Group], groupTokens: [Int], groupCounts: GroupTermLists,
         documents: DocumentTermLists?, documentTokens: [Int]) {
        self.terms = terms
        self.sizes = sizes
        self.groups = groups
        self.groupTokens = groupTokens
        self.groupCounts = groupCounts
        self.documents = documents
        self.documentTokens = documentTokens
        var totals = [Int](repeating: 0, count: terms.count)
        for list in groupCounts { for item in list { totals[Int(item.term)] += item.count } }
        self.totals = totals
    }

    /// Each group's index range among the analysed documents (group order).
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

/// Each analysed document's (term, count) list, sorted by term, packed as `term << 32 | count`:
/// 8 bytes per pair, where the pairs of a large corpus run to tens of millions. The lists are
/// stored in blocks (64 Ki pairs, 512 KB), so that storing more never copies what is held;
/// with a spill file (a run within a memory budget), each full block is written there and
/// dropped, and lists are read back one document at a time.
public struct DocumentTermLists: Sendable {
    private var blocks: [[UInt64]] = []
    /// Where each full block was written in the spill file (-1: held in memory).
    private var blockOffsets: [Int] = []
    /// Each document's list: its block and range there, by position in group order.
    private var locations: [(block: Int32, start: Int32, count: Int32)]
    private let spill: SpillFile?
    private let blockSize: Int

    /// Lists for `count` documents, each empty until appended; full blocks go to `spill`.
    init(count: Int, spill: SpillFile? = nil, blockSize: Int = 1 << 16) {
        locations = [(block: Int32, start: Int32, count: Int32)](repeating: (-1, 0, 0), count: count)
        self.spill = spill
        self.blockSize = blockSize
    }

    /// Documents.
    public var count: Int { locations.count }

    /// Stores the list of the document at `position` (in group order).
    ///
    /// - Throws: `DiscourseError` when a full block cannot be written to the spill file.
    mutating func append(_ list: [UInt64], position: Int) throws(DiscourseError) {
        guard !list.isEmpty else { return }
        if blocks.isEmpty || blocks[blocks.count - 1].count + list.count > blockSize {
            if let spill, let last = blocks.indices.last {
                blockOffsets[last] = spill.size
                try spill.append(blocks[last])
                blocks[last] = []
            }
            blocks.append([])
            blockOffsets.append(-1)
            blocks[blocks.count - 1].reserveCapacity(max(blockSize, list.count))
        }
        let b = blocks.count - 1
        locations[position] = (Int32(b), Int32(blocks[b].count), Int32(list.count))
        blocks[b].append(contentsOf: list)
    }

    /// The term of a packed pair.
    @inline(__always)
    public static func term(_ pair: UInt64) -> Int { Int(pair >> 32) }

    /// The count of a packed pair.
    @inline(__always)
    public static func count(_ pair: UInt64) -> Int { Int(pair & 0xFFFF_FFFF) }

    /// Calls `body` with each document's position in group order and its list, in group order.
    public func forEach(_ body: (_ position: Int, _ list: UnsafeBufferPointer<UInt64>) -> Void) {
        var buffer: [UInt64] = []
        for (position, location) in locations.enumerated() {
            let (block, start, count) = (Int(location.block), Int(location.start), Int(location.count))
            guard block >= 0 else {
                body(position, UnsafeBufferPointer(start: nil, count: 0))
                continue
            }
            if blockOffsets[block] < 0 {
                blocks[block].withUnsafeBufferPointer { body(position, UnsafeBufferPointer(rebasing: $0[start..<start + count])) }
                continue
            }
            if buffer.count < count { buffer = [UInt64](repeating: 0, count: count) }
            buffer.withUnsafeMutableBufferPointer { all in
                let target = UnsafeMutableBufferPointer(rebasing: all[0..<count])
                guard spill!.read(into: target, at: blockOffsets[block] + start * 8) else {
                    preconditionFailure("\(spill!.path): the temporary counts were cut short while being read")
                }
                body(position, UnsafeBufferPointer(target))
            }
        }
    }
}
