@_implementationOnly import CICU

/// ICU's rule-based break iterator for one locale, used in batch: one call segments a whole
/// buffer, so the caller's hot loop crosses the module boundary once per document.
///
/// A break iterator holds per-text state, so it belongs to one thread; `copy()` makes
/// another cheaply (ICU clones the compiled rules instead of loading them again).
public final class BreakIterator {
    /// Which boundaries to find.
    public enum Unit: Sendable {
        case word, sentence
    }

    private let iterator: OpaquePointer

    /// Rule status ranges of word segments, as `UWordBreakTag` defines them.
    public static let numberStatuses: Range<Int32> = 100..<200
    public static let letterStatuses: Range<Int32> = 200..<300
    public static let kanaStatuses: Range<Int32> = 300..<400
    public static let ideographicStatuses: Range<Int32> = 400..<500

    /// - Parameter locale: an ICU locale ID such as `en@ss=standard`, `zh` or `""` (root).
    /// - Throws: `ICUFailure` when ICU cannot load the rules.
    public init(_ unit: Unit, locale: String) throws(ICUFailure) {
        var status = U_ZERO_ERROR
        let pointer = cicu_ubrk_open(unit == .word ? UBRK_WORD : UBRK_SENTENCE, locale, &status)
        try check(status, "opening an ICU \(unit) break iterator for locale '\(locale)'")
        iterator = pointer!
    }

    private init(cloning other: OpaquePointer) throws(ICUFailure) {
        var status = U_ZERO_ERROR
        let pointer = cicu_ubrk_clone(other, &status)
        try check(status, "cloning an ICU break iterator")
        iterator = pointer!
    }

    /// A new iterator with the same rules, for another thread.
    public func copy() throws(ICUFailure) -> BreakIterator {
        try BreakIterator(cloning: iterator)
    }

    deinit { cicu_ubrk_close(iterator) }

    /// Segments `text`: `ends[i]` is the end offset (UTF-16) of segment i, which starts at
    /// `ends[i-1]` (or 0), and `statuses[i]` is its rule status. Both arrays are replaced and
    /// grow with the segments found, never to the text's length.
    ///
    /// - Complexity: O(n) in the text's length.
    public func segment(_ text: UnsafeBufferPointer<UInt16>, ends: inout [Int32],
                        statuses: inout [Int32]) throws(ICUFailure) {
        ends.removeAll(keepingCapacity: true)
        statuses.removeAll(keepingCapacity: true)
        try start(text)
        var batchEnds: [Int32] = []
        var batchStatuses: [Int32] = []
        while true {
            let count = next(ends: &batchEnds, statuses: &batchStatuses, capacity: 1 << 14)
            if count == 0 { break }
            ends.append(contentsOf: batchEnds[..<count])
            statuses.append(contentsOf: batchStatuses[..<count])
        }
    }

    /// Starts segmenting `text`, which must stay valid until `next` returns 0.
    public func start(_ text: UnsafeBufferPointer<UInt16>) throws(ICUFailure) {
        var status = U_ZERO_ERROR
        cicu_ubrk_start(iterator, text.baseAddress, Int32(text.count), &status)
        try check(status, "segmenting text")
    }

    /// The next segments after `start`: up to `capacity` end offsets and rule statuses in
    /// `ends` and `statuses` (their first `count` entries); 0 at the end of the text. Memory
    /// stays bounded by `capacity` however long the text is.
    /// As `next(ends:statuses:capacity:)`, into buffers of at least `capacity` entries.
    func next(into ends: UnsafeMutablePointer<Int32>, statuses: UnsafeMutablePointer<Int32>, capacity: Int) -> Int {
        Int(cicu_ubrk_next_segments(iterator, ends, statuses, Int32(capacity)))
    }

    public func next(ends: inout [Int32], statuses: inout [Int32], capacity: Int) -> Int {
        if ends.count < capacity { ends = [Int32](repeating: 0, count: capacity) }
        if statuses.count < capacity { statuses = [Int32](repeating: 0, count: capacity) }
        return ends.withUnsafeMutableBufferPointer { e in
            statuses.withUnsafeMutableBufferPointer { s in
                Int(cicu_ubrk_next_segments(iterator, e.baseAddress, s.baseAddress, Int32(capacity)))
            }
        }
    }
}
