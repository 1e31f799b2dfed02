import Testing
@testable import DiscourseKit

/// Multi-word terms (SPEC §2.6): matched on normalized text spans, longest first, inside one
/// sentence.
struct TermTests {
    @Test func englishTermsMatchAcrossCaseAndSpacingButNotPunctuation() throws {
        let tokens = try tokenize(["We implement the Overall  National Security concept. Safe, China is not safe China."],
                                  language: "en", configure: { $0.terms = ["overall national security concept", "Safe China"] })[0]
        #expect(tokens.map(\.form) == ["we", "implement", "the", "overall_national_security_concept",
                                       "safe", "china", "is", "not", "safe_china"])
        #expect(tokens[3].kind == .term)
        #expect(tokens[3].surface == "Overall  National Security concept")
        #expect(tokens.map(\.sentence) == [0, 0, 0, 0, 1, 1, 1, 1, 1])
    }

    @Test func chineseTermIsFoundHoweverICUSplitsIt() throws {
        let forms = try forms("坚持总体国家安全观。", language: "zh", configure: { $0.terms = ["总体国家安全观"] })
        #expect(forms == ["坚持", "总体国家安全观"])
    }

    @Test func hyphenatedTermAndLongestMatch() throws {
        let forms = try forms("The COVID-19 pandemic hit national security concept work.", language: "en", configure: {
            $0.terms = ["COVID-19 pandemic", "national security", "national security concept"]
        })
        #expect(forms == ["the", "covid-19_pandemic", "hit", "national_security_concept", "work"])
    }

    @Test func termsDoNotCrossSentencesOrStartInsideAWord() throws {
        let forms = try forms("Safe China. China is safe. Unsafe China.", language: "en",
                              configure: { $0.terms = ["china china", "safe china"] })
        #expect(forms == ["safe_china", "china", "is", "safe", "unsafe", "china"])
    }

    @Test func traditionalTermLineMatchesSimplifiedText() throws {
        let forms = try forms("堅持總體國家安全觀", language: "zh",
                              configure: { $0.terms = ["總體國家安全觀"]; $0.simplified = true })
        #expect(forms == ["坚持", "总体国家安全观"])
    }
}
