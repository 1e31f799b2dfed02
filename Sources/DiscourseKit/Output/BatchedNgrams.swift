/// `discourse ngrams` within a memory budget (`--memory`): when the corpus's tokens and
/// tables would not fit, its documents are read, tokenized and counted a batch at a time,
/// each batch's counts are written to a partial-count file under `--tmp`, and the batches
/// are summed group by group as `discourse merge` sums shards (docs/partial-counts.md). The
/// output is byte for byte that of the in-memory run; the temporary files are removed on
/// every exit path.
///
/// What the batches bound is the tokens held and the tables of one batch; the merge then sums
/// each group's tables whole, one group per core, so a single group larger than the budget
/// allows (a whole corpus without `--by`) still needs its own tables' memory.
public enum BatchedNgrams {
    /// The memory model the batches are planned with, in bytes per byte of text (UTF-8 on
    /// disk). Both English and Chinese run at about 0.17 tokens a byte (measured on the State
    /// of the Union and the government work reports); 0.2 leaves a margin. Every token held
    /// costs a 4-byte form id and about one byte of sentence ends. A group's n-gram tables cost
    /// about (16 + 4n) bytes per token and length n: measured 12.8 bytes per byte of text for
    /// lengths 1-3 by year on the generated 1 GB corpus, against 14.4 planned.
    static let tokensPerByte = 0.2
    static func tableBytesPerTextByte(_ sizes: ClosedRange<Int>) -> Double {
        tokensPerByte * Double(sizes.reduce(0) { $0 + 16 + 4 * $1 })
    }

    /// What the planned figures may take of a budget: 60% of what is left after the ~100 MB
    /// a run holds whatever the corpus (the program, ICU's data, the vocabulary); the rest is
    /// for buffers being written and the allocator's slack.
    static func planned(_ budget: MemoryBudget) -> Double {
        0.6 * Double(max(16 << 20, budget.bytes - (100 << 20)))
    }

    /// The memory planned for holding the documents `bytes` (in total) and counting their
    /// groups, `groupBytes` of text each: with a group per core, one group per core is counted
    /// whole at a time; with fewer, one group at a time is split over the cores and the parts'
    /// tables merged (twice its tables).
    static func cost(bytes: Int, groupBytes: some Collection<Int>, sizes: ClosedRange<Int>) -> Double {
        let workers = ParallelMap.workers
        let sorted = groupBytes.sorted(by: >)
        let inFlight = sorted.count >= workers ? sorted.prefix(workers).reduce(0, +) : 2 * (sorted.first ?? 0)
        return tokensPerByte * 5 * Double(bytes) + tableBytesPerTextByte(sizes) * Double(inFlight)
    }

    /// The document batches for `budget`: one batch (the in-memory run) when the whole corpus
    /// fits the planned share of the budget, else consecutive runs of documents that each do.
    /// Sizes are the texts' sizes on disk, known before they are read.
    public static func batches(_ corpus: Corpus, grouping: Grouping, budget: MemoryBudget, sizes: ClosedRange<Int>) -> [Range<Int>] {
        var groupOf = [Int](repeating: -1, count: corpus.documents.count)
        for (g, group) in grouping.groups.enumerated() { for d in group.documents { groupOf[d] = g } }
        let documentBytes = corpus.documents.map(\.estimatedByteCount)
        let limit = planned(budget)
        var whole: [Int: Int] = [:]
        for (d, bytes) in documentBytes.enumerated() where groupOf[d] >= 0 { whole[groupOf[d], default: 0] += bytes }
        if cost(bytes: documentBytes.reduce(0, +), groupBytes: whole.values, sizes: sizes) <= limit {
            return [0..<corpus.documents.count]
        }
        var batches: [Range<Int>] = []
        var start = 0
        var bytes = 0
        var groupBytes: [Int: Int] = [:]
        for (d, size) in documentBytes.enumerated() {
            var next = groupBytes
            if groupOf[d] >= 0 { next[groupOf[d], default: 0] += size }
            if d > start && cost(bytes: bytes + size, groupBytes: next.values, sizes: sizes) > limit {
                batches.append(start..<d)
                start = d
                bytes = 0
                next = groupOf[d] >= 0 ? [groupOf[d]: size] : [:]
            }
            bytes += size
            groupBytes = next
        }
        batches.append(start..<corpus.documents.count)
        return batches
    }

