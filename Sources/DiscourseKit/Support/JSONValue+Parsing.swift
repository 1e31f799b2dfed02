extension JSONValue {
    /// Parses JSON text (RFC 8259), keeping object keys in file order, so that a `run.json`
    /// read back renders the same as the value it was written from. Integers that fit an
    /// `Int` stay integers; other numbers are doubles.
    ///
    /// - Parameter numbersAsText: keep numbers as the text they are written as (`1.50`, a
    ///   23-digit id), as strings: for metadata, where a number is a label.
    /// - Throws: `DiscourseError` naming the byte offset of the first problem.
    /// - Parameter members: when given, of an object at the top only these members are
    ///   kept; the others are checked but not built (the document list of a large run.json).
    public init(parsing bytes: [UInt8], source: String, numbersAsText: Bool = false, members: Set<String>? = nil) throws(DiscourseError) {
        var parser = JSONParser(bytes: bytes, source: source)
        parser.numbersAsText = numbersAsText
        parser.keptMembers = members
        self = try parser.value()
        parser.skipSpace()
        guard parser.position == bytes.count else { throw parser.failure("text after the JSON value") }
    }

    /// The member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        switch self {
        case .array(let items): return items
        case .generated(let items): return (0..<items.count).map(items.item)
        default: return nil
        }
    }

    public var objectValue: [(String, JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

private struct JSONParser {
    let bytes: [UInt8]
    let source: String
    var position = 0
    var numbersAsText = false
    /// The members of the top-level object to build; nil builds all.
    var keptMembers: Set<String>?
    /// Arrays and objects open around the current value: deeper than `maxDepth` is an error,
    /// not a stack overflow (the fuzzer found one at about 4,000 levels).
    var depth = 0
    static let maxDepth = 256

    init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    func failure(_ problem: String) -> DiscourseError {
        DiscourseError("\(source): byte \(position): not valid JSON: \(problem)")
    }

    mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    mutating func value() throws(DiscourseError) -> JSONValue {
        skipSpace()
        guard position < bytes.count else { throw failure("the text ends where a value should be") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    mutating func literal(_ word: String) throws(DiscourseError) {
        let expected = Array(word.utf8)
        guard bytes.count - position >= expected.count, Array(bytes[position..<position + expected.count]) == expected else {
            throw failure("expected \(word)")
        }
        position += expected.count
    }

    mutating func object() throws(DiscourseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var members: [(String, JSONValue)] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try string()
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            position += 1
            if depth == 1, let keptMembers, !keptMembers.contains(key) {
                try skipValue()
            } else {
                members.append((key, try value()))
            }
            skipSpace()
            guard position < bytes.count else { throw failure("an object is not closed") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            guard bytes[position] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
            position += 1
            return .object(members)
        }
    }

    mutating func array() throws(DiscourseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var items: [JSONValue] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            items.append(try value())
            skipSpace()
            guard position < bytes.count else { throw failure("an array is not closed") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            guard bytes[position] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
            position += 1
            return .array(items)
        }
    }

    /// Checks a value without building it.
    mutating func skipValue() throws(DiscourseError) {
        skipSpace()
        guard position < bytes.count else { throw failure("the text ends where a value should be") }
        let close: UInt8
        switch bytes[position] {
        case UInt8(ascii: "{"): close = UInt8(ascii: "}")
        case UInt8(ascii: "["): close = UInt8(ascii: "]")
        default:
            _ = try value()
            return
        }
        try enter()
        defer { depth -= 1 }
        position += 1
        skipSpace()
        if position < bytes.count, bytes[position] == close {
            position += 1
            return
        }
        while true {
            skipSpace()
            if close == UInt8(ascii: "}") {
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                _ = try string()
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
                position += 1
            }
            try skipValue()
            skipSpace()
            guard position < bytes.count else { throw failure(close == UInt8(ascii: "}") ? "an object is not closed" : "an array is not closed") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            guard bytes[position] == close else { throw failure(close == UInt8(ascii: "}") ? "expected ',' or '}'" : "expected ',' or ']'") }
            position += 1
            return
        }
    }

    mutating func enter() throws(DiscourseError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw failure("arrays and objects nested more than \(Self.maxDepth) levels deep") }
    }

    mutating func string() throws(DiscourseError) -> String {
        position += 1
        var out: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                            throw failure("a lone surrogate escape")
                        }
                        position += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw failure("a lone surrogate escape")
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                default: throw failure("an unknown escape")
                }
            default:
                guard byte >= 0x20 else { throw failure("a control character in a string") }
                out.append(byte)
            }
        }
        throw failure("a string is not closed")
    }

    mutating func hex4() throws(DiscourseError) -> UInt32 {
        guard bytes.count - position >= 4 else { throw failure("a short \\u escape") }
        var value: UInt32 = 0
        for byte in bytes[position..<position + 4] {
            guard let digit = Int(String(UnicodeScalar(byte)), radix: 16) else { throw failure("a bad \\u escape") }
            value = value * 16 + UInt32(digit)
        }
        position += 4
        return value
    }

    mutating func number() throws(DiscourseError) -> JSONValue {
        let start = position
        while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if numbersAsText, !text.isEmpty, Double(text) != nil { return .string(text) }
        if let int = Int(text) { return .int(int) }
        guard !text.isEmpty, let double = Double(text) else {
            position = start
            throw failure("expected a value")
        }
        return .double(double)
    }
}
