import Foundation
import Testing

/// `ngrams --tf-idf`: tidytext's bind_tf_idf on the rows of each n, each group a document;
/// values worked by hand.
struct TfIdfTests {
    @Test func tfIdfColumnsMatchTheDefinitionByHand() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,session\ng1,1\ng2,2\ng3,3\n")
        try folder.write("c/g1.txt", "a b a")
        try folder.write("c/g2.txt", "a c")
        try folder.write("c/g3.txt", "b b")
        let result = try CLI.run(["ngrams", folder.path("c"), "--n", "1-2", "--by", "session", "--tf-idf", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = records(try folder.read("out/ngrams.csv"))
        func row(_ group: String, _ ngram: String) throws -> (tf: Double, idf: Double, tfIdf: Double) {
            let r = try #require(rows.first { $0["group"] == group && $0["ngram"] == ngram }, "\(group) \(ngram)")
            return (Double(r["tf"]!)!, Double(r["idf"]!)!, Double(r["tf_idf"]!)!)
        }
        // Unigrams: session 1 a 2, b 1 (3 in all); 2: a 1, c 1; 3: b 2. a and b are in 2 of 3.
        let a1 = try row("1", "a")
        #expect(a1.tf == 2.0 / 3.0 && a1.idf == log(3.0 / 2.0) && a1.tfIdf == (2.0 / 3.0) * log(3.0 / 2.0))
        #expect(try row("1", "b").tf == 1.0 / 3.0)
        let c2 = try row("2", "c")
        #expect(c2.tf == 0.5 && c2.idf == log(3.0) && c2.tfIdf == 0.5 * log(3.0))
        let b3 = try row("3", "b")
        #expect(b3.tf == 1.0 && b3.idf == log(1.5))
        // Bigrams, their own documents: "a b" and "b a" in session 1 (2 in all), each in 1 of 3.
        let ab = try row("1", "a b")
        #expect(ab.tf == 0.5 && ab.idf == log(3.0))
        #expect(try row("3", "b b").tf == 1.0)
        // The metadata describes the extra columns; without the flag they are not there.
        #expect(try folder.read("out/ngrams.csv-metadata.json").contains("\"tf_idf\""))
        let plain = try CLI.run(["ngrams", folder.path("c"), "--by", "session", "--out", folder.path("plain")])
        #expect(plain.status == 0)
        #expect(try folder.read("plain/ngrams.csv").hasPrefix("group,n,ngram,count,doc_freq,per_million\n"))
    }

    @Test func aStudyWritesTheSameColumns() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,session\ng1,1\ng2,2\n")
        try folder.write("c/g1.txt", "a b a")
        try folder.write("c/g2.txt", "a c")
        try folder.write("s.yaml", "corpus: {path: c}\ngroupings: [session]\nanalyses:\n  - ngrams: {tf_idf: true}\n")
        let study = try CLI.run(["study", folder.path("s.yaml"), "--quiet", "--out", folder.path("study")])
        #expect(study.status == 0, "\(study.stderr)")
        let command = try CLI.run(["ngrams", folder.path("c"), "--by", "session", "--tf-idf", "--quiet", "--out", folder.path("command")])
        #expect(command.status == 0, "\(command.stderr)")
        #expect(try folder.read("study/ngrams.csv") == folder.read("command/ngrams.csv"))
        // c is in 1 of 2 sessions: idf = ln 2; a is in both: idf = 0.
        let c = try #require(records(try folder.read("study/ngrams.csv")).first { $0["ngram"] == "c" })
        #expect(Double(c["idf"]!) == log(2.0) && Double(c["tf"]!) == 0.5)
    }
}
