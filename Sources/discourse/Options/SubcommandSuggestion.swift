/// "Did you mean" for a first argument that is not a subcommand but close to one.
enum SubcommandSuggestion {
    /// The message for `word` when it is not a subcommand and one is within two edits of it
    /// (or starts with it); nil when it is a subcommand, an option, or nothing is close.
    static func message(for word: String, among names: [String]) -> String? {
        guard !word.hasPrefix("-"), !names.contains(word), !word.contains("/"), !word.contains(".") else { return nil }
        let lowered = word.lowercased()
        let scored = names.map { (name: $0, distance: distance(lowered, $0)) }
        let close = scored.filter { $0.distance <= 2 || ($0.name.hasPrefix(lowered) && lowered.count >= 3) }
        guard let best = close.min(by: { $0.distance < $1.distance }) else { return nil }
        return "Unknown command '\(word)'. Did you mean '\(best.name)'?"
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
