@_implementationOnly import CICU

/// An ICU transliterator such as `Traditional-Simplified`. One per thread.
public final class Transliterator {
    /// ICU's `UTransliterator *` (a `void *` typedef), kept untyped so no ICU type shows.
    private let handle: UnsafeMutableRawPointer
    /// The transform's ICU ID.
    public let id: String

    /// - Throws: `ICUFailure` when ICU does not know the ID.
    public init(id: String) throws(ICUFailure) {
        var status = U_ZERO_ERROR
        let units = Array(id.utf16)
        let pointer = units.withUnsafeBufferPointer {
            cicu_utrans_open($0.baseAddress, Int32($0.count), &status)
        }
        try check(status, "opening the ICU transliterator '\(id)'")
        handle = UnsafeMutableRawPointer(pointer!)
        self.id = id
    }

    private var transliterator: UnsafeMutablePointer<UTransliterator?> {
        handle.assumingMemoryBound(to: UTransliterator?.self)
    }

    deinit { cicu_utrans_close(transliterator) }

    /// Transliterates a whole buffer.
    public func transliterate(_ text: [UInt16]) throws(ICUFailure) -> [UInt16] {
        if text.isEmpty { return text }
        var capacity = text.count * 2 + 16
        while true {
            var buffer = text
            buffer.append(contentsOf: repeatElement(0, count: capacity - text.count))
            var length = Int32(text.count)
            var status = U_ZERO_ERROR
            buffer.withUnsafeMutableBufferPointer {
                cicu_utrans_transUChars(transliterator, $0.baseAddress, &length, Int32(capacity), &status)
            }
            if status == U_BUFFER_OVERFLOW_ERROR {
                capacity = Int(length) + 16
                continue
            }
            try check(status, "transliterating with '\(id)'")
            return Array(buffer[0..<Int(length)])
        }
    }
}
