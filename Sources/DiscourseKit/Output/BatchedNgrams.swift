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
        tokensPerByte * 5 * Double(bytes) + tables(groupBytes: groupBytes, sizes: sizes)
    }

    /// The tables of the groups counted at once, planned from their bytes of text.
    static func tables(groupBytes: some Collection<Int>, sizes: ClosedRange<Int>) -> Double {
        let workers = ParallelMap.workers
        let sorted = groupBytes.sorted(by: >)
        let inFlight = sorted.count >= workers ? sorted.prefix(workers).reduce(0, +) : 2 * (sorted.first ?? 0)
        return tableBytesPerTextByte(sizes) * Double(inFlight)
    }

    /// How a corpus is counted within a budget, planned from the texts' sizes on disk
    /// (known before they are read).
    public struct Plan: Sendable {
        /// Consecutive runs of documents: one (the in-memory run) when the whole corpus fits
        /// the planned share of the budget.
        public let batches: [Range<Int>]
        /// The largest group, when its merged tables alone would exceed the budget: counting in
        /// batches bounds the tokens held, but each group's tables are summed whole.
        public let oversizedGroup: (label: String, bytes: Int)?
        /// How many groups the merge may sum and write at once (one per core at most).
        let mergeWorkers: Int

        /// The warning for an oversized group, naming the share of the budget the n-gram
        /// tables are planned within (`planned`: the rest is the process's own and the tokens').
        public func oversizedWarning(_ budget: MemoryBudget, regroup: String = "group more finely") -> String? {
            BatchedNgrams.oversizedWarning(oversizedGroup, budget: budget, regroup: regroup)
        }
    }

    /// The warning for a group whose tables alone may exceed the share of `budget` the n-gram
    /// tables are planned within, or nil when there is none.
    static func oversizedWarning(_ group: (label: String, bytes: Int)?, budget: MemoryBudget, regroup: String) -> String? {
        guard let (label, bytes) = group else { return nil }
        return "group '\(label)' alone may need about \(MemoryBudget(bytes: bytes).description) for its n-gram tables, more than the \(MemoryBudget(bytes: Int(BatchedNgrams.planned(budget))).description) that --memory \(budget.description) leaves for them: the run may exceed it (\(regroup), or count fewer lengths)"
    }

    public static func plan(_ corpus: Corpus, grouping: Grouping, budget: MemoryBudget, sizes: ClosedRange<Int>) -> Plan {
        var groupOf = [Int](repeating: -1, count: corpus.documents.count)
        for (g, group) in grouping.groups.enumerated() { for d in group.documents { groupOf[d] = g } }
        let documentBytes = corpus.documents.map(\.estimatedByteCount)
        let limit = planned(budget)
        var whole: [Int: Int] = [:]
        for (d, bytes) in documentBytes.enumerated() where groupOf[d] >= 0 { whole[groupOf[d], default: 0] += bytes }
        let (mergeWorkers, oversized) = merging(grouping, bytes: { whole[$0] ?? 0 }, budget: budget, sizes: sizes)
        if cost(bytes: documentBytes.reduce(0, +), groupBytes: whole.values, sizes: sizes) <= limit {
            return Plan(batches: [0..<corpus.documents.count], oversizedGroup: oversized, mergeWorkers: mergeWorkers)
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
        return Plan(batches: batches, oversizedGroup: oversized, mergeWorkers: mergeWorkers)
    }

    /// How many groups a merge may sum and write at once within `budget` (one per core at
    /// most), and the largest group when its tables alone would exceed the planned share;
    /// `bytes(g)` is group g's text in bytes. A group's merged tables and its rendered rows
    /// cost about 1.5 times the tables planned for counting it.
    static func merging(_ grouping: Grouping, bytes: (Int) -> Int, budget: MemoryBudget,
                        sizes: ClosedRange<Int>) -> (workers: Int, oversized: (label: String, bytes: Int)?) {
        let largest = grouping.groups.indices.max { bytes($0) < bytes($1) }
        let perGroup = 1.5 * tableBytesPerTextByte(sizes) * Double(largest.map(bytes) ?? 0)
        let limit = planned(budget)
        let workers = perGroup > 0 ? max(1, min(ParallelMap.workers, Int(limit / perGroup))) : ParallelMap.workers
        return (workers, largest.flatMap { perGroup > limit ? (grouping.groups[$0].label, Int(perGroup)) : nil })
    }

    /// Counts `prepared`'s corpus in the plan's batches into partial-count files in a folder of its own
    /// under `tmp`, then merges them into `writer` as the `ngrams` command writes.
    ///
    /// - Throws: `DiscourseError` from reading, counting or writing, or when `tmp` cannot be
    ///   written; the temporary folder is removed either way.
    public static func write(_ prepared: ShardCount.Prepared, plan: Plan, tmp: String, to writer: OutputWriter,
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
        for (b, batch) in plan.batches.enumerated() {
            observer.stage("read+tokenize batch \(b + 1)/\(plan.batches.count)")
            let part = path + "/\(b + 1).dcounts"
            _ = try prepared.count(batch, number: b + 1, of: plan.batches.count, to: part, observer: observer)
            parts.append(part)
        }
        // Fewer groups at once when one per core would not fit.
        return try ParallelMap.withWorkers(plan.mergeWorkers) { () throws(DiscourseError) -> MergedOutput.Summary in
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
