import Foundation
import Testing

/// Every error a user can meet: a clear message naming the file, line or byte, exit status
/// 1, and no output left behind.
@Suite struct ErrorPathTests {
    /// Runs `ngrams` on a corpus built by `setup` and checks the failure.
    func expectFailure(_ setup: (TemporaryFolder) throws -> [String], contains fragments: [String],
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = try TemporaryFolder()
        let arguments = try setup(folder)
        let result = try CLI.run(arguments)
        #expect(result.status == 1, "status \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("discourse: error: "), "\(result.stderr)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "missing '\(fragment)' in: \(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(!folder.exists("out"), "output left behind", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func invalidUTF8NamesTheFileAndByteOffset() throws {
        try expectFailure({ folder in
            try folder.write("c/good.txt", "fine")
            try folder.write("c/bad.txt", bytes: Array("Safe ".utf8) + [0xE4, 0xB8] + Array(" China".utf8))
            return ["ngrams", folder.path("c"), "--out", folder.path("out")]
        }, contains: ["bad.txt: byte offset 5", "not valid in UTF-8", "--encoding", "--replace-invalid"])
    }

    @Test func replaceInvalidWarnsAndCounts() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/bad.txt", bytes: Array("Safe ".utf8) + [0xFF] + Array(" China".utf8))
        let result = try CLI.run(["tokens", folder.path("c"), "--replace-invalid", "--out", "-"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("replaced 1 invalid byte sequence(s)"))
        #expect(records(result.text).map { $0["form"]! } == ["safe", "china"])
    }

    @Test func unknownEncoding() throws {
        try expectFailure({ folder in
            try folder.write("c/a.txt", "text")
            return ["ngrams", folder.path("c"), "--encoding", "klingon-8", "--out", folder.path("out")]
        }, contains: ["--encoding 'klingon-8'", "ICU knows no such encoding"])
    }

    @Test func missingTextFile() throws {
        try expectFailure({ folder in
            try folder.write("c/metadata.csv", "doc_id,date\na,2020\nb,2021\n")
            try folder.write("c/a.txt", "text")
            return ["ngrams", folder.path("c"), "--out", folder.path("out")]
        }, contains: ["metadata.csv line 3", "no text for doc_id 'b'", "b.txt"])
    }

    @Test func missingFileNamedInFileColumn() throws {
        try expectFailure({ folder in
            try folder.write("c/metadata.csv", "doc_id,file\na,texts/nowhere.txt\n")
            return ["ngrams", folder.path("c"), "--out", folder.path("out")]
        }, contains: ["nowhere.txt", "document 'a'", "line 2"])
    }

    @Test func duplicateDocID() throws {
        try expectFailure({ folder in
            try folder.write("c/metadata.csv", "doc_id,file\na,one.txt\na,two.txt\n")
            try folder.write("c/one.txt", "one")
            try folder.write("c/two.txt", "two")
            return ["ngrams", folder.path("c"), "--out", folder.path("out")]
        }, contains: ["doc_id 'a' is used twice"])
    }

    @Test func malformedMetadata() throws {
        try expectFailure({ folder in
            try folder.write("c/metadata.csv", "doc_id,title\na,\"unclosed\nb,fine\n")
            return ["ngrams", folder.path("c"), "--out", folder.path("out")]
        }, contains: ["metadata.csv line 2", "never closed"])
        try expectFailure({ folder in
            try folder.write("c/metadata.csv", "doc_id,date\na,2020,extra\n")
            return ["ngrams", folder.path("c"), "--out", folder.path("out")]
        }, contains: ["metadata.csv line 2", "3 fields, but the header has 2"])
        try expectFailure({ folder in
            try folder.write("c/metadata.csv", "doc_id,date\na,28/02/2025\n")
            try folder.write("c/a.txt", "text")
            return ["ngrams", folder.path("c"), "--out", folder.path("out")]
        }, contains: ["metadata.csv line 2", "date '28/02/2025' is not an ISO 8601 date"])
        try expectFailure({ folder in
            try folder.write("c/metadata.csv", "title,date\nx,2020\n")
            return ["ngrams", folder.path("c"), "--out", folder.path("out")]
        }, contains: ["needs a 'doc_id' or 'file' column"])
    }

