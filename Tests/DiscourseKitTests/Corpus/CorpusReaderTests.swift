import Foundation
import Testing
@testable import DiscourseKit

/// The digests reading records: the raw bytes', and the cleaned text's in UTF-8, which is the
/// file's own when the file is that text. Expected digests are Python's
/// `hashlib.sha256(text.encode()).hexdigest()`.
@Suite struct CorpusReaderTests {
    static let chinese = "45d0b9a49c65bf18079617c83e8caf58c53e4ef8960a5f0ef7db38f4911d33ad"  // "中文 text"

    @Test func textDigestIsTheTextInUTF8() {
        #expect(CorpusReader.utf8Digest(Array("abc".utf16)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(CorpusReader.utf8Digest(Array("中文 text".utf16)).hex == Self.chinese)
        #expect(CorpusReader.utf8Digest(Array("a😀b".utf16)).hex == "6fba5b2ea783ded096fc2444d540ffbdf49168df30993b155b7efb683313f110")
        // A lone surrogate as its three bytes ED A0 80 (hashlib over b'x\xed\xa0\x80y').
        #expect(CorpusReader.utf8Digest([0x78, 0xD800, 0x79]).hex == "8d1df12bc65d40c89ca8539530133ebb35d6c2a0d0b35a304c73582f1be01e94")
        // Longer than one 64 KB chunk: the same as hashing the whole UTF-8 at once.
        let long = String(repeating: "安全 security ", count: 20_000)
        #expect(CorpusReader.utf8Digest(Array(long.utf16)) == SHA256Sum(of: Array(long.utf8)))
    }

    @Test func theSameTextInAnyEncodingHasOneTextDigest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "中文 text"
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let files: [(String, [UInt8])] = [("plain", Array(text.utf8)), ("bom", [0xEF, 0xBB, 0xBF] + Array(text.utf8)), ("utf16", utf16)]
        var readings: [CorpusReader.Reading] = []
        for (name, bytes) in files {
            let path = folder.appendingPathComponent(name + ".txt").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            readings.append(try CorpusReader().read(Document(id: name, metadata: [:], source: path, content: .file(path))))
        }
        #expect(readings.map(\.textDigest.hex) == [Self.chinese, Self.chinese, Self.chinese])
        #expect(readings[0].sha256.hex == Self.chinese)
        #expect(readings[1].sha256.hex == "c5f45fbd765d84ff5644109a793fcca91f32b8b209f42332735273ac59dc40b3")
        #expect(Corpus.identicalTexts(readings) == [[0, 1, 2]])

        // What --strip removes is not in the text's digest: "中文 " (hashlib).
        let stripped = try CorpusReader(cleaner: TextCleaner(patterns: ["text"]))
            .read(Document(id: "plain", metadata: [:], source: "plain", content: .file(folder.appendingPathComponent("plain.txt").path)))
        #expect(stripped.sha256.hex == Self.chinese)
        #expect(stripped.textDigest.hex == "903b70b6e32b45b445ef26c0a75fe88c0483fa181820bc9e8c3a294a37cbd30d")
        // A text given as a string (a CSV or JSON Lines corpus): its UTF-8 is what is hashed.
        let string = try CorpusReader().read(Document(id: "s", metadata: [:], source: "s", content: .string(text)))
        #expect(string.sha256.hex == Self.chinese && string.textDigest.hex == Self.chinese)
    }

    /// The shortcut relies on ICU's UTF-8 converter refusing encoded surrogates (CESU-8),
    /// which would otherwise decode to a text whose UTF-8 differs from the file.
    @Test func encodedSurrogatesAreNotUTF8() {
        #expect(throws: DiscourseError.self) { try TextDecoder().decode([0x78, 0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80], source: "f.txt") }
    }
}
