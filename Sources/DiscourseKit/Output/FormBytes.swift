/// Every form's UTF-8 bytes in one buffer, with whether a field made of it needs more than
/// copying (a comma, quote, CR or LF inside; under `--excel`, a formula character first), so
/// that a table of millions of n-grams is written by copying bytes, without a retain per form
/// or a scan per field.
struct FormBytes: Sendable {
    private let bytes: [UInt8]
    private let starts: [Int]
    /// Per form: a field holding it (alone or joined with others by spaces) needs escaping.
    private let special: [Bool]
    /// Per form: under `--excel`, a field that starts with it gets the formula guard.
    private let formulaStart: [Bool]

    init(_ forms: [String], format: CSVFormat) {
        var bytes: [UInt8] = []
        var starts = [0]
        var special: [Bool] = []
        var formulaStart: [Bool] = []
        for form in forms {
            let utf8 = Array(form.utf8)
            bytes += utf8
            starts.append(bytes.count)
            special.append(utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A || $0 == 0x20 || $0 == 0x09 })
            formulaStart.append(format.excel && utf8.first.map { [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains($0) } == true)
        }
        self.bytes = bytes
        self.starts = starts
        self.special = special
        self.formulaStart = formulaStart
    }

    /// Writes the forms joined by one space as the next field of rows written through a raw
    /// pointer (`ngrams.csv`), reserving the field's room itself: copied straight when no form
    /// needs escaping (most n-grams), else escaped through `scratch`.
    @inline(__always)
    func field(_ ids: UnsafeBufferPointer<UInt32>, into out: inout RowBytes, scratch: inout [UInt8]) {
        var plain = !formulaStart[Int(ids[0])]
        var length = ids.count - 1
        for id in ids {
            if special[Int(id)] { plain = false }
            length += starts[Int(id) + 1] - starts[Int(id)]
        }
        bytes.withUnsafeBufferPointer { all in
            if plain {
                out.reserve(length)
                for (i, id) in ids.enumerated() {
                    if i > 0 { out.byte(0x20) }
                    let form = Int(id)
                    out.copy(UnsafeBufferPointer(rebasing: all[starts[form]..<starts[form + 1]]))
                }
                return
            }
            scratch.removeAll(keepingCapacity: true)
            for (i, id) in ids.enumerated() {
                if i > 0 { scratch.append(0x20) }
                let form = Int(id)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: all[starts[form]..<starts[form + 1]]))
            }
            var escaped: [UInt8] = []
            scratch.withUnsafeBufferPointer { CSVBuffer.appendEscaped($0, to: &escaped, excel: formulaStart[Int(ids[0])]) }
            out.reserve(escaped.count)
            out.copy(escaped)
        }
    }
}
