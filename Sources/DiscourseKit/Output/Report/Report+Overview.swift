extension Report {
    /// The corpus at a glance: documents and tokens per group, for each grouping.
    func overviewSection() throws(DiscourseError) -> [[String: Any]] {
        var sections: [[String: Any]] = []
        for grouping in groupings {
            let table = try read(grouping.file)
            guard let label = table.column("group"), let docs = table.column("docs"), let tokens = table.column("tokens") else { continue }
            let field = grouping.field
            let tokenPoints = table.rows.map { SVGChart.Point(label: $0[label], number: Grouping.numericValue(of: $0[label], field: field),
                                                              value: Double($0[tokens])) }
            let documentPoints = table.rows.map { SVGChart.Point(label: $0[label], number: Grouping.numericValue(of: $0[label], field: field),
                                                                 value: Double($0[docs])) }
            let columns = ["group", "docs", "tokens", "sentences", "types", "first_date", "last_date"]
            let rows = table.records.map { record in
                columns.map { column -> ReportCell in
                    ["docs", "tokens", "sentences", "types"].contains(column) ? .integer(record[column]) : .text(record[column] ?? "")
                }
            }
            let summary = ReportTable(caption: "Documents and tokens per group" + (field.map { " (\($0))" } ?? ""),
                                      source: grouping.file,
                                      columns: columns.map { ReportTable.Column(name: $0, numeric: ["docs", "tokens", "sentences", "types"].contains($0)) },
                                      rows: rows)
            sections.append([
                "field": field ?? "all", "source": grouping.file, "groups": Self.plural(table.rows.count, "group"),
                "tokensChart": SVGChart.bars(tokenPoints, title: "Tokens per \(field ?? "group")", axis: "tokens"),
                "documentsChart": SVGChart.bars(documentPoints, title: "Documents per \(field ?? "group")", axis: "documents"),
                "table": summary.context,
            ])
        }
        return sections
    }
}
