/// Co-occurrence counts of one group within a memory budget: the group's documents are read
/// again and tokenized a chunk at a time (into the vocabulary of the run's first pass, which
/// already holds every form), counted into the pair tables, and when the tables outgrow their
/// share of the budget they are sorted in output order and written to a temporary file as a
/// run, in the manner of external sorting; the runs are then merged, node by node, into the
/// rows `CooccurrenceCounter` gives in memory (SPEC §4, §8), byte for byte the same.
struct CooccurrenceStream: Sendable {
    /// The texts, the first pass's vocabulary and the budget's shares.
    let texts: TextSource
    let grouping: Grouping
    let options: CooccurrenceOptions

    /// Runs on disk of one level merged into one when there are this many.
    static let mergeFanIn = 16

    /// What `rows` learnt of the group besides its rows.
    struct Totals {
        /// N (tokens, sentences or documents, by scope).
        var total: Int
        var frequencies: [Int]
    }

    /// Counts group g and calls `body` with its rows in output order, a few thousand at a time
    /// (a node's rows never split); the rows are those `GroupCooccurrence.rows` gives.
    ///
    /// - Throws: `DiscourseError` from reading the texts again, or when `--tmp` cannot be written.
    func rows(group g: Int, minCooccurrence: Int, top: Int?, sort: AssociationMeasure,
              body: ([CooccurrenceRow]) -> Void) throws(DiscourseError) -> Totals {
        let size = texts.vocabulary.count
        let isStopword = texts.vocabulary.isStopword
        let forms = texts.vocabulary.forms
        // Counted for every type that may turn out a node or collocate; `--min-freq` needs the
        // group's frequencies and is applied to the rows (a node's window sizes do not depend
        // on which other types are kept).
        let isCollocate = isStopword.map { !$0 }
        let isNode = (0..<size).map { isCollocate[$0] && (options.nodes?.contains(forms[$0]) ?? true) }
        let parts = ParallelMap.workers
        let boxes = (0..<parts).map { _ in PartBox(CooccurrenceCounter.Part(vocabularySize: size)) }
        var frequencies = [Int](repeating: 0, count: size)
        var (tokens, sentences, documentsWithTokens) = (0, 0, 0)
        for chunk in texts.chunks(of: grouping.groups[g].documents) {
            let documents = try texts.tokenize(chunk)
            for document in documents {
                for id in document.forms { frequencies[Int(id)] += 1 }
                tokens += document.count
                sentences += document.sentenceCount
                if document.count > 0 { documentsWithTokens += 1 }
            }
            let tokenized = TokenizedCorpus(documents: documents, vocabulary: texts.vocabulary, configuration: texts.session.configuration)
            let indices = Array(documents.indices)
            _ = ParallelMap.run(parts) { p in
                let box = boxes[p]
                let spill = PairSpill(bytes: texts.pairBytes / parts) { table in
                    guard box.failure == nil else { return }
                    do throws(DiscourseError) {
                        try box.spill(sorted(table), tmp: texts.tmp, rank: texts.vocabulary.rank)
                    } catch {
                        box.failure = error
                    }
                    table = PairTable(capacity: 1 << 12)
                }
                CooccurrenceCounter.countPart(p, of: parts, documents: indices, corpus: tokenized, options: options,
                                              isNode: isNode, isCollocate: isCollocate, into: &box.part, spill: spill)
            }
            if let failure = boxes.compactMap(\.failure).first { throw failure }
        }
        var rowTotals = boxes[0].part.rowTotals
        for box in boxes.dropFirst() { for i in 0..<size { rowTotals[i] += box.part.rowTotals[i] } }
        let unitTotals = boxes[0].part.unitTotals
        let total: Int
        let (r1, c1): ([Int], [Int])
        switch options.scope {
        case .window:
            (total, r1, c1) = (tokens, options.margins == .tokens ? frequencies : rowTotals, frequencies)
        case .sentence, .document:
            (total, r1, c1) = (options.scope == .sentence ? sentences : documentsWithTokens, unitTotals, unitTotals)
        }
        var entries = boxes.flatMap { sorted($0.part.pairs) }
        let runs = boxes.flatMap(\.runs)
        for box in boxes { box.part = CooccurrenceCounter.Part(vocabularySize: 0) }
        entries.sort { $0.order < $1.order }
        let held = Self.words(entries[...])
        entries = []
        let minimum = max(1, options.minFrequency)
        var chunk: [CooccurrenceRow] = []
        var node: [CooccurrenceRow] = []
        func finishNode() {
            guard !node.isEmpty else { return }
            if let top { node = Array(node.ranked(by: sort, vocabulary: texts.vocabulary).prefix(top)) }
            node.sortForOutput(vocabulary: texts.vocabulary)
            chunk += node
            node.removeAll(keepingCapacity: true)
            if chunk.count >= 20_000 {
                body(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        var current: UInt32?
        try PairRuns(runs: runs, held: held, rank: texts.vocabulary.rank).merge { key, o11 in
            let (a, b) = (UInt32(truncatingIfNeeded: key >> 32), UInt32(truncatingIfNeeded: key))
            if a != current {
                finishNode()
                current = a
            }
            guard o11 >= minCooccurrence, isNode[Int(a)], frequencies[Int(a)] >= minimum, frequencies[Int(b)] >= minimum else { return }
            node.append(CooccurrenceRow(node: a, collocate: b,
                                        table: ContingencyTable(o11: o11, r1: r1[Int(a)], c1: c1[Int(b)], n: total)))
        }
        finishNode()
        if !chunk.isEmpty { body(chunk) }
        return Totals(total: total, frequencies: frequencies)
    }

    /// A table's pairs with their keys and counts, in output order of (node, collocate) by
    /// the forms' code point ranks.
    private func sorted(_ table: PairTable) -> [(order: UInt64, key: UInt64, count: UInt64)] {
        let rank = texts.vocabulary.rank
        var entries: [(order: UInt64, key: UInt64, count: UInt64)] = []
        entries.reserveCapacity(table.count)
        table.forEach { node, collocate, count in
            entries.append((UInt64(rank[Int(node)]) << 32 | UInt64(rank[Int(collocate)]),
                            UInt64(node) << 32 | UInt64(collocate), UInt64(count)))
        }
        entries.sort { $0.order < $1.order }
        return entries
    }

    /// Pairs as the words a run holds: key, count, key, count, ...
    static func words(_ entries: ArraySlice<(order: UInt64, key: UInt64, count: UInt64)>) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(entries.count * 2)
        for entry in entries {
            words.append(entry.key)
            words.append(entry.count)
        }
        return words
    }
}

/// One worker's counts and the runs its tables were spilled to, mutated by that worker alone.
private final class PartBox: @unchecked Sendable {
    var part: CooccurrenceCounter.Part
    var levels = PairRunLevels()
    var failure: DiscourseError?
    init(_ part: CooccurrenceCounter.Part) { self.part = part }

    var runs: [SpillFile] { levels.runs }

    /// Writes sorted pairs as a run, merging full levels.
    func spill(_ entries: [(order: UInt64, key: UInt64, count: UInt64)], tmp: String, rank: [UInt32]) throws(DiscourseError) {
        let run = try SpillFile(in: tmp, prefix: "discourse-pairs")
        for start in stride(from: 0, to: entries.count, by: 1 << 16) {
            try run.append(CooccurrenceStream.words(entries[start..<min(entries.count, start + (1 << 16))]))
        }
        try levels.add(run, tmp: tmp, rank: rank)
    }
}

/// Runs of (key, count) pairs on disk by level: a level-0 run is one spilled table; 16 runs
/// of a level are merged into one of the next, so each pair is rewritten once per level, as
/// in external sorting, and a merge never reads more than a few dozen runs at once.
struct PairRunLevels {
    private var levels: [[SpillFile]] = []

    var runs: [SpillFile] { levels.flatMap { $0 } }

    /// Adds a run sorted in the order `rank` gives (`PairRuns`), merging full levels.
    mutating func add(_ run: SpillFile, tmp: String, rank: [UInt32]) throws(DiscourseError) {
        if levels.isEmpty { levels.append([]) }
        levels[0].append(run)
        var level = 0
        while levels[level].count >= CooccurrenceStream.mergeFanIn {
            let merged = try PairRuns(runs: levels[level], held: [], rank: rank).mergeToRun(in: tmp)
            levels[level] = []
            if levels.count == level + 1 { levels.append([]) }
            levels[level + 1].append(merged)
            level += 1
        }
    }
}

/// Runs of (key, count) pairs sorted in output order (on disk, and one in memory), merged
/// into one sequence with the counts of equal keys summed: a heap of the runs' cursors by the
/// order of their next key (the code point ranks of its node and collocate; the key itself
/// when `rank` is empty).
struct PairRuns {
    let runs: [SpillFile]
    let held: [UInt64]
    /// Code point rank of each form id; empty to order by the keys themselves.
    let rank: [UInt32]

    /// One run's reading position, a block of pairs at a time.
    private final class Cursor {
        let run: SpillFile?
        var words: [UInt64]
        var index = 0
        var offset = 0
        /// The order of the current key.
        var order: UInt64 = 0
        init(run: SpillFile?, words: [UInt64]) {
            self.run = run
            self.words = words
        }

        var exhausted: Bool { index >= words.count }
        var key: UInt64 { words[index] }
        var count: UInt64 { words[index + 1] }

        /// Reads the run's next block; false at its end.
        func refill() -> Bool {
            guard let run, offset < run.size else { return false }
            let count = min(1 << 16, (run.size - offset) / 8)
            words = [UInt64](repeating: 0, count: count)
            guard words.withUnsafeMutableBufferPointer({ run.read(into: $0, at: offset) }) else {
                preconditionFailure("\(run.path): the temporary pair counts were cut short while being read")
            }
            offset += count * 8
            index = 0
            return true
        }
    }

    /// Calls `body` with each distinct key and its summed count, in output order.
    func merge(_ body: (_ key: UInt64, _ count: Int) throws(DiscourseError) -> Void) throws(DiscourseError) {
        var heap: [Cursor] = []
        for cursor in [Cursor(run: nil, words: held)] + runs.map({ Cursor(run: $0, words: []) }) where !cursor.exhausted || cursor.refill() {
            cursor.order = order(cursor.key)
            heap.append(cursor)
            siftUp(&heap, heap.count - 1)
        }
        while let top = heap.first {
            let key = top.key
            var count = 0
            // Every run holds a key once: pop each cursor on it, advance, push it back.
            while let first = heap.first, first.key == key {
                count += Int(first.count)
                first.index += 2
                if first.exhausted && !first.refill() {
                    heap.swapAt(0, heap.count - 1)
                    heap.removeLast()
                } else {
                    first.order = order(first.key)
                }
                if !heap.isEmpty { siftDown(&heap, 0) }
            }
            try body(key, count)
        }
    }

    /// Merges the runs into one new run under `tmp`.
    func mergeToRun(in tmp: String) throws(DiscourseError) -> SpillFile {
        let merged = try SpillFile(in: tmp, prefix: "discourse-pairs")
        var block: [UInt64] = []
        block.reserveCapacity(1 << 17)
        try merge { (key, count) throws(DiscourseError) in
            block.append(key)
            block.append(UInt64(count))
            if block.count >= 1 << 17 {
                try merged.append(block)
                block.removeAll(keepingCapacity: true)
            }
        }
        try merged.append(block)
        return merged
    }

    /// The order of a (node, collocate) key: its forms' code point ranks (or the key).
    @inline(__always)
    private func order(_ key: UInt64) -> UInt64 {
        guard !rank.isEmpty else { return key }
        return UInt64(rank[Int(key >> 32)]) << 32 | UInt64(rank[Int(key & 0xFFFF_FFFF)])
    }

    private func siftUp(_ heap: inout [Cursor], _ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].order < heap[parent].order else { return }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private func siftDown(_ heap: inout [Cursor], _ start: Int) {
        var i = start
        while true {
            let (left, right) = (2 * i + 1, 2 * i + 2)
            var least = i
            if left < heap.count && heap[left].order < heap[least].order { least = left }
            if right < heap.count && heap[right].order < heap[least].order { least = right }
            guard least != i else { return }
            heap.swapAt(i, least)
            i = least
        }
    }
}
