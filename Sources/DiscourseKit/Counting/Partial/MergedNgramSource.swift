import Synchronization

/// The n-gram tables of a run summed from the partial-count files of its shards
/// (`discourse merge`). The parts are checked to come from one run and to cover every shard
/// once; their vocabularies are merged by text, and each group's tables are summed when the
/// writer asks for them, so that only the groups being written are in memory.
///
/// Counts of disjoint sets of documents add up: counts, document frequencies, tokens and
/// sentences are sums, a group's distinct forms a union. Rows are then ordered by text
/// (`NgramRowOrder`), so the merged tables are those of the single-machine run.
final class MergedNgramSource: NgramSource, @unchecked Sendable {
    let parts: [PartialCountsFile]
    let vocabulary: VocabularyTable
    let options: NgramOptions
    /// maps[p][id]: the merged id of part p's form `id`.
    private let maps: [[UInt32]]
    private let failure = Mutex<DiscourseError?>(nil)

    /// - Parameters:
    ///   - parts: the parts, in any order; the first keeps the document listing and the
    ///     grouping (`PartialCountsFile(path:keepListing:)`).
    ///   - shardsChecked: false when the parts are the batches of several shards of a study
    ///     (each shard numbers its own batches), which are summed in the order given; the
    ///     caller checks that every document is counted once (the study's merge does, from
    ///     its parts' `part.json`).
    /// - Throws: `DiscourseError` when the parts come from different runs (options, corpus,
    ///   versions), repeat a shard or leave one out.
    init(parts: [PartialCountsFile], shardsChecked: Bool = true) throws(DiscourseError) {
        guard let first = parts.first else { throw DiscourseError("merge: no partial-count files given") }
        let shards = first.header.shards
        var byShard: [Int: String] = [:]
        for part in parts {
            try Self.checkSameRun(first, part)
            guard shardsChecked else { continue }
            guard part.header.shards == shards else {
                throw DiscourseError("\(part.path) is shard \(part.header.shard) of \(part.header.shards), but \(first.path) is shard \(first.header.shard) of \(shards): they come from different splits")
            }
            if let other = byShard[part.header.shard] {
                throw DiscourseError("\(other) and \(part.path) are both shard \(part.header.shard) of \(shards)")
            }
            byShard[part.header.shard] = part.path
        }
        let missing = shardsChecked ? (1...shards).filter { byShard[$0] == nil } : []
        guard missing.isEmpty else {
            throw DiscourseError("merge: shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(shards) \(missing.count == 1 ? "is" : "are") missing (given: \(byShard.keys.sorted().map(String.init).joined(separator: ", ")))")
        }
        let ordered = shardsChecked ? parts.sorted { $0.header.shard < $1.header.shard } : parts
        self.parts = ordered
        self.header = first.header
        options = first.header.ngramOptions
        if let (vocabulary, maps) = try Self.prefixVocabularies(ordered) {
            self.vocabulary = vocabulary
            self.maps = maps
            return
        }
        var ids: [String: UInt32] = [:]
        var forms: [String] = []
        var isStopword: [Bool] = []
        var maps: [[UInt32]] = []
        for part in ordered {
            let vocabulary = try part.vocabulary()
            var map: [UInt32] = []
            map.reserveCapacity(vocabulary.forms.count)
            for (id, form) in vocabulary.forms.enumerated() {
                if let merged = ids[form] {
                    map.append(merged)
                    if vocabulary.isStopword[id] { isStopword[Int(merged)] = true }
                } else {
                    let merged = UInt32(forms.count)
                    ids[form] = merged
                    forms.append(form)
                    isStopword.append(vocabulary.isStopword[id])
                    map.append(merged)
                }
            }
            maps.append(map)
        }
        self.maps = maps
        vocabulary = VocabularyTable(forms: forms, isStopword: isStopword)
    }

    /// The merged vocabulary when every part's forms are the first forms of the longest
    /// part's, in the same order: the batches of one run (`ngrams --memory`, a study) share
    /// one vocabulary that only grows, so each batch's file holds it as it stood then. The
    /// merge by text would give the longest part's forms in its order, with each part's ids
    /// unchanged; checked on the stored bytes, so that only one vocabulary is turned into
    /// strings and no form is hashed. Nil when the parts are not so (shards counted apart).
    static func prefixVocabularies(_ parts: [PartialCountsFile]) throws(DiscourseError) -> (VocabularyTable, [[UInt32]])? {
        guard parts.count > 1 else { return nil }
        var counts: [Int] = []
        for part in parts { counts.append(try part.vocabularyCount()) }
        let longest = counts.indices.max { counts[$0] < counts[$1] }!
        let reference = try parts[longest].vocabularyBytes()
        let referenceForms = reference.count - counts[longest]  // where its flags start
        var isStopword = [Bool](repeating: false, count: counts[longest])
        // One part's bytes at a time besides the reference's.
        for (p, part) in parts.enumerated() {
            let bytes = p == longest ? reference : try part.vocabularyBytes()
            // The form counts differ; the forms' lengths and texts must match byte for byte.
            let formsEnd = bytes.count - counts[p]
            guard formsEnd >= 8, formsEnd <= referenceForms, bytes[8..<formsEnd].elementsEqual(reference[8..<formsEnd]) else { return nil }
            for i in 0..<counts[p] where bytes[formsEnd + i] != 0 { isStopword[i] = true }
        }
        let vocabulary = try parts[longest].vocabulary()
        return (VocabularyTable(forms: vocabulary.forms, isStopword: isStopword), counts.map { Array(0..<UInt32($0)) })
    }

