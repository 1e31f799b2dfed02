import Dispatch
import Synchronization

/// Runs independent work items on all cores and returns their results in index order.
public enum ParallelMap {
    /// Worker threads: the cores the process may use (`ProcessInfoCores`), or the number a
    /// benchmark set with `withWorkers`.
    static var workers: Int {
        let override = workerOverride.load(ordering: .relaxed)
        return max(1, override > 0 ? override : ProcessInfoCores.count)
    }

    private static let workerOverride = Atomic<Int>(0)

    /// Runs `body` with `count` worker threads for the token pipeline and the counting, to
    /// compare one thread with one thread (discourse-bench).
    public static func withWorkers<T, E: Error>(_ count: Int, _ body: () throws(E) -> T) throws(E) -> T {
        workerOverride.store(count, ordering: .relaxed)
        defer { workerOverride.store(0, ordering: .relaxed) }
        return try body()
    }

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


/// The cores a run uses: `DISCOURSE_THREADS` when set, else a Slurm task's
/// `SLURM_CPUS_PER_TASK` (a cluster node may have more cores than the job was given), else
/// the active cores.
enum ProcessInfoCores {
    static let count: Int = {
        let environment = ProcessInfo.processInfo.environment
        for name in ["DISCOURSE_THREADS", "SLURM_CPUS_PER_TASK"] {
            if let value = environment[name].flatMap({ Int($0) }), value > 0 { return value }
        }
        return ProcessInfo.processInfo.activeProcessorCount
    }()
}


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

extension ParallelMap {
    /// Computes `make(i)` for i in 0..<count on one thread per core, and hands the results
    /// to `consume` on the calling thread in index order as soon as each is ready, so that
    /// consuming (writing a file) overlaps making (rendering the next parts). Items are taken
    /// one at a time, so uneven sizes balance.
    ///
    /// - Parameter window: results made or being made and not yet consumed, at most (at
    ///   least one more than the threads): a wider window lets the threads go on past a
    ///   result that takes long, but holds more results at once.
    /// - Throws: what `consume` throws; the threads making results stop first.
    static func pipeline<T, E: Error>(_ count: Int, window: Int? = nil, make: @escaping @Sendable (Int) -> T,
                                      consume: (Int, T) throws(E) -> Void) throws(E) {
        if count == 0 { return }
        let threads = max(1, min(workers, count))
        // Parts taken and not yet consumed are consecutive and at most `ring` (the window),
        // so a ring of that many slots serves any number of parts.
        let ring = max(threads + 1, window ?? 0)
        let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: ring)
        slots.initialize(repeating: nil)
        let ready = (0..<ring).map { _ in DispatchSemaphore(value: 0) }
        // Made at 0 and raised: libdispatch traps when a semaphore goes while below the value
        // it was made with, as the window is when consuming stops early.
        let gate = DispatchSemaphore(value: 0)
        for _ in 0..<ring { gate.signal() }
        let next = Atomic<Int>(0)
        let stopped = Atomic<Bool>(false)
        let done = DispatchGroup()
        nonisolated(unsafe) let shared = slots
        for _ in 0..<threads {
            DispatchQueue.global().async(group: done) {
                while true {
                    gate.wait()
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if index >= count || stopped.load(ordering: .relaxed) {
                        gate.signal()
                        return
                    }
                    shared[index % ring] = make(index)
                    ready[index % ring].signal()
                }
            }
        }
        defer {
            stopped.store(true, ordering: .relaxed)
            for _ in 0..<threads { gate.signal() }
            done.wait()
            slots.deinitialize()
            slots.deallocate()
        }
        for index in 0..<count {
            ready[index % ring].wait()
            let value = slots[index % ring]!
            slots[index % ring] = nil
            gate.signal()
            try consume(index, value)
        }
    }
}
