import ICUText

/// `run.json` (SPEC §8): what produced an output folder, so that a run can be checked and
/// repeated: tool, ICU and Unicode versions, the full options, each document's SHA-256 and
/// token count, and each output file's rows and SHA-256. It holds no time stamp, so the
/// same input gives a byte-identical file.
public enum RunManifest {
    public static let toolVersion = ToolVersion.current

    public static func make(command: String, arguments: [String], options: [(String, JSONValue)],
                            corpusPath: String, corpus: Corpus, tokenCounts: [Int]?,
                            grouping: Grouping?, outputs: JSONValue) -> JSONValue {
        var corpusInfo = summary(of: corpus, path: corpusPath)
        if let grouping {
            corpusInfo.append(("group_by", grouping.field.map(JSONValue.string) ?? .null))
            corpusInfo.append(("groups", .int(grouping.groups.count)))
            corpusInfo.append(("left_out", .array(grouping.leftOut.map(JSONValue.string))))
        }
        corpusInfo.append(("warnings", .array(corpus.warnings.map(JSONValue.string))))
        return .object(header(command: command, arguments: arguments) + [
            ("options", .object(options)),
            ("corpus", .object(corpusInfo)),
            ("documents", documents(corpus, tokenCounts: tokenCounts)),
            ("outputs", outputs),
        ])
    }

    /// A study's `run.json`: the study file, its options, the corpus, each grouping and each
    /// analysis with its options, files and warnings, every warning, the documents and every
    /// output file.
    public static func study(_ run: StudyRun, arguments: [String], output: [(String, JSONValue)], groupings: [JSONValue],
                             analyses: [JSONValue], warnings: [String], outputs: JSONValue) -> JSONValue {
        let study = run.study
        var source: [(String, JSONValue)] = [("title", study.title.map(JSONValue.string) ?? .null)]
        if let file = study.source {
            source += [("file", .string(file.path)), ("copy", .string(StudyOutput.studyCopy)), ("sha256", .string(SHA256Hex.of(file.bytes)))]
        }
        let options: [(String, JSONValue)] = [
            ("corpus", .object([("path", .string(study.corpus.path))] + study.corpus.manifest)),
            ("tokens", .object(study.tokens.manifest)),
            ("groupings", .array(study.groupings.map { $0.map(JSONValue.string) ?? .null })),
            ("output", .object(output)),
        ]
        // The other files the study read, so that a rerun can check it reads the same.
        let inputs: [JSONValue] = study.inputs.map { file in
            let data = FileManager.default.contents(atPath: study.resolve(file))
            return .object([("file", .string(file)), ("sha256", .string(data.map { SHA256Hex.of([UInt8]($0)) } ?? ""))])
        }
        return .object(header(command: "study", arguments: arguments)
            + (run.mergedFrom.map { [("merged_from", JSONValue.array($0))] } ?? []) + [
            ("study", .object(source)),
            ("inputs", .array(inputs)),
            ("options", .object(options)),
            ("corpus", .object(summary(of: run.corpus, path: study.corpus.path))),
            ("groupings", .array(groupings)),
            ("analyses", .array(analyses)),
            ("warnings", .array(warnings.map(JSONValue.string))),
            ("documents", documents(run.corpus, tokenCounts: run.documentTokens)),
            ("outputs", outputs),
        ])
    }

    static func header(command: String, arguments: [String]) -> [(String, JSONValue)] {
        [("tool", .string("discourse")), ("version", .string(toolVersion)), ("icu_version", .string(ICUVersion.icu)),
         ("unicode_version", .string(ICUVersion.unicode)), ("command", .string(command)),
         ("arguments", .array(arguments.map(JSONValue.string)))]
    }

    static func summary(of corpus: Corpus, path corpusPath: String) -> [(String, JSONValue)] {
        var corpusInfo: [(String, JSONValue)] = [
            ("path", .string(corpusPath)),
            ("documents", .int(corpus.documents.count)),
            ("bytes", .int(corpus.byteCount)),
        ]
        corpusInfo.append(("strip", .array(corpus.stripRemovals.map {
            .object([("pattern", .string($0.pattern)), ("code_points_removed", .int($0.codePoints))])
        })))
        corpusInfo.append(("duplicates", .array(corpus.duplicates.map { .array($0.map(JSONValue.string)) })))
        if !corpus.filesWithoutMetadata.isEmpty {
            corpusInfo.append(("files_without_metadata", .array(corpus.filesWithoutMetadata.map(JSONValue.string))))
        }
        return corpusInfo
    }

    /// One entry per document, made as run.json is written rather than held.
    static func documents(_ corpus: Corpus, tokenCounts: [Int]?) -> JSONValue {
        return .generated(GeneratedArray(count: corpus.documents.count) { i in
            var fields: [(String, JSONValue)] = [("doc_id", .string(corpus.documents[i].id)), ("sha256", .string(corpus.sha256(of: i)))]
            if let tokenCounts { fields.append(("tokens", .int(tokenCounts[i]))) }
            return .object(fields)
        })
    }
}
