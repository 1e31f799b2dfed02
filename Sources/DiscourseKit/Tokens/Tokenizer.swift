import ICUText

/// The token pipeline for one thread (SPEC §2): NFC, optional Traditional → Simplified
/// mapping, ICU sentence and word segmentation, rule-status filtering, forms by `nfkc_cf`
/// interned to ids, multi-word terms joined.
///
/// A tokenizer owns ICU break iterators, which are not thread-safe: make one per thread
/// (`TokenPipeline` does). Work is on UTF-16 buffers; a Swift `String` is made only the
/// first time this thread meets a surface.
final class Tokenizer {
    private let configuration: TokenizerConfiguration
    let vocabulary: Vocabulary
    let terms: TermList
    private let nfc: Normalizer
    let formNormalizer: Normalizer
    private var transliterator: Transliterator?
    private var wordSegmenters: [String: WordSegmenter] = [:]
    private var sentenceIterators: [String: BreakIterator] = [:]
    /// Joins multi-word terms; nil without `--terms`. Taken out of the tokenizer while a
    /// document is tokenized, so that it is a local value there.
    private var matcher: TermMatcher?
    /// What the tokenizer keeps from one document to the next: the surface cache and scratch
    /// buffers. Moved into a local while a document is tokenized, so that the per-token loop
    /// works on local values (a class's stored properties cost a dynamic exclusivity check at
    /// every access).
    private struct Work {
        var cache = SurfaceCache()
        var wordEnds: [Int32] = []
        var wordStatuses: [Int32] = []
        var sentenceEnds: [Int32] = []
        var scratch: [UInt16] = []
    }
    private var work = Work()

    init(configuration: TokenizerConfiguration, vocabulary: Vocabulary, terms: TermList) throws(DiscourseError) {
        self.configuration = configuration
        self.vocabulary = vocabulary
        self.terms = terms
        do {
            nfc = try Normalizer(.nfc)
            formNormalizer = try Normalizer(configuration.keepCase ? .nfkc : .nfkcCasefold)
            if configuration.simplified { transliterator = try Transliterator(id: "Traditional-Simplified") }
        } catch { throw DiscourseError("\(error)") }
        if !terms.isEmpty { matcher = TermMatcher(terms: terms, normalizer: formNormalizer, vocabulary: vocabulary) }
    }

    /// The ICU locale ID for a BCP 47 tag (`zh-Hant` → `zh_Hant`).
    static func locale(for language: String) -> String {
        language.replacingDashes()
    }

    /// The sentence locale: English gets `@ss=standard`, ICU's abbreviation suppressions.
    static func sentenceLocale(for language: String) -> String {
        let locale = Self.locale(for: language)
        let primary = locale.split(separator: "_").first.map(String.init)?.lowercased()
        return primary == "en" ? locale + "@ss=standard" : locale
    }

    private func wordSegmenter(language: String) throws(DiscourseError) -> WordSegmenter {
        if let segmenter = wordSegmenters[language] { return segmenter }
        do {
            let segmenter = try WordSegmenter(locale: Self.locale(for: language))
            wordSegmenters[language] = segmenter
            return segmenter
        } catch { throw DiscourseError("\(error)") }
    }

    private func sentenceIterator(language: String) throws(DiscourseError) -> BreakIterator {
        if let iterator = sentenceIterators[language] { return iterator }
        do {
            let iterator = try BreakIterator(.sentence, locale: Self.sentenceLocale(for: language))
            sentenceIterators[language] = iterator
            return iterator
        } catch { throw DiscourseError("\(error)") }
    }

    /// The text the offsets refer to: NFC, and under `--simplified` mapped and NFC again.
    func prepareText(_ source: [UInt16]) throws(DiscourseError) -> [UInt16] {
        var text = source.withUnsafeBufferPointer { nfc.isNormalized($0) } ? source : source.withUnsafeBufferPointer { nfc.normalize($0) }
        if let transliterator {
            do { text = try transliterator.transliterate(text) } catch { throw DiscourseError("\(error)") }
            if !text.withUnsafeBufferPointer({ nfc.isNormalized($0) }) {
                text = text.withUnsafeBufferPointer { nfc.normalize($0) }
            }
        }
        return text
    }

