
/// Reads one document's text: reads the file, decodes it (`TextDecoder`), deletes the
/// `--strip` matches (`TextCleaner`), and hashes the raw bytes and the cleaned text.
public struct CorpusReader: Sendable {
    public var decoder: TextDecoder
    public var cleaner: TextCleaner

    public init(decoder: TextDecoder = TextDecoder(), cleaner: TextCleaner = .none) {
        self.decoder = decoder
        self.cleaner = cleaner
    }

    /// A document's text and what reading it found.
    public struct Reading: Sendable {
        /// The decoded, cleaned text (UTF-16).
        public var text: [UInt16]
        /// SHA-256 of the raw bytes, and their number.
        public var sha256: SHA256Sum
        public var byteCount: Int
        /// Invalid byte sequences replaced by U+FFFD (`--replace-invalid`).
        public var replacements: Int
        /// Code points each `--strip` pattern removed.
        public var removed: [Int]
        /// SHA-256 of the cleaned text in UTF-8 (a lone surrogate as its three-byte form), to
        /// find identical documents: the file's own digest when the file is that text.
        public var textDigest: SHA256Sum
        /// Whether the cleaned text is empty.
        public var isEmptyText = false
        /// Whether `--strip` removed all of a text that was not empty.
        public var emptiedByStrip = false
    }

    /// Reads `document`; `recorded` is what an earlier reading of it found (its raw bytes'
    /// digest and size), for a text already decoded into memory.
    ///
    /// - Throws: `DiscourseError` naming the file and byte offset of invalid bytes, or a file
    ///   that cannot be read.
    public func read(_ document: Document, recorded: (digest: SHA256Sum, bytes: Int)? = nil) throws(DiscourseError) -> Reading {
        var text: [UInt16]
        var replacements = 0
        let sha256: SHA256Sum
        let byteCount: Int
        var fileIsText = false
        switch document.content {
        case .decoded(let decoded):
            text = decoded
            if let recorded {
                (sha256, byteCount) = recorded
            } else {
                let bytes = Array(String(decoding: decoded, as: UTF16.self).utf8)
                (sha256, byteCount) = (SHA256Sum(of: bytes), bytes.count)
            }
        case .string(let string):
            let bytes = Array(string.utf8)
            (sha256, byteCount) = (SHA256Sum(of: bytes), bytes.count)
            text = Array(string.utf16)
            fileIsText = true
        case .file(let file):
            // The bytes live only while they are hashed and decoded.
            guard let bytes = FileSystem.readBytes(file) else {
                throw DiscourseError("\(file): cannot read the text of document '\(document.id)': the file is not readable (\(String(cString: strerror(errno))))")
            }
            (sha256, byteCount) = (SHA256Sum(of: bytes), bytes.count)
            (text, replacements) = try decoder.decode(bytes, source: document.source)
            fileIsText = replacements == 0 && decoder.isPlainUTF8(bytes)
        }
        let wasEmpty = text.isEmpty
        let removed = try cleaner.clean(&text)
        // The text in UTF-8 is the file itself when the file was UTF-8 without a BOM and
        // nothing was replaced or removed: its digest is already known.
        let digest = fileIsText && removed.allSatisfy({ $0 == 0 }) ? sha256 : Self.utf8Digest(text)
        return Reading(text: text, sha256: sha256, byteCount: byteCount, replacements: replacements, removed: removed,
                       textDigest: digest, isEmptyText: text.isEmpty, emptiedByStrip: !wasEmpty && text.isEmpty)
    }
}

extension CorpusReader {
    /// SHA-256 of `text` in UTF-8, encoded a chunk at a time; a lone surrogate is written
    /// as its three-byte form (generalized UTF-8), so that different texts never share a
    /// digest.
    static func utf8Digest(_ text: [UInt16]) -> SHA256Sum {
        let digest = SHA256Digest()
        let capacity = 1 << 16
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { chunk.deallocate() }
        var used = 0
        text.withUnsafeBufferPointer { units in
            var i = 0
            while i < units.count {
                if used > capacity - 4 {
                    digest.update(UnsafeRawBufferPointer(start: chunk, count: used))
                    used = 0
                }
                var scalar = UInt32(units[i])
                i += 1
                if scalar < 0x80 {
                    chunk[used] = UInt8(truncatingIfNeeded: scalar)
                    used += 1
                    continue
                }
                if scalar & 0xFC00 == 0xD800, i < units.count, units[i] & 0xFC00 == 0xDC00 {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                    i += 1
                }
                if scalar < 0x800 {
                    chunk[used] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
                    chunk[used + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
                    used += 2
                } else if scalar < 0x10000 {
                    chunk[used] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
                    chunk[used + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
                    chunk[used + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
                    used += 3
                } else {
                    chunk[used] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
                    chunk[used + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
                    chunk[used + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
                    chunk[used + 3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
                    used += 4
                }
            }
        }
        digest.update(UnsafeRawBufferPointer(start: chunk, count: used))
        return SHA256Sum(digest.finish())
    }
}
