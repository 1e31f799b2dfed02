/// Bytes of table rows written through a raw pointer, for the largest tables (`ngrams.csv`:
/// hundreds of millions of rows): the writer reserves a bound for a row once, then writes
/// its cells with no capacity or uniqueness check per byte or cell, as appending to an array
/// does. Owned by one function: `take()` hands the bytes over as a `ByteBlock` (no copy),
/// after which nothing more is written (the struct is not to be copied). Its memory comes
/// from blocks written before where there are some (`ByteBlock.pool`).
struct RowBytes: TextOutputStream {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        (base, self.capacity) = ByteBlock.pool.take(max(capacity, 1 << 12))
    }

    /// Makes room for `bytes` more.
    @inline(__always)
    mutating func reserve(_ bytes: Int) {
        if count + bytes > capacity { grow(count + bytes) }
    }

    private mutating func grow(_ needed: Int) {
        let larger = max(capacity * 2, needed)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// One byte, within the room reserved.
    @inline(__always)
    mutating func byte(_ value: UInt8) {
        base[count] = value
        count += 1
    }

    /// Bytes, within the room reserved.
    @inline(__always)
    mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Bytes a short copy may read past its source's end and write past its count: its
    /// source must be followed by this many readable bytes, and its room reserved with them.
    static let shortCopyPadding = 8

    /// `count` bytes from `source`, copied 8 at a time (a call to `memmove` per form or label
    /// cost more than the copy): up to `shortCopyPadding` - 1 bytes past the source's end
    /// are read and written past the count, inside the room reserved.
    @inline(__always)
    mutating func copyPadded(_ source: UnsafePointer<UInt8>, count length: Int) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(base + count)
        var i = 0
        while i < length {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
            i += 8
        }
        count += length
    }

    /// The first `count` bytes (at most 16) of two little-endian words; all 16 are written,
    /// inside the room reserved, and the count moves by `count`.
    @inline(__always)
    mutating func words(_ low: UInt64, _ high: UInt64, count length: Int) {
        let to = UnsafeMutableRawPointer(base + count)
        to.storeBytes(of: low.littleEndian, as: UInt64.self)
        to.storeBytes(of: high.littleEndian, toByteOffset: 8, as: UInt64.self)
        count += length
    }

    @inline(__always)
    mutating func copy(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { copy($0) }
    }

    /// A non-negative integer's digits, within the room reserved (20 bytes at most).
    @inline(__always)
    mutating func int(_ value: Int) {
        precondition(value >= 0)
        if value < 10 {
            byte(UInt8(48 + value))
            return
        }
        var digits = 0
        var rest = value
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        rest = value
        for i in stride(from: count + digits - 1, through: count, by: -1) {
            base[i] = UInt8(48 + rest % 10)
            rest /= 10
        }
        count += digits
    }

    /// A real as `CSVBuffer.real` writes it: empty when not finite, `0.0` below the smallest
    /// normal magnitude, else the shortest round-trip text (reserves its own room).
    mutating func real(_ value: Double) {
        guard value.isFinite else { return }
        guard abs(value) >= Double.leastNormalMagnitude else {
            reserve(3)
            byte(0x30)
            byte(0x2E)
            byte(0x30)
            return
        }
        value.write(to: &self)
    }

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { text in
            reserve(text.count)
            copy(text)
        }
    }

    /// What the standard library's number formatting calls with its ASCII bytes.
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        reserve(buffer.count)
        copy(buffer)
    }

    /// The bytes written, handed over without a copy; the writer is not used again.
    mutating func take() -> ByteBlock {
        let block = ByteBlock(base: base, capacity: capacity, count: count)
        capacity = 0
        count = 0
        return block
    }
}
