import Yams

/// A node of a study file with its place in the file, so that every error names the file,
/// line and column of the value or key at fault.
struct StudyNode {
    let node: Node
    /// The study file, as named in messages.
    let file: String

    /// `file line L, column C: message`.
    func error(_ message: String) -> DiscourseError {
        DiscourseError(Self.place(file, node.mark) + message)
    }

    static func place(_ file: String, _ mark: Mark?) -> String {
        guard let mark else { return "\(file): " }
        return "\(file) line \(mark.line), column \(mark.column): "
    }

    /// Where this node is, for messages raised later (`study.yaml line 12`).
    var location: String { node.mark.map { "\(file) line \($0.line)" } ?? file }

    /// A mapping's values by key, in file order; an unknown or repeated key is an error.
    ///
    /// - Parameters:
    ///   - what: what the mapping is, for messages (`corpus`, `a keyness analysis`).
    ///   - known: the keys allowed.
    func mapping(_ what: String, known: [String]) throws(DiscourseError) -> [(key: String, value: StudyNode)] {
        if isNull { return [] }
        guard case .mapping(let mapping) = node else { throw error("\(what) must be a mapping of keys to values") }
        var seen: Set<String> = []
        var fields: [(key: String, value: StudyNode)] = []
        for (keyNode, value) in mapping {
            let key = StudyNode(node: keyNode, file: file)
            guard case .scalar(let scalar) = keyNode else { throw key.error("a key of \(what) must be a name") }
            guard known.contains(scalar.string) else {
                throw key.error("unknown key '\(scalar.string)' in \(what); the keys are: \(known.joined(separator: ", "))")
            }
            guard seen.insert(scalar.string).inserted else { throw key.error("'\(scalar.string)' is given twice in \(what)") }
            fields.append((scalar.string, StudyNode(node: value, file: file)))
        }
        return fields
    }

    /// Whether the value is empty (`key:` with nothing after it, or `null`).
    var isNull: Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func string(_ what: String) throws(DiscourseError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw error("\(what) must be a single value") }
        return scalar.string
    }

    func int(_ what: String, atLeast minimum: Int) throws(DiscourseError) -> Int {
        let text = try string(what)
        guard let value = Int(text) else { throw error("\(what) must be a whole number, not '\(text)'") }
        guard value >= minimum else { throw error("\(what) must be at least \(minimum), not \(value)") }
        return value
    }

    func bool(_ what: String) throws(DiscourseError) -> Bool {
        let text = try string(what)
        if case .scalar(let scalar) = node, scalar.style != .plain {
            throw error("\(what) must be true or false without quotes (a quoted '\(text)' is text)")
        }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: throw error("\(what) must be true or false, not '\(text)'")
        }
    }

    /// A list of values, or one value as a list of one.
    func strings(_ what: String) throws(DiscourseError) -> [String] {
        if case .sequence(let sequence) = node {
            var values: [String] = []
            for item in sequence { values.append(try StudyNode(node: item, file: file).string("each item of \(what)")) }
            return values
        }
        return [try string(what)]
    }

    /// Whether the value is a list.
    var isList: Bool {
        if case .sequence = node { return true }
        return false
    }

    /// The items of a list.
    func list(_ what: String) throws(DiscourseError) -> [StudyNode] {
        guard case .sequence(let sequence) = node else { throw error("\(what) must be a list") }
        return sequence.map { StudyNode(node: $0, file: file) }
    }
}
