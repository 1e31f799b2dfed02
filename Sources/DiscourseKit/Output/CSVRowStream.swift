/// The rows of a CSV file this tool wrote (RFC 4180; a BOM and CRLF under `--excel`), each as
/// its fields' bytes with quotes undone, so that a caller decodes only the fields it needs.
enum CSVRowStream {
    static func forEach(_ bytes: [UInt8], _ body: ([ArraySlice<UInt8>]) -> Void) {
        forEach(bytes, skippingBOM: true, body)
    }

    /// The rows of the file at `path`, read `chunk` bytes at a time: a chunk's complete rows
    /// (up to its last line end outside quotes) are handed on, the rest carried into the next.
    /// `update` sees every byte read, in order (for a digest).
    ///
    /// - Throws: `DiscourseError` naming the file when it cannot be opened or read.
    static func forEach(path: String, name: String, chunk: Int = 1 << 20, update: ([UInt8]) -> Void,
                        _ body: ([ArraySlice<UInt8>]) -> Void) throws(DiscourseError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw DiscourseError("\(name): cannot read the table (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        var first = true
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, chunk) }
            guard count >= 0 else { throw DiscourseError("\(name): cannot read the table (\(String(cString: strerror(errno))))") }
            if count == 0 { break }
            let bytes = Array(buffer[0..<count])
            update(bytes)
            pending += bytes
            // The end of the last complete row: a line end outside quotes ("" toggles twice).
            var quoted = false
            var end = 0
            for (i, byte) in pending.enumerated() {
                if byte == UInt8(ascii: "\"") { quoted.toggle() } else if byte == 10 && !quoted { end = i + 1 }
            }
            guard end > 0 else { continue }
            forEach(Array(pending[0..<end]), skippingBOM: first, body)
            first = false
            pending.removeFirst(end)
        }
        if !pending.isEmpty { forEach(pending, skippingBOM: first, body) }
    }

    private static func forEach(_ bytes: [UInt8], skippingBOM: Bool, _ body: ([ArraySlice<UInt8>]) -> Void) {
        var i = skippingBOM && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
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
