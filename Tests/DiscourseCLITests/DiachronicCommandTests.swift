import Foundation
import Testing

/// `keyness`, `trends` and `compare` on small corpora counted on paper; reference statistics
/// from SciPy (`chi2_contingency`, `chi2.sf`).
@Suite struct DiachronicCommandTests {
    /// The distinct values in first-seen order.
    func distinct(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// Sessions 1–4: 4, 3, 2 and 0 tokens.
    func sessions() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,session,series,lang\ns1,1,x,en\ns2,2,x,en\ns3,3,x,en\ns4,4,x,en\n")
        try folder.write("c/s1.txt", "Security first. Security matters.")
        try folder.write("c/s2.txt", "Development and security.")
        try folder.write("c/s3.txt", "Development, development!")
        try folder.write("c/s4.txt", "...")
        try folder.write("track.txt", "security\ndevelopment\nunicorn\n")
        return folder
    }

    func close(_ text: String?, _ value: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let text, let parsed = Double(text) else { return false }
        return abs(parsed - value) <= tolerance * max(1, abs(value))
    }

    @Test func keynessOfOneSessionAgainstTheRest() throws {
        let folder = try sessions()
        let result = try CLI.run(["keyness", folder.path("c"), "--by", "session", "--target", "1", "--min-count", "1", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = records(result.text)
        // Target session 1: 4 tokens; the rest: 3 + 2 + 0 = 5.
        #expect(rows.map { $0["term"]! } == ["first", "matters", "security", "and", "development"])
        #expect(rows.allSatisfy { $0["comparison"] == "1 vs rest" && $0["target_tokens"] == "4" && $0["reference_tokens"] == "5" })
        let security = rows[2]
        #expect(security["target_count"] == "2" && security["reference_count"] == "1")
        #expect(close(security["g2"], 0.9080533494451892))            // [[2, 2], [1, 4]]
        #expect(close(security["chi2"], 0.056249999999999994))
        #expect(close(security["p_value"], 0.34063145049126575, 1e-10))
        #expect(close(security["log_ratio"], log2((2.0 / 4) / (1.0 / 5))))
        #expect(close(security["perc_diff"], 100 * (0.5 - 0.2) / 0.2))
        #expect(close(security["bic"], 0.9080533494451892 - log(9.0)))
        #expect(security["target_per_million"] == "500000.0" && security["reference_per_million"] == "200000.0")
        let first = rows[0]
        #expect(close(first["g2"], 1.7802965682241072))               // [[1, 3], [0, 5]]
        #expect(first["perc_diff"] == "")                              // b = 0
        let development = rows[4]
        #expect(close(development["g2"], -4.727138359214066))         // [[0, 4], [3, 2]], under-used
        #expect(close(development["chi2"], -1.40625))
        #expect(close(development["log_ratio"], log2((0.5 / 4) / (3.0 / 5))))
        // q: BH over the five p-values of this comparison; the smallest p (development) gets
        // min over ranks j of 5 p_(j) / j.
        let p = rows.map { Double($0["p_value"]!)! }.sorted()
        let smallestQ = p.enumerated().map { 5 * $1 / Double($0 + 1) }.min()!
        #expect(close(rows[4]["q_value"], min(1, smallestQ), 1e-12))
    }

    @Test func rollingBaselineAndEachGroupAgainstTheRest() throws {
        let folder = try sessions()
        let rolling = try CLI.run(["keyness", folder.path("c"), "--by", "session", "--baseline", "previous:2", "--min-count", "1", "--out", "-"])
        #expect(rolling.status == 0, "\(rolling.stderr)")
        #expect(rolling.stderr.contains("no tokens on one side, so no rows for: 4 vs 2+3"))
        let comparisons = records(rolling.text).map { $0["comparison"]! }
        #expect(distinct(comparisons) == ["2 vs 1", "3 vs 1+2"])
        let written = try CLI.run(["keyness", folder.path("c"), "--by", "session", "--baseline", "previous:2", "--out", folder.path("out")])
        #expect(written.status == 0)
        #expect(try folder.read("out/run.json").contains("no tokens on one side, so no rows for: 4 vs 2+3"))
        let each = try CLI.run(["keyness", folder.path("c"), "--by", "session", "--each", "--min-count", "1", "--out", "-"])
        #expect(each.status == 0)
        let eachComparisons = distinct(records(each.text).map { $0["comparison"]! })
        #expect(eachComparisons == ["1 vs rest", "2 vs rest", "3 vs rest"])
    }

    @Test func chineseKeyness() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/d1.txt", "安全。安全。发展。")
        try folder.write("c/d2.txt", "发展。发展。")
        let result = try CLI.run(["keyness", folder.path("c"), "--by", "doc_id", "--target", "d1", "--reference", "d2",
                                  "--min-count", "1", "--lang", "zh", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = records(result.text)
        #expect(rows.map { $0["term"]! } == ["安全", "发展"])
        #expect(rows.allSatisfy { $0["comparison"] == "d1 vs d2" })
        #expect(close(rows[0]["g2"], 2.9110316603236877))    // [[2, 1], [0, 2]]
        #expect(close(rows[1]["g2"], -2.9110316603236877))   // [[1, 2], [2, 0]]
        #expect(close(rows[0]["chi2"], 0.31250000000000006))
    }

    @Test func trendsIncludeZeroRowsAndLeaveOutGroupsWithoutTokens() throws {
        let folder = try sessions()
        let result = try CLI.run(["trends", folder.path("c"), "--by", "session", "--track", folder.path("track.txt"),
                                  "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let trends = records(try folder.read("out/trends.csv"))
        #expect(trends.count == 12)  // 4 groups × 3 terms, zero rows included
        #expect(trends.map { "\($0["group"]!) \($0["term"]!) \($0["count"]!)" }.prefix(3) == ["1 development 0", "1 security 2", "1 unicorn 0"])
        let security3 = trends.first { $0["group"] == "3" && $0["term"] == "security" }!
        #expect(security3["count"] == "0" && security3["per_million"] == "0.0" && security3["doc_freq"] == "0")
        #expect(trends.first { $0["group"] == "4" && $0["term"] == "security" }!["per_million"] == "")
        #expect(trends.first { $0["group"] == "2" && $0["term"] == "security" }!["per_million"] == String(1.0 / 3.0 * 1_000_000))

        let stats = records(try folder.read("out/trend_stats.csv"))
        #expect(stats.map { $0["term"]! } == ["development", "security", "unicorn"])
        let security = stats[1]
        // Per million over sessions 1–3: 500000, 333333.3, 0: S = −3, Var = 3·2·11/18, Z = −2/√Var.
        #expect(security["mk_tau"] == "-1.0")
        #expect(close(security["mk_z"], -2 / (66.0 / 18).squareRoot()))
        #expect(close(security["mk_p"], erfc(2 / (66.0 / 18).squareRoot() / 2.0.squareRoot())))
        #expect((security["first_group"], security["last_group"], security["peak_group"], security["groups_present"])
                == ("1", "2", "1", "2"))
        // DP over s1–s4 (4, 3, 2, 0 tokens): o = 2/3, 1/3, 0, 0; e = 4/9, 3/9, 2/9, 0 → 2/9.
        #expect(close(security["dp"], 2.0 / 9))
        // Sen: slopes −166666.7, −500000/2·…: median of (−166666.67, −250000, −333333.33).
        #expect(close(security["sen_slope"], -250000))
        let development = stats[0]
        #expect((development["first_group"], development["last_group"], development["peak_group"]) == ("2", "3", "3"))
        #expect(development["poisson_slope"] != "")
        let unicorn = stats[2]
        #expect(unicorn["groups_present"] == "0")
        for column in ["mk_tau", "mk_p", "poisson_slope", "g2_uniform", "dp", "first_group", "peak_group"] {
            #expect(unicorn[column] == "", "\(column)")
        }
    }

    @Test func trendsWithoutTrackUseMinCount() throws {
        let folder = try sessions()
        let result = try CLI.run(["trends", folder.path("c"), "--by", "session", "--min-count", "3", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(records(try folder.read("out/trend_stats.csv")).map { $0["term"]! } == ["development", "security"])
    }

    @Test func compareAndNewTerms() throws {
        let folder = try sessions()
        let result = try CLI.run(["compare", folder.path("c"), "--by", "session", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = records(try folder.read("out/compare.csv"))
        #expect(rows.map { "\($0["previous_group"]!)>\($0["group"]!) \($0["new_types"]!) \($0["dropped_types"]!)" }
                == ["1>2 2 2", "2>3 0 2", "3>4 0 1"])
        #expect(close(rows[0]["jaccard"], 1.0 / 5))   // {security} of {security, first, matters, development, and}
        #expect(close(rows[1]["jaccard"], 1.0 / 3))
        #expect(rows[2]["jaccard"] == "0.0" && rows[2]["cosine"] == "")
        // Counts (2, 1, 1) and (1, 1, 1) share only security: 2·1 / (√6 · √3).
        #expect(close(rows[0]["cosine"], 2 / (6.0.squareRoot() * 3.0.squareRoot())))
        let new = records(try folder.read("out/new_terms.csv"))
        #expect(new.map { "\($0["term"]!) \($0["first_group"]!) \($0["count"]!) \($0["groups_present_after"]!) \($0["groups_after"]!)" }
                == ["and 2 1 0 2", "development 2 1 1 2"])
    }

    @Test func oneGroupIsAClearError() throws {
        let folder = try sessions()
        for command in [["keyness", "--target", "x"], ["trends"], ["compare"]] {
            let result = try CLI.run([command[0], folder.path("c"), "--by", "series"] + command.dropFirst() + ["--out", folder.path("out")])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("only"), "\(result.stderr)")
            #expect(!folder.exists("out"))
        }
    }

    @Test func keynessArgumentErrors() throws {
        let folder = try sessions()
        let cases: [([String], String)] = [
            (["--target", "9"], "--target 9: no such group"),
            (["--target", "1", "--reference", "1,2"], "both target and reference"),
            ([], "keyness needs --target"),
            (["--target", "1", "--each"], "--each compares every group"),
        ]
        for (arguments, message) in cases {
            let result = try CLI.run(["keyness", folder.path("c"), "--by", "session"] + arguments + ["--out", folder.path("out")])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        let badBaseline = try CLI.run(["keyness", folder.path("c"), "--by", "session", "--baseline", "last:2"])
        #expect(badBaseline.status != 0)
    }
}
