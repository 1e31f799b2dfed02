import DiscourseKit
import Foundation

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
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    func report(bytes: Int, tokens: Int) {
        func pad(_ text: String) -> String { text + String(repeating: " ", count: max(0, 12 - text.count)) }
        var lines = stages.map { stage in
            pad(stage.name) + String(format: "%8.3f s   peak memory %7.1f MB", stage.seconds, stage.peakMB)
        }
        let total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        lines.append(pad("total") + String(format: "%8.3f s   %.1f MB/s, %.0f tokens/s (%d bytes, %d tokens, %d cores)",
                                          total, Double(bytes) / 1e6 / total, Double(tokens) / total,
                                          bytes, tokens, ProcessInfo.processInfo.activeProcessorCount))
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
