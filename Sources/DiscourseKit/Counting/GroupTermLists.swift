/// Each group's (term, count, documents) list, sorted by term: held in memory, or, in a run
/// within a memory budget, written to a spill file once the group's last document is counted
/// and read back whenever it is asked for. Groups × terms of them are kept for a whole run
/// (a corpus by year over centuries: hundreds of millions of bytes), and every reader (trends,
/// keyness, compare) takes them a group at a time.
public struct GroupTermLists: RandomAccessCollection, Sendable {
    private var held: [[TermCounts.TermCount]]
    /// Where each group's list was written (offset -1: held).
    private var written: [(offset: Int, count: Int)]
    private let spill: SpillFile?

    /// Lists held in memory.
    init(_ lists: [[TermCounts.TermCount]]) {
        held = lists
        written = lists.map { _ in (-1, 0) }
        spill = nil
    }

    /// `count` empty lists, which `spill(_:)` writes to `spill`.
    init(count: Int, spill: SpillFile?) {
        held = [[TermCounts.TermCount]](repeating: [], count: count)
        written = [(offset: Int, count: Int)](repeating: (-1, 0), count: count)
        self.spill = spill
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { held.count }

    /// Group g's list, read back from the spill file when it was written there.
    public subscript(g: Int) -> [TermCounts.TermCount] {
        get {
            let (offset, count) = written[g]
            guard offset >= 0, let spill else { return held[g] }
            return [TermCounts.TermCount](unsafeUninitializedCapacity: count) { buffer, initialized in
                guard spill.read(into: buffer, at: offset) else {
                    preconditionFailure("\(spill.path): the temporary counts were cut short while being read")
                }
                initialized = count
            }
        }
        set {
            precondition(written[g].offset < 0, "a group's list is not changed once written")
            held[g] = newValue
        }
    }

    /// Writes group g's list to the spill file and drops it from memory (when there is one).
    ///
    /// - Throws: `DiscourseError` when the list cannot be written.
    mutating func spill(_ g: Int) throws(DiscourseError) {
        guard let spill, written[g].offset < 0 else { return }
        let offset = spill.size
        try spill.append(held[g])
        written[g] = (offset, held[g].count)
        held[g] = []
    }

    /// Whether group g's list is on disk.
    func isWritten(_ g: Int) -> Bool { written[g].offset >= 0 }
}
