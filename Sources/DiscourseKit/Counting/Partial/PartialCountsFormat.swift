/// The partial-count file (`.dcounts`, docs/partial-counts.md), version 1. Integers are
/// little-endian.
///
///     "DISCOURSE-COUNTS"          16 bytes
///     version                     u32 (1), then u32 0
///     header length, header       u64, UTF-8 JSON (PartialCountsHeader)
///     vocabulary                  u64 forms; per form u32 byte length and its UTF-8 text;
///                                 then one byte per form, 1 for a stopword
///     one block per group, in the grouping's order:
///       tokens, sentences         u64, u64
///       distinct forms            u64 k, k × u32 form ids (ascending)
///       tables                    u32 t; per n-gram length: u32 n, u64 entries e,
///                                 e × n u32 form ids, e × u64 counts, e × u32 document
///                                 frequencies
///     index                       per group: u64 offset, u64 length of its block
///     index offset                u64
///     SHA-256                     64 hex digits of every byte before them
///     "END-OF-COUNTS-V1"          16 bytes
///
/// Form ids point into the file's own vocabulary; merging maps them by text, so that shards
/// interned in different orders merge alike.
enum PartialCountsFormat {
    static let name = "discourse partial counts"
    static let version: UInt32 = 1
    static let magic = Array("DISCOURSE-COUNTS".utf8)
    static let endMagic = Array("END-OF-COUNTS-V1".utf8)
    /// Index offset, digest and end mark.
    static let trailerSize = 8 + 64 + 16
    /// The usual file name extension.
    static let fileExtension = "dcounts"
}

/// One group's counts as a part holds them, with the part's own form ids.
struct PartialGroupCounts {
    var tokens: Int
    var sentences: Int
    /// Distinct forms of the group (stopwords included), ascending.
    var forms: [UInt32]
    var tables: [NgramTable]

    /// The block's bytes.
    static func encode(_ counts: GroupNgramCounts, forms: [UInt32]) -> [UInt8] {
        var out = LittleEndianWriter()
        out.u64(UInt64(counts.summary.tokens))
        out.u64(UInt64(counts.summary.sentences))
        out.u64(UInt64(forms.count))
        out.u32s(forms)
        out.u32(UInt32(counts.tables.count))
        for table in counts.tables {
            out.u32(UInt32(table.n))
            out.u64(UInt64(table.count))
            out.u32s(table.keys)
            for tally in table.tallies { out.u64(UInt64(tally.count)) }
            for tally in table.tallies { out.u32(UInt32(tally.documents)) }
        }
        return out.bytes
    }

    /// Reads a block, mapping the part's form ids through `map` (into the merged
    /// vocabulary), and adds its counts into `tables` and `seen`.
    ///
    /// - Throws: `DiscourseError` naming the file and byte offset of a damaged block.
    static func add(_ block: [UInt8], source: String, offset: Int, map: [UInt32], sizes: ClosedRange<Int>,
                    into tables: inout [NgramTable], seen: inout Bitset, tokens: inout Int, sentences: inout Int) throws(DiscourseError) {
        var reader = LittleEndianReader(block, source: source, base: offset)
        tokens += Int(try reader.u64("token count"))
        sentences += Int(try reader.u64("sentence count"))
        let formCount = try reader.count("form count", width: 4)
        for id in try reader.u32s(formCount, "form ids") {
            guard Int(id) < map.count else { throw DiscourseError("\(source): damaged partial-count file: form id \(id) near byte \(offset) is not in its vocabulary") }
            seen.insert(Int(map[Int(id)]))
        }
        let tableCount = Int(try reader.u32("table count"))
        guard tableCount == sizes.count else {
            throw DiscourseError("\(source): damaged partial-count file: a block at byte \(offset) has \(tableCount) tables for \(sizes.count) n-gram lengths")
        }
        var scratch = [UInt32](repeating: 0, count: sizes.upperBound)
        for t in 0..<tableCount {
            let n = Int(try reader.u32("n"))
            guard n == tables[t].n else { throw DiscourseError("\(source): damaged partial-count file: table of n = \(n) at byte \(offset) where n = \(tables[t].n) was expected") }
            let entries = try reader.count("entry count", width: 4 * n + 12)
            let keys = try reader.u32s(entries * n, "n-gram form ids")
            var counts: [UInt64] = []
            counts.reserveCapacity(entries)
            for _ in 0..<entries { counts.append(try reader.u64("count")) }
            let frequencies = try reader.u32s(entries, "document frequencies")
            for e in 0..<entries {
                for i in 0..<n {
                    let id = keys[e * n + i]
                    guard Int(id) < map.count else { throw DiscourseError("\(source): damaged partial-count file: form id \(id) near byte \(offset) is not in its vocabulary") }
                    scratch[i] = map[Int(id)]
                }
                scratch.withUnsafeBufferPointer { tables[t].add($0.baseAddress!, count: Int(counts[e]), documents: Int32(frequencies[e])) }
            }
        }
        guard reader.remaining == 0 else {
            throw DiscourseError("\(source): damaged partial-count file: \(reader.remaining) unread bytes at the end of the block at byte \(offset)")
        }
    }
}
