extension TermCounts {
    /// Builds term counts from a corpus's tokens a batch of documents at a time, so that only
    /// one batch's tokens need be held: batches tokenized into one shared vocabulary (their
    /// form ids agree) are added in corpus order, and each group's counts are summed as its
    /// documents arrive.
    struct Builder: Sendable {
        let grouping: Grouping
        let sizes: [Int]
        let crossSentences: Bool
        let keepDocuments: Bool
        /// The only terms counted, when not all are (tracked trends).
        private var filter: TermFilter?
        /// Per length: the n-grams seen so far (by form ids), and each one's term index.
        private var indexes: [NgramTable]
        private var termOfEntry: [[UInt32]]
        /// Per term: its length's position in `sizes` and its entry there.
        private var termEntries: [(size: Int, entry: Int)] = []
        /// Per corpus document: its group (-1 when not analysed) and position in group order.
        private let groupOf: [Int32]
        private let positionOf: [Int32]
        private var groupCounts: GroupTermLists
        /// Per group: its analysed documents not yet counted (its list is final at 0).
        private var remaining: [Int]
        private var groupTokens: [Int]
        private var documentTokens: [Int]
        private var documents: DocumentTermLists

        /// - Parameters:
        ///   - only: the texts of the only terms to count (nil: every n-gram of the lengths).
        ///   - spill: where the documents' lists go when they would not fit in memory.
        ///   - groupSpill: where each group's list goes once its last document is counted.
        init(grouping: Grouping, documentCount: Int, sizes: [Int], crossSentences: Bool, keepDocuments: Bool,
             only: Set<String>? = nil, spill: SpillFile? = nil, groupSpill: SpillFile? = nil) {
            self.grouping = grouping
            filter = only.map(TermFilter.init)
            self.sizes = Set(sizes).sorted()
            self.crossSentences = crossSentences
            self.keepDocuments = keepDocuments
            indexes = self.sizes.map { NgramTable(n: $0) }
            termOfEntry = self.sizes.map { _ in [] }
            var groupOf = [Int32](repeating: -1, count: documentCount)
            var positionOf = [Int32](repeating: -1, count: documentCount)
            var position: Int32 = 0
            for (g, group) in grouping.groups.enumerated() {
                for d in group.documents {
                    groupOf[d] = Int32(g)
                    positionOf[d] = position
                    position += 1
                }
            }
            self.groupOf = groupOf
            self.positionOf = positionOf
            groupCounts = GroupTermLists(count: grouping.groups.count, spill: groupSpill)
            remaining = grouping.groups.map(\.documents.count)
            groupTokens = [Int](repeating: 0, count: grouping.groups.count)
            documentTokens = [Int](repeating: 0, count: Int(position))
            documents = DocumentTermLists(count: Int(position), spill: spill)
        }

        /// Counts the documents of `batch`, which are the corpus's documents `first`,
        /// `first + 1`, ... in order, a few hundred at a time (so that their lists, counted
        /// and sorted, are held only until they are stored and added to their groups).
        ///
        /// - Throws: `DiscourseError` when the documents' lists cannot be spilled to disk.
        mutating func add(_ batch: TokenizedCorpus, from first: Int) throws(DiscourseError) {
            filter?.update(batch.vocabulary.forms)
            let analysed = batch.documents.indices.filter { groupOf[first + $0] >= 0 }
            for i in analysed {
                let d = first + i
                documentTokens[Int(positionOf[d])] = batch.documents[i].count
                groupTokens[Int(groupOf[d])] += batch.documents[i].count
            }
            let chunk = 64 * ParallelMap.workers * 4
            for start in stride(from: 0, to: analysed.count, by: chunk) {
                try add(batch, documents: Array(analysed[start..<min(analysed.count, start + chunk)]), from: first)
            }
        }

