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

    /// The digest as 64 lowercase hex digits; call once, at the end.
    func hexDigest() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        guard digest.withUnsafeMutableBufferPointer({ copenssl_sha256_final(context, $0.baseAddress) }) == 1 else {
            fatalError("libcrypto failed to finish a SHA-256 digest")
        }
        return SHA256Hex.hex(digest)
    }
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
