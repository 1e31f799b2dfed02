import Synchronization
import Testing
@testable import DiscourseKit

/// The writer's pipeline: results made on every core, consumed in order on the caller's
/// thread, and a failure while consuming stops the makers without a hang.
@Suite struct ParallelMapTests {
    struct Full: Error, Equatable { let at: Int }

    /// Items of uneven cost (every seventh much slower) still come out in index order.
    @Test func resultsAreConsumedInOrder() throws {
        var seen: [Int] = []
        ParallelMap.pipeline(500, make: { i in
            var x = 0
            for k in 0..<(i % 7 == 0 ? 200_000 : 100) { x &+= k ^ i }
            return (i, x)
        }, consume: { index, value in
            #expect(index == value.0)
            seen.append(value.0)
        })
        #expect(seen == Array(0..<500))
    }

    /// A disk full at item 40 of 1,000: the error comes out, nothing after 40 is consumed, and
    /// the makers stop within their window (one item per worker and one more ahead).
    @Test func aFailureStopsTheMakers() {
        let made = Atomic<Int>(0)
        var consumed = 0
        #expect(throws: Full(at: 40)) {
            try ParallelMap.pipeline(1000, make: { i in
                made.wrappingAdd(1, ordering: .relaxed)
                return i
            }, consume: { (index, _) throws(Full) in
                if index == 40 { throw Full(at: 40) }
                consumed += 1
            })
        }
        #expect(consumed == 40)
        #expect(made.load(ordering: .relaxed) <= 41 + ParallelMap.workers + 1)
    }

    @Test func nothingToDo() {
        var called = false
        ParallelMap.pipeline(0, make: { $0 }, consume: { _, _ in called = true })
        #expect(!called)
    }
}
