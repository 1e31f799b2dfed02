import Synchronization

/// Interns token forms to dense integer ids, shared by all tokenizer threads.
///
/// Each thread keeps its own `SurfaceCache` in front of this table, so the lock is taken
/// only the first time a thread meets a surface: about 10⁵ times for 2 million tokens.
/// Ids are handed out in first-come order, which differs between runs; outputs never
/// depend on them (they sort by the forms' text).
public final class Vocabulary: Sendable {
    private struct State {
        var ids: [String: UInt32] = [:]
        var forms: [String] = []
        var isStopword: [Bool] = []
    }

    private let state = Mutex(State())
    private let stopwords: Set<String>

    /// - Parameter stopwords: forms that are marked as stopwords when interned.
    public init(stopwords: Set<String> = []) {
        self.stopwords = stopwords
    }

    /// The id of `form`, adding it when new.
    public func intern(_ form: String) -> UInt32 {
        state.withLock { state in
            if let id = state.ids[form] { return id }
            let id = UInt32(state.forms.count)
            state.ids[form] = id
            state.forms.append(form)
            state.isStopword.append(stopwords.contains(form))
            return id
        }
    }

    /// The id of `form` if it has been interned.
    public func id(of form: String) -> UInt32? {
        state.withLock { $0.ids[form] }
    }

    /// The form of an id.
    public func form(of id: UInt32) -> String {
        state.withLock { $0.forms[Int(id)] }
    }

    /// How many forms have been interned.
    public var count: Int { state.withLock { $0.forms.count } }

    /// A read-only copy of the table for the counting and output stages.
    public func snapshot() -> VocabularyTable {
        state.withLock { VocabularyTable(forms: $0.forms, isStopword: $0.isStopword) }
    }

    /// A copy for counting only, without the code point ranks (which sort every form):
    /// what a batch of a larger run is counted with while the vocabulary still grows.
    func unrankedSnapshot() -> VocabularyTable {
        state.withLock { VocabularyTable(forms: $0.forms, isStopword: $0.isStopword, ranked: false) }
    }
}

/// A frozen vocabulary: forms by id, stopword flags, and each form's rank in Unicode code
/// point order, so that sorting ids by rank sorts their texts (SPEC §8).
public struct VocabularyTable: Sendable {
    public let forms: [String]
    public let isStopword: [Bool]
    /// `rank[id]`: position of the form among all forms in code point order.
    public let rank: [UInt32]
    /// `byRank[r]`: the id of the form of rank r (the inverse of `rank`).
    public let byRank: [UInt32]
    /// Whether comparing n-grams id by id (by rank) orders them as their joined texts: true
    /// unless some form holds a character at or below U+0020 (the joining space).
    public let ranksOrderJoinedText: Bool

    /// - Parameter ranked: false to leave `rank` empty, for tables only counted with.
    init(forms: [String], isStopword: [Bool], ranked: Bool = true) {
        self.forms = forms
        self.isStopword = isStopword
        guard ranked else {
            rank = []
            byRank = []
            ranksOrderJoinedText = true
            return
        }
        let order = Self.codePointOrder(forms)
        var rank = [UInt32](repeating: 0, count: forms.count)
        for (position, id) in order.enumerated() { rank[Int(id)] = UInt32(position) }
        self.rank = rank
        byRank = order
        self.ranksOrderJoinedText = !forms.contains { $0.utf8.contains { $0 <= 0x20 } }
    }

    public var count: Int { forms.count }

    /// The forms in code point order (by id when the table has no ranks), as the rows of
    /// `ngrams.csv` give them (`NgramGroupRows.forEachRow`).
    var formsByRank: [String] { byRank.isEmpty ? forms : byRank.map { forms[Int($0)] } }

    /// The ids of `forms` in code point order (UTF-8 byte order is code point order).
    ///
    /// Each form is compared first by its first 8 bytes read as one big-endian integer (zeros
    /// after a shorter form's end), and by its whole text only when those are equal: most
    /// comparisons of a sort of 10⁵ forms are then one integer comparison, not a walk over
    /// two `String`s.
    static func codePointOrder(_ forms: [String]) -> [UInt32] {
        var keyed = forms.indices.map { id -> (prefix: UInt64, id: UInt32) in
            var prefix: UInt64 = 0
            var taken = 0
            for byte in forms[id].utf8.prefix(8) {
                prefix = prefix << 8 | UInt64(byte)
                taken += 1
            }
            return (taken == 0 ? 0 : prefix << (8 * (8 - taken)), UInt32(id))
        }
        keyed.sort { a, b in
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            return forms[Int(a.id)].utf8.lexicographicallyPrecedes(forms[Int(b.id)].utf8)
        }
        return keyed.map(\.id)
    }
}
