import ICUText

/// `run.json` (SPEC §8): what produced an output folder, so that a run can be checked and
/// repeated: tool, ICU and Unicode versions, the full options, each document's SHA-256 and
/// token count, and each output file's rows and SHA-256. It holds no time stamp, so the
/// same input gives a byte-identical file.
public enum RunManifest {
    public static let toolVersion = "0.1.0"

    public static func make(command: String, arguments: [String], options: [(String, JSONValue)],
                            corpusPath: String, corpus: Corpus, tokenCounts: [Int]?,
                            grouping: Grouping?, outputs: JSONValue) -> JSONValue {
        var corpusInfo: [(String, JSONValue)] = [
            ("path", .string(corpusPath)),
            ("documents", .int(corpus.documents.count)),
            ("bytes", .int(corpus.byteCount)),
        ]
        corpusInfo.append(("strip", .array(corpus.stripRemovals.map {
            .object([("pattern", .string($0.pattern)), ("code_points_removed", .int($0.codePoints))])
        })))
        corpusInfo.append(("duplicates", .array(corpus.duplicates.map { .array($0.map(JSONValue.string)) })))
        if let grouping {
            corpusInfo.append(("group_by", grouping.field.map(JSONValue.string) ?? .null))
            corpusInfo.append(("groups", .int(grouping.groups.count)))
            corpusInfo.append(("left_out", .array(grouping.leftOut.map(JSONValue.string))))
        }
        corpusInfo.append(("warnings", .array(corpus.warnings.map(JSONValue.string))))
        let documents: [JSONValue] = corpus.documents.enumerated().map { i, document in
            var fields: [(String, JSONValue)] = [("doc_id", .string(document.id)), ("sha256", .string(document.sha256))]
            if let tokenCounts { fields.append(("tokens", .int(tokenCounts[i]))) }
            return .object(fields)
        }
        return .object([
            ("tool", .string("discourse")),
            ("version", .string(toolVersion)),
            ("icu_version", .string(ICUVersion.icu)),
            ("unicode_version", .string(ICUVersion.unicode)),
            ("command", .string(command)),
            ("arguments", .array(arguments.map(JSONValue.string))),
            ("options", .object(options)),
            ("corpus", .object(corpusInfo)),
            ("documents", .array(documents)),
            ("outputs", outputs),
        ])
    }
}
