/// What a partial-count file says about itself (docs/partial-counts.md): which shard of which
/// run it is, and everything the merge needs besides the counts to write what the
/// single-machine run writes — the options, the corpus's documents and what reading them
/// found, and the grouping.
struct PartialCountsHeader: Sendable {
    /// 1-based shard number and the number of shards.
    var shard: Int
    var shards: Int
    /// What every shard of one run shares: tool, ICU and Unicode versions, the corpus hash
    /// and the options. Parts merge only when these are equal.
    var identity: JSONValue
    /// The options as `run.json` records them: corpus, n-gram and token options.
    var corpusOptions: [(String, JSONValue)]
    var analysisOptions: [(String, JSONValue)]
    var tokenOptions: [(String, JSONValue)]
    var ngramOptions: NgramOptions
    /// The corpus path as given, the `--strip` patterns, and what loading it said.
    var corpusPath: String
    var strip: [String]
    var loadWarnings: [String]
    var filesWithoutMetadata: [String]
    /// Every document of the corpus (after `--where`), in corpus order.
    var documentIDs: [String]
    /// What reading this shard's documents found, with each one's index and token count.
    var readings: [ShardReading]
    /// The grouping of the whole corpus.
    var groupingField: String?
    var leftOut: [String]
    var groups: [Group]

    struct ShardReading: Sendable {
        var document: Int
        var tokens: Int
        var reading: CorpusReader.Reading

        var json: JSONValue {
            .object([
                ("document", .int(document)), ("tokens", .int(tokens)), ("sha256", .string(reading.sha256.hex)),
                ("bytes", .int(reading.byteCount)), ("replacements", .int(reading.replacements)),
                ("removed", .array(reading.removed.map(JSONValue.int))), ("text_sha256", .string(reading.textDigest.hex)),
                ("empty", .bool(reading.isEmptyText)), ("emptied_by_strip", .bool(reading.emptiedByStrip)),
            ])
        }

        /// The readings back from their JSON (`json`), each naming one of `documents`
        /// documents; `fail` makes the error for a missing or malformed field.
        static func list(_ value: JSONValue?, documents: Int, fail: (String) -> DiscourseError) throws(DiscourseError) -> [ShardReading] {
            func int(_ value: JSONValue?, _ field: String) throws(DiscourseError) -> Int {
                guard let value = value?.intValue else { throw fail(field) }
                return value
            }
            func digest(_ value: JSONValue?, _ field: String) throws(DiscourseError) -> SHA256Sum {
                guard let text = value?.stringValue, let digest = SHA256Sum(hex: text) else { throw fail(field) }
                return digest
            }
            guard let items = value?.arrayValue else { throw fail("readings") }
            var readings: [ShardReading] = []
            for item in items {
                guard let removedItems = item["removed"]?.arrayValue, case .bool(let empty)? = item["empty"],
                      case .bool(let emptied)? = item["emptied_by_strip"] else { throw fail("readings") }
                var removed: [Int] = []
                for value in removedItems { removed.append(try int(value, "readings.removed")) }
                let reading = CorpusReader.Reading(
                    text: [], sha256: try digest(item["sha256"], "readings.sha256"), byteCount: try int(item["bytes"], "readings.bytes"),
                    replacements: try int(item["replacements"], "readings.replacements"), removed: removed,
                    textDigest: try digest(item["text_sha256"], "readings.text_sha256"), isEmptyText: empty, emptiedByStrip: emptied)
                let document = try int(item["document"], "readings.document")
                guard (0..<documents).contains(document) else { throw fail("readings.document") }
                readings.append(ShardReading(document: document, tokens: try int(item["tokens"], "readings.tokens"), reading: reading))
            }
            return readings
        }
    }

    var json: JSONValue {
        .object([
            ("format", .string(PartialCountsFormat.name)),
            ("version", .int(Int(PartialCountsFormat.version))),
            ("shard", .int(shard)),
            ("shards", .int(shards)),
            ("identity", identity),
            ("corpus", .object([
                ("path", .string(corpusPath)), ("strip", .array(strip.map(JSONValue.string))),
                ("load_warnings", .array(loadWarnings.map(JSONValue.string))),
                ("files_without_metadata", .array(filesWithoutMetadata.map(JSONValue.string))),
                ("documents", .array(documentIDs.map(JSONValue.string))),
            ])),
            ("readings", .array(readings.map(\.json))),
            ("grouping", .object([
                ("by", groupingField.map(JSONValue.string) ?? .null),
                ("left_out", .array(leftOut.map(JSONValue.string))),
                ("groups", .array(groups.map { group in
                    .object([("label", .string(group.label)), ("documents", .array(group.documents.map(JSONValue.int))),
                             ("first_date", group.firstDate.map(JSONValue.string) ?? .null),
                             ("last_date", group.lastDate.map(JSONValue.string) ?? .null)])
                })),
            ])),
        ])
    }

