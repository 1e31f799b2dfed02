import DiscourseKit
import Foundation
func peak() -> Double { var u = rusage(); getrusage(RUSAGE_SELF.rawValue, &u); return Double(u.ru_maxrss) / 1024 }
let corpus = try! CorpusLoader().load(CommandLine.arguments[1])
print("loaded", peak())
var configuration = TokenizerConfiguration()
configuration.keepOffsets = false
let tokens = try! TokenPipeline.run(corpus, configuration: configuration)
print("tokenized", peak())
let grouping = try! Grouping(corpus, by: "year")
var options = NgramOptions()
options.sizes = 2...2
let counter = NgramCounter(tokens, grouping: grouping, options: options)
for g in 0..<20 { _ = counter.count(groups: g..<g+1) }
print("counted 20 sequentially", peak())
_ = ParallelMap.run(8) { counter.count(groups: $0..<$0+1) }
print("counted 8 in parallel", peak())
let writer = try! OutputWriter(destination: .folder("/tmp/benchout"), format: CSVFormat(), mainFile: "ngrams.csv")
try! writer.write("x.csv", header: CSVBuffer(format: CSVFormat(), header: ["a"]), parts: 100) { g in
    _ = counter.count(groups: g..<g+1); return CSVBuffer(format: CSVFormat())
}
print("count via writer", peak())
for _ in 0..<100 { _ = counter.count(groups: 150..<151) }
print("count same 100x", peak())
for _ in 0..<100 { _ = NgramTableWriter.renderOne(counter, 150) }
print("render same 100x", peak())

var total = 0
for g in 0..<200 { total += NgramTableWriter.renderOne(counter, g).bytes.count }
print("render 200 sequentially", peak(), total)
try! writer.write("y.csv", header: CSVBuffer(format: CSVFormat(), header: ["a"]), parts: 200) { g in
    NgramTableWriter.renderOne(counter, g)
}
print("render 200 via writer", peak(), total)

