import ICUText

/// Decodes a document's bytes to UTF-16 (SPEC §1): UTF-8 by default (a leading BOM is
/// dropped), UTF-16 when the bytes start with a BOM, or any encoding ICU's converters know
/// when it is named.
public struct TextDecoder: Sendable {
    /// The declared encoding (`--encoding`), or nil for UTF-8 / BOM detection.
    public var encoding: String?
    /// Replace invalid bytes with U+FFFD instead of stopping (`--replace-invalid`).
    public var replaceInvalid: Bool

    public init(encoding: String? = nil, replaceInvalid: Bool = false) {
        self.encoding = encoding
        self.replaceInvalid = replaceInvalid
    }

    /// Checks that ICU knows the declared encoding, before any file is read.
    public func validate() throws(DiscourseError) {
        guard let encoding else { return }
        do { _ = try Converter(encoding: encoding) } catch {
            throw DiscourseError("--encoding '\(encoding)': ICU knows no such encoding (try utf-8, utf-16, gb18030, big5, shift_jis, windows-1252; `uconv -l` lists them all)")
        }
    }

    /// UTF-16 without a BOM, guessed from 0x00 bytes (at least a quarter of them; text in
    /// UTF-8 has none): `utf-16le` when they are mostly at odd offsets, else `utf-16be`.
    static func utf16WithoutBOM(_ bytes: [UInt8]) -> (name: String, share: Int)? {
        guard bytes.count >= 2 else { return nil }
        // Most texts have no 0x00 at all: memchr finds that at memory speed.
        guard bytes.withUnsafeBytes({ memchr($0.baseAddress!, 0, $0.count) }) != nil else { return nil }
        var even = 0
        var odd = 0
        for (i, byte) in bytes.enumerated() where byte == 0 {
            if i % 2 == 0 { even += 1 } else { odd += 1 }
        }
        let share = 100 * (even + odd) / bytes.count
        guard share >= 25 else { return nil }
        return (odd >= even ? "utf-16le" : "utf-16be", share)
    }

    /// Whether `bytes` are decoded as UTF-8 with nothing dropped (no byte order mark), so
    /// that a text decoded from them without replacements is, in UTF-8, those very bytes.
    func isPlainUTF8(_ bytes: [UInt8]) -> Bool {
        if let encoding {
            guard Self.isUTF8(encoding) else { return false }
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return false
        }
        return !bytes.starts(with: [0xEF, 0xBB, 0xBF])
    }

    private static func isUTF8(_ name: String) -> Bool {
        name.lowercased().filter { $0 != "-" && $0 != "_" } == "utf8"
    }

    /// Decodes `bytes`, read from `source` (named in messages).
    ///
    /// - Returns: the UTF-16 text and how many invalid sequences were replaced.
    /// - Throws: `DiscourseError` naming the source and byte offset of the first invalid
    ///   sequence (unless `replaceInvalid`), or an unknown encoding.
    public func decode(_ bytes: [UInt8], source: String) throws(DiscourseError) -> (text: [UInt16], replacements: Int) {
        var name = encoding ?? "UTF-8"
        var skip = 0
        if encoding == nil {
            if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
                name = "UTF-16"
            } else if let guess = Self.utf16WithoutBOM(bytes) {
                throw DiscourseError("\(source): \(guess.share)% of its bytes are 0x00: this looks like UTF-16 without a byte order mark, not UTF-8; name the encoding with --encoding \(guess.name)")
            }
        }
        let isUTF8 = Self.isUTF8(name)
        if isUTF8, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { skip = 3 }
        let converter: Converter
        do { converter = try Converter(encoding: name) } catch {
            throw DiscourseError("--encoding '\(name)': ICU knows no such encoding")
        }
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(Converter.InvalidBytes) in
                try converter.decode(UnsafeRawBufferPointer(rebasing: raw[skip...]), replacing: replaceInvalid)
            }
        }
        switch result {
        case .success(let decoded):
            return decoded
        case .failure(let error):
            let offset = error.offset + skip
            let shown = error.bytes.map { byte in
                let digits = String(byte, radix: 16, uppercase: true)
                return "0x" + (digits.count < 2 ? "0" : "") + digits
            }.joined(separator: " ")
            var message = "\(source): byte offset \(offset): \(shown.isEmpty ? "bytes" : shown) not valid in \(converter.name)"
            if let guess = bytes.withUnsafeBytes({ Converter.detectEncoding($0) }),
               guess.name.lowercased() != converter.name.lowercased() {
                message += " (ICU's charset detection suggests \(guess.name), confidence \(guess.confidence)%)"
            }
            message += "; name the file's encoding with --encoding NAME, or pass --replace-invalid to replace bad bytes with U+FFFD"
            throw DiscourseError(message)
        }
    }
}
