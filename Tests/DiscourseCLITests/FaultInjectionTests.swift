import Foundation
import Testing

/// Issue 10: a run that fails at any point — the disk full at any file, a text unreadable
/// part-way through the corpus, the process killed at any moment — leaves the previous output
/// folder exactly as it was, or the complete new one; and the next run leaves no temporary
/// file behind.
///
/// Faults come from a small C library preloaded into the tool (LD_PRELOAD), built here with
/// the system's C compiler: it makes the N-th file the run creates fail with "No space left on
/// device", or the opening of a chosen text fail with "Permission denied".
@Suite(.serialized) struct FaultInjectionTests {
    static let shimSource = """
        #define _GNU_SOURCE
        #include <dlfcn.h>
        #include <errno.h>
        #include <fcntl.h>
        #include <stdarg.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>

        static int created = 0;
        static int failing = -1;

        static int check(const char *path, int flags) {
            const char *unreadable = getenv("FAULT_UNREADABLE");
            if (unreadable && strstr(path, unreadable) && !(flags & O_CREAT)) { errno = EACCES; return -1; }
            return 0;
        }

        static void count(int fd, int flags) {
            const char *nth = getenv("FAULT_FULL_AT");
            if (fd >= 0 && nth && (flags & O_CREAT) && ++created == atoi(nth)) failing = fd;
        }

        int open(const char *path, int flags, ...) {
            static int (*real)(const char *, int, ...) = 0;
            if (!real) real = dlsym(RTLD_NEXT, "open");
            va_list args; va_start(args, flags); mode_t mode = va_arg(args, int); va_end(args);
            if (check(path, flags)) return -1;
            int fd = real(path, flags, mode);
            count(fd, flags);
            return fd;
        }

        int open64(const char *path, int flags, ...) {
            static int (*real)(const char *, int, ...) = 0;
            if (!real) real = dlsym(RTLD_NEXT, "open64");
            va_list args; va_start(args, flags); mode_t mode = va_arg(args, int); va_end(args);
            if (check(path, flags)) return -1;
            int fd = real(path, flags, mode);
            count(fd, flags);
            return fd;
        }

        int openat(int dir, const char *path, int flags, ...) {
            static int (*real)(int, const char *, int, ...) = 0;
            if (!real) real = dlsym(RTLD_NEXT, "openat");
            va_list args; va_start(args, flags); mode_t mode = va_arg(args, int); va_end(args);
            if (check(path, flags)) return -1;
            int fd = real(dir, path, flags, mode);
            count(fd, flags);
            return fd;
        }

        ssize_t write(int fd, const void *buffer, size_t size) {
            static ssize_t (*real)(int, const void *, size_t) = 0;
            if (!real) real = dlsym(RTLD_NEXT, "write");
            if (fd == failing && fd > 2) { errno = ENOSPC; return -1; }
            return real(fd, buffer, size);
        }

        int close(int fd) {
            static int (*real)(int) = 0;
            if (!real) real = dlsym(RTLD_NEXT, "close");
            if (fd == failing) failing = -2;
            return real(fd);
        }
        """

