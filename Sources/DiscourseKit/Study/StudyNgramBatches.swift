/// A study's n-gram analysis on one grouping when the study is read in batches within a
/// memory budget: each batch of the one pass is counted into a partial-count file in a
/// temporary folder of its own (the format of `discourse count`, docs/partial-counts.md), and
/// the groups are summed from those files when the writer asks for them, as `ngrams
/// --memory` and `discourse merge` do, so the tables are those of the in-memory run.
final class StudyNgramBatches: Sendable {
    let prepared: ShardCount.Prepared
    /// The temporary folder the files are in, or nil when they go to a folder that stays (a
    /// study's shard: `StudyPart`).
    let folder: SpillFolder?
    let path: String
    let batches: Int

    /// - Throws: `DiscourseError` when no folder can be made under `tmp`.
    init(_ prepared: ShardCount.Prepared, batches: Int, tmp: String) throws(DiscourseError) {
        self.prepared = prepared
        self.batches = batches
        let folder = try SpillFolder(in: tmp, prefix: "discourse-ngrams")
        self.folder = folder
        path = folder.path
    }

    /// Batches whose files go to `folder`, made beforehand, where they stay.
    init(_ prepared: ShardCount.Prepared, batches: Int, folder: String) {
        self.prepared = prepared
        self.batches = batches
        self.folder = nil
        path = folder
    }

    /// The file of batch `batch` (from 0) in `folder`.
    static func file(_ batch: Int, in folder: String) -> String { folder + "/\(batch + 1).dcounts" }

    private func path(_ batch: Int) -> String { Self.file(batch, in: path) }

    /// Counts batch `b`: the documents `range`, tokenized and read.
    ///
    /// - Throws: `DiscourseError` when the file cannot be written.
    func count(_ tokens: TokenizedCorpus, readings: [CorpusReader.Reading], range: Range<Int>, batch b: Int,
               observer: any RunObserver) throws(DiscourseError) {
        _ = try prepared.write(tokens, readings: readings, range: range, number: b + 1, of: batches, to: path(b), observer: observer)
    }

    /// The groups' tables summed from the batches' files; `mergeWorkers` groups may be summed
    /// at once (each is summed whole).
    ///
    /// - Throws: `DiscourseError` for a file that cannot be read back.
    func source(mergeWorkers: Int) throws(DiscourseError) -> any NgramSource {
        var parts: [PartialCountsFile] = []
        for b in 0..<batches { parts.append(try PartialCountsFile(path: path(b), keepListing: b == 0)) }
        return BatchedNgramSource(merged: try MergedNgramSource(parts: parts), folder: folder, mergeWorkers: mergeWorkers)
    }

    /// The groups' tables summed from the files of several runs of batches (the shards of a
    /// study, each counted in its own batches): the files are checked to come from one run,
    /// and the merge checks that they count every document once.
    ///
    /// - Throws: `DiscourseError` for a file that cannot be read back, or files of different runs.
    static func source(files: [String], mergeWorkers: Int) throws(DiscourseError) -> any NgramSource {
        var parts: [PartialCountsFile] = []
        for (i, file) in files.enumerated() { parts.append(try PartialCountsFile(path: file, keepListing: i == 0)) }
        return BatchedNgramSource(merged: try MergedNgramSource(parts: parts, shardsChecked: false), folder: nil,
                                  mergeWorkers: mergeWorkers)
    }
}

/// The summed batches, keeping their folder while the tables are written, with how many
/// groups may be summed at once (`groupsAtOnce`: the study makes its tf-idf and writes its
/// table under `ParallelMap.withWorkers` of that number).
private final class BatchedNgramSource: NgramSource, Sendable {
    let merged: MergedNgramSource
    let folder: SpillFolder?
    let groupsAtOnce: Int?

    init(merged: MergedNgramSource, folder: SpillFolder?, mergeWorkers: Int) {
        self.merged = merged
        self.folder = folder
        groupsAtOnce = mergeWorkers
    }

    var vocabulary: VocabularyTable { merged.vocabulary }
    var options: NgramOptions { merged.options }
    var groupCount: Int { merged.groupCount }
    var readFailure: DiscourseError? { merged.readFailure }

    func count(groups range: Range<Int>, splitting: Bool) -> [GroupNgramCounts] {
        merged.count(groups: range, splitting: splitting)
    }

    func summaries() -> [GroupSummary] { merged.summaries() }
}
