/// What `terms suggest` learns from its candidates' occurrences, in one more pass over the
/// documents: how often each stands next to a boundary, which groups it appears in, how its
/// first occurrence is spaced, and the counts of its neighbours on either side.
///
/// Documents are read a chunk at a time in the order counted and split among the workers in
/// consecutive parts, whose tallies are merged in that order. Neighbour counts are keyed by
/// (candidate, side, neighbour) in pair tables that go to disk as sorted runs when they
/// outgrow their share of `spillBytes` (as co-occurrences do), and are read back merged.
struct RunOccurrences {
    /// One candidate's tally.
    struct Tally: Sendable {
        /// Occurrences with a boundary (punctuation, a sentence's or document's edge, a
        /// stopword) before it and after it.
        var leftBoundaries = 0
        var rightBoundaries = 0
        /// First and last group it occurs in (groups are counted in order), and how many.
        var firstGroup: Int32 = -1
        var lastGroup: Int32 = -1
        var groups: Int32 = 0
        /// Bit i: white space between its tokens i and i + 1 in its first occurrence.
        var spaced: UInt32 = 0

        /// Adds the tally of later documents.
        mutating func append(_ later: Tally) {
            guard later.groups > 0 else { return }
            leftBoundaries += later.leftBoundaries
            rightBoundaries += later.rightBoundaries
            if groups == 0 {
                firstGroup = later.firstGroup
                spaced = later.spaced
            }
            groups += later.groups - (groups > 0 && lastGroup == later.firstGroup ? 1 : 0)
            lastGroup = later.lastGroup
        }
    }

    /// tallies[c]: candidate c's.
    let tallies: [Tally]
    /// Neighbour counts: keys `key(candidate:right:neighbour:)` in increasing order.
    let neighbours: PairRuns

    /// The key of a neighbour count (form ids are below 2³¹).
    static func key(candidate: Int32, right: Bool, neighbour: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: candidate)) << 32 | (right ? 1 << 31 : 0) | UInt64(neighbour)
    }

    /// - Parameters:
    ///   - filters: per length, whether a run may have been kept (read with one partition only).
    ///   - groupOf: the group of each document (corpus index).
    ///   - isStopword: forms that are boundaries, never neighbours.
    ///   - spillBytes: bytes the neighbour counts may hold before they go to `tmp`; nil holds them.
    /// - Throws: `DiscourseError` from reading the tokens, or writing `tmp`.
    init(_ stream: RunStream, candidates: RunCandidates, filters: [RunFilter], groupOf: [Int32], isStopword: [Bool],
         spillBytes: Int?, tmp: String) throws(DiscourseError) {
        let parts = ParallelMap.workers
        let boxes = (0..<parts).map { _ in PartBox(candidates: candidates.count) }
        let share = spillBytes.map { $0 / parts }
        var tallies = [Tally](repeating: Tally(), count: candidates.count)
        try stream.forEachChunk { chunk throws(DiscourseError) in
            _ = ParallelMap.run(parts) { p in
                let box = boxes[p]
                for d in chunk.count * p / parts ..< chunk.count * (p + 1) / parts where box.failure == nil {
                    box.record(chunk, d, group: groupOf[Int(chunk.documents[d])], candidates: candidates, filters: filters,
                               isStopword: isStopword)
                    if let share, box.pairs.wouldGrow(past: share) {
                        do throws(DiscourseError) { try box.spill(tmp: tmp) } catch { box.failure = error }
                    }
                }
            }
            if let failure = boxes.compactMap(\.failure).first { throw failure }
            for box in boxes {
                for (c, tally) in box.touched {
                    tallies[Int(c)].append(tally)
                    box.slot[Int(c)] = -1
                }
                box.touched.removeAll(keepingCapacity: true)
            }
        }
        // What the tables still hold, as one run in memory (a key may repeat: the merge sums it).
        var held: [UInt64] = []
        for box in boxes {
            held += box.takeSortedPairs()
        }
        var order = Array(stride(from: 0, to: held.count, by: 2))
        order.sort { held[$0] < held[$1] }
        var words: [UInt64] = []
        words.reserveCapacity(held.count)
        for i in order {
            words.append(held[i])
            words.append(held[i + 1])
        }
        self.tallies = tallies
        neighbours = PairRuns(runs: boxes.flatMap(\.levels.runs), held: words, rank: [])
    }
}

