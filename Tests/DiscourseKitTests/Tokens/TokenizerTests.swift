import Testing
@testable import DiscourseKit

/// Expectations follow Unicode's word and sentence boundary rules (UAX #29) as SPEC §2 applies
/// them, worked out by hand for each text.
struct TokenizerTests {
    @Test func englishAbbreviationsApostrophesNumbersAndSentences() throws {
        let tokens = try tokenize(["Mr. Smith didn't pay $1,000.50 to the U.S. Treasury."], language: "en")[0]
        // "Mr." is in ICU's English suppression list and does not end the sentence; "U.S."
        // before a capital does. The apostrophe joins letters (WB6/7), comma and full stop join
        // digits (WB11/12), "$" and the final "." are punctuation.
        #expect(tokens.map(\.form) == ["mr", "smith", "didn't", "pay", "1,000.50", "to", "the", "u.s", "treasury"])
        #expect(tokens.map(\.sentence) == [0, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(tokens[4].kind == .number)
        #expect(tokens[0].surface == "Mr")
    }

    @Test func hyphensQuotesAndCurlyApostrophes() throws {
        let forms = try forms("“Well-being” is the people’s ‘key’ COVID-19 goal.", language: "en")
        #expect(forms == ["well", "being", "is", "the", "people’s", "key", "covid", "19", "goal"])
    }

    @Test func fullWidthLettersAndDigitsFoldToASCII() throws {
        let tokens = try tokenize(["ＡＢＣ１２ and Ｄｅｆ １２ＡＢＣ"])[0]
        #expect(tokens.map(\.form) == ["abc12", "and", "def", "12abc"])
        #expect(tokens.map(\.surface) == ["ＡＢＣ１２", "and", "Ｄｅｆ", "１２ＡＢＣ"])
        // ICU reports the status of the last rule in a chain: letters then digits end on
        // the digit rule (number), digits then letters on the letter rule.
        #expect(tokens.map(\.kind) == [.number, .letter, .letter, .letter])
    }

    @Test func keepCaseUsesNFKCWithoutFolding() throws {
        let forms = try forms("Safe ＣＨＩＮＡ", configure: { $0.keepCase = true })
        #expect(forms == ["Safe", "CHINA"])
    }

    @Test func noNumbersDropsNumberTokens() throws {
        let forms = try forms("In 2024 we built 3 roads", configure: { $0.dropNumbers = true })
        #expect(forms == ["in", "we", "built", "roads"])
    }

    @Test func nfdInputIsComposedBeforeSegmenting() throws {
        let tokens = try tokenize(["cafe\u{301} CAFÉ"])[0]
        #expect(tokens.map(\.form) == ["café", "café"])
        #expect(tokens[0].surface == "café")
        #expect(tokens[0].surface.unicodeScalars.count == 4)
    }

    @Test func chineseDictionarySegmentationAndFullWidthPunctuation() throws {
        let tokens = try tokenize(["我们的国家，我们的人民。"], language: "zh")[0]
        #expect(tokens.map(\.form) == ["我们", "的", "国家", "我们", "的", "人民"])
        #expect(tokens.allSatisfy { $0.kind == .ideographic })
    }

    @Test func traditionalInputMapsToSimplifiedWithOption() throws {
        let mapped = try tokenize(["我們的國家"], language: "zh", configure: { $0.simplified = true })[0]
        #expect(mapped.map(\.form) == ["我们", "的", "国家"])
        #expect(mapped.map(\.surface) == ["我们", "的", "国家"])  // offsets refer to the mapped text
        let unmapped = try forms("我們的國家", language: "zh")
        #expect(unmapped.joined() == "我們的國家")
    }

    @Test func kanaStatusRangeMapsToKanaKind() throws {
        #expect(TokenKind(ruleStatus: 300) == .kana)
        #expect(TokenKind(ruleStatus: 399) == .kana)
        #expect(TokenKind(ruleStatus: 400) == .ideographic)
        #expect(TokenKind(ruleStatus: 99) == nil)
        #expect(TokenKind(ruleStatus: 500) == nil)
        // ICU 72 hands runs of kana to its CJK dictionary engine, whose words carry the
        // ideographic status (400); kana status 300 comes only from the rules.
        let tokens = try tokenize(["カタカナ"], language: "ja")[0]
        #expect(tokens.map(\.form) == ["カタカナ"])
    }

    @Test func sentencesWithoutTokensAreNotNumbered() throws {
        let tokens = try tokenize(["One. ... !!! Two."], language: "en")[0]
        #expect(tokens.map(\.sentence) == [0, 1])
    }

    @Test func emptyAndPunctuationOnlyDocumentsHaveNoTokens() throws {
        let documents = try tokenize(["", "。。。 --- !!!"])
        #expect(documents[0].isEmpty)
        #expect(documents[1].isEmpty)
    }
}
