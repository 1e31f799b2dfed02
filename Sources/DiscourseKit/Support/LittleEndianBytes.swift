/// Little-endian integers appended to a byte array, for the binary files the tool writes
/// (partial counts, the candidates of `terms suggest` within a budget).
struct LittleEndianWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u32s(_ values: [UInt32]) {
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in values { u32(value) }
        #endif
    }
}

/// Reads little-endian integers from a byte buffer, checking every read against its end, so
/// that a truncated or damaged file gives a message naming the file and byte offset.
struct LittleEndianReader {
    let bytes: [UInt8]
    /// The file, for messages, and the file offset of `bytes[0]`.
    let source: String
    let base: Int
    /// What the file is, for messages.
    let kind: String
    private(set) var position = 0

    init(_ bytes: [UInt8], source: String, base: Int = 0, kind: String = "partial-count file") {
        self.bytes = bytes
        self.source = source
        self.base = base
        self.kind = kind
    }

    var remaining: Int { bytes.count - position }

    private mutating func take(_ count: Int, _ what: String) throws(DiscourseError) -> Int {
        guard count >= 0, count <= remaining else {
            throw DiscourseError("\(source): damaged \(kind): \(what) at byte \(base + position) runs past the end of its section")
        }
        defer { position += count }
        return position
    }

    mutating func u8(_ what: String) throws(DiscourseError) -> UInt8 {
        bytes[try take(1, what)]
    }

    mutating func u32(_ what: String) throws(DiscourseError) -> UInt32 {
        let at = try take(4, what)
        return bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    }

    mutating func u64(_ what: String) throws(DiscourseError) -> UInt64 {
        let at = try take(8, what)
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
    }

    /// A count read as u64 that must fit in what is left at `width` bytes per item.
    mutating func count(_ what: String, width: Int) throws(DiscourseError) -> Int {
        let value = try u64(what)
        guard value <= UInt64(remaining / max(1, width)) else {
            throw DiscourseError("\(source): damaged \(kind): \(what) \(value) at byte \(base + position - 8) is more than the section holds")
        }
        return Int(value)
    }

    mutating func u32s(_ count: Int, _ what: String) throws(DiscourseError) -> [UInt32] {
        let at = try take(count * 4, what)
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 4 * $0, as: UInt32.self)) }
        }
    }

    mutating func raw(_ count: Int, _ what: String) throws(DiscourseError) -> ArraySlice<UInt8> {
        let at = try take(count, what)
        return bytes[at..<at + count]
    }
}
