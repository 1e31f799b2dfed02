import ICUText

/// Normalizes the lines of term, stopword, node and tracked-term files the way token forms
/// are normalized (SPEC §2.6): NFC, Traditional → Simplified under `--simplified` (then NFC
/// again), `nfkc_cf` (or `nfkc` with `--keep-case`), every run of whitespace folded to one
/// space, the ends trimmed.
public struct LineNormalizer {
    private let nfc: Normalizer
    private let form: Normalizer
    private let transliterator: Transliterator?
    /// The form of each variant named by a `canonical = variant` term line → the canonical
    /// line's form, so that a node or tracked line naming a variant finds the term.
    private var canonical: [String: String] = [:]

    public init(_ configuration: TokenizerConfiguration) throws(DiscourseError) {
        do {
            nfc = try Normalizer(.nfc)
            form = try Normalizer(configuration.keepCase ? .nfkc : .nfkcCasefold)
            transliterator = configuration.simplified ? try Transliterator(id: "Traditional-Simplified") : nil
        } catch { throw DiscourseError("\(error)") }
        var canonical: [String: String] = [:]
        for line in configuration.terms where line.contains("=") {
            let variants = TermList.variants(of: line)
            let term = form(of: variants[0])
            guard !term.isEmpty else { continue }
            for variant in variants.dropFirst() {
                let variantForm = form(of: variant)
                if variantForm != term && canonical[variantForm] == nil { canonical[variantForm] = term }
            }
        }
        self.canonical = canonical
    }

    /// The normalized line with single spaces (what a term's text span must equal).
    public func normalize(_ line: String) -> [UInt16] {
        var units = Array(line.utf16)
        units = units.withUnsafeBufferPointer { nfc.normalize($0) }
        if let transliterator, let mapped = try? transliterator.transliterate(units) {
            units = mapped.withUnsafeBufferPointer { nfc.normalize($0) }
        }
        units = units.withUnsafeBufferPointer { form.normalize($0) }
        return Self.foldWhitespace(units[...])
    }

    /// The form a line stands for: the normalized line with spaces replaced by `_`
    /// (`overall national security concept` → `overall_national_security_concept`); for a
    /// variant of a `canonical = variant` term line, the canonical term's form.
    public func form(of line: String) -> String {
        let units = normalize(line).map { $0 == 0x20 ? UInt16(ascii: "_") : $0 }
        let form = String(decoding: units, as: UTF16.self)
        return canonical[form] ?? form
    }

    /// Folds each run of whitespace to one U+0020 and trims both ends.
    static func foldWhitespace(_ units: ArraySlice<UInt16>) -> [UInt16] {
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        var pendingSpace = false
        for unit in units {
            if UTF16Text.isWhitespace(unit) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(unit)
            }
        }
        return out
    }
}

extension UInt16 {
    init(ascii: Unicode.Scalar) { self = UInt16(ascii.value) }
}
