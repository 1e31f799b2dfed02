import Testing
@testable import DiscourseKit

struct TextDecoderTests {
    private func decode(_ bytes: [UInt8], encoding: String? = nil, replace: Bool = false) throws -> (String, Int) {
        let (text, replacements) = try TextDecoder(encoding: encoding, replaceInvalid: replace).decode(bytes, source: "f.txt")
        return (String(decoding: text, as: UTF16.self), replacements)
    }

    @Test func utf8WithAndWithoutBOM() throws {
        #expect(try decode(Array("安全 ok".utf8)).0 == "安全 ok")
        #expect(try decode([0xEF, 0xBB, 0xBF] + Array("ok".utf8)).0 == "ok")
    }

    @Test func utf16WithBOMInBothByteOrders() throws {
        #expect(try decode([0xFF, 0xFE, 0x89, 0x5B, 0x68, 0x51]).0 == "安全")  // LE: U+5B89 U+5168
        #expect(try decode([0xFE, 0xFF, 0x5B, 0x89, 0x51, 0x68]).0 == "安全")  // BE
    }

    @Test func namedLegacyEncodings() throws {
        // GB 2312 / GB18030: 安 = B0 B2, 全 = C8 AB. Big5: 國 = B0 EA.
        #expect(try decode([0xB0, 0xB2, 0xC8, 0xAB], encoding: "gb18030").0 == "安全")
        #expect(try decode([0xB0, 0xEA], encoding: "big5").0 == "國")
        #expect(try decode([0x63, 0x61, 0x66, 0xE9], encoding: "windows-1252").0 == "café")
    }

    @Test func invalidUTF8NamesFileAndByteOffset() {
        let error = #expect(throws: DiscourseError.self) { try decode(Array("abc".utf8) + [0xC3, 0x28] + Array("d".utf8)) }
        #expect(error?.message.hasPrefix("f.txt: byte offset 3: 0xC3") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("--replace-invalid") == true)
    }

    @Test func offsetCountsTheDroppedBOM() {
        let error = #expect(throws: DiscourseError.self) { try decode([0xEF, 0xBB, 0xBF, 0x61, 0xFF]) }
        #expect(error?.message.hasPrefix("f.txt: byte offset 4:") == true, "\(error?.message ?? "")")
    }

    @Test func replacementCountsEachInvalidSequence() throws {
        let (text, replacements) = try decode([0x61, 0xFF, 0x62, 0xFE, 0x63], replace: true)
        #expect(text == "a\u{FFFD}b\u{FFFD}c")
        #expect(replacements == 2)
    }

    @Test func unknownEncodingIsRejectedUpFront() {
        let error = #expect(throws: DiscourseError.self) { try TextDecoder(encoding: "no-such-charset").validate() }
        #expect(error?.message.contains("ICU knows no such encoding") == true)
    }
}