    @Test func unknownGroupingField() throws {
        try expectFailure({ folder in
            try folder.write("c/metadata.csv", "doc_id,session\na,1\n")
            try folder.write("c/a.txt", "text")
            return ["ngrams", folder.path("c"), "--by", "speaker", "--out", folder.path("out")]
        }, contains: ["--by speaker", "no such field", "doc_id, session"])
    }

    @Test func emptyCorpus() throws {
        try expectFailure({ folder in
            try folder.write("c/metadata.csv", "doc_id,date\n")
            return ["ngrams", folder.path("c"), "--out", folder.path("out")]
        }, contains: ["the corpus has no documents"])
        try expectFailure({ folder in
            try FileManager.default.createDirectory(atPath: folder.path("c"), withIntermediateDirectories: true)
            return ["ngrams", folder.path("c"), "--out", folder.path("out")]
        }, contains: ["no .txt files and no metadata.csv"])
    }

    @Test func missingCorpusPathAndUnknownKind() throws {
        try expectFailure({ folder in ["ngrams", folder.path("nowhere"), "--out", folder.path("out")] },
                          contains: ["nowhere: no such file or folder"])
        try expectFailure({ folder in
            try folder.write("c.docx", "x")
            return ["ngrams", folder.path("c.docx"), "--out", folder.path("out")]
        }, contains: ["not a corpus"])
    }

    @Test func unwritableOutput() throws {
        try expectFailure({ folder in
            try folder.write("c/a.txt", "text")
            try folder.write("blocker", "a file where a folder should be")
            return ["ngrams", folder.path("c"), "--out", folder.path("blocker") + "/out"]
        }, contains: ["--out", "cannot create the folder"])
        try expectFailure({ folder in
            try folder.write("c/a.txt", "text")
            try folder.write("afile", "x")
            return ["ngrams", folder.path("c"), "--out", folder.path("afile")]
        }, contains: ["exists and is not a folder"])
    }

    @Test func badTermsFileAndStopwordList() throws {
        try expectFailure({ folder in
            try folder.write("c/a.txt", "text")
            return ["ngrams", folder.path("c"), "--terms", folder.path("none.txt"), "--out", folder.path("out")]
        }, contains: ["--terms", "none.txt", "cannot read"])
        try expectFailure({ folder in
            try folder.write("c/a.txt", "text")
            return ["ngrams", folder.path("c"), "--stopwords", "klingon", "--out", folder.path("out")]
        }, contains: ["--stopwords klingon", "neither a built-in list"])
    }

    @Test func badStripPattern() throws {
        try expectFailure({ folder in
            try folder.write("c/a.txt", "text")
            return ["ngrams", folder.path("c"), "--strip", "[unclosed", "--out", folder.path("out")]
        }, contains: ["--strip '[unclosed'", "not a valid ICU regular expression"])
    }

    @Test func existingOutputFolderIsKeptOnFailure() throws {
        let folder = try TemporaryFolder()
        try folder.write("out/keep.txt", "mine")
        try folder.write("c/bad.txt", bytes: [0xFF])
        let result = try CLI.run(["ngrams", folder.path("c"), "--out", folder.path("out")])
        #expect(result.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("out")) == ["keep.txt"])
    }

    @Test func badOptionValuesAreUsageErrors() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/a.txt", "text")
        for arguments in [["--n", "0"], ["--n", "3-1"], ["--min-count", "0"]] {
            let result = try CLI.run(["ngrams", folder.path("c")] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(!result.stderr.isEmpty)
        }
    }
}
