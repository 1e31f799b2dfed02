import Foundation
import ICUText
import Testing
@testable import DiscourseKit

/// The term matcher walks runs a form id at a time; SPEC §2.6 defines a match on the
/// normalized text span. These tests compare the two: an oracle here normalizes every span
/// of the plain token stream like a term line and takes the longest match, left to right.
struct TermMatcherTests {
    /// One token of the expected or actual stream: its UTF-16 range and form.
    struct Span: Equatable, CustomStringConvertible {
        var start: Int32
        var end: Int32
        var form: String
        var description: String { "\(start)..<\(end) \(form)" }
    }

    /// The tokens SPEC §2.6 asks for: for each token, the longest run in its sentence whose
    /// text, normalized like a line, is a term line (or a variant); else the token itself.
    static func oracle(_ texts: [String], language: String, terms: [String]) throws -> [[Span]] {
        var configuration = TokenizerConfiguration()
        configuration.defaultLanguage = language
        let normalizer = try LineNormalizer(configuration)
        var lines: [[UInt16]: String] = [:]
        var longest = 0
        for line in terms {
            let variants = TermList.variants(of: line)
            for variant in variants {
                let normalized = normalizer.normalize(variant)
                if lines[normalized] == nil { lines[normalized] = normalizer.form(of: variants[0]) }
                longest = max(longest, normalized.count)
            }
        }
        var corpus = makeCorpus(texts.enumerated().map { ("d\($0.offset)", $0.element) })
        let plain = try TokenPipeline.run(&corpus, configuration: configuration)
        return plain.documents.map { document in
            let sentences = document.sentenceOfEachToken()
            var spans: [Span] = []
            var i = 0
            while i < document.count {
                var best: (Int, String)?
                var j = i
                while j < document.count && sentences[j] == sentences[i] {
                    let text = String(decoding: document.text[Int(document.starts[i])..<Int(document.ends[j])], as: UTF16.self)
                    let span = normalizer.normalize(text)
                    if span.count > longest { break }
                    if let form = lines[span] { best = (j, form) }
                    j += 1
                }
                if let (last, form) = best {
                    spans.append(Span(start: document.starts[i], end: document.ends[last], form: form))
                    i = last + 1
                } else {
                    spans.append(Span(start: document.starts[i], end: document.ends[i], form: plain.vocabulary.forms[Int(document.forms[i])]))
                    i += 1
                }
            }
            return spans
        }
    }

    /// The tokens the pipeline gives with the terms.
    static func matched(_ texts: [String], language: String, terms: [String]) throws -> [[Span]] {
        var configuration = TokenizerConfiguration()
        configuration.defaultLanguage = language
        configuration.terms = terms
        var corpus = makeCorpus(texts.enumerated().map { ("d\($0.offset)", $0.element) })
        let tokens = try TokenPipeline.run(&corpus, configuration: configuration)
        return tokens.documents.map { document in
            (0..<document.count).map { t in
                Span(start: document.starts[t], end: document.ends[t], form: tokens.vocabulary.forms[Int(document.forms[t])])
            }
        }
    }

    @Test func englishRunsWithSpacesPunctuationAndWidthsMatchAsTheirText() throws {
        let texts = [
            "The ＷＡＲ　ＯＮ　ＴＥＲＲＯＲ began; the war on \t terror went on. The war-on-terror, the war, on terror.",
            "Johnson & Johnson, J&J and Johnson  &  Johnson; not Johnson and Johnson. Health care: health-care reform.",
            "Labour and labor policy; the Labour Party; labour party politics.",
        ]
        let terms = ["war on terror", "Johnson & Johnson = J&J", "health-care reform", "labour party = labor party"]
        let matched = try Self.matched(texts, language: "en", terms: terms)
        #expect(matched == (try Self.oracle(texts, language: "en", terms: terms)))
        let forms = matched.map { $0.map(\.form) }
        #expect(forms[0].filter { $0 == "war_on_terror" }.count == 2)
        #expect(forms[0].contains("war-on-terror") == false && forms[0].contains("war"))
        #expect(forms[1].filter { $0 == "johnson_&_johnson" }.count == 3)
        #expect(forms[1].contains("health-care_reform"))
        #expect(forms[2].filter { $0 == "labour_party" }.count == 2)
    }

    @Test func chineseRunsAcrossPunctuationAndFullWidthForms() throws {
        let texts = ["坚持改革，开放。推进改革开放，改革、开放和发展；新质生产力加快发展，发展新质 生产力。"]
        let terms = ["改革,开放", "改革开放", "新质生产力", "加快发展"]
        let matched = try Self.matched(texts, language: "zh", terms: terms)
        #expect(matched == (try Self.oracle(texts, language: "zh", terms: terms)))
        let forms = matched[0].map(\.form)
        // The full-width comma normalizes to a comma, so 改革，开放 spells the line 改革,开放.
        #expect(forms.filter { $0 == "改革,开放" }.count == 1)
        #expect(forms.filter { $0 == "改革开放" }.count == 1)
        #expect(forms.filter { $0 == "新质生产力" }.count == 1)  // not across the space
    }

    static let reports = packageRoot.appendingPathComponent("Corpora/cn-gov-work-reports/texts")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: reports.path), "needs Corpora/cn-gov-work-reports"))
    func governmentWorkReportsWithTheBuiltinListMatchTheOracle() throws {
        let texts = try ["gwr-1954-zh.txt", "gwr-1979-zh.txt", "gwr-2003-zh.txt", "gwr-2024-zh.txt"].map {
            try String(contentsOf: Self.reports.appendingPathComponent($0), encoding: .utf8)
        }
        let terms = try LineFile.termLines("zh-politics")
        let matched = try Self.matched(texts, language: "zh", terms: terms)
        let expected = try Self.oracle(texts, language: "zh", terms: terms)
        for (document, (got, want)) in zip(matched, expected).enumerated() {
            let difference = zip(got, want).first { $0 != $1 }
            #expect(got == want, "document \(document): first difference \(String(describing: difference))")
        }
        #expect(matched.joined().filter { $0.form == "高质量发展" }.count >= 10)
    }

    /// The matcher treats ASCII and the common CJK ideographs as always beginning a
    /// normalization segment without asking ICU; ICU agrees for every one of them.
    @Test func asciiAndCommonIdeographsAlwaysBeginASegment() throws {
        for form in [NormalizationForm.nfkcCasefold, .nfkc] {
            let normalizer = try Normalizer(form)
            for unit in Array(UInt16(0)..<0x80) + Array(UInt16(0x4E00)...0x9FFF) {
                let begins = [unit].withUnsafeBufferPointer { normalizer.hasBoundaryBefore($0) }
                #expect(begins, "U+\(String(unit, radix: 16))")
                if !begins { return }
            }
            // A combining mark does not: it changes the character before it.
            #expect(![UInt16(0x301)].withUnsafeBufferPointer { normalizer.hasBoundaryBefore($0) })
        }
    }
}
