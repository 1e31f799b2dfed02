
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
        /// SHA-256 of the cleaned text, to find identical documents.
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
        case .file(let file):
            // The bytes live only while they are hashed and decoded.
            guard let bytes = FileSystem.readBytes(file) else {
                throw DiscourseError("\(file): cannot read the text of document '\(document.id)': the file is not readable (\(String(cString: strerror(errno))))")
            }
            (sha256, byteCount) = (SHA256Sum(of: bytes), bytes.count)
            (text, replacements) = try decoder.decode(bytes, source: document.source)
        }
        let wasEmpty = text.isEmpty
        let removed = try cleaner.clean(&text)
        let digest = text.withUnsafeBytes { SHA256Sum(of: $0) }
        return Reading(text: text, sha256: sha256, byteCount: byteCount, replacements: replacements, removed: removed,
                       textDigest: digest, isEmptyText: text.isEmpty, emptiedByStrip: !wasEmpty && text.isEmpty)
    }
}
