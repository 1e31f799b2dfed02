extension Report {
    /// How many of the latest changes between consecutive groups the report lists per node.
    static let changesShown = 3

    /// Collocates gained and lost: for each node of a collocates analysis, its latest changes
    /// between consecutive groups.
    func collocatesSection() throws(DiscourseError) -> [[String: Any]] {
        var sections: [[String: Any]] = []
        for record in analyses where record.kind == "collocates" {
            guard let source = record.files.first(where: { $0.hasPrefix("collocate_changes") }) else { continue }
            let records = try read(source).records
            var nodes: [String] = []
            var transitions: [String: [String]] = [:]
            var changes: [String: [[String: String]]] = [:]
            for row in records {
                let node = row["node"] ?? ""
                if transitions[node] == nil { nodes.append(node); transitions[node] = [] }
                let key = (row["previous_group"] ?? "") + " → " + (row["group"] ?? "")
                if !transitions[node]!.contains(key) { transitions[node]!.append(key) }
                changes[node + "\u{0}" + key, default: []].append(row)
            }
            let sort = record.options["sort"]?.stringValue ?? "log_dice"
            let nodeContexts: [[String: Any]] = nodes.map { node in
                let rows: [[ReportCell]] = transitions[node]!.suffix(Self.changesShown).map { key in
                    let rows = changes[node + "\u{0}" + key] ?? []
                    func list(_ kind: String, _ rank: String) -> String {
                        rows.filter { $0["change"] == kind }.map { "\($0["collocate"] ?? "") (\($0[rank] ?? ""))" }.joined(separator: ", ")
                    }
                    return [.text(key), .text(list("gained", "rank")), .text(list("lost", "previous_rank"))]
                }
                let table = ReportTable(caption: "Collocates of \(node) gained and lost (rank by \(sort))", source: source,
                                        columns: ["groups", "gained (rank)", "lost (previous rank)"].map { ReportTable.Column(name: $0, numeric: false) },
                                        rows: rows)
                return ["node": node, "table": table.context]
            }
            sections.append(["label": record.label, "source": source, "sort": sort, "nodes": nodeContexts,
                             "hasNodes": !nodeContexts.isEmpty])
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
                return ["term": term, "count": lines.count, "linesText": Report.plural(lines.count, "line"), "groups": blocks]
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
