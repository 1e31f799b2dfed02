/// Every form's UTF-8 bytes with whether a field made of it needs more than copying (a comma,
/// quote, CR or LF inside; under `--excel`, a formula character first), so that a table of
/// millions of n-grams is written by copying bytes, without a retain per form or a scan per
/// field.
///
/// Each form has a 16-byte record: up to 14 bytes of its text (most words of English, and
/// Chinese words of up to four characters), its length and its flags; a longer form's record
/// points into a buffer of its own. Finding and copying a form then reads one cache line where
/// a start offset and a separate text read two or three: rows come in count and text order, so
/// each form's second and later words are a likely cache miss.
struct FormBytes: Sendable {
    /// Two words per form: bytes 0-13 the text (zeros after it), byte 14 its length (or
    /// `long`), byte 15 its flags; a long form's first word is its start in `longBytes`
    /// and bytes 8-11 its length.
    private let records: [UInt64]
    /// The bytes of forms longer than `inline`, then `RowBytes.shortCopyPadding` zeros.
    private let longBytes: [UInt8]

    static let inline = 14
    private static let long: UInt64 = 0xFF
    /// A field holding the form (alone or joined with others by spaces) needs escaping.
    private static let special: UInt64 = 1
    /// Under `--excel`, a field that starts with the form gets the formula guard.
    private static let formulaStart: UInt64 = 2

    init(_ forms: [String], format: CSVFormat) {
        var records: [UInt64] = []
        records.reserveCapacity(2 * forms.count)
        var longBytes: [UInt8] = []
        for form in forms {
            let utf8 = Array(form.utf8)
            var flags: UInt64 = 0
            if utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A || $0 == 0x20 || $0 == 0x09 }) {
                flags |= Self.special
            }
            if format.excel, let first = utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first) {
                flags |= Self.formulaStart
            }
            var words: [UInt64] = [0, 0]
            if utf8.count <= Self.inline {
                for (i, byte) in utf8.enumerated() { words[i / 8] |= UInt64(byte) << (8 * UInt64(i % 8)) }
                words[1] |= UInt64(utf8.count) << 48
            } else {
                words[0] = UInt64(longBytes.count)
                words[1] = UInt64(utf8.count) | Self.long << 48
                longBytes += utf8
            }
            words[1] |= flags << 56
            records += words
        }
        longBytes += repeatElement(0, count: RowBytes.shortCopyPadding)
        self.records = records
        self.longBytes = longBytes
    }

    /// Writes the forms at `indices` (in the array this was made from) joined by one space as
    /// the next field of rows written through a raw pointer (`ngrams.csv`), reserving the
    /// field's room itself: copied straight when no form needs escaping (most n-grams), else
    /// escaped through `scratch`.
    @inline(__always)
    func field(_ indices: UnsafeBufferPointer<UInt32>, into out: inout RowBytes, scratch: inout [UInt8]) {
        records.withUnsafeBufferPointer { records in
            longBytes.withUnsafeBufferPointer { longBytes in
                @inline(__always) func length(_ high: UInt64) -> Int {
                    let inline = high >> 48 & 0xFF
                    return Int(truncatingIfNeeded: inline == Self.long ? high & 0xFFFF_FFFF : inline)
                }
                var flags = records[2 * Int(indices[0]) + 1] >> 56 & Self.formulaStart
                var total = indices.count - 1
                for index in indices {
                    let high = records[2 * Int(index) + 1]
                    flags |= high >> 56 & Self.special
                    total += length(high)
                }
                if flags == 0 {
                    out.reserve(total + 16)
                    for (i, index) in indices.enumerated() {
                        if i > 0 { out.byte(0x20) }
                        let low = records[2 * Int(index)], high = records[2 * Int(index) + 1]
                        if high >> 48 & 0xFF == Self.long {
                            out.copyPadded(longBytes.baseAddress! + Int(truncatingIfNeeded: low), count: length(high))
                        } else {
                            out.words(low, high, count: length(high))
                        }
                    }
                    return
                }
                scratch.removeAll(keepingCapacity: true)
                for (i, index) in indices.enumerated() {
                    if i > 0 { scratch.append(0x20) }
                    let low = records[2 * Int(index)], high = records[2 * Int(index) + 1]
                    let count = length(high)
                    if high >> 48 & 0xFF == Self.long {
                        let start = Int(truncatingIfNeeded: low)
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: longBytes[start..<start + count]))
                    } else {
                        for k in 0..<count { scratch.append(UInt8(truncatingIfNeeded: (k < 8 ? low : high) >> (8 * UInt64(k % 8)))) }
                    }
                }
                var escaped: [UInt8] = []
                scratch.withUnsafeBufferPointer { CSVBuffer.appendEscaped($0, to: &escaped, excel: flags & Self.formulaStart != 0) }
                out.reserve(escaped.count)
                out.copy(escaped)
            }
        }
    }
}
