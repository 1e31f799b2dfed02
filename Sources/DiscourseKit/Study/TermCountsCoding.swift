/// The term counts of a study's shard as its part stores them (`StudyPart`, `terms-G-R.bin`),
/// and their sum over the shards.
///
/// A shard's counts are those of its own documents: its terms (by text, with their lengths),
/// each group's (term, count, documents) list and tokens, and each of its analysed documents'
/// position in group order, tokens and (when kept) (term, count) list. Shards hold disjoint
/// documents, so counts, document frequencies and tokens add up, and each document's list
/// comes from the one shard that read it.
enum TermCountsCoding {
    /// Writes `counts` of a shard whose analysed documents are at `positions` (ascending, in
    /// group order) to `file`, a group's or a document's list at a time.
    ///
    /// - Throws: `DiscourseError` when the file cannot be written.
    static func write(_ counts: TermCounts, positions: [Int], to file: StudyPartFileWriter) throws(DiscourseError) {
        file.buffer.u64(UInt64(counts.terms.count))
        for (term, text) in counts.terms.enumerated() {
            file.buffer.u32(UInt32(counts.sizes[term]))
            file.buffer.u32(UInt32(text.utf8.count))
            file.buffer.bytes += text.utf8
            try file.flushIfFull()
        }
        file.buffer.u64(UInt64(counts.groups.count))
        for (g, list) in counts.groupCounts.enumerated() {
            file.buffer.u64(UInt64(counts.groupTokens[g]))
            file.buffer.u64(UInt64(list.count))
            for item in list {
                file.buffer.u32(UInt32(item.term))
                file.buffer.u32(UInt32(item.documents))
                file.buffer.u64(UInt64(item.count))
            }
            try file.flushIfFull()
        }
        file.buffer.u64(UInt64(positions.count))
        for position in positions {
            file.buffer.u64(UInt64(position))
            file.buffer.u64(UInt64(counts.documentTokens[position]))
        }
        file.buffer.u8(counts.documents == nil ? 0 : 1)
        if let documents = counts.documents {
            var inShard = [Bool](repeating: false, count: documents.count)
            for position in positions { inShard[position] = true }
            var failure: DiscourseError?
            documents.forEach { position, list in
                guard inShard[position], failure == nil else { return }
                file.buffer.u64(UInt64(list.count))
                for pair in list { file.buffer.u64(pair) }
                do throws(DiscourseError) { try file.flushIfFull() } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    /// The counts of one request of one grouping, summed over the shards' parts.
    struct Merger {
        let grouping: Grouping
        private var termIndex: [String: Int32] = [:]
        private var terms: [String] = []
        private var sizes: [Int] = []
        private var groupLists: GroupTermLists
        /// Each group's last document (-1 when it has none): its list is complete once the
        /// shards up to that document are added.
        private let lastDocument: [Int]
        private var groupTokens: [Int]
        private var documentTokens: [Int]
        private var documents: DocumentTermLists?

        /// - Parameters:
        ///   - documents: whether the documents' lists are kept (trends).
        ///   - spill: where full blocks of the documents' lists go (a run within a budget).
        ///   - groupSpill: where each group's list goes once it is complete (the same).
        init(grouping: Grouping, documents: Bool, spill: SpillFile?, groupSpill: SpillFile?) {
            self.grouping = grouping
            let analysed = grouping.groups.reduce(0) { $0 + $1.documents.count }
            groupLists = GroupTermLists(count: grouping.groups.count, spill: groupSpill)
            lastDocument = grouping.groups.map { $0.documents.max() ?? -1 }
            groupTokens = [Int](repeating: 0, count: grouping.groups.count)
            documentTokens = [Int](repeating: 0, count: analysed)
            self.documents = documents ? DocumentTermLists(count: analysed, spill: spill) : nil
        }

        /// Adds one shard's counts, read from `reader` (past the file's magic). Shards are
        /// added in order; `end` is the end of this one's documents, so that the groups whose
        /// documents all lie before it are complete and go to the group spill file.
        ///
        /// - Throws: `DiscourseError` naming the file when it is damaged or does not fit the
        ///   grouping, or when a complete group's list cannot be written.
        mutating func add(_ reader: StudyPartFileReader, end: Int) throws(DiscourseError) {
            let file = reader.source
            let termCount = try reader.count("term count", width: 8)
            var map = [Int32](repeating: 0, count: termCount)
            for t in 0..<termCount {
                let size = Int(try reader.u32("term length"))
                let length = Int(try reader.u32("term text length"))
                let text = String(decoding: try reader.raw(length, "term text"), as: UTF8.self)
                if let known = termIndex[text] {
                    map[t] = known
                } else {
                    map[t] = Int32(terms.count)
                    termIndex[text] = map[t]
                    terms.append(text)
                    sizes.append(size)
                }
            }
            func term(_ t: UInt32) throws(DiscourseError) -> Int32 {
                guard Int(t) < termCount else {
                    throw DiscourseError("\(file): damaged study part: term \(t) is not among its \(termCount) terms")
                }
                return map[Int(t)]
            }
            guard try reader.u64("group count") == UInt64(groupLists.count) else {
                throw DiscourseError("\(file): damaged study part: its groups are not the \(groupLists.count) of the grouping")
            }
            for g in groupLists.indices {
                groupTokens[g] += try reader.int("group tokens")
                let count = try reader.count("group list length", width: 16)
                var list: [TermCounts.TermCount] = []
                list.reserveCapacity(count)
                for _ in 0..<count {
                    let t = try term(try reader.u32("term"))
                    let documents = Int(try reader.u32("documents"))
                    guard documents <= Int(Int32.max) else {
                        throw DiscourseError("\(file): damaged study part: a term's documents \(documents) are out of range")
                    }
                    list.append(TermCounts.TermCount(term: t, count: try reader.int("count"), documents: documents))
                }
                guard !list.isEmpty else { continue }
                guard !groupLists.isWritten(g) else {
                    throw DiscourseError("\(file): damaged study part: it counts terms in group \(g + 1), whose documents all lie in earlier shards")
                }
                list.sort { $0.term < $1.term }
                groupLists[g] = TermCounts.Builder.merge(groupLists[g], list)
            }
            let positionCount = try reader.count("document count", width: 16)
            var positions: [Int] = []
            positions.reserveCapacity(positionCount)
            for _ in 0..<positionCount {
                let position = try reader.int("document position")
                guard documentTokens.indices.contains(position) else {
                    throw DiscourseError("\(file): damaged study part: document position \(position) is not in the grouping")
                }
                positions.append(position)
                documentTokens[position] = try reader.int("document tokens")
            }
            let listed = try reader.u8("documents flag") != 0
            guard listed == (documents != nil) else {
                throw DiscourseError("\(file): damaged study part: it \(listed ? "holds" : "lacks") the documents' lists")
            }
            if documents != nil {
                for position in positions {
                    let count = try reader.count("document list length", width: 8)
                    var list: [UInt64] = []
                    list.reserveCapacity(count)
                    for _ in 0..<count {
                        let pair = try reader.u64("document pair")
                        list.append(UInt64(UInt32(try term(UInt32(pair >> 32)))) << 32 | (pair & 0xFFFF_FFFF))
                    }
                    list.sort()
                    try documents!.append(list, position: position)
                }
            }
            try reader.finish()
            for g in groupLists.indices where lastDocument[g] < end && !groupLists.isWritten(g) { try groupLists.spill(g) }
        }

        /// The summed counts.
        func finish() -> TermCounts {
            TermCounts(terms: terms, sizes: sizes, groups: grouping.groups, groupTokens: groupTokens,
                       groupCounts: groupLists, documents: documents, documentTokens: documentTokens)
        }
    }
}
