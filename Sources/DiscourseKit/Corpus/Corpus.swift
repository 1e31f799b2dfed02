/// A loaded corpus: documents in source order with their metadata columns, the reader that
/// reads their texts, and what reading noticed (replacements, `--strip` removals,
/// duplicates).
public struct Corpus: Sendable {
    /// Set only when the corpus is made (a subset is a new `Corpus`), so that `digests` and
    /// `byteCounts`, indexed like it, can never fall out of step with it.
    public private(set) var documents: [Document]
    /// SHA-256 of each document's raw bytes as read, in corpus order; empty until the texts
    /// are read. Kept beside the documents, not in them, so that recording them never
    /// copies a document list that a caller still shares.
    public private(set) var digests: [SHA256Sum] = []
    /// Size of each document's raw bytes, for throughput figures; empty until read.
    public private(set) var byteCounts: [Int] = []
    /// Metadata column names in the order the source gave them (without `doc_id`).
    public var fields: [String]
    /// How texts are read, decoded and cleaned.
    public var reader: CorpusReader
    /// Code points each `--strip` pattern removed over the whole corpus, in pattern order.
    public var stripRemovals: [(pattern: String, codePoints: Int)] = []
    /// Sets of documents whose texts are identical after cleaning, by doc_id.
    public var duplicates: [[String]] = []
    /// Messages for the user that do not stop the run.
    public var warnings: [String] = []
    /// `.txt` files of a metadata folder that no row names (left out of the corpus).
    public var filesWithoutMetadata: [String] = []

    public init(documents: [Document], fields: [String], reader: CorpusReader = CorpusReader()) {
        self.documents = documents
        self.fields = fields
        self.reader = reader
    }

    /// Keeps the documents for which `isKept` holds, in order, with what reading recorded
    /// for them.
    mutating func keep(_ isKept: (Document) -> Bool) {
        let kept = documents.indices.filter { isKept(documents[$0]) }
        documents = kept.map { documents[$0] }
        if !digests.isEmpty {
            digests = kept.map { digests[$0] }
            byteCounts = kept.map { byteCounts[$0] }
        }
    }

    /// Raw bytes of all documents read so far.
    public var byteCount: Int { byteCounts.reduce(0, +) }

    /// The hex SHA-256 of document `i`'s raw bytes; empty until read.
    public func sha256(of i: Int) -> String { digests.indices.contains(i) ? digests[i].hex : "" }

    /// What reading document `i` recorded (digest and size), to hand to the reader of a text
    /// already decoded.
    func recorded(_ i: Int) -> (digest: SHA256Sum, bytes: Int)? {
        digests.indices.contains(i) ? (digests[i], byteCounts[i]) : nil
    }

    /// Every field a document can be grouped by: `doc_id`, `year` and `decade` where dates or
    /// a year column exist, and the metadata columns.
    public var groupingFields: [String] {
        var names = ["doc_id"]
        if fields.contains("date") || fields.contains("year") { names += ["year", "decade"] }
        for field in fields where !names.contains(field) { names.append(field) }
        return names
    }

    /// Records what reading every document found: hashes and sizes, replacement and
    /// `--strip` counts, and identical non-empty texts (as warnings).
    public mutating func record(_ readings: [CorpusReader.Reading]) {
        precondition(readings.count == documents.count, "a reading for each document, in corpus order")
        var removals = [Int](repeating: 0, count: reader.cleaner.patterns.count)
        var replaced = 0
        var replacedDocuments = 0
        var emptied: [String] = []
        digests = readings.map(\.sha256)
        byteCounts = readings.map(\.byteCount)
        for (i, reading) in readings.enumerated() {
            for (p, count) in reading.removed.enumerated() { removals[p] += count }
            if reading.replacements > 0 {
                replaced += reading.replacements
                replacedDocuments += 1
            }
            if reading.emptiedByStrip { emptied.append(documents[i].id) }
        }
        if replaced > 0 {
            warnings.append("replaced \(replaced) invalid byte sequence(s) with U+FFFD in \(replacedDocuments) document(s) (--replace-invalid)")
        }
        if !emptied.isEmpty {
            let shown = emptied.prefix(10).joined(separator: ", ") + (emptied.count > 10 ? ", ..." : "")
            warnings.append("\(emptied.count) document(s) are empty after --strip: \(shown)")
        }
        duplicates = Self.identicalTexts(readings).map { set in set.map { documents[$0].id } }
        for set in duplicates { warnings.append("identical texts: \(set.joined(separator: ", "))") }
        stripRemovals = zip(reader.cleaner.patterns, removals).map { (pattern: $0, codePoints: $1) }
    }

    /// The sets of documents (indices, in corpus order) whose cleaned texts are identical and
    /// not empty, ordered by their first document: found by sorting the documents by digest,
    /// which takes 4 bytes a document where a dictionary of lists took some 100.
    static func identicalTexts(_ readings: [CorpusReader.Reading]) -> [[Int]] {
        var order = readings.indices.filter { !readings[$0].isEmptyText }.map { UInt32($0) }
        order.sort { a, b in
            let (x, y) = (readings[Int(a)].textDigest, readings[Int(b)].textDigest)
            return x == y ? a < b : x < y
        }
        var sets: [[Int]] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && readings[Int(order[end])].textDigest == readings[Int(order[start])].textDigest { end += 1 }
            if end - start > 1 { sets.append(order[start..<end].map { Int($0) }) }
            start = end
        }
        return sets.sorted { $0[0] < $1[0] }
    }

    /// Reads every text into memory (in parallel) and records what reading found. The token
    /// pipeline reads texts itself, one at a time; this is for callers that want the texts.
    public mutating func readAll() throws(DiscourseError) {
        let reader = self.reader
        let corpus = self
        let results = ParallelMap.run(documents.count) { i in
            Result { () throws(DiscourseError) in try reader.read(corpus.documents[i], recorded: corpus.recorded(i)) }
        }
        var readings: [CorpusReader.Reading] = []
        for (i, result) in results.enumerated() {
            let reading = try result.get()
            self.documents[i].content = .decoded(reading.text)
            readings.append(reading)
        }
        record(readings)
    }
}
