import Testing
@testable import DiscourseKit

struct DocumentFilterTests {
    let corpus = makeCorpus([("a", "x"), ("b", "y"), ("c", "z")], metadata: [
        "a": ["lang": "zh", "date": "2017-03-05"], "b": ["lang": "en", "date": "2017-03-05"], "c": ["lang": "zh", "date": "2018-03-05"],
    ])

    private func ids(_ conditions: [String]) throws -> [String] {
        var corpus = corpus
        try corpus.filter(conditions.map { try DocumentFilter(parsing: $0) })
        return corpus.documents.map(\.id)
    }

    @Test func equalityNegationAndCombination() throws {
        #expect(try ids(["lang=zh"]) == ["a", "c"])
        #expect(try ids(["doc_id!=b"]) == ["a", "c"])
        #expect(try ids(["lang=zh", "year=2017"]) == ["a"])
        #expect(try ids(["doc_id=a", "doc_id=b"]) == ["a", "b"])
        #expect(try ids([]) == ["a", "b", "c"])
    }

    @Test func errors() {
        #expect(throws: DiscourseError.self) { try DocumentFilter(parsing: "lang") }
        #expect(throws: DiscourseError.self) { try DocumentFilter(parsing: "=zh") }
        #expect(throws: DiscourseError.self) { try ids(["speaker=x"]) }
        #expect(throws: DiscourseError.self) { try ids(["lang=fr"]) }
    }
}
