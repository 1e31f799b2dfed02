import Foundation
import Testing
@testable import DiscourseKit

/// The pieces `terms suggest` holds its kept runs in within a budget: the filter never says
/// no to a run it holds and rarely yes to one it does not; the records come back from the
/// file as written, and a file cut short is an error naming it.
struct KeptRunsTests {
    /// Runs of 3 ids from a fixed linear congruential sequence (no two alike in practice).
    static func runs(_ count: Int, seed: UInt64) -> [[UInt32]] {
        var state = seed
        func next() -> UInt32 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt32(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in [next(), next(), next()] }
    }

    @Test func filterHoldsEveryRunAddedAndFewOthers() {
        let held = Self.runs(20_000, seed: 1)
        var filter = RunFilter(n: 3, capacity: held.count)
        for run in held { run.withUnsafeBufferPointer { filter.insert($0.baseAddress!) } }
        #expect(held.allSatisfy { run in run.withUnsafeBufferPointer { filter.mayContain($0.baseAddress!) } })
        // 16 bits a run, three bits in one word: about 1% of other runs pass (2% allowed).
        let others = Self.runs(100_000, seed: 2)
        let passed = others.filter { run in run.withUnsafeBufferPointer { filter.mayContain($0.baseAddress!) } }.count
        #expect(passed > 0 && passed < 2_000, "\(passed)")
        #expect(filter.footprint <= 20_000 * 2 * 2)
    }

    @Test func recordsComeBackInOrderFromMemoryAndFromAFile() throws {
        let folder = NSTemporaryDirectory() + "discourse-kept-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // More than a block (16,384 records), counts past 2³² included.
        let written = Self.runs(40_000, seed: 3)
        for tmp in [nil, folder] {
            let kept = try KeptRuns(n: 3, tmp: tmp)
            for (i, run) in written.enumerated() {
                try run.withUnsafeBufferPointer { try kept.append($0.baseAddress!, count: i * 1_000_003, documents: Int32(i % 977)) }
            }
            try kept.finish()
            var read: [([UInt32], Int, Int32)] = []
            try kept.forEach { ids, count, documents in read.append((Array(UnsafeBufferPointer(start: ids, count: 3)), count, documents)) }
            #expect(read.count == written.count)
            #expect(read.enumerated().allSatisfy { i, record in
                record.0 == written[i] && record.1 == i * 1_000_003 && record.2 == Int32(i % 977)
            })
        }
        // A file cut short.
        let kept = try KeptRuns(n: 3, tmp: folder)
        for run in written { try run.withUnsafeBufferPointer { try kept.append($0.baseAddress!, count: 5, documents: 1) } }
        try kept.finish()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("discourse-kept") }
        #expect(files.count == 1)
        #expect(truncate(folder + "/" + files[0], 1000) == 0)
        #expect {
            try kept.forEach { _, _, _ in }
        } throws: { error in
            (error as? DiscourseError)?.message.contains("discourse-kept") == true
                && (error as? DiscourseError)?.message.contains("cut short") == true
        }
    }
}
