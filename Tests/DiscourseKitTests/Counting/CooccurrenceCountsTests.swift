import Testing
@testable import DiscourseKit

/// 2×2 tables counted on paper for each scope (SPEC §4).
struct CooccurrenceCountsTests {
    /// Rows as "node collocate o11 r1 c1 n", in output order.
    func rows(_ texts: [(String, String)], metadata: [String: [String: String]] = [:], by field: String? = nil,
              configure: (inout CooccurrenceOptions) -> Void = { _ in },
              tokens: (inout TokenizerConfiguration) -> Void = { _ in }) throws -> [String] {
        var corpus = makeCorpus(texts, metadata: metadata)
        var configuration = TokenizerConfiguration()
        configuration.keepOffsets = false
        tokens(&configuration)
        let tokenized = try TokenPipeline.run(&corpus, configuration: configuration)
        var options = CooccurrenceOptions()
        configure(&options)
        let grouping = try Grouping(corpus, by: field)
        let counter = CooccurrenceCounter(tokenized, grouping: grouping, options: options)
        return grouping.groups.indices.flatMap { g in
            counter.count(group: g).rows(minCooccurrence: 1, top: nil, sort: .logDice, vocabulary: tokenized.vocabulary).map {
                let t = $0.table
                return "\(tokenized.vocabulary.forms[Int($0.node)]) \(tokenized.vocabulary.forms[Int($0.collocate)]) \(Int(t.o11)) \(Int(t.r1)) \(Int(t.c1)) \(Int(t.n))"
            }
        }
    }

    @Test func windowScopeMergesOverlappingWindows() throws {
        // a b a c, w = 1: W(a) = {1, 3}, W(b) = {0, 2}, W(c) = {2}.
        let result = try rows([("d", "a b a c")], configure: { $0.span = 1 })
        #expect(result == ["a b 1 2 1 4", "a c 1 2 1 4", "b a 2 2 2 4", "c a 1 1 2 4"])
    }

    @Test func windowPositionsCountOncePerNode() throws {
        // x a x, w = 2: both occurrences of x see position 1, W(x) = {1}, so R1 = 1, O11 = 1.
        let result = try rows([("d", "x a x")], configure: { $0.span = 2 })
        #expect(result == ["a x 2 2 2 3", "x a 1 1 1 3"])
    }

    @Test func stopwordsHoldTheirPlaceButAreNeitherNodeNorCollocate() throws {
        // a the b: with w = 1 the stopword sits between a and b, so they never meet;
        // with w = 2 they do, and the stopword's position still counts in R1.
        let narrow = try rows([("d", "a the b")], configure: { $0.span = 1 }, tokens: { $0.stopwords = ["the"] })
        #expect(narrow.isEmpty)
        let wide = try rows([("d", "a the b")], configure: { $0.span = 2 }, tokens: { $0.stopwords = ["the"] })
        #expect(wide == ["a b 1 2 1 3", "b a 1 2 1 3"])
    }

    @Test func windowsStopAtSentenceEndsUnlessCrossing() throws {
        // Capitals after the full stops: before a lower-case letter a full stop does not end
        // a sentence (UAX #29, SB8).
        let within = try rows([("d", "A b. C d.")])
        #expect(within == ["a b 1 1 1 4", "b a 1 1 1 4", "c d 1 1 1 4", "d c 1 1 1 4"])
        let crossing = try rows([("d", "A b. C d.")], configure: { $0.crossSentences = true })
        #expect(crossing.contains("b c 1 3 1 4"))
    }

    @Test func sentenceScopeCountsUnitsSymmetrically() throws {
        // Sentences {a, b}, {a, c}, {b}: N = 3, a in 2, b in 2, c in 1.
        let result = try rows([("d", "A b. A c a. B.")], configure: { $0.scope = .sentence })
        #expect(result == ["a b 1 2 2 3", "a c 1 2 1 3", "b a 1 2 2 3", "c a 1 1 2 3"])
    }

