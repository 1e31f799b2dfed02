@_implementationOnly import CICU

/// An ICU regular expression (ICU syntax, as `--strip` takes it). One per thread.
public final class RegexPattern {
    private let regex: OpaquePointer
    /// The pattern as the user wrote it.
    public let pattern: String

    /// A pattern ICU could not compile, with the UTF-16 offset of the problem when known.
    public struct SyntaxError: Error, Sendable {
        public let pattern: String
        public let offset: Int?
        public let errorName: String
    }

    public init(_ pattern: String) throws(SyntaxError) {
        var status = U_ZERO_ERROR
        var errorOffset: Int32 = -1
        let units = Array(pattern.utf16)
        let pointer = units.withUnsafeBufferPointer {
            cicu_uregex_open($0.baseAddress, Int32($0.count), &errorOffset, &status)
        }
        guard status.rawValue <= 0, let pointer else {
            throw SyntaxError(pattern: pattern, offset: errorOffset >= 0 ? Int(errorOffset) : nil,
                              errorName: String(cString: cicu_errorName(status)))
        }
        regex = pointer
        self.pattern = pattern
    }

    deinit { cicu_uregex_close(regex) }

    /// Every non-overlapping match in `text`, as UTF-16 offset ranges, left to right.
    public func matches(in text: UnsafeBufferPointer<UInt16>) throws(ICUFailure) -> [Range<Int>] {
        var capacity = 64
        while true {
            var pairs = [Int32](repeating: 0, count: capacity * 2)
            var status = U_ZERO_ERROR
            let count = pairs.withUnsafeMutableBufferPointer {
                cicu_uregex_findAll(regex, text.baseAddress, Int32(text.count), $0.baseAddress,
                                    Int32(capacity), &status)
            }
            try check(status, "matching /\(pattern)/")
            if Int(count) > capacity {
                capacity = Int(count)
                continue
            }
            return (0..<Int(count)).map { Int(pairs[2 * $0])..<Int(pairs[2 * $0 + 1]) }
        }
    }
}