    /// The preloadable library, built once per test process; nil without a C compiler.
    static let shim: String? = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("discourse-faults-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Removed when the test process ends (children load the library while it runs).
        atexit {
            try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory
                .appendingPathComponent("discourse-faults-\(getpid())"))
        }
        let source = folder.appendingPathComponent("faults.c")
        let library = folder.appendingPathComponent("faults.so")
        guard (try? shimSource.write(to: source, atomically: true, encoding: .utf8)) != nil,
              (try? DiscourseCLITests.run("/usr/bin/env", ["cc", "-shared", "-fPIC", "-O1", "-o", library.path, source.path, "-ldl"])) != nil else {
            return nil
        }
        return library.path
    }()

    /// Runs the tool with faults.
    func runFaulty(_ arguments: [String], faults: [String: String]) throws -> CLI.Result {
        try CLI.run(arguments, environment: faults.merging(["LD_PRELOAD": Self.shim ?? ""]) { _, new in new })
    }

    /// Every file under a folder (hidden ones included) with its bytes.
    func snapshot(_ path: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? [] {
            if let data = FileManager.default.contents(atPath: path + "/" + name) { files[name] = data }
        }
        return files
    }

    /// Hidden leftovers beside or in a folder.
    func leftovers(_ folder: TemporaryFolder) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []).filter { $0.contains(".tmp-") || $0.contains(".staging-") }
    }

    /// Whether `out` holds a complete run: a run.json whose outputs are exactly the folder's
    /// files (beside the previous ones kept), each with its recorded SHA-256.
    func isComplete(_ out: String, keeping kept: Set<String>) -> Bool {
        guard let data = FileManager.default.contents(atPath: out + "/run.json"),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let outputs = manifest["outputs"] as? [[String: Any]] else { return false }
        var listed: Set<String> = ["run.json"]
        for output in outputs {
            let file = output["file"] as! String
            listed.insert(file)
            guard output["sha256"] as? String == sha256sum(out + "/" + file) else { return false }
        }
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [])
        return present.subtracting(kept) == listed
    }

    func readouts() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,session\na,1\nb,2\nc,3\n")
        try folder.write("c/a.txt", "Peace and freedom. Freedom and peace and work.")
        try folder.write("c/b.txt", "Work and peace. Freedom of work.")
        try folder.write("c/c.txt", "Security and development.")
        try folder.write("out/notes.txt", "mine")
        return folder
    }

    @Test(.enabled(if: shim != nil, "needs a C compiler (cc) to build the fault library"))
    func theDiskFullAtEachFileLeavesThePreviousFolder() throws {
        let folder = try readouts()
        let first = try CLI.run(["keyness", folder.path("c"), "--by", "session", "--each", "--min-count", "1", "--out", folder.path("out")])
        #expect(first.status == 0, "\(first.stderr)")
        let before = snapshot(folder.path("out"))
        // ngrams writes ngrams.csv, groups.csv and run.json: fail at each of them.
        for n in 1...3 {
            let result = try runFaulty(["ngrams", folder.path("c"), "--by", "session", "--out", folder.path("out")], faults: ["FAULT_FULL_AT": "\(n)"])
            #expect(result.status == 1, "file \(n): \(result.stderr)")
            #expect(result.stderr.contains("No space left on device"), "file \(n): \(result.stderr)")
            #expect(snapshot(folder.path("out")) == before, "file \(n) changed the folder")
            #expect(leftovers(folder).isEmpty, "file \(n) left \(leftovers(folder))")
        }
        // Without the fault the same command completes, and keeps the researcher's notes.
        let clean = try runFaulty(["ngrams", folder.path("c"), "--by", "session", "--out", folder.path("out")], faults: [:])
        #expect(clean.status == 0)
        #expect(isComplete(folder.path("out"), keeping: ["notes.txt"]))
    }

    @Test(.enabled(if: shim != nil, "needs a C compiler (cc) to build the fault library"))
    func aStudyFailingAtAnyOfItsFilesLeavesThePreviousFolder() throws {
        let folder = try readouts()
        try folder.write("study.yaml", """
            corpus: {path: c}
            groupings: [session]
            analyses:
              - ngrams: {n: 1-2}
              - trends: {track: [peace, work]}
              - compare:
              - kwic: {terms: [peace]}
            """)
        let first = try CLI.run(["study", folder.path("study.yaml"), "--out", folder.path("out"), "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = snapshot(folder.path("out"))
        // groups, ngrams, trends, trend_stats, compare, new_terms, kwic, study.yaml, report.html,
        // report.md, run.json.
        for n in 1...11 {
            let result = try runFaulty(["study", folder.path("study.yaml"), "--out", folder.path("out"), "--quiet"], faults: ["FAULT_FULL_AT": "\(n)"])
            #expect(result.status == 1, "file \(n): \(result.stderr)")
            #expect(snapshot(folder.path("out")) == before, "file \(n) changed the folder")
            #expect(leftovers(folder).isEmpty, "file \(n) left \(leftovers(folder))")
        }
    }

    @Test(.enabled(if: shim != nil, "needs a C compiler (cc) to build the fault library"))
    func aTextUnreadablePartWayLeavesThePreviousFolder() throws {
        let folder = try readouts()
        #expect(try CLI.run(["ngrams", folder.path("c"), "--out", folder.path("out")]).status == 0)
        let before = snapshot(folder.path("out"))
        let result = try runFaulty(["ngrams", folder.path("c"), "--by", "session", "--out", folder.path("out")], faults: ["FAULT_UNREADABLE": "/c/b.txt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("b.txt") && result.stderr.contains("not readable"), "\(result.stderr)")
        #expect(snapshot(folder.path("out")) == before)
        #expect(leftovers(folder).isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path), "needs Corpora/cn-gov-work-reports"))
    func aRunKilledAtAnyMomentLeavesOneWholeFolder() throws {
        let folder = try TemporaryFolder()
        let out = folder.path("out")
        let corpus = [governmentReports.path, "--where", "language=zh"] + ["2021", "2022", "2023", "2024", "2025"].flatMap { ["--where", "year=\($0)"] }
        #expect(try CLI.run(["ngrams"] + corpus + ["--out", out]).status == 0)
        try folder.write("out/notes.txt", "mine")
        let previous = snapshot(out)
        let arguments = ["cooccur"] + corpus + ["--by", "year", "--min-cooc", "1", "--out", out]
        // How long the run takes, to kill it at moments spread over it.
        let started = Date()
        let timing = try CLI.run(arguments)
        #expect(timing.status == 0)
        let duration = Date().timeIntervalSince(started)
        let complete = snapshot(out)
        var generator = SystemRandomNumberGenerator()
        var outcomes: [String] = []
        for trial in 0..<8 {
            // Back to the previous folder, then a run killed at a random moment.
            try? FileManager.default.removeItem(atPath: out)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (name, data) in previous { try data.write(to: URL(fileURLWithPath: out + "/" + name)) }
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(Double.random(in: 0.05...1.1, using: &generator) * duration * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let state = snapshot(out).filter { !$0.key.hasPrefix(".") }
            let isPrevious = state == previous
            let isNew = state == complete
            outcomes.append(isPrevious ? "previous" : isNew ? "new" : "mixed")
            #expect(isPrevious || isNew, "trial \(trial): the folder mixes two runs: \(state.keys.sorted())")
            // The next run removes what the killed one left.
            #expect(try CLI.run(["ngrams"] + corpus + ["--out", out]).status == 0)
            #expect(leftovers(folder).isEmpty, "trial \(trial) left \(leftovers(folder))")
            #expect(isComplete(out, keeping: ["notes.txt"]))
        }
        print("kill trials: \(outcomes)")
    }
}
