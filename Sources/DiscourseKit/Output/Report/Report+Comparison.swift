extension Report {
    /// A term "stays" when it occurs in at least this share of the groups after its first.
    static let stayingShare = 0.75

    /// Terms that first appear after the first group and stay: in at least three quarters of
    /// the later groups, and in at least two of them. The 25 with the highest count in their
    /// first group, shown in group order.
    func newTermsSection() throws(DiscourseError) -> [[String: Any]] {
        var sections: [[String: Any]] = []
        for record in analyses where record.kind == "compare" && record.files.count >= 2 {
            let source = record.files[1]
            let records = try read(source).records
            var groupOrder: [String: Int] = [:]
            for row in records where groupOrder[row["first_group"] ?? ""] == nil { groupOrder[row["first_group"] ?? ""] = groupOrder.count }
            func number(_ row: [String: String], _ key: String) -> Int { Int(row[key] ?? "") ?? 0 }
            let staying = records.filter { row in
                let after = number(row, "groups_after")
                return after >= 2 && Double(number(row, "groups_present_after")) >= Self.stayingShare * Double(after)
            }
            let strongest = staying.enumerated().sorted { x, y in
                number(x.element, "count") != number(y.element, "count") ? number(x.element, "count") > number(y.element, "count") : x.offset < y.offset
            }.prefix(25).sorted { $0.offset < $1.offset }.map(\.element)
            let columns = ["term", "first_group", "count", "groups_present_after", "groups_after"]
            let rows = strongest.map { row in
                [ReportCell.text(row["term"] ?? ""), .text(row["first_group"] ?? ""), .integer(row["count"]),
                 .integer(row["groups_present_after"]), .integer(row["groups_after"])]
            }
            let table = ReportTable(caption: "Terms that appear and stay", source: source,
                                    columns: columns.map { ReportTable.Column(name: $0, numeric: !["term", "first_group"].contains($0)) },
                                    rows: rows)
            sections.append(["label": record.label, "source": source, "staying": staying.count, "table": table.context])
        }
        return sections
    }

    /// Keyness of the latest group against its baseline: the comparison whose target is the
    /// last group (else the last comparison), its 15 most over-used and 15 most under-used
    /// terms with q < 0.05, as log-ratio bars and a table.
    func keynessSection() throws(DiscourseError) -> [[String: Any]] {
        var sections: [[String: Any]] = []
        for record in analyses where record.kind == "keyness" && !record.files.isEmpty {
            let source = record.files[0]
            var last: String?
            if let grouping = grouping(record.by) { last = try read(grouping.file).rows.last?.first }
            var table = try read(source) { last != nil && $0.hasPrefix(last! + " vs ") }
            if table.rows.isEmpty {
                let all = try read(source)
                let label = all.rows.last?.first
                table = CSVRows(header: all.header, rows: all.rows.filter { $0.first == label })
            }
            let records = table.records
            let comparison = records.first?["comparison"] ?? ""
            func value(_ row: [String: String], _ key: String) -> Double { Double(row[key] ?? "") ?? 0 }
            let significant = records.filter { value($0, "q_value") < Self.alpha }
            let over = significant.filter { value($0, "g2") > 0 }.prefix(15)
            let under = significant.filter { value($0, "g2") < 0 }.suffix(15).reversed()
            let shown = Array(over) + Array(under)
            let chart = SVGChart.diverging(shown.map { (label: $0["term"] ?? "", value: value($0, "log_ratio")) },
                                           title: "Keyness of \(comparison): log ratio", axis: "log₂ ratio of relative frequencies")
            let columns = ["term", "target_count", "reference_count", "log_ratio", "g2", "q_value"]
            let rows = shown.map { row in
                [ReportCell.text(row["term"] ?? ""), .integer(row["target_count"]), .integer(row["reference_count"]),
                 .number(row["log_ratio"]) { ReportNumber.fixed($0, 2) }, .number(row["g2"]) { ReportNumber.fixed($0, 1) },
                 .number(row["q_value"], ReportNumber.probability)]
            }
            let report = ReportTable(caption: "Key terms of \(comparison)", source: source,
                                     columns: columns.map { ReportTable.Column(name: $0, numeric: $0 != "term") }, rows: rows)
            sections.append(["label": record.label, "source": source, "comparison": comparison, "tested": records.count,
                             "significant": significant.count, "chart": shown.isEmpty ? "" : chart, "table": report.context])
        }
        return sections
    }
}

extension CSVRows {
    init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }
}
