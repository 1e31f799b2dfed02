import COpenSSL

/// SHA-256 digests for run manifests, from the system's libcrypto (OpenSSL's EVP API).
final class SHA256Digest {
    private let context: OpaquePointer

    init() {
        guard let context = copenssl_sha256_new() else { fatalError("libcrypto could not make a SHA-256 context") }
        self.context = context
    }

    deinit { copenssl_sha256_free(context) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        guard copenssl_sha256_update(context, bytes.baseAddress, bytes.count) == 1 else {
            fatalError("libcrypto failed to hash \(bytes.count) bytes")
        }
    }

    func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest's 32 bytes; call once, at the end.
    func finish() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        guard digest.withUnsafeMutableBufferPointer({ copenssl_sha256_final(context, $0.baseAddress) }) == 1 else {
            fatalError("libcrypto failed to finish a SHA-256 digest")
        }
        return digest
    }

    /// The digest as 64 lowercase hex digits; call once, at the end.
    func hexDigest() -> String { SHA256Hex.hex(finish()) }
}

/// Hex SHA-256 digests of whole buffers.
enum SHA256Hex {
    static func of(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { of($0) }
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> String {
        let digest = SHA256Digest()
        digest.update(bytes)
        return digest.hexDigest()
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A SHA-256 digest held as its 32 bytes (a tenth of its hex `String`, for the hundreds of
/// thousands of documents a corpus can have), written as 64 lowercase hex digits.
public struct SHA256Sum: Sendable, Hashable, Comparable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// The digest of `bytes`.
    public init(of bytes: UnsafeRawBufferPointer) {
        let digest = SHA256Digest()
        digest.update(bytes)
        self.init(digest.finish())
    }

    public init(of bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { SHA256Sum(of: $0) }
    }

    /// 32 bytes, in order.
    init(_ bytes: [UInt8]) {
        precondition(bytes.count == 32)
        func word(_ k: Int) -> UInt64 { bytes[8 * k ..< 8 * k + 8].reduce(0) { $0 << 8 | UInt64($1) } }
        words = (word(0), word(1), word(2), word(3))
    }

    /// Parses 64 hex digits (either case); nil for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for k in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.nibble(digits[k]), let low = Self.nibble(digits[k + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.init(bytes)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The 32 bytes, in order.
    public var bytes: [UInt8] {
        [words.0, words.1, words.2, words.3].flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * $0)) } }
    }

    /// 64 lowercase hex digits, as `sha256sum` prints them.
    public var hex: String { SHA256Hex.hex(bytes) }

    public static func == (a: SHA256Sum, b: SHA256Sum) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    /// Byte order.
    public static func < (a: SHA256Sum, b: SHA256Sum) -> Bool {
        (a.words.0, a.words.1, a.words.2, a.words.3) < (b.words.0, b.words.1, b.words.2, b.words.3)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
