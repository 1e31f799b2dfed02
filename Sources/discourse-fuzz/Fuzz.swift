// discourse-fuzz: coverage-guided fuzz targets (libFuzzer) for the code that reads what
// researchers hand the tool: the strict CSV reader, JSON Lines, the metadata checks, the
// text decoder, the tokenizer with multi-word terms and Traditional -> Simplified, the
// term counts of a study's part (what `discourse study --merge` reads), and the word
// segmenter's fast path against ICU alone (a difference is a crash).
//
// Built only with DISCOURSE_FUZZ=1 (see Tests/Fuzz/run.sh and docs/fuzzing.md):
//   DISCOURSE_FUZZ=1 swift build --scratch-path .build-fuzz --product discourse-fuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld
//   FUZZ_TARGET=csv .build-fuzz/debug/discourse-fuzz Tests/Fuzz/seeds/csv -max_total_time=60
//
// A target may reject its input with a DiscourseError; it must never crash, hang or leak.
@testable import DiscourseKit
import ICUText

/// Which target this process runs: csv, jsonl, metadata, decoder, tokenizer, studypart or
/// wordbreak.
let fuzzTarget = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? "csv"

/// The encodings the decoder target tries, chosen by the input's first byte.
let encodings: [String?] = [nil, "gb18030", "big5", "shift_jis", "utf-16le", "utf-16be", "windows-1252", "utf-8"]

/// libFuzzer's driver (from `-sanitize=fuzzer`), called from the executable's entry point,
/// since SwiftPM names the entry point of an executable target itself.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("discourse_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzz(data, size) }
}

/// The entry libFuzzer's runtime refers to (the driver above calls the same function).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { fuzz(data, size) }

/// One input of the chosen target.
func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    switch fuzzTarget {
    case "csv": fuzzCSV(bytes)
    case "jsonl": fuzzJSONLines(bytes)
    case "metadata": fuzzMetadata(bytes)
    case "decoder": fuzzDecoder(bytes)
    case "tokenizer": fuzzTokenizer(bytes)
    case "studypart": fuzzStudyPart(bytes)
    case "wordbreak": fuzzWordBreak(bytes)
    default: fatalError("FUZZ_TARGET must be csv, jsonl, metadata, decoder, tokenizer, studypart or wordbreak")
    }
    return 0
}

/// The strict RFC 4180 reader, and a CSV corpus read from the same text.
func fuzzCSV(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? CSVTable(parsing: text, source: "fuzz.csv")
    var source = CorpusLoader.Source()
    try? CorpusLoader().parseCSVCorpus(text, path: "fuzz.csv", into: &source)
}

/// JSON Lines documents and the JSON reader under them.
func fuzzJSONLines(_ bytes: [UInt8]) {
    var source = CorpusLoader.Source()
    try? CorpusLoader().parseJSONLines(String(decoding: bytes, as: UTF8.self), path: "fuzz.jsonl", into: &source)
    _ = try? JSONValue(parsing: bytes, source: "fuzz.json")
}

/// metadata.csv: the table, the date, session and year checks, and `--where` conditions.
func fuzzMetadata(_ bytes: [UInt8]) {
    guard let table = try? CSVTable(parsing: String(decoding: bytes, as: UTF8.self), source: "metadata.csv") else { return }
    for row in table.rows {
        var values: [String: String] = [:]
        for (column, value) in zip(table.columns, row.fields) where !value.isEmpty { values[column] = value }
        try? MetadataCheck.validate(values, at: "metadata.csv line \(row.line)")
        for value in row.fields { _ = try? DocumentFilter(parsing: value) }
    }
}

/// The decoder with and without a declared encoding, stopping or replacing.
func fuzzDecoder(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    let decoder = TextDecoder(encoding: encodings[Int(first) % encodings.count], replaceInvalid: first & 0x80 != 0)
    _ = try? decoder.decode(Array(bytes.dropFirst()), source: "fuzz.txt")
}

