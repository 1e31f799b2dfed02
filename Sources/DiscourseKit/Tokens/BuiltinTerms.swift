/// Built-in lists of multi-word terms for `--terms NAME` (like `--stopwords zh`).
///
/// `zh-politics`: Chinese political formulations, common words and leaders' names that ICU's
/// dictionary cuts into pieces (高质量发展, 新质生产力, 疫情, 社会主义, 习近平), found with `discourse terms suggest` in
/// the government work reports and the party congress reports and reviewed by hand. Every
/// entry occurs in those corpora. No entry is a fragment of a longer one: an entry inside a
/// longer entry (生产力 in 新质生产力) occurs on its own in at least a third of its occurrences,
/// and counts those, as any word inside a multi-word term does. No two entries overlap
/// anywhere in the corpora, so no count depends on which of two entries is matched first.
/// docs/formulations.md tells how it was built and checked.
enum BuiltinTerms {
    static let lists: [String: String] = ["zh-politics": zhPolitics]

    /// The entries of a list: its lines without blank lines and `#` comments.
    static func lines(_ list: String) -> [String] {
        list.split(whereSeparator: \.isNewline).map { String($0).trimmed() }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
