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

    /// Memory of blocks no longer used, a block per core at most (the parts a table's writer
    /// holds at once take turns with them), freed when a table is written (`drain`), so that
    /// it does not stay held through the stages after. Only blocks of up to `largest` bytes
    /// are kept: many small parts gain most from pages already touched, while a large part's
    /// block kept idle would add to the peak of a run held to a memory budget.
    final class Pool: Sendable {
        static let largest = 16 << 20

        /// Kept blocks' addresses (as integers, which cross threads freely) and capacities.
        private let free = Mutex<[(address: UInt, capacity: Int)]>([])

        /// Memory of at least `capacity` bytes: the largest kept block when it is as large
        /// (a smaller one is freed: the next parts are likely as large), else new.
        func take(_ capacity: Int) -> (base: UnsafeMutablePointer<UInt8>, capacity: Int) {
            let kept = free.withLock { free -> (address: UInt, capacity: Int)? in
                guard let i = free.indices.max(by: { free[$0].capacity < free[$1].capacity }) else { return nil }
                return free.remove(at: i)
            }
            if let kept {
                let base = UnsafeMutablePointer<UInt8>(bitPattern: kept.address)!
                if kept.capacity >= capacity { return (base, kept.capacity) }
                base.deallocate()
            }
            return (.allocate(capacity: capacity), capacity)
        }

        func put(_ base: UnsafeMutablePointer<UInt8>, capacity: Int) {
            guard capacity <= Self.largest else { return base.deallocate() }
            let address = UInt(bitPattern: base)
            let most = ParallelMap.workers
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
