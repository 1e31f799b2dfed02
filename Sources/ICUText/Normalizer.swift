@_implementationOnly import CICU

/// A Unicode normalization form, as ICU's `UNormalizer2` singletons provide it.
public enum NormalizationForm: Sendable {
    /// Canonical composition: the form every text is put in first.
    case nfc
    /// Compatibility composition (full-width `Ａ` becomes `A`), case kept.
    case nfkc
    /// ICU's `nfkc_cf`: NFKC plus full case folding and removal of default ignorables.
    case nfkcCasefold
}

/// Normalizes UTF-16 buffers. ICU's normalizer instances are immutable and shared, so a
/// `Normalizer` may be used from any thread.
public struct Normalizer: @unchecked Sendable {
    private let instance: OpaquePointer

    /// - Throws: `ICUFailure` when ICU's normalization data cannot be loaded.
    public init(_ form: NormalizationForm) throws(ICUFailure) {
        var status = U_ZERO_ERROR
        let pointer: OpaquePointer?
        switch form {
        case .nfc: pointer = cicu_nfc(&status)
        case .nfkc: pointer = cicu_nfkc(&status)
        case .nfkcCasefold: pointer = cicu_nfkc_cf(&status)
        }
        try check(status, "loading ICU normalization data")
        guard let pointer else { throw ICUFailure("loading ICU normalization data", U_MISSING_RESOURCE_ERROR) }
        instance = pointer
    }

    /// Whether the text is already normalized (ICU's quick check over the whole buffer).
    public func isNormalized(_ text: UnsafeBufferPointer<UInt16>) -> Bool {
        var status = U_ZERO_ERROR
        let span = cicu_spanQuickCheckYes(instance, text.baseAddress, Int32(text.count), &status)
        return status.rawValue <= 0 && Int(span) == text.count
    }

    /// Whether the text starting at `text[0]` always begins a normalization segment, so that
    /// normalizing what comes before and what comes from here separately gives the same
    /// units as normalizing them together (ICU's `unorm2_hasBoundaryBefore`).
    public func hasBoundaryBefore(_ text: UnsafeBufferPointer<UInt16>) -> Bool {
        guard let first = text.first else { return true }
        var scalar = Int32(first)
        if UTF16.isLeadSurrogate(first), text.count > 1, UTF16.isTrailSurrogate(text[1]) {
            scalar = 0x10000 + ((Int32(first) - 0xD800) << 10) + (Int32(text[1]) - 0xDC00)
        }
        return cicu_hasBoundaryBefore(instance, scalar) != 0
    }

    /// Appends the normalized form of `text` to `output`.
    ///
    /// - Complexity: O(n), one ICU call (two when the first guess of the output size is short).
    public func normalize(_ text: UnsafeBufferPointer<UInt16>, appendingTo output: inout [UInt16]) {
        if text.isEmpty { return }
        let start = output.count
        var capacity = text.count + text.count / 2 + 8
        while true {
            var status = U_ZERO_ERROR
            var written: Int32 = 0
            output.append(contentsOf: repeatElement(0, count: capacity))
            output.withUnsafeMutableBufferPointer { out in
                written = cicu_normalize(instance, text.baseAddress, Int32(text.count),
                                         out.baseAddress! + start, Int32(capacity), &status)
            }
            if status == U_BUFFER_OVERFLOW_ERROR {
                output.removeLast(capacity)
                capacity = Int(written)
                continue
            }
            output.removeLast(capacity - max(0, Int(written)))
            return
        }
    }

    /// The normalized form of `text`, in an array of its exact size.
    public func normalize(_ text: UnsafeBufferPointer<UInt16>) -> [UInt16] {
        var output: [UInt16] = []
        normalize(text, appendingTo: &output)
        return output.capacity > output.count + output.count / 8 + 16 ? Array(output[...]) : output
    }

    /// The normalized form of `text`, as a String (for term lines and other short inputs).
    public func normalize(_ text: String) -> String {
        let units = Array(text.utf16)
        let result = units.withUnsafeBufferPointer { normalize($0) }
        return String(decoding: result, as: UTF16.self)
    }
}