    /// Tokenizes one document's text.
    ///
    /// - Parameters:
    ///   - language: the document's language, or nil for `--lang`'s.
    ///   - source: where the text came from, for messages.
    ///   - index: the document's index in the corpus.
    func tokenize(_ source: [UInt16], language: String?, source name: String, index: Int) throws(DiscourseError) -> TokenizedDocument {
        let text = try prepareText(source)
        let language = language ?? configuration.defaultLanguage
        var result = TokenizedDocument(index: index, forms: [], sentenceEnds: [])
        if text.isEmpty {
            if configuration.keepOffsets { result.text = text }
            return result
        }
        let words = try wordSegmenter(language: language)
        let sentencesIterator = try sentenceIterator(language: language)
        // Offsets and kinds are kept only when asked for; terms are joined as tokens stream
        // past, and sentence limits found on the way, so that memory stays a small multiple of
        // the text however long the document and its sentences.
        var stream = TokenStream(keepOffsets: configuration.keepOffsets, estimate: text.count / 5 + 16)
        var pending = PendingTokens()
        var matcher = self.matcher
        self.matcher = nil
        defer { self.matcher = matcher }
        var work = Work(cache: SurfaceCache(capacity: 0))
        swap(&work, &self.work)
        defer { swap(&work, &self.work) }
        do {
            try text.withUnsafeBufferPointer { buffer throws(ICUFailure) in
                var unused: [Int32] = []
                try sentencesIterator.segment(buffer, ends: &work.sentenceEnds, statuses: &unused)
                words.start(buffer)
                let base = buffer.baseAddress!
                var start: Int32 = 0
                var sentence = 0
                while true {
                    let segments = try words.next(ends: &work.wordEnds, statuses: &work.wordStatuses, capacity: 1 << 14)
                    if segments == 0 { break }
                    for i in 0..<segments {
                        let end = work.wordEnds[i]
                        defer { start = end }
                        guard let kind = TokenKind(ruleStatus: work.wordStatuses[i]) else { continue }
                        if kind == .number && configuration.dropNumbers { continue }
                        while sentence < work.sentenceEnds.count - 1 && work.sentenceEnds[sentence] <= start { sentence += 1 }
                        let count = Int(end - start)
                        let pointer = base + Int(start)
                        let key = SurfaceCache.Key(pointer, count)
                        let id: UInt32
                        if let cached = work.cache.value(for: pointer, count: count, key: key) {
                            id = cached
                        } else {
                            work.scratch.removeAll(keepingCapacity: true)
                            formNormalizer.normalize(UnsafeBufferPointer(start: pointer, count: count), appendingTo: &work.scratch)
                            id = work.scratch.isEmpty ? UInt32.max : vocabulary.intern(String(decoding: work.scratch, as: UTF16.self))
                            work.cache.insert(pointer, count: count, key: key, value: id)
                        }
                        if id == UInt32.max { continue }  // a form that normalizes to nothing
                        let token = RawToken(form: id, sentence: Int32(sentence), start: start, end: end, kind: kind)
                        if matcher != nil && (pending.count > 0 || matcher!.mayStartTerm(id)) {
                            // In batches, so that a candidate run is mostly decided in one look.
                            pending.append(token)
                            if pending.count >= 256 { matcher!.join(buffer, &pending, final: false, into: &stream) }
                        } else {
                            stream.append(token)
                        }
                    }
                }
                matcher?.join(buffer, &pending, final: true, into: &stream)
            }
        } catch { throw DiscourseError("\(name): \(error)") }
        stream.finish()
        result.forms = stream.forms.exactSize()
        result.sentenceEnds = stream.limits.exactSize()
        if configuration.keepOffsets {
            result.text = text
            result.starts = stream.starts.exactSize()
            result.ends = stream.ends.exactSize()
            result.kinds = stream.kinds.exactSize()
        }
        return result
    }
}

extension Array {
    /// The array without spare capacity (a copy only when the spare room is large), so that
    /// per-token arrays kept for the whole run take no more memory than they need.
    func exactSize() -> [Element] {
        capacity > count + count / 8 + 16 ? Array(self[...]) : self
    }
}

extension String {
    func replacingDashes() -> String {
        String(map { $0 == "-" ? "_" : $0 })
    }
}