    /// The header of the first part given, with the document listing and grouping that all
    /// parts share.
    let header: PartialCountsHeader

    var groupCount: Int { header.groups.count }

    /// The first error met while reading blocks, if any: counting cannot throw, so the merge
    /// checks this before it puts its output in place.
    var readFailure: DiscourseError? { failure.withLock { $0 } }

    /// Sums the groups in `range` (a group is never split: its blocks are summed on one core).
    func count(groups range: Range<Int>, splitting: Bool) -> [GroupNgramCounts] {
        range.map { g in
            var tables = options.sizes.map { NgramTable(n: $0) }
            var seen = Bitset(count: vocabulary.count)
            var tokens = 0
            var sentences = 0
            do throws(DiscourseError) {
                for (p, part) in parts.enumerated() {
                    let (block, offset) = try part.block(g)
                    try PartialGroupCounts.add(block, source: part.path, offset: offset, map: maps[p], sizes: options.sizes,
                                               into: &tables, seen: &seen, tokens: &tokens, sentences: &sentences)
                }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
            let summary = GroupSummary(group: header.groups[g], tokens: tokens, sentences: sentences, types: seen.nonzeroBitCount)
            return GroupNgramCounts(summary: summary, tables: tables, forms: seen)
        }
    }

    func summaries() -> [GroupSummary] {
        ParallelMap.run(groupCount) { g in
            var seen = Bitset(count: vocabulary.count)
            var tokens = 0
            var sentences = 0
            do throws(DiscourseError) {
                for (p, part) in parts.enumerated() {
                    let summary = try part.summary(g)
                    tokens += summary.tokens
                    sentences += summary.sentences
                    for id in summary.forms {
                        guard Int(id) < maps[p].count else {
                            throw DiscourseError("\(part.path): damaged partial-count file: form id \(id) of group \(g + 1) is not in its vocabulary")
                        }
                        seen.insert(Int(maps[p][Int(id)]))
                    }
                }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
            return GroupSummary(group: header.groups[g], tokens: tokens, sentences: sentences, types: seen.nonzeroBitCount)
        }
    }

    /// Every document's reading and token count, from the shard that read it, in corpus
    /// order.
    ///
    /// - Throws: `DiscourseError` when the parts do not account for every document once.
    func readings() throws(DiscourseError) -> [PartialCountsHeader.ShardReading] {
        var readings = [PartialCountsHeader.ShardReading?](repeating: nil, count: header.documentIDs.count)
        for part in parts {
            for item in part.header.readings {
                guard readings[item.document] == nil else {
                    throw DiscourseError("\(part.path): document '\(header.documentIDs[item.document])' is counted by two shards")
                }
                readings[item.document] = item
            }
        }
        if let missing = readings.firstIndex(where: { $0 == nil }) {
            throw DiscourseError("merge: no part counts document '\(header.documentIDs[missing])'")
        }
        return readings.map { $0! }
    }

    /// Parts merge only when their identities (versions, corpus hash, options) are equal;
    /// the message names the first field that differs.
    private static func checkSameRun(_ first: PartialCountsFile, _ part: PartialCountsFile) throws(DiscourseError) {
        guard first.header.identity != part.header.identity else { return }
        let a = first.header.identity.objectValue ?? [], b = part.header.identity.objectValue ?? []
        var field = "identity"
        for (key, value) in a where b.first(where: { $0.0 == key })?.1 != value {
            field = key
            if case .object(let inner) = value, let other = b.first(where: { $0.0 == key })?.1.objectValue {
                for (innerKey, innerValue) in inner where other.first(where: { $0.0 == innerKey })?.1 != innerValue {
                    field = key + "." + innerKey
                    break
                }
            }
            break
        }
        throw DiscourseError("\(first.path) and \(part.path) come from different runs: their \(field) differs (count every shard with the same discourse, corpus and options)")
    }
}
