
/// Reads the one-entry-per-line files that options take (`--terms`, `--stopwords FILE`,
/// `--nodes`, `--track`): UTF-8, blank lines and lines starting with `#` skipped.
public enum LineFile {
    public static func read(_ path: String, option: String) throws(DiscourseError) -> [String] {
        try text(path, option: option).split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
            .map { String($0).trimmed() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// The terms of a `--nodes` or `--track` file: an error when it has none, since an empty
    /// list would give tables with a header and no rows, silently.
    public static func terms(_ path: String, option: String) throws(DiscourseError) -> [String] {
        let lines = try read(path, option: option)
        guard !lines.isEmpty else {
            throw DiscourseError("\(option) \(path): the file has no terms (only blank lines and # comments)")
        }
        return lines
    }

    /// A whole UTF-8 file (a template, a study file).
    public static func text(_ path: String, option: String) throws(DiscourseError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiscourseError("\(option) \(path): cannot read the file")
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            throw DiscourseError("\(option) \(path): the file is not valid UTF-8")
        }
        return text
    }

    /// Whether a stopword list name is a built-in list rather than a file.
    public static func isBuiltinList(_ name: String) -> Bool { name == "en" || name == "zh" }

    /// Whether a terms list name is a built-in list (`zh-politics`) rather than a file.
    public static func isBuiltinTerms(_ name: String) -> Bool { BuiltinTerms.lists[name] != nil }

    /// The lines of a terms list: a built-in list (`zh-politics`) or a file.
    public static func termLines(_ name: String) throws(DiscourseError) -> [String] {
        if let list = BuiltinTerms.lists[name] { return BuiltinTerms.lines(list) }
        guard FileSystem.exists(name) || name.contains("/") || name.contains(".") else {
            throw DiscourseError("--terms \(name): neither a built-in list (\(BuiltinTerms.lists.keys.sorted().joined(separator: ", "))) nor a file")
        }
        return try read(name, option: "--terms")
    }

    /// The lines of a stopword list: `en` and `zh` are the built-in lists, anything else a file.
    public static func stopwords(_ name: String) throws(DiscourseError) -> [String] {
        switch name {
        case "en": return BuiltinStopwords.english
        case "zh": return BuiltinStopwords.chinese
        default:
            guard FileSystem.exists(name) else {
                throw DiscourseError("--stopwords \(name): neither a built-in list (en, zh) nor a file")
            }
            return try read(name, option: "--stopwords")
        }
    }
}
