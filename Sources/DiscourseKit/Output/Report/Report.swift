import Mustache

/// The term-trend report of a study: one self-contained HTML page (`report.html`, charts
/// as inline SVG, no network access) and the same tables in Markdown (`report.md`).
///
/// It is built from the study's tables and `run.json` alone, so that `discourse report DIR`
/// rebuilds it from a finished folder (restyled with another template) without recomputing.
/// Sections: the corpus at a glance; a chart per tracked term; the strongest risers and
/// fallers; terms that appear and stay; keyness of the latest group; collocates gained and
/// lost; concordance lines; and a methods section generated from the run. Every table and
/// chart names the CSV file it comes from.
public struct Report {
    public static let htmlFile = "report.html"
    public static let markdownFile = "report.md"

    let manifest: JSONValue
    let tables: (String) -> String?
    let analyses: [AnalysisRecord]
    let groupings: [GroupingRecord]
    /// The template's view of the report.
    private(set) var context: [String: Any] = [:]

    /// Reads the tables the report shows.
    ///
    /// - Parameters:
    ///   - manifest: the study's `run.json`.
    ///   - tables: the path of a table of the study by file name, or nil when it is missing.
    /// - Throws: `DiscourseError` when `run.json` is not a study's or a table is missing.
    public init(manifest: JSONValue, tables: @escaping (String) -> String?) throws(DiscourseError) {
        guard manifest["command"]?.stringValue == "study", let analyses = manifest["analyses"]?.arrayValue,
              let groupings = manifest["groupings"]?.arrayValue else {
            throw DiscourseError("run.json: not the record of a study (discourse study STUDY.yaml writes one)")
        }
        self.manifest = manifest
        self.tables = tables
        self.analyses = analyses.map(AnalysisRecord.init)
        self.groupings = groupings.map(GroupingRecord.init)
        let overview = try overviewSection()
        let tracked = try trackedSection()
        let movers = try moversSection()
        let newTerms = try newTermsSection()
        let keyness = try keynessSection()
        let collocates = try collocatesSection()
        let concordance = try concordanceSection()
        context = [
            "title": title, "subtitle": subtitle,
            "overview": overview, "tracked": tracked, "movers": movers, "newTerms": newTerms,
            "keyness": keyness, "collocates": collocates, "concordance": concordance,
            "hasTracked": !tracked.isEmpty, "hasMovers": !movers.isEmpty, "hasNewTerms": !newTerms.isEmpty,
            "hasKeyness": !keyness.isEmpty, "hasCollocates": !collocates.isEmpty, "hasConcordance": !concordance.isEmpty,
            "methods": methodsSection(),
        ]
    }

    /// The report as one HTML page, from `template` (Mustache) or the built-in one.
    public func html(template: String? = nil) throws(DiscourseError) -> String {
        try render(template ?? ReportTemplates.html, partials: ["table": ReportTemplates.htmlTable])
    }

    /// The report's tables in Markdown, from `template` (Mustache) or the built-in one.
    public func markdown(template: String? = nil) throws(DiscourseError) -> String {
        try render(template ?? ReportTemplates.markdown, partials: ["table": ReportTemplates.markdownTable])
    }

    private func render(_ template: String, partials: [String: String]) throws(DiscourseError) -> String {
        ReportTemplates.registerContentTypes()
        var library = MustacheLibrary()
        for (name, text) in partials.sorted(by: { $0.key < $1.key }) + [("report", template)] {
            do { try library.register(text, named: name) } catch let error as MustacheTemplate.ParserError {
                throw DiscourseError("the \(name == "report" ? "" : "'\(name)' partial of the ")report template, line \(error.context.lineNumber), column \(error.context.columnNumber): \(error.error) (at: \(error.context.line))")
            } catch {
                throw DiscourseError("the report template: \(error)")
            }
        }
        return library.render(context, withTemplate: "report") ?? ""
    }

    /// The study's title, or a name made from its corpus.
    var title: String {
        if let title = manifest["study"]?["title"]?.stringValue, !title.isEmpty { return title }
        let path = manifest["corpus"]?["path"]?.stringValue ?? "corpus"
        return "Study of " + (path.lastPathComponent == "data" ? path.deletingLastPathComponent.lastPathComponent : path.lastPathComponent)
    }

    var subtitle: String {
        let documents = manifest["corpus"]?["documents"]?.intValue ?? 0
        let tokens = (manifest["documents"]?.arrayValue ?? []).reduce(0) { $0 + ($1["tokens"]?.intValue ?? 0) }
        let fields = groupings.compactMap(\.field).joined(separator: ", ")
        return "\(Self.plural(documents, "document")), \(Self.plural(tokens, "token")); grouped by \(fields)"
    }

    /// `1 document`, `2,029,308 tokens`: a count with its noun, thousands separated.
    static func plural(_ count: Int, _ noun: String) -> String {
        var digits = String(count)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped + " " + noun + (count == 1 ? "" : "s")
    }

    /// A table of the study, read from its CSV file a megabyte at a time (only the rows
    /// `keep` keeps are held: a keyness table of a large corpus runs to gigabytes) and
    /// checked against the SHA-256 that `run.json` records for it (a table edited since the
    /// study wrote it is an error).
    func read(_ file: String, keep: ((String) -> Bool)? = nil) throws(DiscourseError) -> CSVRows {
        guard let path = tables(file) else {
            throw DiscourseError("\(file): the report needs this table of the study, but it is missing")
        }
        let hasher = SHA256Digest()
        let rows = try CSVRows(path: path, name: file, keep: keep, hasher: hasher)
        let recorded = (manifest["outputs"]?.arrayValue ?? []).first { $0["file"]?.stringValue == file }?["sha256"]?.stringValue
        if let recorded, recorded != hasher.hexDigest() {
            throw DiscourseError("\(file): the table has changed since the study wrote it (its SHA-256 is not the one run.json records); rerun the study, or restore the file")
        }
        return rows
    }

    /// How a term is shown in headings: as the study file writes it where `run.json` has its
    /// lines (an inline list), else a multi-word term's form with spaces for `_`. Tables show
    /// the CSV's text.
    func display(_ term: String) -> String {
        for record in analyses where record.kind == "trends" {
            guard let lines = record.options["track"]?.arrayValue?.compactMap(\.stringValue), let terms = record.trackedTerms,
                  lines.count == terms.count, let i = terms.firstIndex(of: term) else { continue }
            return lines[i]
        }
        return term.replacingUnderscores()
    }

    /// The grouping record of a field.
    func grouping(_ field: String?) -> GroupingRecord? { groupings.first { $0.field == field } }
}

/// An analysis as `run.json` records it.
struct AnalysisRecord {
    let kind: String
    let name: String?
    let by: String?
    let options: JSONValue
    let files: [String]

    init(_ value: JSONValue) {
        kind = value["analysis"]?.stringValue ?? ""
        name = value["name"]?.stringValue
        by = value["by"]?.stringValue
        options = value["options"] ?? .null
        files = (value["files"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// The tracked terms of a trends analysis that follows chosen terms.
    var trackedTerms: [String]? { options["tracked_terms"]?.arrayValue?.compactMap(\.stringValue) }

    /// `by year`, `tracked, by decade`: what tells this analysis apart in headings.
    var label: String {
        [name, by.map { "by " + $0 }].compactMap { $0 }.joined(separator: ", ")
    }
}

/// A grouping as `run.json` records it.
struct GroupingRecord {
    let field: String?
    let file: String

    init(_ value: JSONValue) {
        field = value["field"]?.stringValue
        file = value["file"]?.stringValue ?? ""
    }
}
