/// The only terms some term counts keep (tracked trends: `TermCounts.Request.terms`), so that
/// following a few terms does not keep every n-gram of the corpus with each document's list
/// (at 10 GB, the index of all 2-grams alone passes a 512M budget).
///
/// Terms are given as text (forms joined by one space) and matched on form ids: the ids of
/// their words are found as the vocabulary grows (it only grows, so an id, once found, stays),
/// and an n-gram is kept when its ids are those of a term's words.
struct TermFilter: Sendable {
    /// Each term's words, by length.
    private let words: [Int: [[String]]]
    private let wordSet: Set<String>
    private var idOf: [String: UInt32] = [:]
    /// How many forms of the vocabulary have been looked at.
    private var scanned = 0
    /// The kept id sequences by length, and the first ids among them (a quick refusal).
    private var accepted: [Int: Set<[UInt32]>] = [:]
    private var firstIDs: Set<UInt32> = []

    init(_ terms: Set<String>) {
        var words: [Int: [[String]]] = [:]
        for term in terms {
            let parts = term.split(separator: " ").map(String.init)
            guard !parts.isEmpty else { continue }
            words[parts.count, default: []].append(parts)
        }
        self.words = words
        wordSet = Set(words.values.joined().joined())
    }

    /// Looks at the forms added to the vocabulary since the last call.
    mutating func update(_ forms: [String]) {
        guard forms.count > scanned else { return }
        var found = false
        for id in scanned..<forms.count where wordSet.contains(forms[id]) {
            idOf[forms[id]] = UInt32(id)
            found = true
        }
        scanned = forms.count
        guard found else { return }
        accepted = [:]
        firstIDs = []
        for (n, terms) in words {
            for term in terms {
                let ids = term.compactMap { idOf[$0] }
                guard ids.count == n else { continue }
                accepted[n, default: []].insert(ids)
                firstIDs.insert(ids[0])
            }
        }
    }

    /// Whether the n-gram of `n` form ids at `ids` is one of the terms.
    @inline(__always)
    func accepts(_ ids: UnsafePointer<UInt32>, n: Int) -> Bool {
        guard firstIDs.contains(ids[0]) else { return false }
        return accepted[n]?.contains(Array(UnsafeBufferPointer(start: ids, count: n))) ?? false
    }
}
