extension Report {
    /// How many of the latest changes between consecutive groups the report lists per node.
    static let changesShown = 3

    /// How many collocates of the latest group the report lists per node.
    static let collocatesShown = 10

    /// For each node of a collocates analysis: its strongest collocates in the latest group
    /// (by the analysis's measure, as `--top` ranks them), and its latest changes between
    /// consecutive groups.
    func collocatesSection() throws(DiscourseError) -> [[String: Any]] {
        var sections: [[String: Any]] = []
        for record in analyses where record.kind == "collocates" && !record.files.isEmpty {
            let sort = record.options["sort"]?.stringValue ?? "log_dice"
            let pairs = try read(record.files[0]).records
            let latest = pairs.last?["group"]
            var nodes: [String] = []
            var strongest: [String: [[String: String]]] = [:]
            for row in pairs where row["group"] == latest {
                let node = row["node"] ?? ""
                if strongest[node] == nil { nodes.append(node) }
                strongest[node, default: []].append(row)
            }
            var transitions: [String: [String]] = [:]
            var changes: [String: [[String: String]]] = [:]
            let changesSource = record.files.first { $0.hasPrefix("collocate_changes") }
            for row in try changesSource.map({ file throws(DiscourseError) in try read(file).records }) ?? [] {
                let node = row["node"] ?? ""
                if transitions[node] == nil { transitions[node] = [] }
                if !nodes.contains(node) { nodes.append(node) }
                let key = (row["previous_group"] ?? "") + " → " + (row["group"] ?? "")
                if !transitions[node]!.contains(key) { transitions[node]!.append(key) }
                changes[node + "\u{0}" + key, default: []].append(row)
            }
            func value(_ row: [String: String]) -> Double? { Double(row[sort] ?? "") }
            let nodeContexts: [[String: Any]] = nodes.map { node in
                let ranked = (strongest[node] ?? []).sorted { x, y in
                    switch (value(x), value(y)) {
                    case let (a?, b?) where a != b: return a > b
                    case (_?, nil): return true
                    case (nil, _?): return false
                    default:
                        let (ox, oy) = (Int(x["o11"] ?? "") ?? 0, Int(y["o11"] ?? "") ?? 0)
                        return ox != oy ? ox > oy : (x["collocate"] ?? "").utf8.lexicographicallyPrecedes((y["collocate"] ?? "").utf8)
                    }
                }.prefix(Self.collocatesShown)
                let top = ReportTable(
                    caption: "Strongest collocates of \(display(node))\(latest.map { " in \($0)" } ?? "") by \(sort)", source: record.files[0],
                    columns: [ReportTable.Column(name: "collocate", numeric: false), ReportTable.Column(name: "o11", numeric: true),
                              ReportTable.Column(name: sort, numeric: true)],
                    rows: ranked.map { [.text($0["collocate"] ?? ""), .integer($0["o11"]), .number($0[sort]) { ReportNumber.fixed($0, 2) }] })
                let rows: [[ReportCell]] = (transitions[node] ?? []).suffix(Self.changesShown).map { key in
                    let rows = changes[node + "\u{0}" + key] ?? []
                    func list(_ kind: String, _ rank: String) -> String {
                        rows.filter { $0["change"] == kind }.map { "\($0["collocate"] ?? "") (\($0[rank] ?? ""))" }.joined(separator: ", ")
                    }
                    return [.text(key), .text(list("gained", "rank")), .text(list("lost", "previous_rank"))]
                }
                let changed = ReportTable(caption: "Collocates of \(display(node)) gained and lost (rank by \(sort))", source: changesSource ?? "",
                                          columns: ["groups", "gained (rank)", "lost (previous rank)"].map { ReportTable.Column(name: $0, numeric: false) },
                                          rows: rows)
                return ["node": display(node), "top": top.context, "table": changed.context, "hasChanges": changesSource != nil]
            }
            sections.append(["label": record.label, "source": record.files[0], "changesSource": changesSource ?? "", "sort": sort,
                             "nodes": nodeContexts, "hasNodes": !nodeContexts.isEmpty])
        }
        return sections
    }

    /// How many concordance lines the report shows from a term's first and latest groups.
    static let linesShown = 3

    /// Concordance lines of each tracked term (the terms of the trends analyses of the same
    /// grouping, else the analysis's own terms) from the first and the latest group where the
    /// concordance has lines for it. A line belongs to a term when its match, normalized like
    /// a term line with spaces and punctuation left out, equals the term so normalized.
    func concordanceSection() throws(DiscourseError) -> [[String: Any]] {
        var configuration = TokenizerConfiguration()
        let tokens = manifest["options"]?["tokens"]
        configuration.keepCase = tokens?["keep_case"] == .bool(true)
        configuration.simplified = tokens?["simplified"] == .bool(true)
        let normalizer = try LineNormalizer(configuration)
        func key(_ text: String) -> String {
            let units = normalizer.normalize(text)
            return String(String(decoding: units, as: UTF16.self).unicodeScalars.filter {
                $0.properties.isAlphabetic || $0.properties.numericType != nil
            }.map(Character.init))
        }
        var sections: [[String: Any]] = []
        for record in analyses where record.kind == "kwic" && !record.files.isEmpty {
            let source = record.files[0]
            let tracked = analyses.filter { $0.kind == "trends" && $0.by == record.by }.compactMap(\.trackedTerms).flatMap { $0 }
            let terms = (tracked.isEmpty ? (record.options["nodes"]?.arrayValue ?? []).compactMap(\.stringValue) : tracked).uniqued()
            let records = try read(source).records
            var byKey: [String: [[String: String]]] = [:]
            for row in records { byKey[key(row["match"] ?? ""), default: []].append(row) }
            let termContexts: [[String: Any]] = terms.compactMap { term in
                let lines = byKey[key(term.replacingUnderscores())] ?? []
                guard !lines.isEmpty else { return nil }
                let groups = lines.compactMap { $0["group"] }.uniqued()
                var chosen: [String?] = groups.isEmpty ? [nil] : [groups[0]]
                if groups.count > 1 { chosen.append(groups[groups.count - 1]) }
                let blocks: [[String: Any]] = chosen.map { group in
                    let shown = lines.filter { $0["group"] == group }.prefix(Self.linesShown)
                    return ["group": group ?? "all",
                            "lines": shown.map { ["doc": $0["doc_id"] ?? "", "left": $0["left"] ?? "", "match": $0["match"] ?? "",
                                                  "right": $0["right"] ?? ""] }]
                }
                return ["term": display(term), "count": lines.count, "linesText": Report.plural(lines.count, "line"), "groups": blocks]
            }
            sections.append(["label": record.label, "source": source, "terms": termContexts])
        }
        return sections
    }
}

extension String {
    /// A multi-word term's form with its spaces back (`safe_china` → `safe china`).
    func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
