/// Every form's UTF-8 bytes in one buffer, with whether a field made of it needs more than
/// copying (a comma, quote, CR or LF inside; under `--excel`, a formula character first), so
/// that a table of millions of n-grams is written by copying bytes, without a retain per form
/// or a scan per field.
///
/// A form's start and its two flags share one integer, and its end is the next form's start,
/// so that finding a form reads one cache line (rows come in count and text order, so each
/// form looked up is a likely cache miss).
struct FormBytes: Sendable {
    /// The forms' bytes, then `RowBytes.shortCopyPadding` zero bytes, so that a form is
    /// copied a word at a time.
    private let bytes: [UInt8]
    /// Form i's start in `bytes` in the low bits, with `special` and `formulaStart`; entry
    /// `count` is the end of the last form.
    private let starts: [Int]

    /// A field holding the form (alone or joined with others by spaces) needs escaping.
    private static let special = 1 << 62
    /// Under `--excel`, a field that starts with the form gets the formula guard.
    private static let formulaStart = 1 << 61
    private static let offset = (1 << 61) - 1

    init(_ forms: [String], format: CSVFormat) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(forms.count + 1)
        for form in forms {
            var flags = 0
            var first = true
            for byte in form.utf8 {
                if byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A || byte == 0x20 || byte == 0x09 {
                    flags |= Self.special
                }
                if first && format.excel && [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(byte) { flags |= Self.formulaStart }
                first = false
            }
            starts.append(bytes.count | flags)
            bytes += form.utf8
        }
        starts.append(bytes.count)
        bytes += repeatElement(0, count: RowBytes.shortCopyPadding)
        self.bytes = bytes
        self.starts = starts
    }

    /// Writes the forms at `indices` (in the array this was made from) joined by one space as
    /// the next field of rows written through a raw pointer (`ngrams.csv`), reserving the
    /// field's room itself: copied straight when no form needs escaping (most n-grams), else
    /// escaped through `scratch`.
    @inline(__always)
    func field(_ indices: UnsafeBufferPointer<UInt32>, into out: inout RowBytes, scratch: inout [UInt8]) {
        starts.withUnsafeBufferPointer { starts in
            bytes.withUnsafeBufferPointer { all in
                var flags = starts[Int(indices[0])] & Self.formulaStart
                var length = indices.count - 1
                for index in indices {
                    let start = starts[Int(index)]
                    flags |= start & Self.special
                    length += starts[Int(index) + 1] & Self.offset - start & Self.offset
                }
                if flags == 0 {
                    out.reserve(length + RowBytes.shortCopyPadding)
                    for (i, index) in indices.enumerated() {
                        if i > 0 { out.byte(0x20) }
                        let start = starts[Int(index)] & Self.offset
                        out.copyPadded(all.baseAddress! + start, count: starts[Int(index) + 1] & Self.offset - start)
                    }
                    return
                }
                scratch.removeAll(keepingCapacity: true)
                for (i, index) in indices.enumerated() {
                    if i > 0 { scratch.append(0x20) }
                    let start = starts[Int(index)] & Self.offset
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: all[start..<starts[Int(index) + 1] & Self.offset]))
                }
                var escaped: [UInt8] = []
                scratch.withUnsafeBufferPointer { CSVBuffer.appendEscaped($0, to: &escaped, excel: flags & Self.formulaStart != 0) }
                out.reserve(escaped.count)
                out.copy(escaped)
            }
        }
    }
}
