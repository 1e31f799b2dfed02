@_implementationOnly import CICU

/// Decodes bytes in a legacy or Unicode encoding to UTF-16 with an ICU converter.
public final class Converter {
    private let converter: OpaquePointer
    /// ICU's canonical name for the encoding (for `gb18030`: `GB18030`).
    public let name: String

    /// Where decoding met bytes that are not valid in the encoding.
    public struct InvalidBytes: Error, Sendable {
        /// Byte offset of the first bad byte.
        public let offset: Int
        /// The bad bytes, as ICU reports them.
        public let bytes: [UInt8]
    }

    /// - Throws: `ICUFailure` (U_FILE_ACCESS_ERROR) when ICU knows no converter by that name.
    public init(encoding: String) throws(ICUFailure) {
        var status = U_ZERO_ERROR
        let pointer = cicu_ucnv_open_strict(encoding, &status)
        try check(status, "opening an ICU converter for '\(encoding)'")
        converter = pointer!
        var nameStatus = U_ZERO_ERROR
        let canonical = cicu_ucnv_getName(pointer, &nameStatus)
        name = canonical.map { String(cString: $0) } ?? encoding
    }

    deinit { cicu_ucnv_close(converter) }

    /// Decodes `bytes`. With `replacing`, each invalid sequence becomes U+FFFD and is counted;
    /// without, the first one throws `InvalidBytes`.
    public func decode(_ bytes: UnsafeRawBufferPointer, replacing: Bool)
        throws(InvalidBytes) -> (text: [UInt16], replacements: Int)
    {
        // No encoding gives more UTF-16 units than bytes but for a replacement per bad byte at
        // most, so this is room enough (it grows if not) without holding twice the text.
        var output = [UInt16](repeating: 0, count: bytes.count + 16)
        var sourceOffset: Int32 = 0
        var targetLength: Int32 = 0
        var replacements = 0
        let source = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        while true {
            var status = U_ZERO_ERROR
            var badLength: Int32 = 0
            let capacity = Int32(output.count)
            output.withUnsafeMutableBufferPointer { out in
                cicu_ucnv_toUnicode(converter, source, Int32(bytes.count), &sourceOffset,
                                    out.baseAddress, capacity, &targetLength, &badLength, &status)
            }
            if status == U_BUFFER_OVERFLOW_ERROR {
                output.append(contentsOf: repeatElement(0, count: output.count))
                continue
            }
            if status == U_INVALID_CHAR_FOUND || status == U_ILLEGAL_CHAR_FOUND
                || status == U_TRUNCATED_CHAR_FOUND
            {
                let start = Int(sourceOffset) - Int(badLength)
                guard replacing else {
                    let bad = (start..<Int(sourceOffset)).map { bytes[$0] }
                    throw InvalidBytes(offset: start, bytes: bad)
                }
                replacements += 1
                if Int(targetLength) >= output.count { output.append(0) }
                output[Int(targetLength)] = 0xFFFD
                targetLength += 1
                if Int(sourceOffset) >= bytes.count { break }
                continue
            }
            break
        }
        // An exact-size copy only when much of the buffer is unused (text of 2–4 bytes per
        // character); otherwise the spare room is dropped in place.
        let length = Int(targetLength)
        if output.count - length > length / 8 + 16 { return (Array(output[0..<length]), replacements) }
        output.removeLast(output.count - length)
        return (output, replacements)
    }

    /// ICU's best guess of the encoding of `bytes` and its confidence (0–100), or nil.
    /// Offered to users as a suggestion, never applied silently.
    public static func detectEncoding(_ bytes: UnsafeRawBufferPointer) -> (name: String, confidence: Int)? {
        var name = [CChar](repeating: 0, count: 64)
        var status = U_ZERO_ERROR
        let confidence = cicu_detect(bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
                                     Int32(bytes.count), &name, 64, &status)
        guard status.rawValue <= 0, confidence >= 0 else { return nil }
        let decoded = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (decoded, Int(confidence))
    }
}
