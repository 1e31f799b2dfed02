import DiscourseKit
import Foundation

/// Collects per-stage wall times for `--stats` and prints them with throughput.
struct StageTimer {
    private var stages: [(String, Double)] = []
    private var last = DispatchTime.now().uptimeNanoseconds
    private let start = DispatchTime.now().uptimeNanoseconds

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        stages.append((stage, Double(now - last) / 1e9))
        last = now
    }

    func report(bytes: Int, tokens: Int) {
        var lines: [String] = []
        for (stage, seconds) in stages {
            lines.append(String(format: "%-10@ %8.3f s", stage as NSString, seconds))
        }
        let total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        lines.append(String(format: "%-10@ %8.3f s  %.1f MB/s  %.0f tokens/s  (%d bytes, %d tokens, %d cores)",
                            "total" as NSString, total, Double(bytes) / 1e6 / total, Double(tokens) / total,
                            bytes, tokens, ProcessInfo.processInfo.activeProcessorCount))
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
