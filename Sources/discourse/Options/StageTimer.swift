import DiscourseKit

/// Collects per-stage wall times and peak memory for `--stats` and prints them with
/// throughput on standard error.
struct StageTimer {
    private var stages: [(name: String, seconds: Double, peakMB: Double)] = []
    private var last = DispatchTime.now().uptimeNanoseconds
    private let start = DispatchTime.now().uptimeNanoseconds

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        stages.append((stage, Double(now - last) / 1e9, Self.peakMemoryMB()))
        last = now
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

    func report(bytes: Int, tokens: Int) {
        func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        func fixed(_ value: Double, _ digits: Int) -> String {
            let scale = pow(10, Double(digits))
            let rounded = (value * scale).rounded() / scale
            var text = String(rounded)
            if text.contains("e") { return text }
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let decimals = parts.count > 1 ? String(parts[1]) : ""
            text = String(parts[0]) + (digits > 0 ? "." + (decimals + String(repeating: "0", count: digits)).prefix(digits) : "")
            return text
        }
        func name(_ text: String) -> String { text + String(repeating: " ", count: max(0, 12 - text.count)) }
        var lines = stages.map { stage in
            name(stage.name) + pad(fixed(stage.seconds, 3), 8) + " s   peak memory " + pad(fixed(stage.peakMB, 1), 7) + " MB"
        }
        let total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        lines.append(name("total") + pad(fixed(total, 3), 8) + " s   " + fixed(Double(bytes) / 1e6 / total, 1) + " MB/s, "
                     + fixed(Double(tokens) / total, 0).split(separator: ".")[0] + " tokens/s (\(bytes) bytes, \(tokens) tokens, "
                     + "\(ProcessInfo.processInfo.activeProcessorCount) cores)")
        FileSystem.printError(lines.joined(separator: "\n"))
    }
}
