/// `discourse report DIR`: the report of a finished study folder built again from its
/// tables and `run.json`, for instance with another template; `run.json` gets the new
/// reports' SHA-256 and nothing else changes.
public enum ReportRebuild {
    /// - Throws: `DiscourseError` when the folder has no study's `run.json`, a table is
    ///   missing, a template does not parse, or a file cannot be written.
    public static func run(folder: String, htmlTemplate: String?, markdownTemplate: String?) throws(DiscourseError) {
        let path = folder.appendingPath("run.json")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiscourseError("\(path): no run.json; give a folder written by discourse study")
        }
        let manifest = try JSONValue(parsing: [UInt8](data), source: path)
        let report = try Report(manifest: manifest) { name in
            guard !name.contains("/"), FileSystem.isFolder(folder.appendingPath(name)) == false else { return nil }
            return folder.appendingPath(name)
        }
        let html = try report.html(template: htmlTemplate)
        let markdown = try report.markdown(template: markdownTemplate)
        let writer = try OutputWriter(destination: .folder(folder), format: CSVFormat(), mainFile: "")
        let reports = [Report.htmlFile, Report.markdownFile]
        for output in manifest["outputs"]?.arrayValue ?? [] {
            guard let file = output["file"]?.stringValue, !reports.contains(file) else { continue }
            try writer.adopt(file, rows: output["rows"]?.intValue ?? 0, sha256: output["sha256"]?.stringValue ?? "")
        }
        try writer.writeFile(name: Report.htmlFile, bytes: Array(html.utf8), items: 0)
        try writer.writeFile(name: Report.markdownFile, bytes: Array(markdown.utf8), items: 0)
        try writer.finish(manifest: manifest.replacing("outputs", with: writer.manifestOutputs))
    }
}

extension JSONValue {
    /// An object with one member's value replaced.
    func replacing(_ key: String, with value: JSONValue) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.map { $0.0 == key ? ($0.0, value) : $0 })
    }
}
