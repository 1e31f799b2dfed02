extension Report {
    /// The significance level under which a trend counts as such in the report (q-values of
    /// the Mann–Kendall test, Benjamini–Hochberg adjusted).
    static let alpha = 0.05

    /// One chart per tracked term (per million by group, Sen's slope drawn where the trend is
    /// significant) and a table of the tracked terms' statistics, for each trends analysis
    /// that follows chosen terms.
    func trackedSection() throws(DiscourseError) -> [[String: Any]] {
        var sections: [[String: Any]] = []
        for record in analyses where record.kind == "trends" {
            guard let tracked = record.trackedTerms, record.files.count >= 2 else { continue }
            let series = try TermSeries(read(record.files[0]))
            let statistics = try read(record.files[1])
            let byTerm = Dictionary(statistics.records.map { ($0["term"] ?? "", $0) }, uniquingKeysWith: { first, _ in first })
            var terms: [[String: Any]] = []
            var seen: Set<String> = []
            for term in tracked where seen.insert(term).inserted {
                guard let stats = byTerm[term] else { continue }
                let points = series.points(term, field: record.by)
                let significant = (Double(stats["mk_q"] ?? "") ?? 1) < Self.alpha
                var trend: [Double?]?
                if significant, let slope = Double(stats["sen_slope"] ?? ""), slope != 0 { trend = Self.senLine(points, slope: slope) }
                terms.append([
                    "term": display(term),
                    "chart": SVGChart.line(points, trend: trend, title: "\(display(term)): per million tokens by \(record.by ?? "group")"),
                    "note": Self.trendNote(stats, significant: significant, occurs: series.total(term) > 0),
                ])
            }
            let table = ReportTable(caption: "Tracked terms", source: record.files[1], columns: Self.statisticsColumns,
                                    rows: tracked.uniqued().compactMap { byTerm[$0] }.map(Self.statisticsRow))
            sections.append(["label": record.label, "source": record.files[0], "statsSource": record.files[1],
                             "terms": terms, "table": table.context])
        }
        return sections
    }

    /// The strongest risers and fallers (Mann–Kendall q < 0.05, by tau-b), for each trends
    /// analysis of every term above a count; where there is none, of the tracked terms.
    func moversSection() throws(DiscourseError) -> [[String: Any]] {
        let all = analyses.filter { $0.kind == "trends" && $0.trackedTerms == nil }
        let chosen = all.isEmpty ? analyses.filter { $0.kind == "trends" } : all
        var sections: [[String: Any]] = []
        for record in chosen where record.files.count >= 2 {
            let records = try read(record.files[1]).records
            let significant = records.filter { (Double($0["mk_q"] ?? "") ?? 1) < Self.alpha }
            func tau(_ row: [String: String]) -> Double { Double(row["mk_tau"] ?? "") ?? 0 }
            let risers = significant.filter { tau($0) > 0 }.sorted { tau($0) > tau($1) }.prefix(15)
            let fallers = significant.filter { tau($0) < 0 }.sorted { tau($0) < tau($1) }.prefix(15)
            let source = record.files[1]
            sections.append([
                "label": record.label, "source": source, "tested": records.count, "significant": significant.count,
                "risers": ReportTable(caption: "Strongest risers", source: source, columns: Self.statisticsColumns,
                                      rows: risers.map(Self.statisticsRow)).context,
                "fallers": ReportTable(caption: "Strongest fallers", source: source, columns: Self.statisticsColumns,
                                       rows: fallers.map(Self.statisticsRow)).context,
            ])
        }
        return sections
    }

    static let statisticsColumns = ["term", "mk_tau", "mk_q", "sen_slope", "poisson_slope", "quasi_p", "first_group",
                                    "peak_group", "last_group", "groups_present"]
        .map { ReportTable.Column(name: $0, numeric: !["term", "first_group", "peak_group", "last_group"].contains($0)) }

    static func statisticsRow(_ row: [String: String]) -> [ReportCell] {
        [.text(row["term"] ?? ""),
         .number(row["mk_tau"]) { ReportNumber.fixed($0, 3) },
         .number(row["mk_q"], ReportNumber.probability),
         .number(row["sen_slope"]) { ReportNumber.significant($0, 3) },
         .number(row["poisson_slope"]) { ReportNumber.significant($0, 3) },
         .number(row["quasi_p"], ReportNumber.probability),
         .text(row["first_group"] ?? ""), .text(row["peak_group"] ?? ""), .text(row["last_group"] ?? ""),
         .integer(row["groups_present"])]
    }

    /// A sentence under a term's chart.
    static func trendNote(_ stats: [String: String], significant: Bool, occurs: Bool) -> String {
        guard occurs else { return "Does not occur in the corpus." }
        var parts: [String] = []
        if let tau = Double(stats["mk_tau"] ?? ""), let q = Double(stats["mk_q"] ?? "") {
            parts.append("Mann–Kendall tau-b \(ReportNumber.fixed(tau, 3)), q \(ReportNumber.probability(q))"
                         + (significant ? (tau > 0 ? ": rising" : ": falling") : ": no significant trend"))
        } else {
            parts.append("no Mann–Kendall test (all values tied)")
        }
        if significant, let slope = Double(stats["sen_slope"] ?? "") {
            parts.append(slope == 0 ? "Sen's slope 0 (the term is absent from most groups)"
                         : "Sen's slope \(ReportNumber.significant(slope, 3)) per million per group (dashed)")
        }
        let groups = [("first_group", "first"), ("peak_group", "peak"), ("last_group", "last")]
        let places = groups.compactMap { key, name in stats[key].flatMap { $0.isEmpty ? nil : "\(name) \($0)" } }
        if !places.isEmpty { parts.append(places.joined(separator: ", ")) }
        return parts.joined(separator: "; ") + "."
    }

    /// Sen's line through a series: at the i-th group (1-based, groups without tokens keeping
    /// their place) the value a + slope · i, with a the median of y − slope · i over the
    /// groups with tokens (Conover 1980's intercept for Sen's slope).
    static func senLine(_ points: [SVGChart.Point], slope: Double) -> [Double?] {
        let residuals = points.enumerated().compactMap { i, point in point.value.map { $0 - slope * Double(i + 1) } }.sorted()
        guard !residuals.isEmpty else { return points.map { _ in nil } }
        let middle = residuals.count / 2
        let intercept = residuals.count % 2 == 1 ? residuals[middle] : (residuals[middle - 1] + residuals[middle]) / 2
        return points.enumerated().map { i, point in point.value == nil ? nil : intercept + slope * Double(i + 1) }
    }
}

/// The per-million series of the terms of a `trends.csv`, in its group order.
struct TermSeries {
    private(set) var groups: [String] = []
    private var values: [String: [String: (perMillion: Double?, count: Int)]] = [:]

    init(_ table: CSVRows) {
        guard let group = table.column("group"), let term = table.column("term"), let count = table.column("count"),
              let perMillion = table.column("per_million") else { return }
        var seen: Set<String> = []
        for row in table.rows {
            if seen.insert(row[group]).inserted { groups.append(row[group]) }
            values[row[term], default: [:]][row[group]] = (Double(row[perMillion]), Int(row[count]) ?? 0)
        }
    }

    func points(_ term: String, field: String?) -> [SVGChart.Point] {
        groups.map { SVGChart.Point(label: $0, number: Grouping.numericValue(of: $0, field: field), value: values[term]?[$0]?.perMillion ?? nil) }
    }

    func total(_ term: String) -> Int { values[term]?.values.reduce(0) { $0 + $1.count } ?? 0 }
}

extension Array where Element: Hashable {
    /// The elements without repeats, first occurrences kept.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
