import Synchronization

/// Receives what a long run is doing: its stages, progress within a stage, and warnings, so
/// that a command line can show progress and timings and print warnings as they arise.
public protocol RunObserver: Sendable {
    /// A new stage begins, and the one before it ends.
    func stage(_ name: String)
    /// `done` of `total` items (documents, groups, comparisons) of the current stage are done.
    func progress(_ done: Int, of total: Int, _ unit: String)
    /// Something the user should know that does not stop the run.
    func warning(_ message: String)
}

/// An observer that ignores everything.
public struct SilentObserver: RunObserver {
    public init() {}
    public func stage(_ name: String) {}
    public func progress(_ done: Int, of total: Int, _ unit: String) {}
    public func warning(_ message: String) {}
}

/// Counts finished items from any thread and tells an observer.
final class ProgressCounter: Sendable {
    private let done = Atomic<Int>(0)
    private let total: Int
    private let unit: String
    private let observer: any RunObserver

    init(total: Int, unit: String, observer: any RunObserver) {
        self.total = total
        self.unit = unit
        self.observer = observer
    }

    func step(_ count: Int = 1) {
        let now = done.wrappingAdd(count, ordering: .relaxed).newValue
        observer.progress(now, of: total, unit)
    }
}
