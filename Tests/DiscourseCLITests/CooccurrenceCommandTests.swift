import Foundation
import Testing

/// `cooccur` and `collocates` end to end.
@Suite struct CooccurrenceCommandTests {
    func sessions() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,session,lang\ns1,1,en\ns2,2,en\ns3,3,zh\n")
        try folder.write("c/s1.txt", "Safe China needs security. Security guards safe China.")
        try folder.write("c/s2.txt", "National security and public security. Security matters.")
        try folder.write("c/s3.txt", "我们的国家安全。")
        return folder
    }

    @Test func cooccurWritesTablesAndMeasures() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/d.txt", "a b a c")
        let result = try CLI.run(["cooccur", folder.path("c"), "--window", "1", "--min-cooc", "1", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = parseCSV(result.text)
        #expect(rows[0] == ["node", "collocate", "o11", "r1", "c1", "total", "e11", "mi", "mi3", "npmi", "t_score",
                            "z_score", "dice", "log_dice", "g2", "chi2", "delta_p"])
        // (b, a): O11 = 2, R1 = 2, C1 = 2, N = 4, E11 = 1; the other cells 0, 0, 2 against 1, 1, 1:
        // MI = 1, MI³ = 3, NPMI = 1/1, t = 1/√2, z = 1, Dice = 1, logDice = 14, X² = 4,
        // ΔP = 2/2 − 0/2 = 1.
        let ba = try #require(rows.first { $0[0] == "b" })
        #expect(Array(ba[2...7]) == ["2", "2", "2", "4", "1.0", "1.0"])
        #expect(ba[8] == "3.0" && ba[9] == "1.0" && ba[11] == "1.0" && ba[12] == "1.0" && ba[13] == "14.0")
        #expect(Double(ba[10])! == 1 / 2.0.squareRoot())
        #expect(Double(ba[14])! == 8 * log(2.0))  // G² = 2 (2 ln 2 + 0 + 0 + 2 ln 2)
        #expect(ba[15] == "4.0" && ba[16] == "1.0")
        #expect(rows.count == 5)
    }

    @Test func measuresTopAndTokensMargins() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/d.txt", "a b a c")
        let result = try CLI.run(["cooccur", folder.path("c"), "--window", "1", "--min-cooc", "1", "--margins", "tokens",
                                  "--measures", "delta_p,g2", "--top", "1", "--sort", "mi", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = parseCSV(result.text)
        #expect(rows[0].suffix(2) == ["g2", "delta_p"])
        // a's strongest by MI is b (O11 = 2 under token margins); its G² and ΔP need O21 = −1.
        #expect(rows[1] == ["a", "b", "2", "2", "1", "4", "0.5", "", ""])
        #expect(rows.count == 4)
    }

    @Test func collocatesByGroupWithChangesAndGraph() throws {
        let folder = try sessions()
        let result = try CLI.run(["collocates", folder.path("c"), "--node", "Security", "--by", "session", "--min-cooc", "1",
                                  "--top", "2", "--sort", "log_dice", "--graph", folder.path("g.graphml"),
                                  "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = records(try folder.read("out/collocates.csv"))
        #expect(Set(rows.map { $0["group"]! }) == ["1", "2"])
        #expect(rows.allSatisfy { $0["node"] == "security" })
        #expect(rows.filter { $0["group"] == "1" }.count == 2)
        let changes = records(try folder.read("out/collocate_changes.csv"))
        #expect(!changes.isEmpty)
        #expect(changes.contains { $0["previous_group"] == "1" && $0["group"] == "2" })
        // Session 3 (Chinese) has no "security": its top 2 of session 2 are all lost.
        let third = changes.filter { $0["group"] == "3" }
        #expect(third.count == 2 && third.allSatisfy { $0["change"] == "lost" && $0["rank"] == "" && $0["previous_rank"] != "" })
        #expect(Set(changes.map { $0["change"]! }).isSubset(of: ["gained", "lost"]))
        let manifest = try folder.read("out/run.json")
        #expect(manifest.contains("g.graphml"))
        // Each node's frequency overall and per session: security 2 + 3 + 0.
        let graph = try folder.read("g.graphml")
        for (g, label) in ["1", "2", "3"].enumerated() {
            #expect(graph.contains("<key id=\"f\(g)\" for=\"node\" attr.name=\"frequency_\(label)\" attr.type=\"long\"/>"))
        }
        #expect(graph.contains("<data key=\"label\">security</data><data key=\"frequency\">5</data><data key=\"f0\">2</data><data key=\"f1\">3</data><data key=\"f2\">0</data></node>"))
        #expect(graph.contains("<key id=\"group\" for=\"edge\""))
    }

    @Test(.enabled(if: pythonHasNetworkx, "needs python3 with networkx"))
    func graphMLOpensInNetworkx() throws {
        let folder = try sessions()
        let result = try CLI.run(["cooccur", folder.path("c"), "--min-cooc", "1", "--graph", folder.path("g.graphml"), "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let cooccur = records(try folder.read("out/cooccur.csv"))
        let script = """
            import networkx as nx, sys
            g = nx.read_graphml(sys.argv[1])
            print(g.is_directed(), g.number_of_nodes(), g.number_of_edges())
            labels = {d['label'] for _, d in g.nodes(data=True)}
            print(int('security' in labels), int(all('o11' in d and 'log_dice' in d for _, _, d in g.edges(data=True))))
            print(int(any('group' in d for _, _, d in g.edges(data=True))), int('group' in open(sys.argv[1]).read()))
            """
        let python = try run("/usr/bin/env", ["python3", "-c", script, folder.path("g.graphml")])
        let lines = python.split(separator: "\n").map(String.init)
        let nodes = Set(cooccur.flatMap { [$0["node"]!, $0["collocate"]!] })
        #expect(lines.first == "True \(nodes.count) \(cooccur.count)")
        #expect(lines.dropFirst().first == "1 1")
        // Without --by there are no groups: no group attribute at all.
        #expect(lines.dropFirst(2).first == "0 0")
    }

    @Test func badCombinationsAreUsageErrors() throws {
        let folder = try sessions()
        for arguments in [["--scope", "sentence", "--margins", "tokens"], ["--window", "0"], ["--graph", "x.txt"], ["--scope", "paragraph"]] {
            let result = try CLI.run(["cooccur", folder.path("c")] + arguments + ["--out", folder.path("out")])
            #expect(result.status != 0, "\(arguments)")
            #expect(!folder.exists("out"))
        }
        let badMeasure = try CLI.run(["cooccur", folder.path("c"), "--measures", "pmi", "--out", folder.path("out")])
        #expect(badMeasure.status == 1)
        #expect(badMeasure.stderr.contains("'pmi' is not a measure"))
        let badGraph = try CLI.run(["cooccur", folder.path("c"), "--graph", folder.path("nowhere/g.graphml"), "--out", folder.path("out")])
        #expect(badGraph.status == 1)
        #expect(badGraph.stderr.contains("does not exist"))
        #expect(!folder.exists("out"))
    }

    @Test func unknownNodeIsAWarning() throws {
        let folder = try sessions()
        let result = try CLI.run(["collocates", folder.path("c"), "--node", "unicorn", "--out", "-"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("node(s) not in the corpus: unicorn"))
        #expect(parseCSV(result.text).count == 1)
    }

    /// Issue 7: warnings of co-occurrence reached standard error but not run.json.
    @Test func coOccurrenceWarningsAreInRunJSON() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,session\na,1\nb,2\n")
        try folder.write("c/a.txt", "Peace and freedom. Freedom and peace.")
        try folder.write("c/b.txt", "Peace.")
        try folder.write("nodes.txt", "unicorn\npeace\n")
        let result = try CLI.run(["cooccur", folder.path("c"), "--nodes", folder.path("nodes.txt"), "--by", "session",
                                  "--scope", "document", "--min-cooc", "1", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("out/run.json"))) as! [String: Any]
        let warnings = (manifest["corpus"] as! [String: Any])["warnings"] as! [String]
        #expect(warnings.contains("node(s) not in the corpus: unicorn"))
        // Each session is one document: one unit per group, too few for some measures.
        #expect(warnings.contains { $0.hasPrefix("fewer than two documents (N < 2) in 2 group(s) (1, 2)") }, "\(warnings)")
        #expect(result.stderr.contains("fewer than two documents"))
    }
}

let pythonHasNetworkx: Bool = (try? run("/usr/bin/env", ["python3", "-c", "import networkx"])) != nil

/// Runs a program and returns its standard output; throws when it fails.
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return String(decoding: data, as: UTF8.self)
}
