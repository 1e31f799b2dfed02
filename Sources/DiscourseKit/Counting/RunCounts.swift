/// The documents `terms suggest` reads, a chunk at a time and in order: the tokens a run
/// holds, or the texts read again within a memory budget (`TextSource`).
struct RunTexts: Sendable {
    /// Corpus indices of the documents, in runs read at once, in the order they are counted.
    let chunks: [[Int]]
    /// The tokens (with offsets) of a chunk's documents, in the chunk's order.
    let read: @Sendable ([Int]) throws(DiscourseError) -> [TokenizedDocument]
    /// Forms in the vocabulary the documents' ids index.
    let vocabularySize: Int
    /// Bytes a length's count table may hold before it is written to disk; nil holds it.
    let spillBytes: Int?
    /// Where tables that outgrow `spillBytes` are written.
    let tmp: String
    /// Bytes the candidates examined at once may hold (nil: all of them at once); more
    /// candidates than that are examined in partitions, a pass over the tokens each.
    let candidateBytes: Int?

    /// The tokens held in memory, read as one chunk.
    init(_ corpus: TokenizedCorpus, documents: [Int]) {
        chunks = [documents]
        read = { indices throws(DiscourseError) in indices.map { corpus.documents[$0] } }
        vocabularySize = corpus.vocabulary.count
        spillBytes = nil
        tmp = "/tmp"
        candidateBytes = nil
    }

    /// The texts read again a chunk at a time, tables past the budget's pair share to disk.
    init(_ texts: TextSource, documents: [Int]) {
        chunks = texts.chunks(of: documents)
        read = { indices throws(DiscourseError) in try texts.tokenize(indices) }
        vocabularySize = texts.vocabulary.count
        spillBytes = texts.pairBytes
        tmp = texts.tmp
        candidateBytes = max(1 << 20, texts.pairBytes * 3 / 4)
    }

    init(chunks: [[Int]], read: @escaping @Sendable ([Int]) throws(DiscourseError) -> [TokenizedDocument], vocabularySize: Int,
         spillBytes: Int?, tmp: String, candidateBytes: Int?) {
        self.chunks = chunks
        self.read = read
        self.vocabularySize = vocabularySize
        self.spillBytes = spillBytes
        self.tmp = tmp
        self.candidateBytes = candidateBytes
    }
}

/// Counts of runs of tokens that stand together — adjacent in one sentence with nothing but
/// white space between them, no punctuation — of every length up to `maxLength`, for
/// `terms suggest`.
///
/// Lengths are counted one after another, each in a pass over the documents. A run of n
/// tokens is counted only when its first and its last n − 1 tokens may each have been seen
/// at least `minCount` times (`RunFilter`), since a run is never more frequent than its parts
/// (the Apriori principle); this keeps the tables of long runs small. Each length then keeps
/// only the runs seen `minCount` times or more (`KeptRuns`): every part of such a run is one
/// too, so every count the suggestion looks up is exact. A length's table that outgrows
/// `spillBytes` while counted goes to disk in buckets by hash (`RunTableSpill`) and is summed
/// a range of buckets at a time; within a budget the kept runs go to disk too, and only the
/// runs of one token and the filters are held.
struct RunCounts: Sendable {
    /// Runs of one token seen at least `minCount` times, with document frequencies.
    let unigrams: NgramTable
    /// kept[n − 2]: runs of n ≥ 2 tokens seen at least `minCount` times.
    let kept: [KeptRuns]
    /// filters[n − 1]: whether a run of n tokens may have been kept (dropped when the
    /// candidates are examined in partitions, which do not read them).
    private(set) var filters: [RunFilter]
    let maxLength: Int
    /// Bytes held for the whole suggestion: the runs of one token and the filters.
    var footprint: Int { filters.reduce(unigrams.footprint) { $0 + $1.footprint } }