        /// Counts some documents of `batch` (indices into it), stores their lists and adds
        /// them to their groups.
        private mutating func add(_ batch: TokenizedCorpus, documents analysed: [Int], from first: Int) throws(DiscourseError) {
            var lists = [[UInt64]](repeating: [], count: analysed.count)
            var options = NgramOptions()
            options.crossSentences = crossSentences
            for (s, n) in sizes.enumerated() {
                options.sizes = n...n
                let counter = NgramCounter(batch, grouping: Grouping(singletons: analysed), options: options)
                for start in stride(from: 0, to: analysed.count, by: 64) {
                    let counted = counter.count(groups: start..<min(analysed.count, start + 64), splitting: false)
                    for (offset, counts) in counted.enumerated() {
                        let table = counts.tables[0]
                        table.keys.withUnsafeBufferPointer { keys in
                            for entry in 0..<table.count {
                                if let filter = self.filter, !filter.accepts(keys.baseAddress! + entry * n, n: n) { continue }
                                let term = self.term(size: s, ids: keys.baseAddress! + entry * n)
                                lists[start + offset].append(UInt64(term) << 32 | UInt64(table.occurrences(of: entry)))
                            }
                        }
                    }
                }
            }
            let sorted = ParallelMap.run(lists.count) { k in lists[k].sorted() }
            lists = []
            try addToGroups(sorted, documents: analysed.map { first + $0 })
            if keepDocuments {
                for (k, i) in analysed.enumerated() { try documents.append(sorted[k], position: Int(positionOf[first + i])) }
            }
        }

        /// The term index of the n-gram `ids` of length `sizes[s]`, new ones numbered in turn.
        @inline(__always)
        private mutating func term(size s: Int, ids: UnsafePointer<UInt32>) -> UInt32 {
            let entry = indexes[s].entry(for: ids)
            if entry == termOfEntry[s].count {
                termOfEntry[s].append(UInt32(termEntries.count))
                termEntries.append((s, entry))
            }
            return termOfEntry[s][entry]
        }

        /// Adds each document's sorted list to its group's counts, the groups in parallel; a
        /// group whose last document this is has its list spilled (when there is a spill file).
        private mutating func addToGroups(_ lists: [[UInt64]], documents: [Int]) throws(DiscourseError) {
            var byGroup: [Int: [Int]] = [:]
            for (k, d) in documents.enumerated() { byGroup[Int(groupOf[d]), default: []].append(k) }
            let touched = byGroup.keys.sorted()
            let current = groupCounts
            let merged = ParallelMap.run(touched.count) { t -> [TermCount] in
                let g = touched[t]
                var pairs: [UInt64] = []
                pairs.reserveCapacity(byGroup[g]!.reduce(0) { $0 + lists[$1].count })
                for k in byGroup[g]! { pairs.append(contentsOf: lists[k]) }
                pairs.sort()
                var batch: [TermCount] = []
                var i = 0
                while i < pairs.count {
                    let term = DocumentTermLists.term(pairs[i])
                    var count = 0
                    var documents = 0
                    while i < pairs.count && DocumentTermLists.term(pairs[i]) == term {
                        count += DocumentTermLists.count(pairs[i])
                        documents += 1
                        i += 1
                    }
                    batch.append(TermCount(term: Int32(term), count: count, documents: documents))
                }
                return Self.merge(current[g], batch)
            }
            for (t, g) in touched.enumerated() {
                groupCounts[g] = merged[t]
                remaining[g] -= byGroup[g]!.count
                if remaining[g] == 0 { try groupCounts.spill(g) }
            }
        }

        /// Two lists sorted by term, summed into one.
        static func merge(_ a: [TermCount], _ b: [TermCount]) -> [TermCount] {
            guard !a.isEmpty else { return b }
            var result: [TermCount] = []
            result.reserveCapacity(max(a.count, b.count))
            var i = 0
            var j = 0
            while i < a.count || j < b.count {
                if j == b.count || (i < a.count && a[i].term < b[j].term) {
                    result.append(a[i])
                    i += 1
                } else if i == a.count || b[j].term < a[i].term {
                    result.append(b[j])
                    j += 1
                } else {
                    result.append(TermCount(term: a[i].term, count: a[i].count + b[j].count,
                                            documents: a[i].documents + b[j].documents))
                    i += 1
                    j += 1
                }
            }
            return result
        }

        /// The counts, with each term's text from `vocabulary` (the shared vocabulary, once
        /// every batch is added).
        func finish(vocabulary: VocabularyTable) -> TermCounts {
            let forms = vocabulary.forms
            let terms = termEntries.map { size, entry in
                indexes[size].ids(of: entry).map { forms[Int($0)] }.joined(separator: " ")
            }
            return TermCounts(terms: terms, sizes: termEntries.map { sizes[$0.size] }, groups: grouping.groups,
                              groupTokens: groupTokens, groupCounts: groupCounts,
                              documents: keepDocuments ? documents : nil,
                              documentTokens: documentTokens)
        }
    }
}
