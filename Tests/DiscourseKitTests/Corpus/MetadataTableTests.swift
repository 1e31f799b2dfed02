import Foundation
import Testing
@testable import DiscourseKit

/// The corpus's compact metadata (a column per field, values stored once) gives back what the
/// rows said, and the digests and duplicate sets that replaced strings and dictionaries give
/// what those gave.
@Suite struct MetadataTableTests {
    @Test func rowsReadBackAsWritten() {
        var builder = MetadataTable.Builder(fields: ["date", "party"])
        builder.append(["date": "1790-01-08", "party": "Federalist"])
        builder.append(["party": "Federalist", "lang": "en"])  // a field first seen in row 1
        builder.append([:])
        builder.append(["date": "2026-02-24", "party": "", "lang": "英文"])  // an empty cell is absent
        let table = MetadataTable(builder)
        #expect(table.fields == ["date", "party", "lang"])
        #expect(table.count == 4)
        #expect(table.row(0) == ["date": "1790-01-08", "party": "Federalist"])
        #expect(table.row(1) == ["party": "Federalist", "lang": "en"])
        #expect(table.row(2) == [:])
        #expect(table.row(3) == ["date": "2026-02-24", "lang": "英文"])
        #expect(table.value("lang", row: 0) == nil)
        #expect(table.value("nonexistent", row: 0) == nil)
    }

    /// Past 65,536 distinct values a column stops sharing them; values read back the same.
    @Test func aColumnOfDistinctValuesStillReadsBack() {
        var builder = MetadataTable.Builder()
        let rows = 70_000
        for i in 0..<rows { builder.append(["file": "texts/d\(i).txt", "year": String(1900 + i % 7)]) }
        let table = MetadataTable(builder)
        for i in [0, 1, 65_535, 65_536, 65_537, 69_999] {
            #expect(table.value("file", row: i) == "texts/d\(i).txt")
            #expect(table.value("year", row: i) == String(1900 + i % 7))
        }
    }

    @Test func documentsOfAMetadataFolderKeepTheirFields() throws {
        let folder = try ScratchFolder()
        try folder.write("c/metadata.csv", "doc_id,file,date,president\ns1,texts/s1.txt,1790-01-08,Washington\ns2,texts/s2.txt,1790-12-08,\ns3,texts/s3.txt,,Adams\n")
        for id in ["s1", "s2", "s3"] { try folder.write("c/texts/\(id).txt", "text of \(id)") }
        let corpus = try CorpusLoader().load(folder.path("c"))
        #expect(corpus.fields == ["file", "date", "president"])
        #expect(corpus.documents.map(\.id) == ["s1", "s2", "s3"])
        #expect(corpus.documents[0].metadata == ["file": "texts/s1.txt", "date": "1790-01-08", "president": "Washington"])
        #expect(corpus.documents[1].metadata == ["file": "texts/s2.txt", "date": "1790-12-08"])
        #expect(corpus.documents[2]["president"] == "Adams")
        #expect(corpus.documents[2].year == nil)
        #expect(corpus.documents[1].year == "1790")
        #expect(corpus.documents[1].decade == "1790s")
        #expect(corpus.documents[1].value(of: "president") == nil)
    }

    @Test func jsonLinesFieldsSeenLaterAreEmptyBefore() throws {
        let folder = try ScratchFolder()
        try folder.write("c.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"y\", \"year\": 1991, \"lang\": \"zh\"}\n")
        let corpus = try CorpusLoader().load(folder.path("c.jsonl"))
        #expect(corpus.documents[0].metadata == [:])
        #expect(corpus.documents[1].metadata == ["year": "1991", "lang": "zh"])
        #expect(corpus.documents[1].language == "zh")
    }

    /// FIPS 180-2's example "abc"; hex both ways; digests order as their hex does.
    @Test func digestsAsBytesAndHex() {
        let abc = SHA256Sum(of: Array("abc".utf8))
        #expect(abc.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Sum(hex: "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD") == abc)
        #expect(SHA256Sum(hex: abc.hex.dropLast() + "g") == nil)
        #expect(SHA256Sum(hex: String(abc.hex.dropLast())) == nil)
        let sums = (0..<50).map { SHA256Sum(of: Array("text \($0)".utf8)) }
        for a in sums {
            for b in sums { #expect((a < b) == (a.hex < b.hex)) }
        }
    }

    @Test func identicalTextsAreSetsInCorpusOrder() {
        func reading(_ text: String) -> CorpusReader.Reading {
            let units = Array(text.utf16)
            return CorpusReader.Reading(text: [], sha256: SHA256Sum(of: Array(text.utf8)), byteCount: 0, replacements: 0, removed: [],
                                        textDigest: units.withUnsafeBytes { SHA256Sum(of: $0) }, isEmptyText: units.isEmpty)
        }
        let readings = ["y", "x", "y", "", "", "x", "z", "y"].map(reading)
        // Empty texts are not copies of each other; "z" is alone.
        #expect(Corpus.identicalTexts(readings) == [[0, 2, 7], [1, 5]])
        #expect(Corpus.identicalTexts([]) == [])
    }
}

/// A folder under the system's temporary folder, removed when the test ends.
private final class ScratchFolder {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("metadata-\(UUID().uuidString)").path

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func path(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) throws {
        let file = URL(fileURLWithPath: path(name))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
}
