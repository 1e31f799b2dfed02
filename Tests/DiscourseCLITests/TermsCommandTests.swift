import Foundation
import Testing

/// `terms suggest`, term variants (`canonical = variant`) and the built-in `zh-politics` list
/// (issue: fixed formulations as whole terms).
@Suite struct TermsCommandTests {
    func close(_ text: String?, _ value: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let text, let parsed = Double(text) else { return false }
        return abs(parsed - value) <= tolerance * max(1, abs(value))
    }

    /// Worked on paper: "new deal. new deal and old deal. the new deal." with stopwords the
    /// and and is 10 tokens; new 3, deal 4, "new deal" 3. The other runs seen twice have a
    /// stopword at an edge, so "new deal" is the only candidate.
    @Test func suggestsTheOneCandidateWithItsMeasures() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", "New deal. New deal and old deal. The new deal.")
        try folder.write("stop.txt", "the\nand\n")
        let result = try CLI.run(["terms", "suggest", folder.path("c"), "--stopwords", folder.path("stop.txt"),
                                  "--min-count", "2", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = records(try folder.read("out/term_candidates.csv"))
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row["candidate"] == "new deal" && row["tokens"] == "new deal" && row["n"] == "2")
        #expect(row["count"] == "3" && row["doc_freq"] == "1" && row["groups_present"] == "1")
        // PMI = log2(3 · 10 / (3 · 4)).
        #expect(close(row["cohesion"], log2(2.5)))
        // Left: two sentence starts and the stopword "the", boundaries each; right: two
        // sentence ends and "and". Three equally likely neighbours: log2 3 bits.
        #expect(close(row["left_entropy"], log2(3.0)))
        #expect(close(row["right_entropy"], log2(3.0)))
        // No longer candidate contains it: C-value = log2 2 · 3.
        #expect(close(row["c_value"], 3))
        #expect(close(row["score"], 3 * log2(3.0)))
        #expect(try folder.read("out/terms-suggested.txt").split(separator: "\n").filter { !$0.hasPrefix("#") } == ["new deal"])
    }

