import Testing
@testable import DiscourseKit

/// A study's one pass: analyses of one grouping share their term counts.
@Suite struct StudyRunTests {
    /// Two years of two short documents each; "the" occurs 2 + 1 times in 1990.
    func corpus() -> Corpus {
        makeCorpus([("a", "The union and the people."), ("b", "The union is strong."),
                    ("c", "Peace and war."), ("d", "The people want peace.")],
                   metadata: ["a": ["year": "1990"], "b": ["year": "1990"], "c": ["year": "1991"], "d": ["year": "1991"]])
    }

    func run(_ analyses: String) throws -> StudyRun {
        let study = try StudyFile.parse("corpus: {path: unused}\ngroupings: [year]\nanalyses:\n" + analyses,
                                        file: "s.yaml", folder: "")
        return try StudyRun(study, loaded: corpus())
    }

    /// Keyness asks for the words' counts without the documents' lists before trends asks for
    /// them with the lists: the first request already keeps the lists, so the counts are made
    /// once and both analyses read the same ones.
    @Test(arguments: [false, true])
    func keynessBeforeTrendsCountsTheWordsOnce(withNgrams: Bool) throws {
        let run = try run((withNgrams ? "  - ngrams: {n: 1}\n" : "")
                          + "  - keyness: {each: true}\n  - trends: {min_count: 1}\n")
        let counts = run.inputs[0].termCounts(sizes: [1])
        let lists = try #require(counts.documents, "keyness's counts were made without the documents' lists")
        // Document a's list: the, union, and, people (the twice); b's: the, union, is, strong.
        let the = try #require(counts.termIndex()["the"])
        var perDocument: [Int: Int] = [:]
        lists.forEach { position, list in
            for pair in list where DocumentTermLists.term(pair) == the {
                perDocument[position] = DocumentTermLists.count(pair)
            }
        }
        #expect(perDocument == [0: 2, 1: 1, 3: 1])
        #expect(counts.groupTokens == [9, 7])
    }

    /// Without an analysis that reads the lists, none are kept.
    @Test func keynessAloneKeepsNoLists() throws {
        let run = try run("  - keyness: {each: true}\n")
        #expect(run.inputs[0].termCounts(sizes: [1]).documents == nil)
    }

    /// The kept groups' lists are planned from the most text of groups open at once in corpus
    /// order: a group's list goes to disk with its last document.
    @Test func openGroupsArePlannedFromTheirText() {
        func grouping(_ groups: [[Int]]) -> Grouping {
            Grouping(field: "g", groups: groups.enumerated().map {
                Group(label: "\($0.offset)", documents: $0.element, firstDate: nil, lastDate: nil)
            }, leftOut: [])
        }
        let sizes = [10, 20, 30, 40]
        // One after the other: 10 + 20 close, then 30 + 40 = 70 open at the end.
        #expect(BatchedTermCounts.openGroupBytes(grouping([[0, 1], [2, 3]]), sizes: sizes) == 70)
        // Interleaved: 10, 30, 60 (the first closes: 20 left), 60.
        #expect(BatchedTermCounts.openGroupBytes(grouping([[0, 2], [1, 3]]), sizes: sizes) == 60)
        // A document left out of every group counts for none.
        #expect(BatchedTermCounts.openGroupBytes(grouping([[0], [3]]), sizes: sizes) == 40)
    }
}
