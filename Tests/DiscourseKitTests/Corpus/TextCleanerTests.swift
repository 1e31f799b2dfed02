import Testing
@testable import DiscourseKit

struct TextCleanerTests {
    @Test func stripDeletesMatchesAndCountsCodePoints() throws {
        let cleaner = try TextCleaner(patterns: ["\\[\\d+\\]", "（完）"])
        var text = Array("安全[1]发展[23]（完）𠀀".utf16)
        let removed = try cleaner.clean(&text)
        #expect(String(decoding: text, as: UTF16.self) == "安全发展𠀀")
        #expect(removed == [7, 3])
    }

    @Test func invalidPatternIsAnError() {
        let error = #expect(throws: DiscourseError.self) { try TextCleaner(patterns: ["(unclosed"]) }
        #expect(error?.message.hasPrefix("--strip '(unclosed': not a valid ICU regular expression") == true)
    }
}