    @Test func documentScopeCountsDocumentsWithTokens() throws {
        let result = try rows([("d1", "a b."), ("d2", "a. c."), ("d3", "..."), ("d4", "b a b")], configure: { $0.scope = .document })
        #expect(result == ["a b 2 3 2 3", "a c 1 3 1 3", "b a 2 2 3 3", "c a 1 1 3 3"])
    }

    @Test func tokenMarginsCountOccurrenceWindowPairs() throws {
        // a b a c, w = 1: occurrence 0 of a sees b; occurrence 2 sees b and c: O11(a, b) = 2,
        // R1 = f(a) = 2, so O21 = f(b) − 2 = −1.
        let result = try rows([("d", "a b a c")], configure: { $0.span = 1; $0.margins = .tokens })
        #expect(result == ["a b 2 2 1 4", "a c 1 2 1 4", "b a 2 1 2 4", "c a 1 1 2 4"])
    }

    @Test func minimumFrequencyAndNodesRestrictTypes() throws {
        let frequent = try rows([("d", "a b a c")], configure: { $0.span = 1; $0.minFrequency = 2 })
        #expect(frequent.isEmpty)  // only a occurs twice, and it never meets itself
        let onlyB = try rows([("d", "a b a c")], configure: { $0.span = 1; $0.nodes = ["b"] })
        #expect(onlyB == ["b a 2 2 2 4"])
    }

    @Test func chineseWindowTable() throws {
        // 我们 的 国家 | 我们 的 人民, w = 1, N = 6.
        let result = try rows([("d", "我们的国家。我们的人民。")], metadata: ["d": ["lang": "zh"]], configure: { $0.span = 1 })
        #expect(result == ["人民 的 1 1 2 6", "国家 的 1 1 2 6", "我们 的 2 2 2 6",
                           "的 我们 2 4 2 6", "的 人民 1 4 1 6", "的 国家 1 4 1 6"])
    }

    @Test func groupsAreCountedSeparately() throws {
        let result = try rows([("d1", "a b"), ("d2", "a b c")], metadata: ["d1": ["session": "1"], "d2": ["session": "2"]],
                              by: "session", configure: { $0.span = 1 })
        #expect(result == ["a b 1 1 1 2", "b a 1 1 1 2", "a b 1 1 1 3", "b a 1 2 1 3", "b c 1 2 1 3", "c b 1 1 1 3"])
    }

    @Test func windowTablesAreConsistentOnTheSeed() throws {
        let seed = try String(contentsOf: packageRoot.appendingPathComponent("seeds/000_c3fb2cc5e3db7355.txt"), encoding: .utf8)
        var corpus = makeCorpus([("seed", seed)], metadata: ["seed": ["lang": "en"]])
        var configuration = TokenizerConfiguration()
        configuration.stopwords = BuiltinStopwords.english
        let tokenized = try TokenPipeline.run(&corpus, configuration: configuration)
        for scope in CooccurrenceScope.allCases {
            var options = CooccurrenceOptions()
            options.scope = scope
            let counts = CooccurrenceCounter(tokenized, grouping: try Grouping(corpus, by: nil), options: options).count(group: 0)
            let rows = counts.rows(minCooccurrence: 1, top: nil, sort: .mi, vocabulary: tokenized.vocabulary)
            #expect(!rows.isEmpty)
            var byPair: [String: ContingencyTable] = [:]
            for row in rows {
                let t = row.table
                #expect(t.o11 <= t.r1 && t.o11 <= t.c1 && t.o22 >= 0, "\(scope)")
                #expect(!tokenized.vocabulary.isStopword[Int(row.node)] && !tokenized.vocabulary.isStopword[Int(row.collocate)])
                for measure in AssociationMeasure.allCases {
                    if let value = measure.value(t) { #expect(value.isFinite) }
                }
                byPair["\(row.node) \(row.collocate)"] = t
            }
            if scope != .window {
                for row in rows {
                    let mirror = try #require(byPair["\(row.collocate) \(row.node)"])
                    #expect(mirror.o11 == row.table.o11 && mirror.r1 == row.table.c1 && mirror.c1 == row.table.r1)
                }
            }
        }
    }
}
