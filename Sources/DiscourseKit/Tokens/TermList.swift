/// Multi-word terms (`--terms`, SPEC §2.6), normalized, with every prefix of every term so
/// that the matcher can stop extending a candidate run as soon as it cannot lead to a term.
///
/// A line may name variants that count as the term: `canonical = variant = variant` (a
/// formulation and its short form, British and American spellings). Each is matched like a
/// term line, and every match takes the canonical line's form.
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
            let variants = Self.variants(of: line)
            let form = normalizer.form(of: variants[0])
            if form.isEmpty { continue }
            for variant in variants {
                let normalized = normalizer.normalize(variant)
                if normalized.isEmpty || forms[normalized] != nil { continue }
                forms[normalized] = form
                for end in 1...normalized.count { prefixes.insert(Array(normalized[..<end])) }
                maxLength = max(maxLength, normalized.count)
            }
        }
        self.forms = forms
        self.prefixes = prefixes
        self.maxLength = maxLength
    }

    var isEmpty: Bool { forms.isEmpty }

    /// The canonical line and its variants: `a = b = c` → [a, b, c]; a line without `=` is
    /// a term of its own.
    static func variants(of line: String) -> [String] {
        let parts = line.split(separator: "=", omittingEmptySubsequences: true).map { String($0).trimmed() }.filter { !$0.isEmpty }
        return parts.isEmpty ? [line] : parts
    }
}