    /// "the" before every "soviet union": as a stopword it is a boundary of its own at each
    /// occurrence (log2 3 for three), not one neighbour always the same (0).
    @Test func aStopwordNeighbourIsABoundary() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", "Talks with the Soviet Union. Trade and the Soviet Union grew. Against the Soviet Union, nothing.")
        let result = try CLI.run(["terms", "suggest", folder.path("c"), "--stopwords", "en", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let row = try #require(records(result.text).first { $0["candidate"] == "soviet union" })
        #expect(close(row["left_entropy"], log2(3.0)))
        // Right: a sentence end, "grew", and a comma.
        #expect(close(row["right_entropy"], log2(3.0)))
    }

    @Test func numbersAndStopwordsAreNoEdgesAndLimitsAreChecked() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", "In 1990 budget cuts came. In 1990 budget cuts came. In 1990 budget cuts came.")
        let result = try CLI.run(["terms", "suggest", folder.path("c"), "--stopwords", "en", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let candidates = records(result.text).map { $0["candidate"]! }
        #expect(candidates.contains("budget cuts came") && candidates.contains("budget cuts"))
        #expect(!candidates.contains { $0.hasPrefix("in ") || $0.hasPrefix("1990") || $0.hasSuffix(" 1990") })
        let tooLong = try CLI.run(["terms", "suggest", folder.path("c"), "--max-length", "21", "--out", "-"])
        #expect(tooLong.status != 0 && tooLong.stderr.contains("--max-length must be from 2 to 20"))
        let noTop = try CLI.run(["terms", "suggest", folder.path("c"), "--top", "0", "--out", "-"])
        #expect(noTop.status != 0 && noTop.stderr.contains("--top must be at least 1"))
    }

    /// `a = b` in a terms file: every table shows the canonical term, tokens.csv keeps how
    /// each occurrence was written.
    @Test func variantsCountAsTheCanonicalTermInEveryTable() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,year\nd1,2020\nd2,2021\nd3,2022\n")
        try folder.write("c/d1.txt", "The war on terror began. The War on Terrorism goes on.")
        try folder.write("c/d2.txt", "The war on terrorism ended.")
        try folder.write("c/d3.txt", "No war here.")
        try folder.write("terms.txt", "war on terror = war on terrorism\n")
        let terms = ["--terms", folder.path("terms.txt")]

        let tokens = try CLI.run(["tokens", folder.path("c")] + terms + ["--out", "-"])
        #expect(tokens.status == 0, "\(tokens.stderr)")
        let termRows = records(tokens.text).filter { $0["kind"] == "term" }
        #expect(termRows.map { $0["form"]! } == ["war_on_terror", "war_on_terror", "war_on_terror"])
        #expect(termRows.map { $0["surface"]! } == ["war on terror", "War on Terrorism", "war on terrorism"])

        let ngrams = try CLI.run(["ngrams", folder.path("c")] + terms + ["--out", "-"])
        let unigrams = records(ngrams.text)
        let term = try #require(unigrams.first { $0["ngram"] == "war_on_terror" })
        #expect(term["count"] == "3" && term["doc_freq"] == "2")
        #expect(!unigrams.contains { $0["ngram"]!.contains("terrorism") })

        // A node naming the variant finds the term, with each occurrence as written.
        let kwic = try CLI.run(["kwic", folder.path("c"), "--node", "war on terrorism"] + terms + ["--out", "-"])
        #expect(kwic.status == 0, "\(kwic.stderr)")
        #expect(records(kwic.text).map { $0["match"]! } == ["war on terror", "War on Terrorism", "war on terrorism"])

        let cooccur = try CLI.run(["cooccur", folder.path("c"), "--window", "2", "--min-cooc", "1"] + terms + ["--out", "-"])
        #expect(cooccur.status == 0, "\(cooccur.stderr)")
        let pairs = records(cooccur.text)
        #expect(pairs.contains { $0["node"] == "war_on_terror" || $0["collocate"] == "war_on_terror" })
        #expect(!pairs.contains { $0["node"]!.contains("terrorism") || $0["collocate"]!.contains("terrorism") })
    }

    /// `--track` with `a = b` and no --terms: the trigrams' counts add up per year.
    /// Tokens: 2020 11 (d1), 2021 5, 2022 3.
    @Test func trackedVariantGroupsAddUp() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,year\nd1,2020\nd2,2021\nd3,2022\n")
        try folder.write("c/d1.txt", "The war on terror began. The War on Terrorism goes on.")
        try folder.write("c/d2.txt", "The war on terrorism ended.")
        try folder.write("c/d3.txt", "No war here.")
        try folder.write("track.txt", "war on terror = war on terrorism\nwar\n")
        let result = try CLI.run(["trends", folder.path("c"), "--by", "year", "--track", folder.path("track.txt"), "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = records(result.text).filter { $0["term"] == "war on terror" }
        #expect(rows.map { $0["group"]! } == ["2020", "2021", "2022"])
        #expect(rows.map { $0["count"]! } == ["2", "1", "0"])
        #expect(rows.map { $0["doc_freq"]! } == ["1", "1", "0"])
        #expect(close(rows[0]["per_million"], 2.0 / 11 * 1_000_000, 1e-9))
        #expect(close(rows[1]["per_million"], 1.0 / 5 * 1_000_000, 1e-9))
        let war = records(result.text).filter { $0["term"] == "war" }.map { $0["count"]! }
        #expect(war == ["2", "1", "1"])
    }

    /// Terms last seen before the last group, with their count there, the groups before, and
    /// their peak per million. Years: 2020 "a b c." (3 tokens), 2021 "a b." (2), 2022 "c c c c." (4).
    @Test func vanishedTermsAreCountedOnPaper() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,year\nd1,2020\nd2,2021\nd3,2022\n")
        try folder.write("c/d1.txt", "alpha beta gamma.")
        try folder.write("c/d2.txt", "alpha beta.")
        try folder.write("c/d3.txt", "gamma gamma gamma gamma.")
        let result = try CLI.run(["compare", folder.path("c"), "--by", "year", "--min-count", "1", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = records(try folder.read("out/vanished_terms.csv"))
        // alpha and beta: last in 2021 with 1 each (ties in code point order), present in one
        // of the one group before it; per million 333,333 in 2020 < 500,000 in 2021.
        #expect(rows.map { $0["term"]! } == ["alpha", "beta"])
        #expect(rows.allSatisfy { $0["last_group"] == "2021" && $0["count"] == "1" && $0["groups_present_before"] == "1"
                && $0["groups_before"] == "1" && $0["peak_group"] == "2021" })
    }

    @Test func termListsAddUpAndAnUnknownNameIsAnError() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", "推动高质量发展，发展新质生产力。")
        try folder.write("mine.txt", "新质生产力\n")
        let both = try CLI.run(["ngrams", folder.path("c"), "--terms", "zh-politics", "--terms", folder.path("mine.txt"), "--out", "-"])
        #expect(both.status == 0, "\(both.stderr)")
        let grams = records(both.text).map { $0["ngram"]! }
        #expect(grams.contains("高质量发展") && grams.contains("新质生产力"))
        let unknown = try CLI.run(["ngrams", folder.path("c"), "--terms", "zh-policy", "--out", "-"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("zh-policy") && unknown.stderr.contains("zh-politics"))
    }
}

/// `terms suggest` and `--terms zh-politics` on the government work reports.
@Suite struct FormulationCorpusTests {
    /// 92 formulations of the reports that ICU's dictionary splits, each in at least three
    /// reports (Tests/DiscourseCLITests/Fixtures/gwr-formulations.txt).
    static let reference: [String] = {
        let file = packageRoot.appendingPathComponent("Tests/DiscourseCLITests/Fixtures/gwr-formulations.txt")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }()

    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func wholeFormulationsRankAboveTheirFragmentsAndRecallHolds() throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run(["terms", "suggest", governmentReports.path, "--where", "language=zh", "--stopwords", "zh",
                                  "--by", "year", "--top", "500", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = records(try folder.read("out/term_candidates.csv"))
        var rank: [String: Int] = [:]
        for (i, row) in rows.enumerated() where rank[row["candidate"]!] == nil { rank[row["candidate"]!] = i + 1 }
        func above(_ whole: String, _ fragments: [String]) -> Bool {
            guard let w = rank[whole] else { return false }
            return fragments.allSatisfy { rank[$0].map { w < $0 } ?? true }
        }
        #expect(above("新质生产力", ["新质", "质生产力"]))
        #expect(above("高质量发展", ["高质量", "质量发展"]))
        #expect(above("供给侧结构性改革", ["结构性改革", "供给侧"]))
        // Recall of the reference formulations among the 500 suggested.
        #expect(Self.reference.count == 92)
        let suggested = Set(try folder.read("out/terms-suggested.txt").split(separator: "\n").map(String.init))
        let found = Self.reference.filter(suggested.contains)
        #expect(found.count >= 42, "recall@500 \(found.count)/92")
    }

    /// With `--terms zh-politics`, 新质生产力, 高质量发展 and 疫情 are single tokens, and their
    /// fragments are gone. Their counts against their occurrences in the plain texts (疫情 less
    /// those inside 疫情防控, an entry of its own): equal, or a little lower where ICU's
    /// dictionary puts a word boundary across the term's edge, where SPEC §2.6 does not match
    /// (迈|向高|质量|发展, 严|防疫|情).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func builtinListMakesFormulationsSingleTokens() throws {
        let result = try CLI.run(["ngrams", governmentReports.path, "--where", "language=zh", "--terms", "zh-politics", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        var counts: [String: Int] = [:]
        for row in records(result.text) { counts[row["ngram"]!] = Int(row["count"]!) }
        let texts = try FileManager.default.contentsOfDirectory(atPath: governmentReports.appendingPathComponent("texts").path)
            .filter { $0.hasSuffix(".txt") }
            .map { try String(contentsOf: governmentReports.appendingPathComponent("texts/\($0)"), encoding: .utf8) }
        func occurrences(_ term: String) -> Int { texts.reduce(0) { $0 + $1.components(separatedBy: term).count - 1 } }
        func nearly(_ count: Int?, _ plain: Int) -> Bool {
            guard let count else { return false }
            return count <= plain && Double(count) >= 0.95 * Double(plain)
        }
        #expect(counts["新质生产力"] == occurrences("新质生产力") && occurrences("新质生产力") >= 3)
        #expect(nearly(counts["高质量发展"], occurrences("高质量发展")))
        #expect(nearly(counts["疫情"], occurrences("疫情") - occurrences("疫情防控")))
        #expect(nearly(counts["疫情防控"], occurrences("疫情防控")))
        #expect(counts["新质"] == nil && counts["高质量"] == nil)
    }

    /// A study's `terms` analysis, with the built-in list and a file in `tokens.terms`, writes
    /// the command's files byte for byte; run.json lists the file among its inputs, not the
    /// built-in list.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func studyTermsAnalysisEqualsTheCommand() throws {
        let folder = try TemporaryFolder()
        try folder.write("mine.txt", "科技自立自强\n")
        try folder.write("study.yaml", """
            corpus: {path: \(governmentReports.path), where: [language=zh, year=2023, year=2024, year=2025]}
            tokens: {stopwords: zh, terms: [zh-politics, mine.txt]}
            groupings: [year]
            analyses:
              - terms: {min_count: 4, top: 40}
            """)
        let study = try CLI.run(["study", folder.path("study.yaml"), "--out", folder.path("study"), "--quiet"])
        #expect(study.status == 0, "\(study.stderr)")
        let command = try CLI.run(["terms", "suggest", governmentReports.path, "--where", "language=zh", "--where", "year=2023",
                                   "--where", "year=2024", "--where", "year=2025", "--by", "year", "--stopwords", "zh",
                                   "--terms", "zh-politics", "--terms", folder.path("mine.txt"), "--min-count", "4", "--top", "40",
                                   "--out", folder.path("cmd")])
        #expect(command.status == 0, "\(command.stderr)")
        for file in ["term_candidates.csv", "terms-suggested.txt"] {
            #expect(try folder.read("study/" + file) == folder.read("cmd/" + file), "\(file)")
        }
        // Formulations of the list are single tokens, so they are no candidates any more.
        let candidates = records(try folder.read("study/term_candidates.csv")).map { $0["candidate"]! }
        #expect(!candidates.isEmpty && !candidates.contains("高质量发展") && !candidates.contains("新质生产力"))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("study/run.json"))) as! [String: Any]
        let inputs = (manifest["inputs"] as? [[String: Any]] ?? []).map { $0["file"] as! String }
        #expect(inputs == ["mine.txt"])
    }
}
