/// Small helpers over UTF-16 code unit buffers.
enum UTF16Text {
    /// Code points in a run of UTF-16 code units (a surrogate pair is one).
    @inline(__always)
    static func codePointCount<C: Collection>(_ units: C) -> Int where C.Element == UInt16 {
        var count = 0
        for unit in units where unit & 0xFC00 != 0xDC00 { count += 1 }
        return count
    }

    /// Whether a code unit is a White_Space character of the BMP (all of them are).
    @inline(__always)
    static func isWhitespace(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
             0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func string(_ units: ArraySlice<UInt16>) -> String {
        String(decoding: units, as: UTF16.self)
    }
}
