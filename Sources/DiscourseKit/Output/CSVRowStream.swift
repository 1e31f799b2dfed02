/// The rows of a CSV file this tool wrote (RFC 4180; a BOM and CRLF under `--excel`), each as
/// its fields' bytes with quotes undone, so that a caller decodes only the fields it needs.
enum CSVRowStream {
    static func forEach(_ bytes: [UInt8], _ body: ([ArraySlice<UInt8>]) -> Void) {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var fields: [ArraySlice<UInt8>] = []
        var unquoted: [UInt8] = []
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\"") {
                // A quoted field: "" inside stands for one quote.
                unquoted.removeAll(keepingCapacity: true)
                i += 1
                while i < bytes.count {
                    if bytes[i] == UInt8(ascii: "\"") {
                        if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                            unquoted.append(UInt8(ascii: "\""))
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    unquoted.append(bytes[i])
                    i += 1
                }
                fields.append(ArraySlice(unquoted))
            } else {
                let start = i
                while i < bytes.count && bytes[i] != UInt8(ascii: ",") && bytes[i] != 10 && bytes[i] != 13 { i += 1 }
                fields.append(bytes[start..<i])
            }
            if i < bytes.count && bytes[i] == UInt8(ascii: ",") {
                i += 1
                // A comma that ends the line leaves an empty last field.
                if i == bytes.count { fields.append([]) } else { continue }
            }
            // The end of a row: CRLF or LF (or the end of the bytes).
            if i < bytes.count && bytes[i] == 13 { i += 1 }
            if i < bytes.count && bytes[i] == 10 { i += 1 }
            body(fields)
            fields.removeAll(keepingCapacity: true)
        }
    }

    /// A text cell without the `--excel` formula guard (`'=x` → `=x`); nil when it has none.
    static func unguarded(_ text: String) -> String? {
        guard text.hasPrefix("'"), let next = text.dropFirst().first, "=+-@\t\r".contains(next) else { return nil }
        return String(text.dropFirst())
    }
}
