// discourse-bench: throughput and memory of the token pipeline and of a whole `ngrams` run.
//
//   swift run -c release discourse-bench [CORPUS ...]
//
// For each corpus (default: the State of the Union corpus and the government work reports):
//   1. bare ICU word-break iteration over the NFC texts on one core: the ceiling;
//   2. reading + decoding, then segmenting + interning (the token pipeline) on all cores;
//   3. the whole `discourse ngrams CORPUS --n 1-3 --by year` run as a separate process:
//      wall time and peak resident memory (best of three runs);
//   4. co-occurrence: all pairs in windows of 5 (`cooccur --min-cooc 3`) and the collocates
//      of one node by year (`collocates --node N --by year`), likewise;
//   5. diachronic comparison: every year against the rest (`keyness --by year --each`) and the
//      trend statistics of every type with count ≥ 20 (`trends --by year`), likewise;
//   6. the State of the Union study (Corpora/sotu/study.yaml) against the same analyses run
//      as separate commands, each reading and tokenizing the corpus again;
//   7. the built-in term list: the token pipeline on the government work reports with and
//      without `--terms zh-politics`, and `terms suggest` on both corpora
//      (`discourse-bench --terms` runs only this part).
//
//   swift run -c release discourse-bench --scale CORPUS ...
//
// for the generated corpora of Corpora/bench/generate.py (0.1, 1, 10 GB): one thread against
// one thread, bare ICU word and sentence breaking and the token pipeline (segment + intern on
// texts in memory, and with reading and decoding), then every command's wall time and peak
// memory, once each (`scaleBench` below); `--per-core CORPUS ...` prints only the one-thread
// table.
//
//   swift run -c release discourse-bench --writing [CORPUS ...]
//
// times writing alone: the n-grams 1-3 by year of each corpus (default the State of the
// Union) are counted and held first, then `ngrams.csv` is rendered (rows sorted, numbers
// formatted), hashed and written to a file (`writingBench` below); for one core, run it as
// `DISCOURSE_THREADS=1 taskset -c 0 discourse-bench --writing`.
// Figures go to standard output as a Markdown table for docs/performance.md.
import DiscourseKit
import Foundation
import ICUText

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// The fastest of `runs` runs of `body` by `clock` (wall time by default), with its value.
func best<T>(of runs: Int, clock: () -> Double = now, _ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
    var result: (Double, T)?
    for _ in 0..<runs {
        let start = clock()
        let value = try body()
        let seconds = clock() - start
        if result == nil || seconds < result!.0 { result = (seconds, value) }
    }
    return result!
}

/// The process's CPU time in seconds (all threads): for work done on one thread, the time
/// that thread ran, unaffected by other processes sharing the cores.
func cpuTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Like `best`, in CPU time: for one-thread measurements on a machine that may be busy.
func bestCPU<T>(of runs: Int, _ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
    try best(of: runs, clock: cpuTime, body)
}

/// The NFC texts of a corpus that has been read, as the bare iterators get them.
func nfcTexts(_ corpus: Corpus) throws -> [[UInt16]] {
    let nfc = try Normalizer(.nfc)
    return corpus.documents.map { document -> [UInt16] in
        guard case .decoded(let text) = document.content else { return [] }
        return text.withUnsafeBufferPointer { nfc.normalize($0) }
    }
}

/// Segments every text with one ICU break iterator (word by default) on this thread and
/// counts segments.
func bareBreak(_ texts: [[UInt16]], locale: String, _ kind: BreakIterator.Unit = .word) throws -> Int {
    let iterator = try BreakIterator(kind, locale: locale)
    var ends: [Int32] = []
    var statuses: [Int32] = []
    var segments = 0
    for text in texts where !text.isEmpty {
        try text.withUnsafeBufferPointer { try iterator.segment($0, ends: &ends, statuses: &statuses) }
        segments += ends.count
    }
    return segments
}

