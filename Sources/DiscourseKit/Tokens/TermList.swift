/// Multi-word terms (`--terms`, SPEC §2.6), normalized, with every prefix of every term so
/// that the matcher can stop extending a candidate run as soon as it cannot lead to a term.
struct TermList: Sendable {
    /// Normalized term lines (single spaces) → the term's form (spaces → `_`).
    let forms: [[UInt16]: String]
    /// Every non-empty prefix of every normalized term line.
    let prefixes: Set<[UInt16]>
    /// The longest normalized term line, in UTF-16 code units.
    let maxLength: Int

    init(lines: [String], normalizer: LineNormalizer) {
        var forms: [[UInt16]: String] = [:]
        var prefixes: Set<[UInt16]> = []
        var maxLength = 0
        for line in lines {
            let normalized = normalizer.normalize(line)
            if normalized.isEmpty { continue }
            forms[normalized] = normalizer.form(of: line)
            for end in 1...normalized.count { prefixes.insert(Array(normalized[..<end])) }
            maxLength = max(maxLength, normalized.count)
        }
        self.forms = forms
        self.prefixes = prefixes
        self.maxLength = maxLength
    }

    var isEmpty: Bool { forms.isEmpty }
}
