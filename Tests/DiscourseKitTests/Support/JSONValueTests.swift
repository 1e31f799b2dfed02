import Foundation
import Testing
@testable import DiscourseKit

/// run.json read back: the parser keeps key order, so a value written and read renders the
/// same; and it reads what other JSON writers write.
@Suite struct JSONValueTests {
    @Test func writtenValuesReadBackUnchanged() throws {
        let value = JSONValue.object([
            ("zeta", .string("安全 \"quoted\" \\ 𝐀\n\t")), ("alpha", .int(-42)), ("ratio", .double(1e-05)),
            ("list", .array([.bool(true), .bool(false), .null, .double(5.0)])), ("empty", .object([])), ("none", .array([])),
        ])
        let text = value.serialized()
        let parsed = try JSONValue(parsing: Array(text.utf8), source: "t.json")
        #expect(parsed.serialized() == text)
        #expect(parsed["zeta"]?.stringValue == "安全 \"quoted\" \\ 𝐀\n\t")
        #expect(parsed["alpha"]?.intValue == -42)
        #expect(parsed.objectValue?.map(\.0) == ["zeta", "alpha", "ratio", "list", "empty", "none"])
    }

    @Test func escapesAndNumbersAsOtherWritersWriteThem() throws {
        let parsed = try JSONValue(parsing: Array(#"{"a":"\u5b89\u5168\ud835\udc00\/","b":[1.5e3,-0,2E-2],"c":{}}"#.utf8), source: "t.json")
        #expect(parsed["a"]?.stringValue == "安全𝐀/")
        #expect(parsed["b"] == .array([.double(1500), .int(0), .double(0.02)]))
    }

    /// Found by the jsonl fuzz target: 4,280 nested arrays overflowed the stack.
    @Test func deepNestingIsAnErrorNotACrash() {
        let text = "{\"d\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(throws: DiscourseError.self) { try JSONValue(parsing: Array(text.utf8), source: "t.json") }
        let fine = "{\"d\":" + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "}"
        #expect(throws: Never.self) { try JSONValue(parsing: Array(fine.utf8), source: "t.json") }
    }

    @Test(arguments: [("{\"a\": 1", "byte 7: not valid JSON: an object is not closed"),
                      ("[1, 2] x", "byte 7: not valid JSON: text after the JSON value"),
                      ("{\"a\": \"\\ud800\"}", "a lone surrogate escape"),
                      ("{\"a\": tru}", "expected true")])
    func malformedTextNamesTheByte(_ text: String, _ message: String) {
        do {
            _ = try JSONValue(parsing: Array(text.utf8), source: "t.json")
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}

/// An array made item by item as it is written renders as the same array held whole, in one
/// string or in chunks.
@Suite struct GeneratedJSONTests {
    @Test func generatedArraysWriteAsHeldArrays() throws {
        let items: [JSONValue] = (0..<40).map { .object([("doc_id", .string("d\($0)")), ("tokens", .int($0 * 3))]) }
        let generated = JSONValue.object([("n", .int(1)), ("documents", .generated(GeneratedArray(count: 40) { items[$0] })), ("z", .array([]))])
        let held = JSONValue.object([("n", .int(1)), ("documents", .array(items)), ("z", .array([]))])
        #expect(generated.serialized() == held.serialized())
        var chunks: [String] = []
        generated.serialize(chunkBytes: 100) { chunks.append($0) }
        #expect(chunks.count > 5)
        #expect(chunks.joined() == held.serialized())
        #expect(JSONValue.generated(GeneratedArray(count: 0) { _ in .null }).serialized() == "[]\n")
        #expect(generated["documents"]?.arrayValue?.count == 40)
    }
}

/// Reading only some members of a run.json: the others are checked, not built.
@Suite struct JSONMemberParsingTests {
    @Test func onlyTheNamedMembersAreKept() throws {
        let text = #"{"documents": [{"doc_id": "a", "n": [1, 2, {"x": null}]}, "\u5b89"], "outputs": [{"file": "ngrams.csv"}], "z": true}"#
        let parsed = try JSONValue(parsing: Array(text.utf8), source: "run.json", members: ["outputs"])
        #expect(parsed.objectValue?.map(\.0) == ["outputs"])
        #expect(parsed["outputs"]?.arrayValue?.first?["file"]?.stringValue == "ngrams.csv")
        // A skipped member that is not valid JSON is still an error.
        for broken in [#"{"documents": [1, 2, "outputs": []}"#, #"{"documents": {"a" 1}, "outputs": []}"#, #"{"documents": [1,, 2], "outputs": []}"#] {
            #expect(throws: DiscourseError.self) { try JSONValue(parsing: Array(broken.utf8), source: "run.json", members: ["outputs"]) }
        }
    }
}