/// The token pipeline with multi-word terms, stopwords and, by the first byte, Traditional ->
/// Simplified, keeping offsets, in English, Chinese or ICU's root locale.
func fuzzTokenizer(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    var configuration = TokenizerConfiguration()
    configuration.simplified = first & 1 != 0
    configuration.keepCase = first & 2 != 0
    configuration.dropNumbers = first & 4 != 0
    configuration.defaultLanguage = ["", "en", "zh", "zh-Hant", "ja"][Int(first >> 3) % 5]
    configuration.terms = ["高质量发展", "總體國家安全觀", "safe china", "overall national security concept", "covid-19 pandemic", "新质 生产力"]
    configuration.stopwords = ["the", "的", "of"]
    var corpus = Corpus(documents: [Document(id: "d", metadata: [:], source: "fuzz", content: .string(String(decoding: bytes.dropFirst(), as: UTF8.self)))],
                        fields: [])
    _ = try? TokenPipeline.run(&corpus, configuration: configuration)
}

/// The word segmenter (ICU with the ASCII fast path) against ICU's word break iterator
/// alone: the input after its first byte is UTF-16 (little-endian, lone surrogates and all),
/// the first byte picks the locale and the batch size. Any difference stops the run.
func fuzzWordBreak(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    let locale = ["", "en", "en_US_POSIX", "fi", "zh", "ja", "th", "he"][Int(first) % 8]
    let capacity = [1, 2, 7, 1 << 14][Int(first >> 3) % 4]
    let body = bytes.dropFirst()
    let text = stride(from: body.startIndex, to: body.endIndex - 1, by: 2).map { UInt16(body[$0]) | UInt16(body[$0 + 1]) << 8 }
    guard let icu = try? BreakIterator(.word, locale: locale), let fast = try? WordSegmenter(locale: locale) else {
        fatalError("cannot open the word break iterator for '\(locale)'")
    }
    var expectedEnds: [Int32] = []
    var expectedStatuses: [Int32] = []
    var ends: [Int32] = []
    var statuses: [Int32] = []
    var gotEnds: [Int32] = []
    var gotStatuses: [Int32] = []
    text.withUnsafeBufferPointer { buffer in
        try! icu.segment(buffer, ends: &expectedEnds, statuses: &expectedStatuses)
        fast.start(buffer)
        while true {
            let count = try! fast.next(ends: &ends, statuses: &statuses, capacity: capacity)
            if count == 0 { break }
            gotEnds += ends[..<count]
            gotStatuses += statuses[..<count]
        }
    }
    guard gotEnds == expectedEnds, gotStatuses == expectedStatuses else {
        fatalError("word segments differ from ICU's (locale '\(locale)'): \(text.map { String($0, radix: 16) })")
    }
}

/// A study part's term counts (`terms-G-R.bin`) summed into a grouping of four documents in
/// two groups, with the documents' lists: the file is written with its own SHA-256 recorded,
/// so that the reader parses it rather than stopping at the digest.
func fuzzStudyPart(_ bytes: [UInt8]) {
    let path = FileManager.default.temporaryDirectory.path + "/discourse-fuzz-studypart-\(getpid()).bin"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
    defer { try? FileManager.default.removeItem(atPath: path) }
    let grouping = Grouping(field: "session", groups: [Group(label: "1", documents: [0, 2], firstDate: nil, lastDate: nil),
                                                        Group(label: "2", documents: [1, 3], firstDate: nil, lastDate: nil)],
                            leftOut: [])
    var merger = TermCountsCoding.Merger(grouping: grouping, documents: true, spill: nil, groupSpill: nil)
    guard let reader = try? StudyPartFileReader(path: path, sha256: SHA256Hex.of(bytes)) else { return }
    try? merger.add(reader, end: 2)
    let counts = merger.finish()
    _ = counts.totals.count
}
