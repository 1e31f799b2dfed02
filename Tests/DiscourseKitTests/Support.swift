import Foundation
import Testing
@testable import DiscourseKit

/// A corpus made from inline texts (doc_id, text, metadata).
func makeCorpus(_ texts: [(String, String)], metadata: [String: [String: String]] = [:]) -> Corpus {
    let documents = texts.map { id, text in
        Document(id: id, metadata: metadata[id] ?? [:], source: id, content: .string(text))
    }
    let fields = Array(Set(metadata.values.flatMap(\.keys))).sorted()
    return Corpus(documents: documents, fields: fields)
}

/// One token as a test reads it.
struct TokenRow: Equatable, CustomStringConvertible {
    let surface: String
    let form: String
    let kind: TokenKind
    let sentence: Int
    var description: String { "\(surface)|\(form)|\(kind.name)|s\(sentence)" }
}

/// Tokenizes texts with a configuration and returns each document's tokens.
func tokenize(_ texts: [String], language: String = "", configure: (inout TokenizerConfiguration) -> Void = { _ in })
    throws -> [[TokenRow]]
{
    var configuration = TokenizerConfiguration()
    configuration.defaultLanguage = language
    configure(&configuration)
    var corpus = makeCorpus(texts.enumerated().map { ("d\($0.offset)", $0.element) })
    let tokens = try TokenPipeline.run(&corpus, configuration: configuration)
    return tokens.documents.map { document in
        let sentences = document.sentenceOfEachToken()
        return (0..<document.count).map { t in
            TokenRow(surface: String(decoding: document.text[Int(document.starts[t])..<Int(document.ends[t])], as: UTF16.self),
                     form: tokens.vocabulary.forms[Int(document.forms[t])],
                     kind: document.kinds[t], sentence: Int(sentences[t]))
        }
    }
}

/// The forms of one text's tokens.
func forms(_ text: String, language: String = "", configure: (inout TokenizerConfiguration) -> Void = { _ in }) throws -> [String] {
    try tokenize([text], language: language, configure: configure)[0].map(\.form)
}

/// N-gram rows of a corpus as (group, n, ngram, count, doc_freq) tuples, in output order.
/// A counter of the corpus's n-grams, tokenized without offsets.
func ngramCounter(_ corpus: Corpus, by field: String?, sizes: ClosedRange<Int>, minCount: Int = 1, crossSentences: Bool = false,
                  configure: (inout TokenizerConfiguration) -> Void = { _ in }) throws -> NgramCounter {
    var configuration = TokenizerConfiguration()
    configuration.keepOffsets = false
    configure(&configuration)
    var corpus = corpus
    let tokens = try TokenPipeline.run(&corpus, configuration: configuration)
    var options = NgramOptions()
    options.sizes = sizes
    options.minCount = minCount
    options.crossSentences = crossSentences
    return NgramCounter(tokens, grouping: try Grouping(corpus, by: field), options: options)
}

func ngramRows(_ corpus: Corpus, by field: String?, sizes: ClosedRange<Int>, minCount: Int = 1, crossSentences: Bool = false,
               configure: (inout TokenizerConfiguration) -> Void = { _ in }) throws -> [NgramRow] {
    let counter = try ngramCounter(corpus, by: field, sizes: sizes, minCount: minCount, crossSentences: crossSentences,
                                   configure: configure)
    let forms = counter.vocabulary.formsByRank
    func rows(_ group: NgramGroupRows) -> [NgramRow] {
        var rows: [NgramRow] = []
        group.forEachRow { n, ranks, count, documents in
            rows.append(NgramRow(group: group.summary.group.label, n: n, ngram: ranks.map { forms[Int($0)] }.joined(separator: " "),
                                 count: count, docFreq: documents, perMillion: Double(count) / Double(group.summary.tokens) * 1_000_000))
        }
        return rows
    }
    let groups = 0..<counter.groupCount
    let fromTables = groups.flatMap { rows(counter.tableRows(group: $0, splitting: false)) }
    // The same rows counted by sorting (`NgramSortedRows`), as `ngrams` counts a fine grouping.
    #expect(groups.flatMap { rows(counter.orderedRows(group: $0, splitting: false)) } == fromTables)
    return fromTables
}

struct NgramRow: Equatable, CustomStringConvertible {
    let group: String
    let n: Int
    let ngram: String
    let count: Int
    let docFreq: Int
    let perMillion: Double
    var description: String { "\(group)|\(n)|\(ngram)|\(count)|\(docFreq)" }
}

/// The project's root folder.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
