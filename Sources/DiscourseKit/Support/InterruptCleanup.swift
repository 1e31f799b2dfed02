import Dispatch
import Synchronization

/// What a run has half-written (a staging folder, temporary files), removed when the run is
/// interrupted by SIGINT (Ctrl-C), SIGTERM or SIGHUP, before the process exits with the
/// conventional status 128 + the signal's number.
///
/// The signals are caught by dispatch sources on a queue of their own, so the cleanup runs on
/// a thread of its own even while every core is busy counting.
public enum InterruptCleanup {
    private static let paths = Mutex<[String: Int]>([:])
    private static let sources = Mutex<[any DispatchSourceSignal]>([])
    private static let queue = DispatchQueue(label: "discourse.signals")

    /// Catches SIGINT, SIGTERM and SIGHUP from now on (once per process).
    public static func install() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
                source.setEventHandler { interrupted(by: signalNumber) }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Removes `path` (a file or a folder) if the run is interrupted.
    static func register(_ path: String) {
        paths.withLock { $0[path, default: 0] += 1 }
    }

    /// The run no longer owns `path`.
    static func unregister(_ path: String) {
        paths.withLock { paths in
            guard let count = paths[path] else { return }
            paths[path] = count > 1 ? count - 1 : nil
        }
    }

    private static func interrupted(by signalNumber: Int32) -> Never {
        for path in paths.withLock({ Array($0.keys) }) {
            try? FileManager.default.removeItem(atPath: path)
        }
        _exit(128 + signalNumber)
    }
}
