/// A JSON value with object keys kept in the order given, so that `run.json` reads top-down
/// (tool, versions, options, documents, outputs) and is byte-identical across runs.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// An array whose items are made one at a time as it is written, never held together:
    /// the per-document list of a run over 300,000 documents.
    case generated(GeneratedArray)

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// Pretty-printed JSON with two-space indentation and a final newline.
    public func serialized() -> String {
        var out = ""
        write(to: &out, indent: 0) { _ in }
        return out + "\n"
    }

    /// `serialized()` handed over in pieces of about `chunkBytes` as it is made, so that a
    /// large value is written or hashed without being held as one string.
    public func serialize<E: Error>(chunkBytes: Int = 1 << 20, into sink: (String) throws(E) -> Void) throws(E) {
        var out = ""
        var failure: E?
        write(to: &out, indent: 0) { pending in
            guard failure == nil, pending.utf8.count >= chunkBytes else { return }
            do throws(E) { try sink(pending) } catch { failure = error }
            pending.removeAll(keepingCapacity: true)
        }
        if let failure { throw failure }
        try sink(out + "\n")
    }

    private func write(to out: inout String, indent: Int, flush: (inout String) -> Void) {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch self {
        case .string(let value): Self.quote(value, to: &out)
        case .int(let value): out += String(value)
        case .double(let value): out += value.isFinite ? (value == 0 ? "0.0" : value.description) : "null"
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent + 1, flush: flush)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += close + "]"
        case .generated(let items):
            if items.count == 0 { out += "[]"; return }
            out += "[\n"
            for i in 0..<items.count {
                out += pad
                items.item(i).write(to: &out, indent: indent + 1, flush: flush)
                out += i + 1 < items.count ? ",\n" : "\n"
                flush(&out)
            }
            out += close + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += pad
                Self.quote(key, to: &out)
                out += ": "
                value.write(to: &out, indent: indent + 1, flush: flush)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += close + "}"
        }
    }

    private static func quote(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// The items of a `JSONValue.generated` array: how many, and how to make the one at an index.
public struct GeneratedArray: Sendable {
    public let count: Int
    public let item: @Sendable (Int) -> JSONValue

    public init(count: Int, item: @escaping @Sendable (Int) -> JSONValue) {
        self.count = count
        self.item = item
    }
}
