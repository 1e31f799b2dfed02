import Dispatch

/// Runs independent work items on all cores and returns their results in index order.
public enum ParallelMap {
    /// Worker threads: the number of active cores.
    static var workers: Int { max(1, ProcessInfoCores.count) }

    /// Calls `body(i)` for every i in 0..<count, in parallel, and returns the results in order.
    public static func run<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        if count == 0 { return [] }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots[index] = body(index)
            }
        }
        return results.map { $0! }
    }
}


enum ProcessInfoCores {
    static let count = ProcessInfo.processInfo.activeProcessorCount
}

import Synchronization

extension ParallelMap {
    /// Processes items 0..<count on one thread per core, each thread with its own state
    /// (for example a tokenizer holding ICU break iterators, which are not thread-safe).
    /// Items are handed out one at a time, so uneven item sizes still balance.
    ///
    /// - Returns: the results in item order.
    static func withWorkerState<State, T>(
        _ count: Int, makeState: () throws -> State, _ body: (inout State, Int) throws -> T
    ) throws -> [T] {
        if count == 0 { return [] }
        let next = Atomic<Int>(0)
        let results = UnsafeMutableBufferPointer<Result<T, any Error>?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        let threads = max(1, min(workers, count))
        withoutActuallyEscaping(makeState) { makeState in
        withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let makeState = makeState
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var state: State
            do { state = try makeState() } catch {
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if index >= count { return }
                    slots[index] = .failure(error)
                }
            }
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if index >= count { return }
                slots[index] = Result { try body(&state, index) }
            }
        }
        }
        }
        var output: [T] = []
        output.reserveCapacity(count)
        for slot in results { output.append(try slot!.get()) }
        return output
    }
}
