/// Multi-word terms (`--terms`, SPEC §2.6), normalized, in a trie so that the matcher can
/// stop extending a candidate run as soon as it cannot lead to a term.
///
/// A line may name variants that count as the term: `canonical = variant = variant` (a
/// formulation and its short form, British and American spellings). Each is matched like a
/// term line, and every match takes the canonical line's form.
struct TermList: Sendable {
    /// Normalized term lines (single spaces); each ends at a node carrying the term's form
    /// (spaces → `_`; for a variant, the canonical line's form). The first line to spell a
    /// text wins.
    let trie: TermTrie

    init(lines: [String], normalizer: LineNormalizer) {
        var trie = TermTrie()
        for line in lines {
            let variants = Self.variants(of: line)
            let form = normalizer.form(of: variants[0])
            if form.isEmpty { continue }
            for variant in variants {
                let normalized = normalizer.normalize(variant)
                if !normalized.isEmpty { _ = trie.insert(normalized, form: form) }
            }
        }
        self.trie = trie
    }

    var isEmpty: Bool { trie.isEmpty }

    /// The canonical line and its variants: `a = b = c` → [a, b, c]; a line without `=` is
    /// a term of its own.
    static func variants(of line: String) -> [String] {
        let parts = line.split(separator: "=", omittingEmptySubsequences: true).map { String($0).trimmed() }.filter { !$0.isEmpty }
        return parts.isEmpty ? [line] : parts
    }
}
