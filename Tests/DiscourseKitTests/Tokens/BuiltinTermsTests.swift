import Foundation
import Testing
@testable import DiscourseKit

/// The built-in `zh-politics` list against the Chinese corpora of `Corpora/`, searched as plain
/// text here (not through the tokenizer): every entry occurs, no entry is a fragment of a
/// longer one, and no two entries overlap in the texts.
struct BuiltinTermsTests {
    static let entries = BuiltinTerms.lines(BuiltinTerms.zhPolitics)

    static let corpora = ["cn-gov-work-reports", "cpc-congress-reports"].map {
        packageRoot.appendingPathComponent("Corpora/\($0)/texts")
    }

    /// Every text of both corpora, as UTF-16, one after another (a newline between texts).
    static func texts() throws -> [UInt16] {
        var units: [UInt16] = []
        for folder in corpora {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".txt") {
                units += try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).utf16
                units.append(0x0A)
            }
        }
        return units
    }

    /// Where each string occurs in the text: candidate positions from an index of the text's
    /// two-unit windows, then compared unit by unit.
    struct TextIndex {
        let text: [UInt16]
        var windows: [UInt32: [Int]] = [:]

        init(_ text: [UInt16]) {
            self.text = text
            for i in 0..<(text.count - 1) { windows[UInt32(text[i]) << 16 | UInt32(text[i + 1]), default: []].append(i) }
        }

        func positions(of string: String) -> [Int] {
            let units = Array(string.utf16)
            guard units.count >= 2 else { return [] }
            return (windows[UInt32(units[0]) << 16 | UInt32(units[1])] ?? []).filter { start in
                start + units.count <= text.count && text[start..<start + units.count].elementsEqual(units)
            }
        }
    }

    @Test func entriesAreDistinctHanTerms() {
        #expect(Self.entries.count == 720)
        #expect(Set(Self.entries).count == Self.entries.count)
        for entry in ["新质生产力", "高质量发展", "疫情", "供给侧结构性改革", "全面从严治党", "简政放权"] {
            #expect(Self.entries.contains(entry), "\(entry)")
        }
        let han = Self.entries.filter { !$0.unicodeScalars.allSatisfy { $0.properties.isIdeographic } }
        #expect(han.isEmpty, "not only Han characters: \(han)")
    }

    @Test(.enabled(if: corpora.allSatisfy { FileManager.default.fileExists(atPath: $0.path) }, "needs the Chinese corpora in Corpora/"))
    func everyEntryOccursAndNoneIsAFragmentOrOverlapsAnother() throws {
        let index = TextIndex(try Self.texts())
        let positions = Dictionary(uniqueKeysWithValues: Self.entries.map { ($0, index.positions(of: $0)) })
        #expect(Self.entries.filter { positions[$0]!.isEmpty }.isEmpty, "entries not in the corpora")

        // An entry inside longer entries occurs outside all of them in at least a third of its
        // occurrences: a word of its own (生产力 in 新质生产力), not a fragment (新质).
        for short in Self.entries {
            let longer = Self.entries.filter { $0 != short && $0.contains(short) }
            guard !longer.isEmpty else { continue }
            var covered: Set<Int> = []
            for long in longer {
                let (l, s) = (Array(long.utf16), Array(short.utf16))
                for offset in 0...(l.count - s.count) where l[offset..<offset + s.count].elementsEqual(s) {
                    for p in positions[long]! { covered.insert(p + offset) }
                }
            }
            let all = positions[short]!
            let free = all.filter { !covered.contains($0) }.count
            #expect(3 * free >= all.count, "\(short): \(free) of \(all.count) outside \(longer)")
        }

        // Two entries where the end of one is the start of the other (全社会, 社会主义): the
        // joined text occurs only where ICU puts a word boundary inside the first entry, so the
        // first cannot be matched there (健全|社会主义, 促进|城镇化, 加强|军民团结, 党|领导|人民军队);
        // each of these was read in the tokens of its sentences. A new overlap must be reviewed
        // the same way before it joins this list.
        let reviewed: Set<String> = ["进城镇化", "全社会主义", "全社会保障", "全社会救助", "强军民团结", "全社会信用体系",
                                     "领导人民军队", "全社会治安", "领导人民群众", "合作社保", "全社会稳定", "全社会化"]
        var joins: Set<String> = []
        let starts = Dictionary(grouping: Self.entries, by: { $0.first! })
        for a in Self.entries {
            for (k, character) in a.enumerated().dropFirst() {
                for b in starts[character] ?? [] where b != a && !a.contains(b) && !b.contains(a) {
                    let suffix = a.dropFirst(k)
                    guard suffix.count < b.count, b.hasPrefix(suffix) else { continue }
                    let joined = a + b.dropFirst(suffix.count)
                    if !index.positions(of: joined).isEmpty { joins.insert(joined) }
                }
            }
        }
        #expect(joins.subtracting(reviewed).isEmpty, "overlapping entries to review: \(joins.subtracting(reviewed).sorted())")
    }
}