/// The size series of the scale issue, for each generated corpus: bare ICU and the token
/// pipeline on one thread each (`perCoreRow`), then every command as a separate process,
/// once. With `commands: false` (`--per-core`) only the one-thread table.
func scaleBench(_ paths: [String], commands: Bool = true) throws {
    func f(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
    print("discourse-bench --\(commands ? "scale" : "per-core"): ICU \(ICUVersion.icu), \(ProcessInfo.processInfo.activeProcessorCount) cores\n")
    print("| corpus | MB | tokens | bare ICU word break | bare ICU sentence break | both, one after the other | segment + intern | vs bare word break | read + segment + intern | vs bare word break |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    var commandLines: [String] = []
    for path in paths {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let (line, megabytes, language) = try perCoreRow(path, name: name)
        print(line)
        guard commands else { continue }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("discourse-bench-scale-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let node = language.hasPrefix("zh") ? "安全" : "freedom"
        for command in [["ngrams", "--n", "1", "--by", "year"], ["ngrams", "--n", "1-3", "--by", "year"],
                        ["ngrams", "--n", "1-3", "--by", "year", "--memory", "1G"],
                        ["cooccur", "--window", "5", "--min-cooc", "3"], ["collocates", "--node", node, "--by", "year"],
                        ["keyness", "--by", "year", "--each"], ["trends", "--by", "year", "--min-count", "20"]] {
            let run = try runCLI([command[0], path] + command.dropFirst() + ["--out", out, "--quiet"])
            commandLines.append("| \(name) | `\(command.joined(separator: " "))` | \(f(run.seconds, 2)) s | \(f(run.peakMB)) MB | \(f(run.peakMB / megabytes, 2))× |")
        }
    }
    guard commands else { return }
    print("\n| corpus | command | wall | peak memory | memory / corpus |")
    print("|---|---|---|---|---|")
    for line in commandLines { print(line) }
}

/// One thread against one thread on one corpus: bare ICU word and sentence breaking over the
/// NFC texts in memory, the token pipeline on those texts (segment + intern), and the
/// pipeline reading, decoding and hashing the files as well (read + segment + intern); best
/// of five taken in turns (one run past 300 MB), in CPU time, so that another process on
/// the machine does not skew the ratios. Returns the table row, the corpus's megabytes and its
/// first document's language.
func perCoreRow(_ path: String, name: String) throws -> (line: String, megabytes: Double, language: String) {
    func f(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
    let unread = try CorpusLoader().load(path)
    var corpus = unread
    try corpus.readAll()
    let megabytes = Double(corpus.byteCount) / 1e6
    let texts = try nfcTexts(corpus)
    let language = corpus.documents.first?.language ?? ""
    // The four measurements take turns, best of each kept, so that a slow spell of the
    // machine (a virtual one varies by a third from minute to minute) weighs on all alike.
    let runs = megabytes > 300 ? 1 : 5
    var configuration = TokenizerConfiguration()
    configuration.keepOffsets = false
    let read = corpus
    var (word, sentence, pipeline, full) = (Double.infinity, Double.infinity, Double.infinity, Double.infinity)
    var tokens = 0
    for _ in 0..<runs {
        word = min(word, try bestCPU(of: 1) { try bareBreak(texts, locale: language) }.seconds)
        sentence = min(sentence, try bestCPU(of: 1) { try bareBreak(texts, locale: language, .sentence) }.seconds)
        let inMemory = try ParallelMap.withWorkers(1) {
            try bestCPU(of: 1) { () throws -> Int in
                var copy = read
                return try TokenPipeline.run(&copy, configuration: configuration).tokenCount
            }
        }
        pipeline = min(pipeline, inMemory.seconds)
        tokens = inMemory.value
        full = min(full, try ParallelMap.withWorkers(1) {
            try bestCPU(of: 1) { () throws -> Int in
                var copy = unread
                return try TokenPipeline.run(&copy, configuration: configuration).tokenCount
            }
        }.seconds)
    }
    let line = "| \(name) | \(f(megabytes)) | \(tokens) | \(f(megabytes / word)) MB/s | \(f(megabytes / sentence)) MB/s | \(f(megabytes / (word + sentence))) MB/s | \(f(megabytes / pipeline)) MB/s | \(f(100 * word / pipeline, 0))% | \(f(megabytes / full)) MB/s | \(f(100 * word / full, 0))% |"
    return (line, megabytes, language)
}

/// Runs the CLI with `--stats` and returns wall seconds and the peak resident memory it
/// reports. The CLI runs under a shell that forks it (not execs it), so that its memory
/// high-water mark starts from the shell's small one and not from this process's.
func runCLI(_ arguments: [String]) throws -> (seconds: Double, peakMB: Double) {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("discourse")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "\"$0\" \"$@\"; status=$?; exit $status", binary.path] + arguments + ["--stats"]
    let errors = Pipe()
    process.standardError = errors
    let start = now()
    try process.run()
    let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let seconds = now() - start
    guard process.terminationStatus == 0 else {
        throw DiscourseError("discourse \(arguments.joined(separator: " ")) failed: \(report)")
    }
    let peaks = report.split(separator: "\n").compactMap { line -> Double? in
        guard let range = line.range(of: "peak memory") else { return nil }
        return Double(line[range.upperBound...].trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
    }
    return (seconds, peaks.max() ?? .nan)
}

/// Best wall time and largest peak memory of three runs of a command.
func bestRun(_ arguments: [String]) throws -> (seconds: Double, peakMB: Double) {
    var wall = Double.infinity
    var peak = 0.0
    for _ in 0..<3 {
        let run = try runCLI(arguments)
        wall = min(wall, run.seconds)
        peak = max(peak, run.peakMB)
    }
    return (wall, peak)
}

var cooccurrenceLines: [String] = []

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
var corpora = Array(CommandLine.arguments.dropFirst())
// `discourse-bench --scale CORPUS ...`: the size series (defined below).
if corpora.first == "--scale" {
    try scaleBench(Array(corpora.dropFirst()))
    exit(0)
}
// `discourse-bench --per-core CORPUS ...`: only the one-thread table of `--scale`.
if corpora.first == "--per-core" {
    try scaleBench(Array(corpora.dropFirst()), commands: false)
    exit(0)
}
// `discourse-bench --writing [CORPUS ...]`: CSV writing alone (defined below).
if corpora.first == "--writing" {
    let paths = Array(corpora.dropFirst())
    try writingBench(paths.isEmpty ? [root.appendingPathComponent("Corpora/sotu/data").path] : paths)
    exit(0)
}
// `discourse-bench --terms`: only the term list's cost and `terms suggest` (defined below).
let onlyTerms = corpora == ["--terms"]
if corpora.isEmpty {
    corpora = [root.appendingPathComponent("Corpora/sotu/data").path,
               root.appendingPathComponent("Corpora/cn-gov-work-reports").path]
}

print("discourse-bench: ICU \(ICUVersion.icu), \(ProcessInfo.processInfo.activeProcessorCount) cores\n")
print("| corpus | MB | tokens | bare ICU word break, 1 core | read + decode | segment + intern | read + segment + intern | vs bare ICU | `ngrams --n 1-3 --by year` wall | peak memory | memory / corpus |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for path in onlyTerms ? [] : corpora {
    guard FileManager.default.fileExists(atPath: path) else {
        FileHandle.standardError.write(Data("skipping \(path): not found (fetch the SOTU corpus with python3 Corpora/sotu/fetch.py)\n".utf8))
        continue
    }
    let name = URL(fileURLWithPath: path).lastPathComponent == "data" ? "sotu" : URL(fileURLWithPath: path).lastPathComponent
    let corpus = try CorpusLoader().load(path)
    let (loadSeconds, read) = try best(of: 3) { () throws -> Corpus in
        var copy = corpus
        try copy.readAll()
        return copy
    }
    let megabytes = Double(read.byteCount) / 1e6
    let texts = try nfcTexts(read)
    let language = corpus.documents.first?.language ?? ""
    let (icuSeconds, _) = try best(of: 3) { try bareBreak(texts, locale: language) }
    var configuration = TokenizerConfiguration()
    configuration.keepOffsets = false
    // The pipeline on texts already in memory (segment + intern), then reading included.
    let (pipelineSeconds, tokens) = try best(of: 3) { () throws -> TokenizedCorpus in
        var copy = read
        return try TokenPipeline.run(&copy, configuration: configuration)
    }
    let (fullSeconds, _) = try best(of: 3) { () throws -> TokenizedCorpus in
        var copy = corpus
        return try TokenPipeline.run(&copy, configuration: configuration)
    }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("discourse-bench-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    var wall = Double.infinity
    var peak = 0.0
    for _ in 0..<3 {
        let run = try runCLI(["ngrams", path, "--n", "1-3", "--by", "year", "--out", out])
        wall = min(wall, run.seconds)
        peak = max(peak, run.peakMB)
    }
    let icuRate = megabytes / icuSeconds
    let pipelineRate = megabytes / pipelineSeconds
    func f(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
    let node = language.hasPrefix("zh") ? "安全" : "freedom"
    let allPairs = try bestRun(["cooccur", path, "--window", "5", "--min-cooc", "3", "--out", out])
    let collocates = try bestRun(["collocates", path, "--node", node, "--by", "year", "--out", out])
    cooccurrenceLines.append("| \(name) | `cooccur --window 5 --min-cooc 3` | \(String(format: "%.2f", allPairs.seconds)) s | \(String(format: "%.1f", allPairs.peakMB)) MB |")
    cooccurrenceLines.append("| \(name) | `collocates --node \(node) --by year` | \(String(format: "%.2f", collocates.seconds)) s | \(String(format: "%.1f", collocates.peakMB)) MB |")
    let keyness = try bestRun(["keyness", path, "--by", "year", "--each", "--out", out])
    let trends = try bestRun(["trends", path, "--by", "year", "--min-count", "20", "--out", out])
    cooccurrenceLines.append("| \(name) | `keyness --by year --each` | \(String(format: "%.2f", keyness.seconds)) s | \(String(format: "%.1f", keyness.peakMB)) MB |")
    cooccurrenceLines.append("| \(name) | `trends --by year --min-count 20` | \(String(format: "%.2f", trends.seconds)) s | \(String(format: "%.1f", trends.peakMB)) MB |")
    let fullRate = megabytes / fullSeconds
    print("| \(name) | \(f(megabytes)) | \(tokens.tokenCount) | \(f(icuRate)) MB/s | \(f(megabytes / loadSeconds)) MB/s | \(f(pipelineRate)) MB/s (\(f(Double(tokens.tokenCount) / pipelineSeconds / 1e6, 2)) M tokens/s) | \(f(fullRate)) MB/s | \(f(100 * fullRate / icuRate, 0))% | \(f(wall, 2)) s | \(f(peak)) MB | \(f(peak / megabytes, 1))× |")
}

if !onlyTerms {
    print("\n| corpus | run | wall | peak memory |")
    print("|---|---|---|---|")
    for line in cooccurrenceLines { print(line) }
}

/// The SOTU study as one pass and as the separate commands that give the same tables.
func studyComparison() throws {
    let sotu = root.appendingPathComponent("Corpora/sotu/data").path
    guard FileManager.default.fileExists(atPath: sotu) else { return }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("discourse-bench-study-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    let study = try bestRun(["study", root.appendingPathComponent("Corpora/sotu/study.yaml").path, "--out", out + "/study", "--quiet"])
    let track = out + "-track.txt"
    try ["freedom", "liberty", "union", "slavery", "war", "peace", "economy", "depression", "terrorism", "health care",
         "climate", "china", "immigration", "american people"].joined(separator: "\n").write(toFile: track, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: track) }
    let corpus = [sotu, "--lang", "en", "--strip", "\\[[^\\]]*\\]", "--stopwords", "en"]
    var commands: [[String]] = [
        ["ngrams", "--n", "1-3", "--by", "year"], ["trends", "--by", "year", "--track", track],
        ["trends", "--by", "decade", "--track", track], ["trends", "--by", "year", "--min-count", "100"],
        ["keyness", "--by", "year", "--baseline", "previous:3"], ["compare", "--by", "decade"],
        ["kwic", "--nodes", track, "--by", "year", "--window", "8", "--limit", "3"],
        ["kwic", "--nodes", track, "--by", "decade", "--window", "8", "--limit", "3"],
    ]
    for node in ["freedom", "war", "economy", "america", "government"] {
        commands.append(["collocates", "--node", node, "--by", "decade", "--top", "15"])
    }
    var separate = Double.infinity
    for _ in 0..<3 {
        var total = 0.0
        for command in commands {
            total += try runCLI([command[0]] + corpus + Array(command.dropFirst()) + ["--out", out + "/" + command[0]]).seconds
        }
        separate = min(separate, total)
    }
    print("\n| run | wall | peak memory |")
    print("|---|---|---|")
    print("| SOTU study (`discourse study Corpora/sotu/study.yaml`): 14 tables, report | \(String(format: "%.2f", study.seconds)) s | \(String(format: "%.1f", study.peakMB)) MB |")
    print("| the same analyses as \(commands.count) separate commands | \(String(format: "%.2f", separate)) s | |")
}
if !onlyTerms { try studyComparison() }

/// What the built-in term list costs the token pipeline on the government work reports (texts in
/// memory, all cores, with and without `--terms zh-politics`), and `terms suggest` wall times.
func termListCost() throws {
    let reports = root.appendingPathComponent("Corpora/cn-gov-work-reports").path
    guard FileManager.default.fileExists(atPath: reports) else { return }
    var corpus = try CorpusLoader().load(reports)
    try corpus.readAll()
    var plain = TokenizerConfiguration()
    plain.keepOffsets = false
    plain.defaultLanguage = "zh"
    var withTerms = plain
    withTerms.terms = try LineFile.termLines("zh-politics")
    let read = corpus
    let (without, _) = try best(of: 5) { () throws -> TokenizedCorpus in
        var copy = read
        return try TokenPipeline.run(&copy, configuration: plain)
    }
    let (with, _) = try best(of: 5) { () throws -> TokenizedCorpus in
        var copy = read
        return try TokenPipeline.run(&copy, configuration: withTerms)
    }
    print("\n| cn-gov-work-reports, segment + intern | wall |")
    print("|---|---|")
    print("| without terms | \(String(format: "%.3f", without)) s |")
    print("| `--terms zh-politics` (\(withTerms.terms.count) entries) | \(String(format: "%.3f", with)) s (+\(String(format: "%.1f", 100 * (with - without) / without))%) |")
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("discourse-bench-terms-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    var runs = [("cn-gov-work-reports", [reports, "--where", "language=zh", "--stopwords", "zh", "--by", "year"])]
    let sotu = root.appendingPathComponent("Corpora/sotu/data").path
    if FileManager.default.fileExists(atPath: sotu) { runs.append(("sotu", [sotu, "--stopwords", "en", "--by", "year"])) }
    print("\n| corpus | `terms suggest` wall | peak memory |")
    print("|---|---|---|")
    for (name, arguments) in runs {
        let run = try bestRun(["terms", "suggest"] + arguments + ["--out", out])
        print("| \(name) | \(String(format: "%.2f", run.seconds)) s | \(String(format: "%.1f", run.peakMB)) MB |")
    }
}
try termListCost()

/// Writing `ngrams.csv` from tables already counted: rendering (sorting each group's rows,
/// formatting counts and per-million figures), hashing and writing, best of three.
func writingBench(_ paths: [String]) throws {
    print("| corpus | `ngrams.csv` (n 1-3 by year) | rows | cores | write | rate |")
    print("|---|---|---|---|---|---|")
    for path in paths {
        var corpus = try CorpusLoader().load(path)
        var configuration = TokenizerConfiguration()
        configuration.keepOffsets = false
        let tokens = try TokenPipeline.run(&corpus, configuration: configuration)
        var options = NgramOptions()
        options.sizes = 1...3
        let input = AnalysisInput(corpus: corpus, tokens: tokens, grouping: try Grouping(corpus, by: "year"))
        let result = NgramAnalysis(options: options).run(input).precounted()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("discourse-bench-writing-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let cores = ProcessInfo.processInfo.environment["DISCOURSE_THREADS"] ?? "\(ProcessInfo.processInfo.activeProcessorCount)"
        var bytes = 0
        var rows = 0
        let (seconds, _) = try best(of: 3) { () throws in
            try? FileManager.default.removeItem(atPath: out)
            let writer = try OutputWriter(destination: .folder(out), format: CSVFormat(), mainFile: "ngrams.csv")
            try writer.write("ngrams.csv", NgramTables.ngrams(result, format: writer.format))
            rows = writer.written.first { $0.file == "ngrams.csv" }?.rows ?? 0
            bytes = (try FileManager.default.attributesOfItem(atPath: writer.path(of: "ngrams.csv")!)[.size] as? Int) ?? 0
        }
        let name = URL(fileURLWithPath: path).lastPathComponent == "data" ? "sotu" : URL(fileURLWithPath: path).lastPathComponent
        print("| \(name) | \(String(format: "%.1f", Double(bytes) / 1e6)) MB | \(rows) | \(cores) | \(String(format: "%.3f", seconds)) s | \(String(format: "%.1f", Double(bytes) / 1e6 / seconds)) MB/s |")
    }
}
