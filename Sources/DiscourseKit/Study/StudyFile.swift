import Yams

/// Reads a study file (YAML): the corpus and how to read it, token options, groupings, and
/// the analyses with the options their commands take. Relative paths are relative to the
/// study file. An unknown key is an error, so that a typo never silently drops an analysis;
/// every error names the file, line and column. See docs/study-files.md.
///
/// ```yaml
/// title: State of the Union addresses, 1790–2026
/// corpus:
///   path: data
///   strip: ['\[[^\]]*\]']
/// tokens:
///   stopwords: en
/// groupings: [year, decade]
/// analyses:
///   - ngrams: {n: 1-3, by: year}
///   - trends: {track: [freedom, liberty], by: year}
/// ```
public enum StudyFile {
    /// The file's top-level keys.
    static let keys = ["title", "corpus", "tokens", "groupings", "analyses", "out"]

    /// Reads and parses the study file at `path`.
    ///
    /// - Throws: `DiscourseError` for a file that cannot be read, YAML that does not parse,
    ///   or a key or value the study cannot use, naming its line and column.
    public static func load(_ path: String) throws(DiscourseError) -> Study {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiscourseError("\(path): cannot read the study file")
        }
        let bytes = [UInt8](data)
        guard let text = String(validating: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self) else {
            throw DiscourseError("\(path): the study file is not valid UTF-8")
        }
        var study = try parse(text, file: path, folder: path.deletingLastPathComponent)
        study.source = StudySource(path: path, bytes: [UInt8](data))
        return study
    }

    /// Parses a study file's text; `folder` is where relative paths start.
    public static func parse(_ text: String, file: String, folder: String) throws(DiscourseError) -> Study {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw DiscourseError(describe(error, file: file))
        } catch {
            throw DiscourseError("\(file): not a YAML file (\(error))")
        }
        guard let root else { throw DiscourseError("\(file): the study file is empty; it needs corpus, groupings and analyses") }
        let top = StudyNode(node: root, file: file)
        let fields = try top.mapping("the study file", known: keys)
        func field(_ key: String) -> StudyNode? { fields.first { $0.key == key }?.value }
        for required in ["corpus", "groupings", "analyses"] where field(required) == nil {
            throw top.error("the study file has no '\(required)'; it needs corpus, groupings and analyses")
        }
        let resolve = { (path: String) -> String in path.hasPrefix("/") || folder.isEmpty ? path : folder.appendingPath(path) }
        let corpus = try corpusOptions(field("corpus")!)
        let tokens = try field("tokens").map { node throws(DiscourseError) in try tokenOptions(node) } ?? TokenOptions()
        let groupingsNode = field("groupings")!
        let groupings = try groupingsNode.strings("groupings")
        guard !groupings.isEmpty else { throw groupingsNode.error("groupings needs at least one field, e.g. [year]") }
        for (i, name) in groupings.enumerated() where name.isEmpty || groupings[..<i].contains(name) {
            throw groupingsNode.error(name.isEmpty ? "a grouping field is empty" : "the grouping '\(name)' is listed twice")
        }
        var study = Study(title: try field("title")?.string("title"), corpus: corpus, tokens: tokens,
                          groupings: groupings, analyses: [])
        study.folder = folder
        for key in ["corpus", "tokens", "groupings"] {
            if let mark = fields.first(where: { $0.key == key })?.value.node.mark {
                study.locations[key] = "\(file) line \(mark.line), column \(mark.column)"
            }
        }
        study.inputs = tokens.termFiles.filter { !LineFile.isBuiltinTerms($0) } + tokens.stopwordLists.filter { !LineFile.isBuiltinList($0) }
        study.outputFolder = try field("out").map { node throws(DiscourseError) in resolve(try node.string("out")) }
        let analysesNode = field("analyses")!
        let items = try analysesNode.list("analyses")
        guard !items.isEmpty else { throw analysesNode.error("analyses needs at least one analysis") }
        for item in items {
            var parser = StudyAnalysisParser(node: item, groupings: groupings, resolve: resolve)
            study.analyses.append(try parser.parse())
            for input in parser.inputs where !study.inputs.contains(input) { study.inputs.append(input) }
        }
        try checkFileNames(study, items: items)
        return study
    }

    static func corpusOptions(_ node: StudyNode) throws(DiscourseError) -> CorpusOptions {
        let fields = try node.mapping("corpus", known: ["path", "format", "encoding", "replace_invalid", "strip", "lang",
                                                         "text_field", "where", "allow_outside_paths"])
        guard let path = fields.first(where: { $0.key == "path" }) else {
            throw node.error("corpus needs a path: a folder of .txt files, a .csv or a .jsonl file")
        }
        var options = CorpusOptions(path: try path.value.string("corpus path"))
        for (key, value) in fields {
            switch key {
            case "format":
                let text = try value.string("format")
                guard let format = CorpusFormat(rawValue: text) else {
                    throw value.error("format '\(text)' is not one of \(CorpusFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                options.format = format
            case "encoding": options.encoding = try value.string("encoding")
            case "replace_invalid": options.replaceInvalid = try value.bool("replace_invalid")
            case "strip": options.strip = try value.strings("strip")
            case "lang": options.language = try value.string("lang")
            case "text_field": options.textField = try value.string("text_field")
            case "allow_outside_paths": options.allowOutsidePaths = try value.bool("allow_outside_paths")
            case "where":
                options.conditions = try value.strings("where")
                for condition in options.conditions where !condition.contains("=") {
                    throw value.error("where '\(condition)': write FIELD=VALUE or FIELD!=VALUE, e.g. language=zh")
                }
            default: break
            }
        }
        return options
    }

    static func tokenOptions(_ node: StudyNode) throws(DiscourseError) -> TokenOptions {
        var options = TokenOptions()
        for (key, value) in try node.mapping("tokens", known: ["stopwords", "terms", "simplified", "keep_case", "numbers"]) {
            switch key {
            case "stopwords": options.stopwordLists = try value.strings("stopwords")
            case "terms": options.termFiles = try value.strings("terms")
            case "simplified": options.simplified = try value.bool("simplified")
            case "keep_case": options.keepCase = try value.bool("keep_case")
            case "numbers": options.dropNumbers = !(try value.bool("numbers"))
            default: break
            }
        }
        return options
    }

    /// Two analyses whose files would have the same names are an error at the second one.
    static func checkFileNames(_ study: Study, items: [StudyNode]) throws(DiscourseError) {
        var seen: [String: Int] = [:]
        for (a, analysis) in study.analyses.enumerated() {
            for g in analysis.groupings ?? Array(study.groupings.indices) {
                // Case-insensitively: trends_x.csv and trends_X.csv are one file on macOS and Windows.
                let key = "\(analysis.spec.kind)\u{0}\((analysis.name ?? "").lowercased())\u{0}\(g)"
                if let first = seen[key] {
                    let line = items[first].node.mark.map { " on line \($0.line)" } ?? ""
                    throw items[a].error("this \(analysis.spec.kind) analysis would write the same files as the one\(line); give one of them a name (name: tracked)")
                }
                seen[key] = a
            }
        }
    }

    /// A YAML syntax error with its line and column.
    static func describe(_ error: YamlError, file: String) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return StudyNode.place(file, mark) + "not valid YAML: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return StudyNode.place(file, context.mark) + duplicates.map { "'\($0)' is given twice" }.joined(separator: ", ") + " in one mapping"
        case .reader(let problem, let offset, _, _):
            return "\(file)\(offset.map { " byte \($0)" } ?? ""): not valid YAML: \(problem)"
        default:
            return "\(file): not valid YAML: \(error)"
        }
    }
}

/// Where a study came from, copied into its output folder.
public struct StudySource: Sendable {
    public let path: String
    public let bytes: [UInt8]
}