    /// Reads a header back.
    ///
    /// - Throws: `DiscourseError` naming `source` and the missing or malformed field.
    init(json: JSONValue, source: String) throws(DiscourseError) {
        func fail(_ field: String) -> DiscourseError {
            DiscourseError("\(source): damaged partial-count file: its header lacks a valid '\(field)'")
        }
        func int(_ value: JSONValue?, _ field: String) throws(DiscourseError) -> Int {
            guard let value = value?.intValue else { throw fail(field) }
            return value
        }
        func string(_ value: JSONValue?, _ field: String) throws(DiscourseError) -> String {
            guard let value = value?.stringValue else { throw fail(field) }
            return value
        }
        func strings(_ value: JSONValue?, _ field: String) throws(DiscourseError) -> [String] {
            guard let items = value?.arrayValue else { throw fail(field) }
            var result: [String] = []
            for item in items { result.append(try string(item, field)) }
            return result
        }
        func object(_ value: JSONValue?, _ field: String) throws(DiscourseError) -> [(String, JSONValue)] {
            guard let members = value?.objectValue else { throw fail(field) }
            return members
        }
        shard = try int(json["shard"], "shard")
        shards = try int(json["shards"], "shards")
        guard let identity = json["identity"], identity.objectValue != nil else { throw fail("identity") }
        self.identity = identity
        let options = identity["options"]
        corpusOptions = try object(options?["corpus"], "identity.options.corpus")
        analysisOptions = try object(options?["ngrams"], "identity.options.ngrams")
        tokenOptions = try object(options?["tokens"], "identity.options.tokens")
        ngramOptions = try NgramOptions(manifest: analysisOptions, source: source)
        let corpus = json["corpus"]
        corpusPath = try string(corpus?["path"], "corpus.path")
        strip = try strings(corpus?["strip"], "corpus.strip")
        loadWarnings = try strings(corpus?["load_warnings"], "corpus.load_warnings")
        filesWithoutMetadata = try strings(corpus?["files_without_metadata"], "corpus.files_without_metadata")
        documentIDs = try strings(corpus?["documents"], "corpus.documents")
        readings = try ShardReading.list(json["readings"], documents: documentIDs.count, fail: fail)
        let grouping = json["grouping"]
        switch grouping?["by"] {
        case .string(let field)?: groupingField = field
        case .null?: groupingField = nil
        default: throw fail("grouping.by")
        }
        leftOut = try strings(grouping?["left_out"], "grouping.left_out")
        guard let groupItems = grouping?["groups"]?.arrayValue else { throw fail("grouping.groups") }
        groups = []
        for item in groupItems {
            guard let documentItems = item["documents"]?.arrayValue else { throw fail("grouping.groups.documents") }
            var documents: [Int] = []
            for value in documentItems {
                let index = try int(value, "grouping.groups.documents")
                guard documentIDs.indices.contains(index) else { throw fail("grouping.groups.documents") }
                documents.append(index)
            }
            groups.append(Group(label: try string(item["label"], "grouping.groups.label"), documents: documents,
                                firstDate: item["first_date"]?.stringValue, lastDate: item["last_date"]?.stringValue))
        }
    }

    init(shard: Int, shards: Int, identity: JSONValue, corpusOptions: [(String, JSONValue)],
         analysisOptions: [(String, JSONValue)], tokenOptions: [(String, JSONValue)], ngramOptions: NgramOptions,
         corpusPath: String, strip: [String], loadWarnings: [String], filesWithoutMetadata: [String],
         documentIDs: [String], readings: [ShardReading], grouping: Grouping) {
        self.shard = shard
        self.shards = shards
        self.identity = identity
        self.corpusOptions = corpusOptions
        self.analysisOptions = analysisOptions
        self.tokenOptions = tokenOptions
        self.ngramOptions = ngramOptions
        self.corpusPath = corpusPath
        self.strip = strip
        self.loadWarnings = loadWarnings
        self.filesWithoutMetadata = filesWithoutMetadata
        self.documentIDs = documentIDs
        self.readings = readings
        groupingField = grouping.field
        leftOut = grouping.leftOut
        groups = grouping.groups
    }
}

extension NgramOptions {
    /// The options back from their `run.json` form (`manifest(by:)`).
    init(manifest: [(String, JSONValue)], source: String) throws(DiscourseError) {
        self.init()
        let fields = Dictionary(manifest, uniquingKeysWith: { first, _ in first })
        guard let n = fields["n"]?.stringValue, let range = ClosedRange<Int>(sizeDescription: n),
              let minCount = fields["min_count"]?.intValue, case .bool(let cross)? = fields["cross_sentences"] else {
            throw DiscourseError("\(source): damaged partial-count file: its n-gram options are incomplete")
        }
        sizes = range
        self.minCount = minCount
        crossSentences = cross
        if case .bool(let tfIdf)? = fields["tf_idf"] { self.tfIdf = tfIdf }
    }
}

extension ClosedRange<Int> {
    /// A length or range as `sizeDescription` writes it (`2`, `1-3`).
    init?(sizeDescription text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        if parts.count == 1, let n = parts[0], n >= 1 {
            self = n...n
        } else if parts.count == 2, let low = parts[0], let high = parts[1], low >= 1, high >= low {
            self = low...high
        } else {
            return nil
        }
    }
}
