import Synchronization

/// Rendered rows in memory of their own (`RowBytes`), handed to the writer without copying
/// them into an array. When the writer drops it, the memory goes back to `ByteBlock.pool`
/// for the next part to be rendered into: pages already touched are written again rather
/// than new ones faulted in and zeroed by the kernel, part after part.
final class ByteBlock: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Bytes written.
    let count: Int

    init(base: UnsafeMutablePointer<UInt8>, capacity: Int, count: Int) {
        self.base = base
        self.capacity = capacity
        self.count = count
    }

    deinit { Self.pool.put(base, capacity: capacity) }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    static let pool = Pool()

    /// Memory of blocks no longer used, a few blocks at most (the parts a table's writer
    /// holds at once), freed when a table is written (`drain`), so that it does not stay
    /// held through the stages after.
    final class Pool: Sendable {
        /// Kept blocks' addresses (as integers, which cross threads freely) and capacities.
        private let free = Mutex<[(address: UInt, capacity: Int)]>([])
        /// Blocks kept at most: more than the parts rendered and written at once on a few
        /// cores, fewer than would hold much memory unused.
        private let most = 8

        /// Memory of at least `capacity` bytes: a kept block's when one is as large, else new.
        func take(_ capacity: Int) -> (base: UnsafeMutablePointer<UInt8>, capacity: Int) {
            let kept = free.withLock { free -> (address: UInt, capacity: Int)? in
                guard let i = free.firstIndex(where: { $0.capacity >= capacity }) else { return nil }
                return free.remove(at: i)
            }
            if let kept { return (UnsafeMutablePointer(bitPattern: kept.address)!, kept.capacity) }
            return (.allocate(capacity: capacity), capacity)
        }

        func put(_ base: UnsafeMutablePointer<UInt8>, capacity: Int) {
            let address = UInt(bitPattern: base)
            let dropped = free.withLock { free -> UInt? in
                free.append((address, capacity))
                guard free.count > most else { return nil }
                // The smallest goes: it serves the fewest parts.
                let smallest = free.indices.min { free[$0].capacity < free[$1].capacity }!
                return free.remove(at: smallest).address
            }
            if let dropped { UnsafeMutablePointer<UInt8>(bitPattern: dropped)!.deallocate() }
        }

        /// Frees every kept block.
        func drain() {
            let kept = free.withLock { free -> [UInt] in
                defer { free.removeAll() }
                return free.map(\.address)
            }
            for address in kept { UnsafeMutablePointer<UInt8>(bitPattern: address)!.deallocate() }
        }
    }
}
