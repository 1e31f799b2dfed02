import Testing
@testable import DiscourseKit

struct GroupingTests {
    @Test func numericLabelsSortByValue() throws {
        let corpus = makeCorpus([("a", "x"), ("b", "x"), ("c", "x"), ("d", "x")],
                                metadata: ["a": ["session": "10"], "b": ["session": "9"], "c": ["session": "2"], "d": ["session": "9"]])
        let grouping = try Grouping(corpus, by: "session")
        #expect(grouping.groups.map(\.label) == ["2", "9", "10"])
        #expect(grouping.groups[1].documents == [1, 3])
    }

    @Test func textLabelsSortByEarliestDateThenByLabel() throws {
        let corpus = makeCorpus([("a", "x"), ("b", "x"), ("c", "x")], metadata: [
            "a": ["series": "zeta", "date": "2019-05"], "b": ["series": "alpha", "date": "2020-01-01"],
            "c": ["series": "zeta", "date": "2021"],
        ])
        let grouping = try Grouping(corpus, by: "series")
        #expect(grouping.groups.map(\.label) == ["zeta", "alpha"])
        #expect(grouping.groups[0].firstDate == "2019-05")
        #expect(grouping.groups[0].lastDate == "2021")
    }

    @Test func labelsSortByCodePointWhenSomeGroupHasNoDate() throws {
        let corpus = makeCorpus([("a", "x"), ("b", "x"), ("c", "x")], metadata: [
            "a": ["series": "b", "date": "2019"], "b": ["series": "a"], "c": ["series": "Z"],
        ])
        #expect(try Grouping(corpus, by: "series").groups.map(\.label) == ["Z", "a", "b"])
    }

    @Test func yearComesFromDateUnlessAYearColumnIsGiven() throws {
        let corpus = makeCorpus([("a", "x"), ("b", "x")], metadata: [
            "a": ["date": "1790-01-08"], "b": ["date": "1790-12-08", "year": "1791"],
        ])
        let grouping = try Grouping(corpus, by: "year")
        #expect(grouping.groups.map(\.label) == ["1790", "1791"])
    }

    @Test func documentsWithoutAValueAreLeftOut() throws {
        let corpus = makeCorpus([("a", "x"), ("b", "x")], metadata: ["a": ["session": "1"], "b": ["title": "t"]])
        let grouping = try Grouping(corpus, by: "session")
        #expect(grouping.leftOut == ["b"])
        #expect(grouping.groups.count == 1)
    }

    @Test func unknownFieldIsAnErrorListingTheFields() throws {
        let corpus = makeCorpus([("a", "x")], metadata: ["a": ["session": "1"]])
        let error = #expect(throws: DiscourseError.self) { try Grouping(corpus, by: "sesion") }
        #expect(error?.message.contains("no such field") == true)
        #expect(error?.message.contains("session") == true)
    }

    @Test func withoutAFieldTheCorpusIsOneGroup() throws {
        let corpus = makeCorpus([("a", "x"), ("b", "y")])
        let grouping = try Grouping(corpus, by: nil)
        #expect(grouping.groups.map(\.label) == ["all"])
        #expect(grouping.groups[0].documents == [0, 1])
    }
}