/// One worker's tallies of a chunk, and its neighbour counts over the whole pass.
private final class PartBox: @unchecked Sendable {
    // @unchecked: a box is mutated by its one worker, and read between chunks.
    /// Candidates met in this chunk, in the order first met, and where each one's tally is.
    var touched: [(candidate: Int32, tally: RunOccurrences.Tally)] = []
    /// slot[c]: where candidate c's tally is in `touched`, or −1.
    var slot: [Int32]
    var pairs = PairTable(capacity: 1 << 12)
    var levels = PairRunLevels()
    var failure: DiscourseError?

    init(candidates: Int) { slot = [Int32](repeating: -1, count: candidates) }

    /// Records every occurrence of a candidate of the partition in document d of a chunk.
    func record(_ chunk: RunStream.Chunk, _ d: Int, group: Int32, candidates: RunCandidates, filters: [RunFilter],
                isStopword: [Bool]) {
        let tokens = chunk.tokens(d)
        let maxLength = candidates.maxLength
        chunk.forms.withUnsafeBufferPointer { forms in
            guard let base = forms.baseAddress else { return }
            var run = 0
            for i in tokens {
                run = i > tokens.lowerBound && chunk.flags[i - 1] & RunStream.Chunk.glued != 0 ? run + 1 : 1
                guard run >= 2 else { continue }
                for n in 2...min(run, maxLength) {
                    let start = i - n + 1
                    if candidates.partitions == 1 {
                        // A run not kept ends no longer kept run: each has it as its last part.
                        guard filters[n - 1].mayContain(base + start) else { break }
                    } else {
                        // Of several partitions, most runs are in another: telling which by
                        // the hash reads no memory, where the filter misses the cache.
                        guard candidates.covers(base + start, n: n) else { continue }
                    }
                    guard let c = candidates.candidate(base + start, n: n) else { continue }
                    record(Int32(c), start: start, length: n, group: group, chunk: chunk, tokens: tokens, isStopword: isStopword)
                }
            }
        }
    }

    /// Records one occurrence. A stopword next to the candidate is a boundary like
    /// punctuation: no candidate ends in a stopword, so it never continues the term (the
    /// soviet union, 发展的).
    private func record(_ c: Int32, start: Int, length n: Int, group: Int32, chunk: RunStream.Chunk, tokens: Range<Int>,
                        isStopword: [Bool]) {
        var t = Int(slot[Int(c)])
        if t < 0 {
            t = touched.count
            slot[Int(c)] = Int32(t)
            var spaced: UInt32 = 0
            for k in 0..<(n - 1) where chunk.flags[start + k] & RunStream.Chunk.spaced != 0 { spaced |= 1 << UInt32(k) }
            touched.append((c, RunOccurrences.Tally(firstGroup: group, lastGroup: group, groups: 1, spaced: spaced)))
        }
        if start > tokens.lowerBound && chunk.flags[start - 1] & RunStream.Chunk.glued != 0 && !isStopword[Int(chunk.forms[start - 1])] {
            pairs.add(RunOccurrences.key(candidate: c, right: false, neighbour: chunk.forms[start - 1]))
        } else {
            touched[t].tally.leftBoundaries += 1
        }
        let end = start + n - 1
        if end + 1 < tokens.upperBound && chunk.flags[end] & RunStream.Chunk.glued != 0 && !isStopword[Int(chunk.forms[end + 1])] {
            pairs.add(RunOccurrences.key(candidate: c, right: true, neighbour: chunk.forms[end + 1]))
        } else {
            touched[t].tally.rightBoundaries += 1
        }
        if group != touched[t].tally.lastGroup {
            touched[t].tally.groups += 1
            touched[t].tally.lastGroup = group
        }
    }

    /// The neighbour counts as words key, count, key, count, ... sorted by key; the table is
    /// left empty.
    func takeSortedPairs() -> [UInt64] {
        var entries: [(order: UInt64, key: UInt64, count: UInt64)] = []
        entries.reserveCapacity(pairs.count)
        pairs.forEach { high, low, count in
            let key = UInt64(high) << 32 | UInt64(low)
            entries.append((key, key, UInt64(count)))
        }
        pairs = PairTable(capacity: 1 << 12)
        entries.sort { $0.order < $1.order }
        return CooccurrenceStream.words(entries[...])
    }

    /// Writes the neighbour counts as a run sorted by key and empties the table.
    func spill(tmp: String) throws(DiscourseError) {
        let run = try SpillFile(in: tmp, prefix: "discourse-neighbours")
        try run.append(takeSortedPairs())
        try levels.add(run, tmp: tmp, rank: [])
    }
}
