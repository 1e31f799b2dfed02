import Foundation
import Testing
@testable import DiscourseKit

/// Counts worked on paper (SPEC §3).
struct NgramCountsTests {
    /// d1 (session 2): "safe china | safe china is safe" (two sentences, 6 tokens);
    /// d2 (session 1): "build a safe china" (4 tokens); d3 (session 10): "safe safe china".
    let corpus = makeCorpus(
        [("d1", "Safe China. Safe China is safe."), ("d2", "Build a safe China."), ("d3", "Safe, safe China.")],
        metadata: ["d1": ["session": "2"], "d2": ["session": "1"], "d3": ["session": "10"]])

    @Test func bigramsStayInsideSentencesAndGroupsFollowNumericOrder() throws {
        let rows = try ngramRows(corpus, by: "session", sizes: 2...2)
        #expect(rows.map(\.description) == [
            "1|2|a safe|1|1", "1|2|build a|1|1", "1|2|safe china|1|1",
            "2|2|safe china|2|1", "2|2|china is|1|1", "2|2|is safe|1|1",
            "10|2|safe china|1|1", "10|2|safe safe|1|1",
        ])
    }

    @Test func crossSentencesAddsTheBigramOverTheBoundary() throws {
        let rows = try ngramRows(corpus, by: "session", sizes: 2...2, crossSentences: true)
        #expect(rows.filter { $0.group == "2" }.map(\.ngram) == ["safe china", "china is", "china safe", "is safe"])
    }

    @Test func unigramCountsPerMillionAndDocFreq() throws {
        let rows = try ngramRows(corpus, by: nil, sizes: 1...3)
        let safe = try #require(rows.first { $0.n == 1 && $0.ngram == "safe" })
        #expect(safe.count == 6)
        #expect(safe.docFreq == 3)
        #expect(safe.perMillion == 6.0 / 13.0 * 1_000_000)
        let safeChina = try #require(rows.first { $0.n == 2 && $0.ngram == "safe china" })
        #expect((safeChina.count, safeChina.docFreq) == (4, 3))
        #expect(rows.filter { $0.n == 3 }.map(\.ngram) == ["a safe china", "build a safe", "china is safe", "safe china is", "safe safe china"])
    }

    /// A group with more distinct words than a unigram table makes room for at first
    /// (32,768): the table grows and every word keeps its count. 40,000 four-letter words
    /// ("aaaa", "aaab", ...), each once, then "aaaa" 9 times more, in sentences of 100 words.
    @Test func unigramTablesGrowPastTheirFirstRoom() throws {
        func word(_ i: Int) -> String {
            String(String.UnicodeScalarView((0..<4).reversed().map { k in Unicode.Scalar(UInt8(97 + i / Int(pow(26.0, Double(k))) % 26)) }))
        }
        let words = (0..<40_000).map(word) + Array(repeating: "aaaa", count: 9)
        let text = stride(from: 0, to: words.count, by: 100).map { words[$0 ..< min($0 + 100, words.count)].joined(separator: " ") + "." }
            .joined(separator: " ")
        #expect(NgramCounter.Unit.room(n: 1, tokens: words.count, vocabularySize: 40_000) == 32_768)
        #expect(NgramCounter.Unit.room(n: 2, tokens: words.count, vocabularySize: 40_000) == words.count)
        #expect(NgramCounter.Unit.room(n: 1, tokens: 500, vocabularySize: 300) == 300)
        let rows = try ngramRows(makeCorpus([("d", text)]), by: nil, sizes: 1...1)
        #expect(rows.count == 40_000)
        #expect(rows.first?.description == "all|1|aaaa|10|1")
        #expect(rows.dropFirst().allSatisfy { $0.count == 1 })
        #expect(Set(rows.map(\.ngram)) == Set(words))
    }

    @Test func minCountKeepsRowsAtOrAboveTheThreshold() throws {
        let rows = try ngramRows(corpus, by: nil, sizes: 1...1, minCount: 2)
        #expect(rows.map(\.description) == ["all|1|safe|6|3", "all|1|china|4|3"])
    }

    @Test func stopwordsDropNgramsWithoutMakingFalseNeighbours() throws {
        let corpus = makeCorpus([("d", "The security of the people and the security of the nation.")])
        let rows = try ngramRows(corpus, by: nil, sizes: 1...2, configure: { $0.stopwords = ["the", "OF", "and"] })
        #expect(rows.map(\.description) == ["all|1|security|2|1", "all|1|nation|1|1", "all|1|people|1|1"])
        // Tokens still count the stopwords: 11 tokens.
        let security = try #require(rows.first)
        #expect(security.perMillion == 2.0 / 11.0 * 1_000_000)
    }

    @Test func chineseBigramsUseOneSpaceBetweenForms() throws {
        let corpus = makeCorpus([("d", "我们的国家。我们的人民。")], metadata: ["d": ["lang": "zh"]])
        let rows = try ngramRows(corpus, by: nil, sizes: 2...2)
        #expect(rows.map(\.description) == ["all|2|我们 的|2|1", "all|2|的 人民|1|1", "all|2|的 国家|1|1"])
    }

    static let congress = packageRoot.appendingPathComponent("Corpora/cpc-congress-reports")

    /// Two ways of counting a real corpus give the same rows: hash tables then a sort of the
    /// counted rows (`tableRows`), and a sort of every occurrence (`orderedRows`, what
    /// `ngrams` does on a fine grouping), with each option that changes which n-grams count.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: congress.path), "needs Corpora/cpc-congress-reports"))
    func countingBySortingGivesTheTablesRowsOnTheCongressReports() throws {
        let loaded = try CorpusLoader().load(Self.congress.path)
        for (by, sizes, minCount, cross, stopwords) in [("session", 1...4, 1, false, false), ("date", 2...3, 2, true, false),
                                                       ("session", 1...3, 1, false, true)] {
            let counter = try ngramCounter(loaded, by: by, sizes: sizes, minCount: minCount, crossSentences: cross) {
                if stopwords { $0.stopwords = ["的", "和", "在", "是", "了", "我们"] }
            }
            func flat(_ group: NgramGroupRows) -> [Int] {
                var all = [group.summary.tokens, group.summary.sentences, group.summary.types]
                group.forEachRow { n, ranks, count, documents in all += [n, count, documents] + ranks.map { Int($0) } }
                return all
            }
            var rows = 0
            for g in 0..<counter.groupCount {
                let tables = counter.tableRows(group: g, splitting: false)
                rows += tables.rowCount
                let (sorted, counted) = (flat(counter.orderedRows(group: g, splitting: false)), flat(tables))
                let differ = zip(sorted, counted).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? (sorted.count == counted.count ? nil : min(sorted.count, counted.count))
                #expect(differ == nil, "--by \(by), group \(g): the rows differ from value \(differ ?? 0) on")
            }
            #expect(rows > 10_000)
        }
    }
}
