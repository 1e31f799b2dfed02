/// The unit within which two tokens co-occur (SPEC §4).
public enum CooccurrenceScope: String, Sendable, CaseIterable {
    /// Positions within `span` tokens of a node occurrence, in one sentence.
    case window
    /// Sentences containing both types.
    case sentence
    /// Documents containing both types.
    case document
}

/// How the window scope's margins are counted (SPEC §4).
public enum CooccurrenceMargins: String, Sendable, CaseIterable {
    /// The union-of-windows table (Evert 2008, surface co-occurrence): R1 = |W(a)|, the
    /// positions in a's merged windows; every cell is ≥ 0.
    case windows
    /// The convention of LancsBox, KH Coder and NLTK: O11 counts (occurrence, window
    /// position) pairs, R1 = f(a); cells can come out negative.
    case tokens
}

/// What `cooccur` and `collocates` count.
public struct CooccurrenceOptions: Sendable {
    public var scope: CooccurrenceScope = .window
    /// Tokens on each side of a node occurrence (`--window`).
    public var span = 5
    public var margins: CooccurrenceMargins = .windows
    /// Windows run across sentence ends (`--cross-sentences`).
    public var crossSentences = false
    /// Types with fewer occurrences in the group are neither nodes nor collocates (`--min-freq`).
    public var minFrequency = 1
    /// Restrict nodes to these forms (`--nodes`, `--node`); nil for every type.
    public var nodes: Set<String>?

    public init() {}
}