    /// How many groups the merge may sum and write at once within the budget (at most one per
    /// core, at least one): a group's merged tables and its rendered rows cost about 1.5 times
    /// the tables planned for counting it.
    static func mergeWorkers(_ corpus: Corpus, grouping: Grouping, budget: MemoryBudget, sizes: ClosedRange<Int>) -> Int {
        let largest = largestGroup(corpus, grouping: grouping)?.bytes ?? 0
        let perGroup = 1.5 * tableBytesPerTextByte(sizes) * Double(largest)
        guard perGroup > 0 else { return ParallelMap.workers }
        return max(1, min(ParallelMap.workers, Int(planned(budget) / perGroup)))
    }

    /// The group whose merged tables alone would exceed the budget, if any: counting in
    /// batches bounds the tokens held, but each group's tables are summed whole.
    public static func oversizedGroup(_ corpus: Corpus, grouping: Grouping, budget: MemoryBudget, sizes: ClosedRange<Int>) -> (label: String, bytes: Int)? {
        guard let largest = largestGroup(corpus, grouping: grouping) else { return nil }
        let needed = 1.5 * tableBytesPerTextByte(sizes) * Double(largest.bytes)
        guard needed > planned(budget) else { return nil }
        return (largest.label, Int(needed))
    }

    private static func largestGroup(_ corpus: Corpus, grouping: Grouping) -> (label: String, bytes: Int)? {
        grouping.groups.map { group in (group.label, group.documents.reduce(0) { $0 + corpus.documents[$1].estimatedByteCount }) }
            .max { $0.1 < $1.1 }
    }

    /// Counts `prepared`'s corpus in `batches` into partial-count files in a folder of its own
    /// under `tmp`, then merges them into `writer` as the `ngrams` command writes.
    ///
    /// - Throws: `DiscourseError` from reading, counting or writing, or when `tmp` cannot be
    ///   written; the temporary folder is removed either way.
    public static func write(_ prepared: ShardCount.Prepared, batches: [Range<Int>], budget: MemoryBudget, tmp: String, to writer: OutputWriter,
                             outputOptions: [(String, JSONValue)], observer: any RunObserver) throws(DiscourseError) -> MergedOutput.Summary {
        var template = Array((tmp.hasSuffix("/") ? tmp : tmp + "/").utf8CString.dropLast()) + Array("discourse-batches-XXXXXX".utf8CString)
        guard FileSystem.isFolder(tmp) == true, let folder = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw DiscourseError("--tmp \(tmp): cannot make a temporary folder there (\(FileSystem.isFolder(tmp) == true ? String(cString: strerror(errno)) : "no such folder"))")
        }
        let path = String(cString: folder)
        InterruptCleanup.register(path)
        defer {
            try? FileManager.default.removeItem(atPath: path)
            InterruptCleanup.unregister(path)
        }
        var parts: [String] = []
        for (b, batch) in batches.enumerated() {
            observer.stage("read+tokenize batch \(b + 1)/\(batches.count)")
            let part = path + "/\(b + 1).dcounts"
            _ = try prepared.count(batch, number: b + 1, of: batches.count, to: part, observer: observer)
            parts.append(part)
        }
        // Fewer groups at once when one per core would not fit.
        let workers = mergeWorkers(prepared.corpus, grouping: prepared.grouping, budget: budget, sizes: prepared.options.sizes)
        return try ParallelMap.withWorkers(workers) { () throws(DiscourseError) -> MergedOutput.Summary in
            try MergedOutput.write(parts: parts, to: writer, outputOptions: outputOptions, command: "ngrams", observer: observer)
        }
    }
}

extension Document {
    /// The size of the text before it is read: the file's size on disk, or the bytes of a
    /// text held in memory.
    var estimatedByteCount: Int {
        switch content {
        case .file(let path):
            var info = stat()
            return stat(path, &info) == 0 ? Int(info.st_size) : 0
        case .string(let text): return text.utf8.count
        case .decoded(let text): return text.count * 2
        }
    }
}
