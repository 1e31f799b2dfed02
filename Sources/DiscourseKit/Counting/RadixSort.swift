/// Least-significant-digit radix sort of 128-bit keys, for the n-gram rows' order keys
/// (`NgramRowOrder`): a byte of the key per pass, stable, only over the bytes that can
/// differ, and no pass where all keys share the byte. Rows' keys vary in a few bytes (the
/// forms' ranks, the low bytes of the count), so a group's rows take a handful of linear
/// passes where a comparison sort takes about log2(rows) merging passes.
///
/// The counts of every byte are taken in one read of the keys, and each byte is read as a
/// byte (not shifted out of the 128-bit key): with the checks of overflow left out, this
/// sorts a year's trigrams in about two thirds of the time a pass-by-pass count took.
enum RadixSort {
    /// Sorts `keys` ascending by the bytes of `significant` (byte 0 the least significant,
    /// the bytes from the least to the most significant); keys equal in those bytes keep
    /// their order. Other bytes must not matter to the order.
    static func sort(_ keys: inout [UInt128], significant: [Int]) {
        let count = keys.count
        guard count > 1, !significant.isEmpty else { return }
        precondition(significant.allSatisfy { (0..<16).contains($0) })
        let digits = significant.count
        // counts[d * 256 + v]: keys whose byte significant[d] is v.
        var counts = [Int](repeating: 0, count: 256 * digits)
        keys.withUnsafeBytes { raw in
            counts.withUnsafeMutableBufferPointer { counts in
                significant.withUnsafeBufferPointer { significant in
                    var offset = 0
                    for _ in 0..<count {
                        for d in 0..<digits { counts[d &* 256 &+ Int(raw[offset &+ significant[d]])] &+= 1 }
                        offset &+= MemoryLayout<UInt128>.stride
                    }
                }
            }
        }
        var other = [UInt128](repeating: 0, count: count)
        for (d, byte) in significant.enumerated() {
            let moves = counts.withUnsafeMutableBufferPointer { counts in
                let digit = UnsafeMutableBufferPointer(rebasing: counts[d * 256 ..< d * 256 + 256])
                // All keys share this byte: nothing to move.
                if digit.contains(count) { return false }
                var offset = 0
                for i in 0..<256 {
                    let keysWithValue = digit[i]
                    digit[i] = offset
                    offset &+= keysWithValue
                }
                return true
            }
            guard moves else { continue }
            counts.withUnsafeMutableBufferPointer { counts in
                let next = counts.baseAddress! + d * 256
                keys.withUnsafeBufferPointer { keys in
                    other.withUnsafeMutableBufferPointer { other in
                        let bytes = UnsafeRawPointer(keys.baseAddress!)
                        for i in 0..<count {
                            let value = Int(bytes.load(fromByteOffset: i &* MemoryLayout<UInt128>.stride &+ byte, as: UInt8.self))
                            other[next[value]] = keys[i]
                            next[value] &+= 1
                        }
                    }
                }
            }
            swap(&keys, &other)
        }
    }
}
