/// Least-significant-digit radix sort of 128-bit keys, for the n-gram rows' order keys
/// (`NgramRowOrder`): a byte of the key per pass, stable, only over the bytes that can
/// differ, and no pass where all keys share the byte. Rows' keys vary in a few bytes (the
/// forms' ranks, the low bytes of the count), so a group's rows take a handful of linear
/// passes where a comparison sort takes about log2(rows) merging passes.
enum RadixSort {
    /// Sorts `keys` ascending by the bytes of `significant` (byte 0 the least significant);
    /// keys equal in those bytes keep their order. Other bytes must not matter to the order.
    static func sort(_ keys: inout [UInt128], significant: some Sequence<Int>) {
        guard keys.count > 1 else { return }
        var other = [UInt128](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 256)
        for byte in significant {
            let shift = UInt128(byte * 8)
            counts.withUnsafeMutableBufferPointer { counts in
                for i in 0..<256 { counts[i] = 0 }
                keys.withUnsafeBufferPointer { keys in
                    for key in keys { counts[Int(truncatingIfNeeded: key >> shift) & 0xFF] += 1 }
                }
            }
            // All keys share this byte: nothing to move.
            if counts.contains(keys.count) { continue }
            var offset = 0
            for i in 0..<256 {
                let count = counts[i]
                counts[i] = offset
                offset += count
            }
            counts.withUnsafeMutableBufferPointer { next in
                keys.withUnsafeBufferPointer { keys in
                    other.withUnsafeMutableBufferPointer { other in
                        for key in keys {
                            let digit = Int(truncatingIfNeeded: key >> shift) & 0xFF
                            other[next[digit]] = key
                            next[digit] += 1
                        }
                    }
                }
            }
            swap(&keys, &other)
        }
    }
}
