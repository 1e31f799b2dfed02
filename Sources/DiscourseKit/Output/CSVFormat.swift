/// How CSV files are written (SPEC §8): RFC 4180 with LF line ends and no BOM, or with
/// `--excel` a BOM, CRLF line ends and a `'` before text cells a spreadsheet would run as a
/// formula.
public struct CSVFormat: Sendable {
    public var excel: Bool

    public init(excel: Bool = false) { self.excel = excel }

    var lineEnd: [UInt8] { excel ? [13, 10] : [10] }
    var preamble: [UInt8] { excel ? [0xEF, 0xBB, 0xBF] : [] }
}

/// A CSV file under construction, as bytes: fields are appended one by one and rows ended
/// explicitly. Text is escaped as SPEC §8 says; reals are written in the shortest form that
/// reads back to the same double.
public struct CSVBuffer: Sendable {
    /// The bytes, unless rendered into a block of their own (`block`).
    private var storage: [UInt8] = []
    /// Rows rendered through `RowBytes`, whose memory is reused once they are written.
    private var block: ByteBlock?
    /// Data rows ended so far (the header is not counted).
    public private(set) var rows = 0
    public let format: CSVFormat
    private var atRowStart = true
    private var headerDone = false

    public init(format: CSVFormat, header: [String]? = nil, reserve: Int = 0) {
        self.format = format
        storage.reserveCapacity(reserve)
        if let header {
            for name in header { text(name) }
            endHeader()
        }
    }

    /// Rows already rendered (`RowBytes`), to be joined after another buffer's header.
    init(body block: ByteBlock, rows: Int, format: CSVFormat) {
        self.format = format
        self.block = block
        self.rows = rows
        headerDone = true
    }

    /// The bytes written (a copy when they were rendered into a block of their own).
    public var bytes: [UInt8] { block.map { Array($0.bytes) } ?? storage }

    /// Calls `body` with the bytes written, without copying them.
    public func withBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        if let block { return try body(block.bytes) }
        return try storage.withUnsafeBufferPointer { (bytes) throws(E) -> R in try body(bytes) }
    }

    /// A buffer for rows only, to be joined after another buffer's header.
    public static func body(format: CSVFormat, reserve: Int = 0) -> CSVBuffer {
        var buffer = CSVBuffer(format: format, reserve: reserve)
        buffer.headerDone = true
        return buffer
    }

    @inline(__always)
    private mutating func separator() {
        if atRowStart { atRowStart = false } else { storage.append(UInt8(ascii: ",")) }
    }

    /// A text cell.
    public mutating func text(_ value: String) {
        separator()
        var value = value
        value.withUTF8 { Self.appendEscaped($0, to: &storage, excel: format.excel) }
    }

    /// A text cell given as UTF-8 bytes.
    public mutating func text(utf8 value: UnsafeBufferPointer<UInt8>) {
        separator()
        Self.appendEscaped(value, to: &storage, excel: format.excel)
    }

    /// Raw bytes already escaped with `escaped(_:)`.
    public mutating func escaped(_ value: [UInt8]) {
        separator()
        storage.append(contentsOf: value)
    }

    /// An integer cell.
    public mutating func int(_ value: Int) {
        separator()
        Self.appendInteger(value, to: &storage)
    }

    /// A real cell: shortest round-trip form (`5.0`, `0.25`, `1e-05`), never `-0.0`; NaN and
    /// infinities are written empty (a missing value). A magnitude below the smallest normal
    /// double (2.2250738585072014e-308) is written `0.0` (SPEC §8): readr misreads subnormal
    /// numbers by a factor of about 1e16.
    public mutating func real(_ value: Double) {
        separator()
        guard value.isFinite else { return }
        guard abs(value) >= Double.leastNormalMagnitude else {
            storage.append(contentsOf: [0x30, 0x2E, 0x30])
            return
        }
        Self.appendShortest(value, to: &storage)
    }

    /// Appends `value.description`'s text without making a `String`: `Double.write(to:)`
    /// formats into a buffer on the stack and hands its bytes to the stream's `_writeASCII`.
    @inline(__always)
    static func appendShortest(_ value: Double, to bytes: inout [UInt8]) {
        var stream = ByteStream()
        swap(&stream.bytes, &bytes)
        value.write(to: &stream)
        swap(&stream.bytes, &bytes)
    }

    /// A real cell's text, to write many times with `escaped(_:)` (a value that recurs on
    /// many rows, formatted once).
    public static func realText(_ value: Double, format: CSVFormat) -> [UInt8] {
        var buffer = CSVBuffer.body(format: format)
        buffer.real(value)
        return buffer.bytes
    }

    /// An optional real: empty when nil.
    public mutating func real(_ value: Double?) {
        if let value { real(value) } else { missing() }
    }

    /// An empty (missing) cell.
    public mutating func missing() { separator() }

    /// Ends the current row.
    public mutating func endRow() {
        if format.excel { storage.append(13) }
        storage.append(10)
        atRowStart = true
        if headerDone { rows += 1 }
    }

    private mutating func endHeader() {
        storage.append(contentsOf: format.lineEnd)
        atRowStart = true
        headerDone = true
    }

    /// Appends another buffer's rows.
    public mutating func append(_ other: CSVBuffer) {
        precondition(block == nil, "rows rendered into a block are not appended to")
        other.withBytes { storage.append(contentsOf: $0) }
        rows += other.rows
    }

    /// A text cell escaped once, for values written many times (a group label).
    public static func escaped(_ value: String, format: CSVFormat) -> [UInt8] {
        var out: [UInt8] = []
        var value = value
        value.withUTF8 { appendEscaped($0, to: &out, excel: format.excel) }
        return out
    }

    /// Quotes a field that holds a comma, quote, CR or LF or begins or ends with a space,
    /// doubling its quotes; under `excel`, prefixes `'` to a field beginning with `=`, `+`,
    /// `-`, `@`, TAB or CR.
    static func appendEscaped(_ value: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], excel: Bool) {
        let guardFormula = excel && value.first.map { [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains($0) } == true
        var needsQuotes = value.first == 0x20 || value.last == 0x20 || value.first == 0x09 || value.last == 0x09
        if !needsQuotes {
            for byte in value where byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A {
                needsQuotes = true
                break
            }
        }
        if !needsQuotes && !guardFormula {
            out.append(contentsOf: value)
            return
        }
        if needsQuotes { out.append(0x22) }
        if guardFormula { out.append(0x27) }
        for byte in value {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        if needsQuotes { out.append(0x22) }
    }

    @inline(__always)
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendInteger(-value, to: &out)
            return
        }
        if value < 10 {
            out.append(UInt8(48 + value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(48 + rest % 10)
                rest /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }
}

/// Bytes as a text stream: the standard library's number formatting writes ASCII to it
/// directly (`_writeASCII`), without a `String`.
private struct ByteStream: TextOutputStream {
    var bytes: [UInt8] = []
    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
}
