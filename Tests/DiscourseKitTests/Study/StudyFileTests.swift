import Foundation
import Testing
@testable import DiscourseKit

/// The study file parser: every key, the defaults, and an error with its line and column for
/// each kind of mistake.
@Suite struct StudyFileTests {
    func parse(_ text: String) throws -> Study {
        try StudyFile.parse(text, file: "s.yaml", folder: "studies")
    }

    func error(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "no error"
        } catch {
            return (error as? DiscourseError)?.message ?? "\(error)"
        }
    }

    @Test func everyKeyIsRead() throws {
        let study = try parse("""
            title: Readouts
            out: results
            corpus:
              path: corpus.jsonl
              format: jsonl
              encoding: gb18030
              replace_invalid: true
              strip: ['\\[\\d+\\]']
              lang: zh
              text_field: body
              where: [lang=zh, session!=3]
            tokens:
              stopwords: [zh, extra.txt]
              terms: terms.txt
              simplified: yes
              keep_case: true
              numbers: false
            groupings: [session, decade]
            analyses:
              - ngrams: {n: 2-3, min_count: 4, cross_sentences: true, by: session}
              - collocates:
                  nodes: [安全, 发展]
                  scope: sentence
                  window: 4
                  min_cooc: 2
                  min_freq: 3
                  measures: [mi, log_dice]
                  sort: mi
                  top: 0
                  graph: true
                  by: [decade]
                  name: pairs
              - cooccur: {margins: tokens, window: 2}
              - keyness: {target: 2024, reference: '2021,2022', n: 2, min_count: 7}
              - keyness: {baseline: 3, name: rolling}
              - keyness: {each: true, name: each}
              - trends: {track: [改革, 开放], min_count: 9, n: 1-2}
              - compare: {n: 2, min_count: 2}
              - kwic: {terms: [安全], window: 0, limit: 4}
              - tokens:
            """)
        #expect(study.title == "Readouts")
        #expect(study.outputFolder == "studies/results")
        #expect(study.folder == "studies")
        #expect(study.corpus.path == "corpus.jsonl")
        #expect(study.resolve(study.corpus.path) == "studies/corpus.jsonl")
        #expect(study.corpus.format == .jsonl)
        #expect(study.corpus.encoding == "gb18030")
        #expect(study.corpus.replaceInvalid)
        #expect(study.corpus.strip == ["\\[\\d+\\]"])
        #expect(study.corpus.language == "zh")
        #expect(study.corpus.textField == "body")
        #expect(study.corpus.conditions == ["lang=zh", "session!=3"])
        #expect(study.tokens.stopwordLists == ["zh", "extra.txt"])
        #expect(study.tokens.termFiles == ["terms.txt"])
        #expect(study.tokens.simplified && study.tokens.keepCase && study.tokens.dropNumbers)
        #expect(study.groupings == ["session", "decade"])
        #expect(study.analyses.map(\.spec.kind) == ["ngrams", "collocates", "cooccur", "keyness", "keyness", "keyness", "trends", "compare", "kwic", "tokens"])
        guard case .ngrams(let ngrams) = study.analyses[0].spec else { Issue.record("ngrams"); return }
        #expect(ngrams.sizes == 2...3 && ngrams.minCount == 4 && ngrams.crossSentences)
        #expect(study.analyses[0].groupings == [0])
        guard case .collocates(let collocates) = study.analyses[1].spec else { Issue.record("collocates"); return }
        #expect(collocates.nodes == ["安全", "发展"])
        #expect(collocates.counting.scope == .sentence && collocates.counting.span == 4 && collocates.counting.minFrequency == 3)
        #expect(collocates.minCooccurrence == 2 && collocates.measures == [.mi, .logDice] && collocates.sort == .mi)
        #expect(collocates.top == nil && collocates.network && collocates.changes)
        #expect(study.analyses[1].groupings == [1] && study.analyses[1].name == "pairs")
        guard case .cooccur(let cooccur) = study.analyses[2].spec else { Issue.record("cooccur"); return }
        #expect(cooccur.counting.margins == .tokens && cooccur.top == nil && !cooccur.changes && cooccur.nodes == nil)
        #expect(study.analyses[2].groupings == nil)
        guard case .keyness(let target) = study.analyses[3].spec, case .keyness(let rolling) = study.analyses[4].spec,
              case .keyness(let each) = study.analyses[5].spec else { Issue.record("keyness"); return }
        #expect(target.target == ["2024"] && target.reference == ["2021", "2022"] && target.sizes == 2...2 && target.minCount == 7)
        #expect(rolling.baseline == 3 && each.each)
        guard case .trends(let trends) = study.analyses[6].spec else { Issue.record("trends"); return }
        #expect(trends.track == ["改革", "开放"] && trends.trackSource == nil && trends.minCount == 9 && trends.sizes == 1...2)
        guard case .compare(let compare) = study.analyses[7].spec else { Issue.record("compare"); return }
        #expect(compare.sizes == 2...2 && compare.minCount == 2)
        guard case .kwic(let kwic) = study.analyses[8].spec else { Issue.record("kwic"); return }
        #expect(kwic.nodes == ["安全"] && kwic.span == 0 && kwic.limit == 4)
        #expect(study.analyses[9].groupings == [0])
        #expect(study.analyses[3].location == "s.yaml line 34")
    }

    @Test func defaultsAreTheCommandsDefaults() throws {
        let study = try parse("""
            corpus: {path: c}
            groupings: year
            analyses:
              - ngrams:
              - collocates: {nodes: [war]}
              - trends: {}
              - keyness: {baseline: previous:1}
              - compare:
              - kwic: {terms: [war]}
            """)
        #expect(study.title == nil && study.outputFolder == nil)
        #expect(study.groupings == ["year"])
        #expect(study.corpus.encoding == nil && !study.corpus.replaceInvalid && study.corpus.textField == "text" && study.corpus.language == "")
        #expect(study.tokens.stopwordLists.isEmpty && study.tokens.termFiles.isEmpty && !study.tokens.dropNumbers)
        guard case .ngrams(let ngrams) = study.analyses[0].spec, case .collocates(let collocates) = study.analyses[1].spec,
              case .trends(let trends) = study.analyses[2].spec, case .keyness(let keyness) = study.analyses[3].spec,
              case .compare(let compare) = study.analyses[4].spec, case .kwic(let kwic) = study.analyses[5].spec else {
            Issue.record("kinds")
            return
        }
        #expect(ngrams.sizes == 1...1 && ngrams.minCount == 1 && !ngrams.crossSentences)
        #expect(collocates.top == 20 && collocates.sort == .logDice && collocates.minCooccurrence == 3 && collocates.counting.span == 5)
        #expect(collocates.counting.scope == .window && collocates.counting.margins == .windows && !collocates.network)
        #expect(trends.track == nil && trends.minCount == 20 && trends.sizes == 1...1)
        #expect(keyness.baseline == 1 && keyness.minCount == 5 && keyness.sizes == 1...1)
        #expect(compare.minCount == 1 && compare.sizes == 1...1)
        #expect(kwic.span == 10 && kwic.limit == nil)
    }

    @Test func aByteOrderMarkIsIgnoredAndInputsAreListed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("study-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "war\n".write(to: folder.appendingPathComponent("track.txt"), atomically: true, encoding: .utf8)
        let text = "corpus: {path: c}\ntokens: {terms: t.txt, stopwords: [en, s.txt]}\ngroupings: [year]\nanalyses:\n  - trends: {track: track.txt}\n  - keyness: {target: '2015, 2020'}\n"
        let file = folder.appendingPathComponent("s.yaml")
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: file)
        let study = try StudyFile.load(file.path)
        #expect(study.inputs == ["t.txt", "s.txt", "track.txt"])
        #expect(study.locations["groupings"] == "\(file.path) line 3, column 12")
        guard case .keyness(let keyness) = study.analyses[1].spec else { Issue.record("keyness"); return }
        #expect(keyness.target == ["2015", "2020"])
    }

    @Test func listsOfTermsComeInlineOrFromAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("study-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# tracked\nwar\npeace\n\n".write(to: folder.appendingPathComponent("track.txt"), atomically: true, encoding: .utf8)
        let study = try StudyFile.parse("""
            corpus: {path: c}
            groupings: [year]
            analyses:
              - trends: {track: track.txt}
              - kwic: {terms: track.txt}
              - trends: {track: &t [war], name: inline}
              - kwic: {terms: *t, name: alias}
            """, file: "s.yaml", folder: folder.path)
        guard case .trends(let file) = study.analyses[0].spec, case .kwic(let kwic) = study.analyses[1].spec,
              case .trends(let inline) = study.analyses[2].spec, case .kwic(let alias) = study.analyses[3].spec else {
            Issue.record("kinds")
            return
        }
        #expect(file.track == ["war", "peace"] && file.trackSource == "track.txt")
        #expect(kwic.nodes == ["war", "peace"])
        #expect(inline.track == ["war"] && alias.nodes == ["war"])
    }

    @Test(arguments: [
        ("corpus: {path: c}\ngroupings: [year]\nanalyses:\n  - ngram: {}\n", "s.yaml line 4, column 5: unknown key 'ngram' in an analysis; the keys are: ngrams, collocates"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses:\n  - ngrams: {mincount: 2}\n", "s.yaml line 4, column 14: unknown key 'mincount' in the ngrams analysis"),
        ("corpus: {path: c, paht: d}\ngroupings: [year]\nanalyses: [{ngrams: }]\n", "s.yaml line 1, column 19: unknown key 'paht' in corpus"),
        ("title: x\ntitle: y\ncorpus: {path: c}\ngroupings: [year]\nanalyses: [{ngrams: }]\n", "'title' is given twice"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyse: [{ngrams: }]\n", "s.yaml line 3, column 1: unknown key 'analyse' in the study file"),
        ("corpus: {path: c}\ngroupings: [year]\n", "s.yaml line 1, column 1: the study file has no 'analyses'"),
        ("corpus: {format: csv}\ngroupings: [year]\nanalyses: [{ngrams: }]\n", "s.yaml line 1, column 9: corpus needs a path"),
        ("corpus: {path: c, format: xml}\ngroupings: [year]\nanalyses: [{ngrams: }]\n", "s.yaml line 1, column 27: format 'xml' is not one of folder, csv, jsonl"),
        ("corpus: {path: c, where: lang}\ngroupings: [year]\nanalyses: [{ngrams: }]\n", "s.yaml line 1, column 26: where 'lang': write FIELD=VALUE"),
        ("corpus: {path: c}\ntokens: {numbers: maybe}\ngroupings: [year]\nanalyses: [{ngrams: }]\n", "s.yaml line 2, column 19: numbers must be true or false, not 'maybe'"),
        ("corpus: {path: c}\ngroupings: []\nanalyses: [{ngrams: }]\n", "s.yaml line 2, column 12: groupings needs at least one field"),
        ("corpus: {path: c}\ngroupings: [year, year]\nanalyses: [{ngrams: }]\n", "the grouping 'year' is listed twice"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: []\n", "s.yaml line 3, column 11: analyses needs at least one analysis"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{ngrams: {n: 21}}]\n", "s.yaml line 3, column 25: n '21' must be a length from 1 to 20"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{ngrams: {min_count: 0}}]\n", "s.yaml line 3, column 33: min_count must be at least 1, not 0"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{ngrams: {min_count: x}}]\n", "min_count must be a whole number, not 'x'"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{ngrams: {by: decade}}]\n", "s.yaml line 3, column 26: by 'decade' is not one of the study's groupings (year)"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{ngrams: {name: 'a b'}}]\n", "name 'a b' goes into file names"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{keyness: {}}]\n", "s.yaml line 3, column 22: a keyness analysis needs exactly one of target"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{keyness: {each: true, baseline: 2}}]\n", "needs exactly one of target"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{keyness: {baseline: last:2}}]\n", "baseline 'last:2' must be previous:K"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{collocates: {top: 5}}]\n", "a collocates analysis needs nodes"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{collocates: {nodes: [a], sort: pmi}}]\n", "sort 'pmi' is not a measure"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{collocates: {nodes: [a], measures: [mi, tscore]}}]\n", "'tscore' is not a measure"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{cooccur: {scope: document, margins: tokens}}]\n", "margins: tokens applies to scope: window only"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{cooccur: {top: 0}}]\n", "top must be at least 1, not 0"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{kwic: {window: 3}}]\n", "a kwic analysis needs terms"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{trends: {track: nowhere.txt}}]\n", "s.yaml line 3, column 29: track studies/nowhere.txt: cannot read the file"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses:\n  - trends: {}\n  - trends: {}\n", "s.yaml line 5, column 5: this trends analysis would write the same files as the one on line 4"),
        ("corpus: [c]\ngroupings: [year]\nanalyses: [{ngrams: }]\n", "s.yaml line 1, column 9: corpus must be a mapping"),
        ("corpus: {path: c\ngroupings: [year]\n", "s.yaml line 2, column 10: not valid YAML"),
        ("", "s.yaml: the study file is empty"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{ngrams: {by: []}}]\n", "by is an empty list"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{ngrams: {by: [year, year]}}]\n", "by lists 'year' twice"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{trends: {track: [peace, '']}}]\n", "track holds an empty term"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses: [{trends: {track: []}}]\n", "track is an empty list"),
        ("corpus: {path: c}\ngroupings: [year]\nanalyses:\n  - trends: {name: x}\n  - trends: {name: X}\n", "would write the same files"),
        ("corpus: {path: c}\ntokens: {numbers: 'no'}\ngroupings: [year]\nanalyses: [{ngrams: }]\n", "numbers must be true or false without quotes"),
    ])
    func errorsNameTheLineAndColumn(_ text: String, _ expected: String) {
        let message = error(text)
        #expect(message.contains(expected), "got: \(message)")
    }
}
