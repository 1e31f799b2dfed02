import Foundation
import Testing

/// Regression tests of issue 10 ("nothing lost, nothing mixed, nothing read that should not
/// be"), one per defect, named by its number in the issue.
@Suite(.serialized) struct HardeningTests {
    /// Two sessions, for commands that compare groups.
    func sessions() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,session\na,1\nb,2\n")
        try folder.write("c/a.txt", "Peace and freedom. Freedom and peace and work.")
        try folder.write("c/b.txt", "Work and peace. Freedom of work.")
        return folder
    }

    func listing(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    func contents(_ path: String) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: listing(path).compactMap { name in
            (try? Data(contentsOf: URL(fileURLWithPath: path + "/" + name))).map { (name, $0) }
        })
    }

    // MARK: 1. A failed run leaves the previous folder as it was

    @Test func defect1GraphNamingAFolderFailsBeforeAnythingIsWritten() throws {
        let folder = try sessions()
        let first = try CLI.run(["cooccur", folder.path("c"), "--min-cooc", "1", "--out", folder.path("out")])
        #expect(first.status == 0, "\(first.stderr)")
        let before = contents(folder.path("out"))
        try FileManager.default.createDirectory(atPath: folder.path("net.graphml"), withIntermediateDirectories: true)
        let result = try CLI.run(["cooccur", folder.path("c"), "--min-cooc", "2", "--graph", folder.path("net.graphml"),
                                  "--out", folder.path("out")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("net.graphml") && result.stderr.contains("is a folder"), "\(result.stderr)")
        #expect(contents(folder.path("out")) == before)
    }

    @Test func defect1AFolderNamedLikeATableFailsBeforeAnythingIsWritten() throws {
        let folder = try sessions()
        let first = try CLI.run(["keyness", folder.path("c"), "--by", "session", "--each", "--min-count", "1", "--out", folder.path("out")])
        #expect(first.status == 0, "\(first.stderr)")
        try FileManager.default.createDirectory(atPath: folder.path("out/groups.csv"), withIntermediateDirectories: true)
        let before = contents(folder.path("out"))
        let result = try CLI.run(["ngrams", folder.path("c"), "--by", "session", "--out", folder.path("out")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("groups.csv") && result.stderr.contains("is a folder"), "\(result.stderr)")
        #expect(contents(folder.path("out")) == before)
        #expect(listing(folder.path("out")) == ["groups.csv", "keyness.csv", "keyness.csv-metadata.json", "run.json"])
    }

    // MARK: 2. No table of an earlier run beside a run.json that does not list it

    @Test func defect2TablesOfAnEarlierCommandAreRemoved() throws {
        let folder = try sessions()
        #expect(try CLI.run(["ngrams", folder.path("c"), "--by", "session", "--out", folder.path("out")]).status == 0)
        try folder.write("out/notes.txt", "mine")
        #expect(try CLI.run(["compare", folder.path("c"), "--by", "session", "--out", folder.path("out")]).status == 0)
        #expect(listing(folder.path("out")) == ["compare.csv", "compare.csv-metadata.json", "new_terms.csv", "new_terms.csv-metadata.json",
                                               "notes.txt", "run.json", "vanished_terms.csv", "vanished_terms.csv-metadata.json"])
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("out/run.json"))) as! [String: Any]
        #expect((manifest["outputs"] as! [[String: Any]]).map { $0["file"] as! String }
            == ["compare.csv", "compare.csv-metadata.json", "new_terms.csv", "new_terms.csv-metadata.json", "vanished_terms.csv", "vanished_terms.csv-metadata.json"])
    }

    // MARK: 3. Interrupted runs leave no temporary files

    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"),
          arguments: [SIGINT, SIGTERM, SIGHUP])
    func defect3SignalsRemoveTemporaryFilesAndTheNewFolder(signal: Int32) throws {
        let status = 128 + signal
        let folder = try TemporaryFolder()
        let out = folder.path("out")
        let process = Process()
        process.executableURL = CLI.binary
        // All pairs in windows of 10 over the government reports: seconds of work in a debug build.
        process.arguments = ["cooccur", governmentReports.path, "--window", "10", "--min-cooc", "1", "--out", out]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait for the first table to be written (beside the folder, or in it), then interrupt.
        func writing() -> Bool {
            listing(folder.path).contains { $0.hasPrefix(".out.staging-") && !listing(folder.path($0)).isEmpty }
                || listing(out).contains { $0.contains(".tmp-") }
        }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && !writing() && process.isRunning {
            usleep(5_000)
        }
        #expect(process.isRunning, "the run ended before it could be interrupted")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == status)
        #expect(!FileManager.default.fileExists(atPath: out), "the folder the run created is removed: \(listing(out))")
        #expect(listing(folder.path) == [], "nothing left beside it: \(listing(folder.path))")
    }

    @Test func defect3ALaterRunRemovesTemporaryFilesAKilledRunLeft() throws {
        let folder = try sessions()
        // A process id that is not running: the highest possible one.
        try folder.write("out/.ngrams.csv.tmp-4194304", "half a table")
        try folder.write("out/.keep.tmp-notapid", "not ours")
        let result = try CLI.run(["ngrams", folder.path("c"), "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(listing(folder.path("out")) == [".keep.tmp-notapid", "groups.csv", "groups.csv-metadata.json", "ngrams.csv",
                                               "ngrams.csv-metadata.json", "run.json"])
    }

    // MARK: 4. Files outside the corpus

    @Test func defect4PathsOutsideTheCorpusAreRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write("secret.txt", "secret words")
        try folder.write("c/inside.txt", "inside")
        try FileManager.default.createSymbolicLink(atPath: folder.path("c/link.txt"), withDestinationPath: folder.path("secret.txt"))
        for (file, line) in [("../secret.txt", 3), (folder.path("secret.txt"), 3), ("link.txt", 3), ("/proc/self/environ", 3)] {
            try folder.write("c/metadata.csv", "doc_id,file\na,inside.txt\nb,\(file)\n")
            let result = try CLI.run(["ngrams", folder.path("c"), "--out", folder.path("out")])
            #expect(result.status == 1, "\(file)")
            #expect(result.stderr.contains("metadata.csv line \(line)") && result.stderr.contains("outside the corpus folder")
                    && result.stderr.contains("--allow-outside-paths"), "\(result.stderr)")
            #expect(!folder.exists("out"))
        }
        try folder.write("c/metadata.csv", "doc_id,file\na,inside.txt\nb,../secret.txt\n")
        let allowed = try CLI.run(["ngrams", folder.path("c"), "--allow-outside-paths", "--out", "-"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(records(allowed.text).map { $0["ngram"]! } == ["inside", "secret", "words"])
    }

    // MARK: 5. Impossible dates

    @Test(arguments: ["2021-02-30", "2021-04-31", "2021-02-29", "1900-02-29", "2021-13-01", "2021-00-10"])
    func defect5ImpossibleDatesAreErrors(date: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,date\na,\(date)\n")
        try folder.write("c/a.txt", "text")
        let result = try CLI.run(["ngrams", folder.path("c"), "--out", "-"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("metadata.csv line 2") && result.stderr.contains("date '\(date)'"), "\(result.stderr)")
    }

    @Test func defect5LeapDaysOfLeapYearsAreDates() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,date\na,2020-02-29\nb,2000-02-29\n")
        try folder.write("c/a.txt", "text")
        try folder.write("c/b.txt", "text")
        #expect(try CLI.run(["ngrams", folder.path("c"), "--out", "-"]).status == 0)
    }

    // MARK: 6 and 7. JSON Lines

    @Test func defect6JSONLinesWithCRLFLineEnds() throws {
        let folder = try TemporaryFolder()
        try folder.write("c.jsonl", "{\"id\": \"x\", \"text\": \"Safe China\"}\r\n{\"id\": \"y\", \"text\": \"China\"}\r\n")
        let result = try CLI.run(["ngrams", folder.path("c.jsonl"), "--by", "doc_id", "--out", "-"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(records(result.text).map { $0["group"]! + " " + $0["ngram"]! } == ["x china", "x safe", "y china"])
    }

    @Test func defect6ALoneSurrogateEscapeIsNamed() throws {
        let folder = try TemporaryFolder()
        try folder.write("c.jsonl", "{\"id\": \"x\", \"text\": \"fine\"}\n{\"id\": \"y\", \"text\": \"bad \\ud800 escape\"}\n")
        let result = try CLI.run(["ngrams", folder.path("c.jsonl"), "--out", "-"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("c.jsonl line 2") && result.stderr.contains("surrogate"), "\(result.stderr)")
        #expect(!result.stderr.contains("no string field"))
    }

    @Test func defect7JSONLinesNumbersAreKeptAsWritten() throws {
        let folder = try TemporaryFolder()
        try folder.write("c.jsonl", """
            {"id": 12345678901234567890123, "score": 1.50, "text": "one"}
            {"id": 12345678901234567890124, "score": 2, "text": "two"}

            """)
        let result = try CLI.run(["ngrams", folder.path("c.jsonl"), "--by", "score", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(records(try folder.read("out/groups.csv")).map { $0["group"]! } == ["1.50", "2"])
        let manifest = try folder.read("out/run.json")
        #expect(manifest.contains("\"doc_id\": \"12345678901234567890123\""))
        #expect(manifest.contains("\"doc_id\": \"12345678901234567890124\""))
    }

    // MARK: 8. Silent alterations

    @Test func defect8ReplacedBytesInCSVAndJSONLinesCorporaAreReported() throws {
        let folder = try TemporaryFolder()
        try folder.write("c.csv", bytes: Array("doc_id,text\na,Safe ".utf8) + [0xFF] + Array(" China\n".utf8))
        try folder.write("c.jsonl", bytes: Array("{\"id\": \"a\", \"text\": \"Safe ".utf8) + [0xFF, 0xFE] + Array(" China\"}\n".utf8))
        for corpus in ["c.csv", "c.jsonl"] {
            let result = try CLI.run(["ngrams", folder.path(corpus), "--replace-invalid", "--out", folder.path("out-" + corpus)])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("replaced") && result.stderr.contains("invalid byte sequence"), "\(corpus): \(result.stderr)")
            #expect(try folder.read("out-\(corpus)/run.json").contains("invalid byte sequence"))
        }
    }

    @Test func defect8TextFilesWithoutAMetadataRowAreReported() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id\na\nd\n")
        try folder.write("c/a.txt", "one")
        try folder.write("c/b.txt", "two")
        try folder.write("c/texts/c.txt", "three")
        try folder.write("c/texts/d.txt", "four")
        let result = try CLI.run(["ngrams", folder.path("c"), "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("2 .txt file(s) have no row in metadata.csv and are left out: b.txt, texts/c.txt"), "\(result.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("out/run.json"))) as! [String: Any]
        #expect((manifest["corpus"] as! [String: Any])["files_without_metadata"] as? [String] == ["b.txt", "texts/c.txt"])
        // Only the folders that hold texts are searched: a terms file beside metadata.csv is
        // not a text when every text is in texts/.
        try folder.write("g/metadata.csv", "doc_id\na\n")
        try folder.write("g/texts/a.txt", "one")
        try folder.write("g/terms.txt", "safe china")
        let quiet = try CLI.run(["ngrams", folder.path("g"), "--out", "-"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    @Test func defect8UTF16WithoutABOMIsAnError() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", bytes: Array("Safe China".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let result = try CLI.run(["ngrams", folder.path("c"), "--out", "-"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("a.txt") && result.stderr.contains("--encoding utf-16le"), "\(result.stderr)")
        let named = try CLI.run(["ngrams", folder.path("c"), "--encoding", "utf-16le", "--out", "-"])
        #expect(records(named.text).map { $0["ngram"]! } == ["china", "safe"])
    }

    @Test func defect8StripThatEmptiesDocumentsWarns() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", "[Applause]")
        try folder.write("c/b.txt", "Words [Laughter]")
        let result = try CLI.run(["ngrams", folder.path("c"), "--strip", "\\[[^\\]]*\\]", "--out", folder.path("out")])
        #expect(result.status == 0)
        #expect(result.stderr.contains("1 document(s) are empty after --strip: a"), "\(result.stderr)")
        #expect(try folder.read("out/run.json").contains("empty after --strip"))
    }

    @Test func defect8GraphWithStandardOutputIsAUsageError() throws {
        let folder = try sessions()
        let result = try CLI.run(["cooccur", folder.path("c"), "--graph", folder.path("g.graphml"), "--out", "-"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--graph") && result.stderr.contains("--out -"), "\(result.stderr)")
        #expect(!folder.exists("g.graphml"))
    }

    @Test func defect8EmptyNodeAndTrackFilesAreErrors() throws {
        let folder = try sessions()
        try folder.write("empty.txt", "# only a comment\n\n")
        for arguments in [["cooccur", "--nodes", folder.path("empty.txt")], ["kwic", "--nodes", folder.path("empty.txt")],
                          ["trends", "--by", "session", "--track", folder.path("empty.txt")]] {
            let result = try CLI.run([arguments[0], folder.path("c")] + arguments.dropFirst() + ["--out", folder.path("out")])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("empty.txt") && result.stderr.contains("no terms"), "\(result.stderr)")
            #expect(!folder.exists("out"))
        }
    }

    // MARK: 9. run.json

    @Test func defect9AnEmptyTextFileHasTheHashOfNoBytes() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", "")
        try folder.write("c/b.txt", "text")
        #expect(try CLI.run(["ngrams", folder.path("c"), "--out", folder.path("out")]).status == 0)
        #expect(try folder.read("out/run.json").contains("\"sha256\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""))
    }

    // MARK: 10. Messages

    @Test func defect10DuplicateDocIDNamesBothRows() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,file\na,one.txt\nb,two.txt\na,two.txt\n")
        try folder.write("c/one.txt", "one")
        try folder.write("c/two.txt", "two")
        let result = try CLI.run(["ngrams", folder.path("c"), "--out", "-"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("metadata.csv line 4") && result.stderr.contains("metadata.csv line 2"), "\(result.stderr)")
    }

    @Test func defect10AnUnclosedQuoteIsReportedWhereItOpens() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,title\na,\"two\nlines\"\nb,\"open\nc,x\nd,y\n")
        let result = try CLI.run(["ngrams", folder.path("c"), "--out", "-"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("metadata.csv line 4: a quoted field opens here and is never closed"), "\(result.stderr)")
    }

    @Test func defect10AHugeSessionIsTooLarge() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,session\na,12345678901234567890123\n")
        try folder.write("c/a.txt", "text")
        let result = try CLI.run(["ngrams", folder.path("c"), "--out", "-"])
        #expect(result.stderr.contains("session '12345678901234567890123' is too large"), "\(result.stderr)")
    }

    @Test func defect10NGramLengthErrorSaysWhatIsAllowed() throws {
        let folder = try sessions()
        for value in ["0", "25", "3-1", "x"] {
            let result = try CLI.run(["ngrams", folder.path("c"), "--n", value, "--out", "-"])
            #expect(result.status != 0)
            #expect(result.stderr.contains("1 to 20") && result.stderr.contains("1-3"), "\(value): \(result.stderr)")
        }
    }

    @Test func defect10OutputFolderErrorsAreWords() throws {
        let folder = try sessions()
        try folder.write("blocker", "a file")
        let result = try CLI.run(["ngrams", folder.path("c"), "--out", folder.path("blocker") + "/out"])
        #expect(result.status == 1)
        #expect(!result.stderr.contains("CocoaError") && !result.stderr.contains("Error Domain"), "\(result.stderr)")
        #expect(result.stderr.contains("not a folder") || result.stderr.contains("Not a directory"), "\(result.stderr)")
    }

    @Test func defect10BytesHaveTwoHexDigits() throws {
        let folder = try TemporaryFolder()
        // "ab" in UTF-16LE and half a code unit.
        try folder.write("c/a.txt", bytes: [0x61, 0x00, 0x62, 0x00, 0x05])
        let result = try CLI.run(["ngrams", folder.path("c"), "--encoding", "utf-16le", "--out", "-"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("0x05") && !result.stderr.contains("0x5 "), "\(result.stderr)")
    }

    // MARK: Memory on pathological input

    /// A document of one 16 MB line without a sentence end (the seed's words, repeated, its
    /// full stops left out) peaks at no more than 4× its size plus what any run holds (the
    /// runtime, ICU's data, the tables): 40 MB.
    @Test(arguments: [[], ["--terms", "Corpora/safe-china/terms.txt"]])
    func aLongLineWithoutSentenceEndsStaysWithinFourTimesItsSize(options: [String]) throws {
        let folder = try TemporaryFolder()
        let seed = try String(contentsOf: packageRoot.appendingPathComponent("seeds/000_c3fb2cc5e3db7355.txt"), encoding: .utf8)
        let words = Array(seed.replacingOccurrences(of: ".", with: " ").replacingOccurrences(of: "\n", with: " ").utf8) + [0x20]
        var text: [UInt8] = []
        text.reserveCapacity(16_000_000 + words.count)
        while text.count < 16_000_000 { text += words }
        try folder.write("c/one.txt", bytes: text)
        // Through a shell that forks the tool, so that its high-water mark of memory starts
        // from the shell's, not from this test process's (Linux keeps it across exec).
        let shell = "\"$0\" \"$@\"; exit $?"
        let result = try CLI.run(["-c", shell, CLI.binary.path, "ngrams", folder.path("c")] + options + ["--stats", "--out", folder.path("out")],
                                 in: packageRoot, executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(result.status == 0, "\(result.stderr)")
        let peaks = result.stderr.split(separator: "\n").compactMap { line -> Double? in
            guard let range = line.range(of: "peak memory") else { return nil }
            return Double(line[range.upperBound...].trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
        }
        let peak = try #require(peaks.max())
        #expect(peak <= 4 * Double(text.count) / 1_048_576 + 40, "peak \(peak) MB for \(text.count) bytes")
    }
}
