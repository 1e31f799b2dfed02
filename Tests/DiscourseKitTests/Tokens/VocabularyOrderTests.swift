import Testing
@testable import DiscourseKit

/// The vocabulary's code point order (`VocabularyTable.codePointOrder`), which compares the
/// first 8 bytes of each form as an integer before the whole text, against a plain sort of the
/// forms' UTF-8 bytes.
struct VocabularyOrderTests {
    @Test func prefixesThenTextsGiveCodePointOrder() {
        // Forms equal in their first 8 bytes, one a prefix of another, shorter than 8 bytes,
        // empty, with a NUL (a zero after a shorter form's end), and multi-byte characters
        // whose lead bytes sort above every ASCII byte.
        var forms = ["international", "internationally", "internat", "interna", "inter", "", "a", "a\u{0}", "a\u{0}b",
                     "zzzzzzzz", "zzzzzzzza", "zzzzzzz", "é", "e", "ez", "新质生产力", "新质", "高质量发展", "😀", "\u{FFFF}",
                     "Zebra", "zebra", "ab", "aB", "a b"]
        var generator = SplitMix(seed: 11)
        let alphabet: [Character] = ["a", "b", "\u{0}", "é", "新", "😀", "Z"]
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 12)
            forms.append(String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        forms = Array(Set(forms))
        let order = VocabularyTable.codePointOrder(forms).map { forms[Int($0)] }
        #expect(order == forms.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let table = VocabularyTable(forms: forms, isStopword: forms.map { _ in false })
        #expect(table.formsByRank == order)
        #expect(forms.indices.allSatisfy { table.byRank[Int(table.rank[$0])] == UInt32($0) })
    }
}
