/// What a token is, from ICU's word-break rule status (SPEC §2.3), or a joined multi-word term.
public enum TokenKind: UInt8, Sendable, CaseIterable {
    case number, letter, kana, ideographic, term

    /// The name written in `tokens.csv`.
    public var name: String {
        switch self {
        case .number: "number"
        case .letter: "letter"
        case .kana: "kana"
        case .ideographic: "ideographic"
        case .term: "term"
        }
    }

    /// The kind of a word segment with this rule status, or nil when it is not a token
    /// (spaces, punctuation and symbols have statuses below 100).
    @inline(__always)
    init?(ruleStatus status: Int32) {
        switch status {
        case 100..<200: self = .number
        case 200..<300: self = .letter
        case 300..<400: self = .kana
        case 400..<500: self = .ideographic
        default: return nil
        }
    }
}
