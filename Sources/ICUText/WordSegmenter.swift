/// ICU word segmentation with a fast path for plain ASCII words: the same segments and rule
/// statuses as ICU's word break iterator alone, at a fraction of its cost on English text.
///
/// Most of an English text is words of ASCII letters between single spaces. Under the word
/// rules of UAX #29 as ICU implements them, a break always falls between an ASCII character
/// other than a space and a following U+0020, and between U+0020 and a following ASCII
/// character other than a space: no rule joins a space to anything but another horizontal
/// space (WB3d) or a following Extend, Format or ZWJ character (WB4), none of them ASCII.
/// From such a break, a run of ASCII letters that ends at a space or the end of the text is
/// one segment of rule status 200 (`UBRK_WORD_LETTER`; WB5), and a run of spaces followed by
/// an ASCII character or the end is one segment of status 0 (WB3d). These are cut here
/// without ICU. Everything else — a chunk with punctuation, digits, any non-ASCII character —
/// is given to ICU from the last such break to the next, as a text of its own: ICU's rules
/// look neither behind a break nor past a space that follows an ASCII character, so it
/// segments the piece as it would inside the whole text. `WordSegmenterTests` checks this
/// against ICU on whole corpora and on random texts of the characters that matter.
///
/// Like `BreakIterator`, it belongs to one thread.
public final class WordSegmenter {
    private let icu: BreakIterator
    private var text = UnsafeBufferPointer<UInt16>(start: nil, count: 0)
    /// Where segmentation stands: always a break.
    private var position = 0
    /// The piece ICU is segmenting (its offsets are relative to its start), if any.
    private var piece: Range<Int>?

    /// Rule status of a run of letters, and of spaces (`UWordBreak`).
    static let letterStatus: Int32 = 200
    static let noneStatus: Int32 = 0

    /// - Parameter locale: an ICU locale ID, as `BreakIterator` takes it.
    /// - Throws: `ICUFailure` when ICU cannot load the rules.
    public init(locale: String) throws(ICUFailure) {
        icu = try BreakIterator(.word, locale: locale)
    }

    /// Starts segmenting `text`, which must stay valid until `next` returns 0.
    public func start(_ text: UnsafeBufferPointer<UInt16>) {
        self.text = text
        position = 0
        piece = nil
    }

    /// The next segments: up to `capacity` end offsets (UTF-16, from the text's start) and
    /// rule statuses in `ends` and `statuses` (their first `count` entries); 0 at the end.
    ///
    /// - Throws: `ICUFailure` when ICU cannot take a piece of the text.
    public func next(ends: inout [Int32], statuses: inout [Int32], capacity: Int) throws(ICUFailure) -> Int {
        if ends.count < capacity { ends = [Int32](repeating: 0, count: capacity) }
        if statuses.count < capacity { statuses = [Int32](repeating: 0, count: capacity) }
        return try ends.withUnsafeMutableBufferPointer { (e) throws(ICUFailure) -> Int in
            try statuses.withUnsafeMutableBufferPointer { (s) throws(ICUFailure) -> Int in
                try fill(e.baseAddress!, s.baseAddress!, capacity: capacity)
            }
        }
    }

    private func fill(_ ends: UnsafeMutablePointer<Int32>, _ statuses: UnsafeMutablePointer<Int32>,
                      capacity: Int) throws(ICUFailure) -> Int {
        guard let base = text.baseAddress else { return 0 }
        let n = text.count
        var count = 0
        while count < capacity {
            if let piece {
                let found = icu.next(into: ends + count, statuses: statuses + count, capacity: capacity - count)
                let offset = Int32(piece.lowerBound)
                for i in count..<count + found { ends[i] &+= offset }
                count += found
                if count < capacity {  // ICU came to the piece's end
                    position = piece.upperBound
                    self.piece = nil
                }
                continue
            }
            if position == n { break }
            let first = base[position]
            var next = position + 1
            if first == 0x20 {
                while next < n && base[next] == 0x20 { next += 1 }
                if next == n || base[next] < 0x80 {
                    ends[count] = Int32(next)
                    statuses[count] = Self.noneStatus
                    count += 1
                    position = next
                    continue
                }
            } else if Self.isASCIILetter(first) {
                while next < n && Self.isASCIILetter(base[next]) { next += 1 }
                if next == n || base[next] == 0x20 {
                    ends[count] = Int32(next)
                    statuses[count] = Self.letterStatus
                    count += 1
                    position = next
                    continue
                }
            }
            // ICU takes the text from here to the next certain break: a space after an ASCII
            // character other than a space, or the end.
            var end = next
            while end < n && !(base[end] == 0x20 && base[end - 1] < 0x80 && base[end - 1] != 0x20) { end += 1 }
            try icu.start(UnsafeBufferPointer(start: base + position, count: end - position))
            piece = position..<end
        }
        return count
    }

    @inline(__always)
    static func isASCIILetter(_ unit: UInt16) -> Bool {
        (unit | 0x20) &- 0x61 < 26
    }
}
