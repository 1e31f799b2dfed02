import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `discourse study` and `discourse report` on six recent Chinese government work reports:
/// the study's tables equal the commands' byte for byte, reruns are byte-identical, stale
/// files go, and the report shows the tables' numbers.
@Suite(.serialized) struct StudyCommandTests {
    static let years = ["2019", "2021", "2022", "2023", "2024", "2025"]

    /// The study file and the equivalent command-line options.
    func studyFolder(groupings: String = "[year]", extra: String = "") throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("terms.txt", "高质量发展\n新质生产力\n")
        try folder.write("study.yaml", """
            title: 政府工作报告 2019–2025
            corpus:
              path: \(governmentReports.path)
              where: [language=zh, \(Self.years.map { "year=\($0)" }.joined(separator: ", "))]
              strip: ['本作品是中华人民共和国的[\\s\\S]*']
            tokens:
              stopwords: zh
              terms: terms.txt
            groupings: \(groupings)
            analyses:
              - ngrams: {n: 1-2, by: year}
              - trends:
                  name: tracked
                  track: [发展, 安全, 高质量发展, 新质生产力, 不在语料里]
                  by: year
              - trends: {min_count: 40, by: year}
              - keyness: {baseline: previous:2, by: year}
              - compare: {n: 1-2, by: year}
              - collocates: {nodes: [发展, 安全], top: 10, by: year}
              - kwic: {terms: [新质生产力, 安全], window: 5, by: year}
            \(extra)
            """)
        return folder
    }

    var commandCorpus: [String] {
        [governmentReports.path, "--where", "language=zh"] + Self.years.flatMap { ["--where", "year=\($0)"] }
            + ["--strip", "本作品是中华人民共和国的[\\s\\S]*"]
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func studyTablesEqualTheCommandsByteForByte() throws {
        let folder = try studyFolder()
        try folder.write("track.txt", "发展\n安全\n高质量发展\n新质生产力\n不在语料里\n")
        let study = try CLI.run(["study", folder.path("study.yaml"), "--out", folder.path("study")])
        #expect(study.status == 0, "\(study.stderr)")
        let tokens = ["--stopwords", "zh", "--terms", folder.path("terms.txt")]
        let commands: [([String], [(String, String)])] = [
            (["ngrams", "--n", "1-2", "--by", "year"], [("ngrams.csv", "ngrams.csv"), ("groups.csv", "groups.csv")]),
            (["trends", "--by", "year", "--track", folder.path("track.txt")],
             [("trends.csv", "trends_tracked.csv"), ("trend_stats.csv", "trend_stats_tracked.csv")]),
            (["trends", "--by", "year", "--min-count", "40"], [("trends.csv", "trends.csv"), ("trend_stats.csv", "trend_stats.csv")]),
            (["keyness", "--by", "year", "--baseline", "previous:2"], [("keyness.csv", "keyness.csv")]),
            (["compare", "--by", "year", "--n", "1-2"], [("compare.csv", "compare.csv"), ("new_terms.csv", "new_terms.csv")]),
            (["collocates", "--node", "发展", "--by", "year", "--top", "10"], []),
            (["kwic", "--node", "新质生产力", "--node", "安全", "--window", "5", "--by", "year"], [("kwic.csv", "kwic.csv")]),
        ]
        for (command, files) in commands {
            let out = folder.path("cmd-" + command[0])
            let result = try CLI.run([command[0]] + commandCorpus + Array(command.dropFirst()) + tokens + ["--out", out])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            for (commandFile, studyFile) in files {
                #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/" + commandFile))
                        == Data(contentsOf: folder.url.appendingPathComponent("study/" + studyFile)), "\(commandFile) vs \(studyFile)")
            }
        }
        // The study's collocates have two nodes; the command's rows for one node are the study's
        // rows for that node, in the same order.
        let studyRows = try folder.read("study/collocates.csv").split(separator: "\n").filter { $0.hasPrefix("2019,发展,") || $0.hasPrefix("2025,发展,") }
        let commandRows = try folder.read("cmd-collocates/collocates.csv").split(separator: "\n").filter { $0.hasPrefix("2019,") || $0.hasPrefix("2025,") }
        #expect(!studyRows.isEmpty)
        #expect(studyRows == commandRows)
        // Everything the study wrote is in its run.json, with its SHA-256.
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("study/run.json"))) as! [String: Any]
        let outputs = manifest["outputs"] as! [[String: Any]]
        let names = outputs.map { $0["file"] as! String }
        let listed = try FileManager.default.contentsOfDirectory(atPath: folder.path("study")).filter { $0 != "run.json" }.sorted()
        #expect(names.sorted() == listed)
        #expect(names.suffix(3) == ["study.yaml", "report.html", "report.md"])
        for output in outputs {
            #expect(output["sha256"] as? String == sha256sum(folder.path("study/" + (output["file"] as! String))))
        }
        #expect(try folder.read("study/study.yaml") == folder.read("study.yaml"))
        let analyses = manifest["analyses"] as! [[String: Any]]
        #expect(analyses.map { $0["analysis"] as! String } == ["ngrams", "trends", "trends", "keyness", "compare", "collocates", "kwic"])
        #expect((analyses[6]["warnings"] as! [String]).isEmpty)
        #expect((analyses[1]["options"] as! [String: Any])["tracked_terms"] as? [String] == ["发展", "安全", "高质量发展", "新质生产力", "不在语料里"])
        #expect(study.stderr.contains("written to \(folder.path("study"))/"))
        #expect(study.stderr.contains("report.html"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func rerunsAreByteIdenticalAndStaleFilesGo() throws {
        let folder = try studyFolder(groupings: "[year, decade]", extra: "  - ngrams: {n: 1, by: decade, name: words}")
        let out = folder.path("out")
        let first = try CLI.run(["study", folder.path("study.yaml"), "--out", out, "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.isEmpty, "--quiet prints nothing: \(first.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        // Two groupings: the grouping is in every name.
        #expect(names.contains("groups_by_decade.csv"))
        #expect(names.contains("trends_tracked_by_year.csv"))
        #expect(names.contains("ngrams_words_by_decade.csv"))
        let before = try names.map { try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)) }
        let second = try CLI.run(["study", folder.path("study.yaml"), "--out", out, "--quiet"])
        #expect(second.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == names)
        for (name, data) in zip(names, before) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/" + name)) == data, "\(name) changed on a rerun")
        }
        // A study with one grouping into the same folder: the files of the first run go, a
        // file the runs did not write stays.
        try folder.write("out/notes.txt", "mine")
        try folder.write("one.yaml", try folder.read("study.yaml").replacingOccurrences(of: "groupings: [year, decade]", with: "groupings: [year]")
            .replacingOccurrences(of: "  - ngrams: {n: 1, by: decade, name: words}", with: ""))
        let third = try CLI.run(["study", folder.path("one.yaml"), "--out", out, "--quiet"])
        #expect(third.status == 0, "\(third.stderr)")
        let after = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!after.contains("groups_by_decade.csv"))
        #expect(!after.contains("ngrams_words_by_decade.csv"))
        #expect(after.contains("groups.csv"))
        #expect(after.contains("notes.txt"))
        #expect(!after.contains { $0.hasPrefix(".") })
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func reportShowsEverySectionWithTheTablesNumbers() throws {
        let folder = try studyFolder()
        let out = folder.path("out")
        let result = try CLI.run(["study", folder.path("study.yaml"), "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try Data(contentsOf: URL(fileURLWithPath: out + "/report.html"))
        let document = try XMLDocument(data: html)
        for id in ["overview", "tracked-terms", "risers-fallers", "new-terms", "keyness", "collocates", "concordance", "methods"] {
            #expect(try document.nodes(forXPath: "//*[@id='\(id)']").count == 1, "section \(id)")
        }
        // No script, stylesheet, font or image from elsewhere: the page is self-contained.
        for attribute in ["src", "href"] {
            for node in try document.nodes(forXPath: "//@\(attribute)") {
                #expect(node.stringValue?.hasPrefix("#") == true, "\(node)")
            }
        }
        /// The cells (data-value where numeric, else text) of the report's table with this caption start.
        func tableRows(_ caption: String, in section: String) throws -> [[String]] {
            let tables = try document.nodes(forXPath: "//*[@id='\(section)']//table[starts-with(normalize-space(caption), '\(caption)')]")
            guard let table = tables.first as? XMLElement else { return [] }
            return try table.nodes(forXPath: "tbody/tr").map { row in
                try row.nodes(forXPath: "td").map { cell in
                    (cell as? XMLElement)?.attribute(forName: "data-value")?.stringValue ?? cell.stringValue ?? ""
                }
            }
        }
        // The corpus at a glance: groups.csv, row by row.
        let groups = records(try folder.read("out/groups.csv"))
        let overview = try tableRows("Documents and tokens per group", in: "overview")
        #expect(overview.count == 6)
        #expect(overview.map { $0[0] } == groups.map { $0["group"]! })
        #expect(overview.map { $0[2] } == groups.map { $0["tokens"]! })
        // Tracked terms: the statistics of trend_stats_tracked.csv, exactly.
        let stats = Dictionary(uniqueKeysWithValues: records(try folder.read("out/trend_stats_tracked.csv")).map { ($0["term"]!, $0) })
        let tracked = try tableRows("Tracked terms", in: "tracked-terms")
        #expect(tracked.map { $0[0] } == ["发展", "安全", "高质量发展", "新质生产力", "不在语料里"])
        for row in tracked {
            #expect(row[1] == stats[row[0]]!["mk_tau"]!)
            #expect(row[2] == stats[row[0]]!["mk_q"]!)
            #expect(row[3] == stats[row[0]]!["sen_slope"]!)
            #expect(row[9] == stats[row[0]]!["groups_present"]!)
        }
        // One chart per tracked term, each an SVG with a dot per group that has tokens.
        let charts = try document.nodes(forXPath: "//*[@id='tracked-terms']//figure")
        #expect(charts.count == 5)
        // Risers: the terms of trend_stats.csv with q < 0.05 and the largest tau-b, in order.
        let all = records(try folder.read("out/trend_stats.csv"))
        let expectedRisers = all.filter { Double($0["mk_q"]!).map { $0 < 0.05 } == true && Double($0["mk_tau"]!)! > 0 }
            .sorted { Double($0["mk_tau"]!)! > Double($1["mk_tau"]!)! }.prefix(15)
        let risers = try tableRows("Strongest risers", in: "risers-fallers")
        #expect(risers.map { $0[1] } == expectedRisers.map { $0["mk_tau"]! })
        for row in risers { #expect(row[2] == all.first { $0["term"] == row[0] }!["mk_q"]!) }
        // Keyness of the latest group: the first rows of its comparison with q < 0.05 and G² > 0.
        let keyness = records(try folder.read("out/keyness.csv")).filter { $0["comparison"] == "2025 vs 2023+2024" }
        let over = keyness.filter { Double($0["q_value"]!)! < 0.05 && Double($0["g2"]!)! > 0 }.prefix(15)
        let shown = try tableRows("Key terms of 2025 vs 2023+2024", in: "keyness")
        #expect(Array(shown.prefix(over.count).map { [$0[0], $0[1], $0[3], $0[4], $0[5]] })
                == over.map { [$0["term"]!, $0["target_count"]!, $0["log_ratio"]!, $0["g2"]!, $0["q_value"]!] })
        // Every table and chart names its source file.
        let text = String(decoding: html, as: UTF8.self)
        for file in ["groups.csv", "trends_tracked.csv", "trend_stats_tracked.csv", "trend_stats.csv", "new_terms.csv",
                     "keyness.csv", "collocate_changes.csv", "kwic.csv"] {
            #expect(text.contains("<code>\(file)</code>"), "\(file) named")
        }
        // Concordance lines of a tracked term from its first and latest group.
        #expect(text.contains("新质生产力"))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/run.json"))) as! [String: Any]
        #expect(text.contains("ICU \(manifest["icu_version"] as! String) (Unicode \(manifest["unicode_version"] as! String))"))
        // The Markdown report carries the same tables.
        let markdown = try folder.read("out/report.md")
        #expect(markdown.contains("**Tracked terms** (source: `trend_stats_tracked.csv`)"))
        #expect(markdown.contains("| 新质生产力 |"))

        // discourse report rebuilds the same files from the tables.
        let original = try folder.read("out/report.html")
        let originalManifest = try folder.read("out/run.json")
        try FileManager.default.removeItem(atPath: out + "/report.html")
        let rebuilt = try CLI.run(["report", out])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(try folder.read("out/report.html") == original)
        #expect(try folder.read("out/run.json") == originalManifest)
        // ... or restyled with another template; run.json gets the new file's SHA-256.
        try folder.write("plain.mustache", "<h1>{{title}}</h1>{{#tracked}}{{#terms}}<p>{{term}}</p>{{/terms}}{{/tracked}}\n")
        let restyled = try CLI.run(["report", out, "--template", folder.path("plain.mustache")])
        #expect(restyled.status == 0, "\(restyled.stderr)")
        #expect(try folder.read("out/report.html").hasPrefix("<h1>政府工作报告 2019–2025</h1><p>发展</p>"))
        #expect(try folder.read("out/run.json").contains(sha256sum(folder.path("out/report.html"))))
        // A template that does not parse is named with its line.
        try folder.write("broken.mustache", "<h1>{{title}}</h1>\n{{#tracked}}\n")
        let broken = try CLI.run(["report", out, "--template", folder.path("broken.mustache")])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("report template, line"), "\(broken.stderr)")
        // A table edited since the study wrote it is refused, so the report never shows it.
        let trackedStats = try folder.read("out/trend_stats_tracked.csv")
        try folder.write("out/trend_stats_tracked.csv", trackedStats.replacingOccurrences(of: "\n发展,", with: "\n发展,9"))
        let edited = try CLI.run(["report", out])
        #expect(edited.status == 1)
        #expect(edited.stderr.contains("trend_stats_tracked.csv: the table has changed since the study wrote it"), "\(edited.stderr)")
        // run.json records the other files the study read.
        let inputs = (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/run.json"))) as! [String: Any])["inputs"] as! [[String: Any]]
        #expect(inputs.map { $0["file"] as! String } == ["terms.txt"])
        #expect(inputs.first?["sha256"] as? String == sha256sum(folder.path("terms.txt")))
    }

    @Test func studyFileErrorsNameTheLineAndColumn() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", "Safe China.")
        let cases: [(String, String)] = [
            ("corpus: {path: c}\ngroupings: [doc_id]\nanalyses:\n  - ngram: {n: 2}\n",
             "s.yaml line 4, column 5: unknown key 'ngram' in an analysis"),
            ("corpus: {path: c}\ngroupings: [doc_id]\nanalyses:\n  - ngrams:\n      n: 2\n      min_cont: 3\n",
             "s.yaml line 6, column 7: unknown key 'min_cont' in the ngrams analysis"),
            ("corpus: {path: c}\ngroupings: [doc_id]\nanalyses:\n  - ngrams: {n: 0-2}\n", "s.yaml line 4, column 17: n '0-2' must be"),
            ("corpus: {path: c}\ngroupings: [doc_id]\nanalyses: [{ngrams: {by: year}}]\n", "by 'year' is not one of the study's groupings"),
            ("corpus: {path: c}\nanalyses: [{ngrams: }]\n", "the study file has no 'groupings'"),
            ("corpus: {path: c\ngroupings: [doc_id]\n", "s.yaml line 2, column 10: not valid YAML"),
            ("corpus: {path: c}\ngroupings: [doc_id]\nanalyses:\n  - trends: {}\n  - trends: {min_count: 3}\n",
             "s.yaml line 5, column 5: this trends analysis would write the same files as the one on line 4"),
            ("corpus: {path: nowhere}\ngroupings: [doc_id]\nanalyses: [{ngrams: }]\n", "nowhere: no such file or folder"),
            ("corpus: {path: c}\ngroupings: [doc_id]\nanalyses:\n  - trends: {track: missing.txt}\n", "s.yaml line 4, column 21: track"),
        ]
        for (text, message) in cases {
            try folder.write("s.yaml", text)
            let result = try CLI.run(["study", folder.path("s.yaml"), "--out", folder.path("out")])
            #expect(result.status == 1, "\(text)")
            #expect(result.stderr.contains(message), "expected '\(message)' in: \(result.stderr)")
            #expect(!folder.exists("out"))
        }
        // Problems found once the corpus is read name the study file's line of the key.
        for (text, message) in [
            ("corpus: {path: c, encoding: klingon}\ngroupings: [doc_id]\nanalyses: [{ngrams: }]\n", "s.yaml line 1, column 9 (corpus): --encoding 'klingon'"),
            ("corpus: {path: c}\ngroupings: [yeer]\nanalyses: [{ngrams: }]\n", "s.yaml line 2, column 12 (groupings): --by yeer: the corpus has no such field"),
            ("corpus: {path: c}\ntokens: {terms: none.txt}\ngroupings: [doc_id]\nanalyses: [{ngrams: }]\n", "s.yaml line 2, column 9 (tokens): --terms"),
        ] {
            try folder.write("s.yaml", text)
            let result = try CLI.run(["study", folder.path("s.yaml"), "--out", folder.path("out")])
            #expect(result.status == 1)
            #expect(result.stderr.contains(message), "expected '\(message)' in: \(result.stderr)")
            #expect(!folder.exists("out"))
        }
        let trends = try folder.write("t.yaml", "corpus: {path: c}\ngroupings: [doc_id]\nanalyses:\n  - keyness: {each: true}\n")
        let oneGroup = try CLI.run(["study", trends, "--out", folder.path("out")])
        #expect(oneGroup.status == 1)
        #expect(oneGroup.stderr.contains("t.yaml line 4 (keyness by doc_id): keyness compares groups"), "\(oneGroup.stderr)")
    }

    @Test func decadeIsAGroupingFieldOfEveryCommand() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,date\na,1789-04-30\nb,1790-01-08\nc,1801-12-08\nd,1799-12-03\n")
        for (name, text) in [("a", "one"), ("b", "one two"), ("c", "three"), ("d", "four four")] { try folder.write("c/\(name).txt", text) }
        let result = try CLI.run(["ngrams", folder.path("c"), "--by", "decade", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let groups = records(try folder.read("out/groups.csv"))
        #expect(groups.map { $0["group"]! } == ["1780s", "1790s", "1800s"])
        #expect(groups.map { $0["docs"]! } == ["1", "2", "1"])
        #expect(groups.map { $0["tokens"]! } == ["1", "4", "1"])
        let filtered = try CLI.run(["ngrams", folder.path("c"), "--where", "decade=1790s", "--out", "-"])
        #expect(records(filtered.text).map { $0["ngram"]! } == ["four", "one", "two"])
    }
}