    /// - Parameters:
    ///   - tmp: the folder of the files (the kept runs, tables past `spillBytes`).
    ///   - spillBytes: bytes a table may hold while counted; nil holds everything.
    ///   - counting: told each length as its pass begins.
    /// - Throws: `DiscourseError` from reading the tokens, or writing `tmp`.
    init(_ stream: RunStream, maxLength: Int, minCount: Int, spillBytes: Int?, tmp: String,
         counting: (Int) -> Void = { _ in }) throws(DiscourseError) {
        var unigrams = NgramTable(n: 1, capacity: 0)
        var kept: [KeptRuns] = []
        var filters: [RunFilter] = []
        for n in 1...maxLength {
            counting(n)
            let shorter = filters.last
            var pass = NgramTable(n: n, capacity: 1 << 12)
            var spill = RunTableSpill(n: n)
            try stream.forEachChunk { chunk throws(DiscourseError) in
                let parts = max(1, min(ParallelMap.workers * 4, chunk.count))
                let counted = ParallelMap.run(parts) { part -> NgramTable in
                    var table = NgramTable(n: n, capacity: 1 << 12)
                    for d in chunk.count * part / parts ..< chunk.count * (part + 1) / parts {
                        Self.countRuns(chunk, d, n: n, shorter: shorter, into: &table)
                    }
                    return table
                }
                for table in counted { pass.merge(table) }
                // Half the share: the table's arrays double as it grows.
                if let limit = spillBytes, pass.footprint > limit / 2 {
                    try spill.write(pass, tmp: tmp)
                    pass = NgramTable(n: n, capacity: 1 << 12)
                }
            }
            let runs = try KeptRuns(n: n, tmp: spillBytes == nil ? nil : tmp)
            if spill.isEmpty {
                try pass.forEach(atLeast: minCount) { ids, count, documents throws(DiscourseError) in
                    try runs.append(ids, count: count, documents: documents)
                }
            } else {
                try spill.write(pass, tmp: tmp)
                pass = NgramTable(n: n, capacity: 0)
                try spill.summed(atLeast: minCount, limit: spillBytes!) { ids, count, documents throws(DiscourseError) in
                    try runs.append(ids, count: count, documents: documents)
                }
            }
            try runs.finish()
            var filter = RunFilter(n: n, capacity: runs.count)
            if n == 1 { unigrams = NgramTable(n: 1, capacity: runs.count) }
            try runs.forEach { ids, count, documents in
                filter.insert(ids)
                if n == 1 { unigrams.add(ids, count: count, documents: documents) }
            }
            filters.append(filter)
            if n > 1 { kept.append(runs) }
        }
        self.unigrams = unigrams
        self.kept = kept
        self.filters = filters
        self.maxLength = maxLength
    }

    /// Frees the filters, for the candidates' share of the budget.
    mutating func dropFilters() { filters = [] }

    /// Adds the runs of n tokens of one document whose two (n − 1)-token parts may have been
    /// seen often enough.
    private static func countRuns(_ chunk: RunStream.Chunk, _ d: Int, n: Int, shorter: RunFilter?, into table: inout NgramTable) {
        let index = chunk.documents[d]
        let tokens = chunk.tokens(d)
        chunk.forms.withUnsafeBufferPointer { forms in
            guard let base = forms.baseAddress else { return }
            var run = 0  // tokens ending at i that stand together
            // Whether the last part of the previous run counted may have been kept: it is
            // the first part of the next one, when the tokens still stand together.
            var previousLast: Bool?
            for i in tokens {
                run = i > tokens.lowerBound && chunk.flags[i - 1] & RunStream.Chunk.glued != 0 ? run + 1 : 1
                guard run >= n else {
                    previousLast = nil
                    continue
                }
                let start = base + i - n + 1
                if let shorter, n > 1 {
                    let first = previousLast ?? shorter.mayContain(start)
                    let last = shorter.mayContain(start + 1)
                    previousLast = last
                    guard first && last else { continue }
                }
                table.add(start, document: index)
            }
        }
    }
}

extension NgramTable {
    /// Calls `body` with each entry seen at least `minCount` times: its ids, count and
    /// document frequency, in the order entered.
    func forEach(atLeast minCount: Int, _ body: (UnsafePointer<UInt32>, Int, Int32) throws(DiscourseError) -> Void)
        throws(DiscourseError) {
        try keys.withUnsafeBufferPointer { keys throws(DiscourseError) in
            for entry in 0..<count where tallies[entry].count >= minCount {
                try body(keys.baseAddress! + entry * n, tallies[entry].count, tallies[entry].documents)
            }
        }
    }
}
