import DiscourseKit
import Synchronization

/// Shows a run on standard error: warnings as they arise; on a terminal, the stage and its
/// progress on one line that is rewritten in place; with `--stats`, per-stage wall times and
/// peak memory at the end.
final class TerminalObserver: RunObserver {
    private struct State {
        var stages: [(name: String, seconds: Double, peakMB: Double)] = []
        var current: String?
        var stageStart = DispatchTime.now().uptimeNanoseconds
        var lastDraw: UInt64 = 0
        var lineShown = false
    }
    private let state = Mutex(State())
    private let start = DispatchTime.now().uptimeNanoseconds
    private let showProgress: Bool
    private let stats: Bool

    /// - Parameters:
    ///   - stats: keep per-stage timings for `report`.
    ///   - quiet: no progress line even on a terminal.
    init(stats: Bool, quiet: Bool = false) {
        self.stats = stats
        showProgress = !quiet && isatty(2) == 1
    }

    func stage(_ name: String) {
        state.withLock { state in
            let now = DispatchTime.now().uptimeNanoseconds
            if let current = state.current {
                state.stages.append((current, Double(now - state.stageStart) / 1e9, Self.peakMemoryMB()))
            }
            state.current = name
            state.stageStart = now
            draw(&state, "\(name)", force: true)
        }
    }

    func progress(_ done: Int, of total: Int, _ unit: String) {
        guard showProgress else { return }
        state.withLock { state in
            draw(&state, "\(state.current ?? "") \(done)/\(total) \(unit)", force: done == total)
        }
    }

    func warning(_ message: String) {
        state.withLock { state in
            clearLine(&state)
            FileSystem.printError("discourse: warning: \(message)")
        }
    }

    /// Ends the last stage and clears the progress line; prints the `--stats` report.
    func finish(bytes: Int, tokens: Int) {
        stage("")
        state.withLock { clearLine(&$0) }
        if stats { report(bytes: bytes, tokens: tokens) }
    }

    /// Clears the progress line before the process prints something else.
    func clear() { state.withLock { clearLine(&$0) } }

    private func draw(_ state: inout State, _ text: String, force: Bool) {
        guard showProgress, !text.isEmpty else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard force || now - state.lastDraw > 100_000_000 else { return }
        state.lastDraw = now
        let elapsed = Double(now - start) / 1e9
        FileSystem.printError("\r\u{1B}[K" + text + "  " + Self.fixed(elapsed, 1) + " s", newline: false)
        state.lineShown = true
    }

    private func clearLine(_ state: inout State) {
        guard state.lineShown else { return }
        FileSystem.printError("\r\u{1B}[K", newline: false)
        state.lineShown = false
    }

    /// Peak resident memory of the process so far, in MB.
    static func peakMemoryMB() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }

    /// A number with a fixed count of decimals, without Foundation's formatters.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        let scale = pow(10, Double(digits))
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if text.contains("e") { return text }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let decimals = parts.count > 1 ? String(parts[1]) : ""
        text = String(parts[0]) + (digits > 0 ? "." + (decimals + String(repeating: "0", count: digits)).prefix(digits) : "")
        return text
    }

    private func report(bytes: Int, tokens: Int) {
        func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        let stages = state.withLock { $0.stages }
        let width = (stages.map(\.name.count).max() ?? 0) + 2
        func name(_ text: String) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var lines = stages.map { stage in
            name(stage.name) + pad(Self.fixed(stage.seconds, 3), 8) + " s   peak memory " + pad(Self.fixed(stage.peakMB, 1), 7) + " MB"
        }
        let total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        lines.append(name("total") + pad(Self.fixed(total, 3), 8) + " s   " + Self.fixed(Double(bytes) / 1e6 / total, 1) + " MB/s, "
                     + Self.fixed(Double(tokens) / total, 0).split(separator: ".")[0] + " tokens/s (\(bytes) bytes, \(tokens) tokens, "
                     + "\(ProcessInfo.processInfo.activeProcessorCount) cores)")
        FileSystem.printError(lines.joined(separator: "\n"))
    }
}
