/// Reads one item of a study file's `analyses` list: a mapping with one key, the analysis,
/// whose value holds the options its command takes (snake_case, as in `run.json`), plus
/// `by` (the groupings it runs on; all by default) and `name` (to tell two analyses of one
/// kind apart in file names).
///
/// A list of terms (`track`, `nodes`, `terms`) is given inline as a YAML list, or as one
/// string naming a file with one term per line.
struct StudyAnalysisParser {
    let node: StudyNode
    let groupings: [String]
    let resolve: (String) -> String
    /// The term files the analysis reads, as written.
    private(set) var inputs: [String] = []

    static let kinds = ["ngrams", "collocates", "cooccur", "keyness", "trends", "compare", "kwic", "terms", "tokens"]
    static let common = ["by", "name"]
    static let cooccurrenceKeys = ["scope", "window", "margins", "cross_sentences", "min_cooc", "min_freq", "measures",
                                   "sort", "top", "graph", "nodes"]

    mutating func parse() throws(DiscourseError) -> StudyAnalysis {
        let entries = try node.mapping("an analysis", known: Self.kinds)
        guard entries.count == 1, let (kind, options) = entries.first else {
            throw node.error("each item of analyses names one analysis (\(Self.kinds.joined(separator: ", "))), e.g. '- ngrams: {n: 1-3}'")
        }
        let what = "the \(kind) analysis"
        let fields: [(key: String, value: StudyNode)]
        let spec: AnalysisSpec
        switch kind {
        case "ngrams":
            fields = try options.mapping(what, known: ["n", "min_count", "cross_sentences", "tf_idf"] + Self.common)
            var ngrams = NgramOptions()
            for (key, value) in fields {
                switch key {
                case "n": ngrams.sizes = try sizes(value)
                case "min_count": ngrams.minCount = try value.int("min_count", atLeast: 1)
                case "cross_sentences": ngrams.crossSentences = try value.bool("cross_sentences")
                case "tf_idf": ngrams.tfIdf = try value.bool("tf_idf")
                default: break
                }
            }
            spec = .ngrams(ngrams)
        case "collocates", "cooccur":
            fields = try options.mapping(what, known: Self.cooccurrenceKeys + Self.common)
            let collocation = try cooccurrence(fields, collocates: kind == "collocates", at: options)
            spec = kind == "collocates" ? .collocates(collocation) : .cooccur(collocation)
        case "keyness":
            fields = try options.mapping(what, known: ["target", "reference", "each", "baseline", "n", "min_count"] + Self.common)
            var keyness = KeynessOptions()
            for (key, value) in fields {
                switch key {
                case "target": keyness.target = try labels(value, "target")
                case "reference": keyness.reference = try labels(value, "reference")
                case "each": keyness.each = try value.bool("each")
                case "baseline": keyness.baseline = try baseline(value)
                case "n": keyness.sizes = try sizes(value)
                case "min_count": keyness.minCount = try value.int("min_count", atLeast: 1)
                default: break
                }
            }
            let ways = (keyness.target.isEmpty ? 0 : 1) + (keyness.each ? 1 : 0) + (keyness.baseline == nil ? 0 : 1)
            guard ways == 1 else {
                throw options.error("a keyness analysis needs exactly one of target (with or without reference), each: true or baseline: previous:K")
            }
            if !keyness.reference.isEmpty && keyness.target.isEmpty {
                throw options.error("reference needs a target")
            }
            spec = .keyness(keyness)
        case "trends":
            fields = try options.mapping(what, known: ["track", "min_count", "n"] + Self.common)
            var trends = TrendOptions()
            for (key, value) in fields {
                switch key {
                case "track": (trends.track, trends.trackSource) = try terms(value, "track")
                case "min_count": trends.minCount = try value.int("min_count", atLeast: 1)
                case "n": trends.sizes = try sizes(value)
                default: break
                }
            }
            spec = .trends(trends)
        case "compare":
            fields = try options.mapping(what, known: ["n", "min_count"] + Self.common)
            var comparison = ComparisonOptions()
            for (key, value) in fields {
                switch key {
                case "n": comparison.sizes = try sizes(value)
                case "min_count": comparison.minCount = try value.int("min_count", atLeast: 1)
                default: break
                }
            }
            spec = .compare(comparison)
        case "kwic":
            fields = try options.mapping(what, known: ["terms", "window", "limit"] + Self.common)
            var concordance = ConcordanceOptions()
            for (key, value) in fields {
                switch key {
                case "terms": concordance.nodes = try terms(value, "terms").lines
                case "window": concordance.span = try value.int("window", atLeast: 0)
                case "limit": concordance.limit = try value.int("limit", atLeast: 1)
                default: break
                }
            }
            guard !concordance.nodes.isEmpty else { throw options.error("a kwic analysis needs terms: a list, or a file with one term per line") }
            spec = .kwic(concordance)
        case "terms":
            fields = try options.mapping(what, known: ["max_length", "min_count", "top"] + Self.common)
            var suggestion = TermSuggestionOptions()
            for (key, value) in fields {
                switch key {
                case "max_length": suggestion.maxLength = try value.int("max_length", atLeast: 2)
                case "min_count": suggestion.minCount = try value.int("min_count", atLeast: 1)
                case "top": suggestion.top = try value.int("top", atLeast: 1)
                default: break
                }
            }
            if suggestion.maxLength > 20 { throw options.error("max_length must be at most 20") }
            spec = .terms(suggestion)
        default:
            fields = try options.mapping(what, known: Self.common)
            spec = .tokens
        }
        var analysis = StudyAnalysis(spec, location: node.location)
        for (key, value) in fields {
            switch key {
            case "name":
                let name = try value.string("name")
                guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) else {
                    throw value.error("name '\(name)' goes into file names: use letters, digits, _ and -")
                }
                analysis.name = name
            case "by":
                var indices: [Int] = []
                for field in try value.strings("by") {
                    guard let index = groupings.firstIndex(of: field) else {
                        throw value.error("by '\(field)' is not one of the study's groupings (\(groupings.joined(separator: ", "))); add it to groupings")
                    }
                    guard !indices.contains(index) else { throw value.error("by lists '\(field)' twice") }
                    indices.append(index)
                }
                guard !indices.isEmpty else { throw value.error("by is an empty list; leave it out to run on every grouping") }
                analysis.groupings = indices
            default: break
            }
        }
        // tokens.csv does not depend on a grouping: it is written once.
        if case .tokens = spec { analysis.groupings = [analysis.groupings?.first ?? 0] }
        return analysis
    }

    mutating func cooccurrence(_ fields: [(key: String, value: StudyNode)], collocates: Bool,
                      at options: StudyNode) throws(DiscourseError) -> CollocationOptions {
        var collocation = CollocationOptions()
        collocation.changes = collocates
        if collocates { collocation.top = 20 }
        for (key, value) in fields {
            switch key {
            case "scope":
                let text = try value.string("scope")
                guard let scope = CooccurrenceScope(rawValue: text) else {
                    throw value.error("scope '\(text)' is not one of \(CooccurrenceScope.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                collocation.counting.scope = scope
            case "window": collocation.counting.span = try value.int("window", atLeast: 1)
            case "margins":
                let text = try value.string("margins")
                guard let margins = CooccurrenceMargins(rawValue: text) else {
                    throw value.error("margins '\(text)' is not one of \(CooccurrenceMargins.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                collocation.counting.margins = margins
            case "cross_sentences": collocation.counting.crossSentences = try value.bool("cross_sentences")
            case "min_cooc": collocation.minCooccurrence = try value.int("min_cooc", atLeast: 1)
            case "min_freq": collocation.counting.minFrequency = try value.int("min_freq", atLeast: 1)
            case "measures":
                do { collocation.measures = try AssociationMeasure.list(try value.strings("measures").joined(separator: ",")) } catch {
                    throw value.error(error.message)
                }
            case "sort":
                let text = try value.string("sort")
                guard let measure = AssociationMeasure(rawValue: text) else {
                    throw value.error("sort '\(text)' is not a measure; choose from \(AssociationMeasure.allCases.map(\.column).joined(separator: ", "))")
                }
                collocation.sort = measure
            case "top":
                let top = try value.int("top", atLeast: collocates ? 0 : 1)
                collocation.top = top == 0 ? nil : top
            case "graph": collocation.network = try value.bool("graph")
            case "nodes": collocation.nodes = try terms(value, "nodes").lines
            default: break
            }
        }
        if collocation.counting.margins == .tokens && collocation.counting.scope != .window {
            throw options.error("margins: tokens applies to scope: window only")
        }
        if collocates && (collocation.nodes ?? []).isEmpty {
            throw options.error("a collocates analysis needs nodes: a list, or a file with one term per line")
        }
        return collocation
    }

    /// `n: 2` or `n: 1-3`.
    func sizes(_ value: StudyNode) throws(DiscourseError) -> ClosedRange<Int> {
        let text = try value.string("n")
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        if parts.count == 1, let n = parts[0], (1...20).contains(n) { return n...n }
        if parts.count == 2, let low = parts[0], let high = parts[1], 1 <= low, low <= high, high <= 20 { return low...high }
        throw value.error("n '\(text)' must be a length from 1 to 20 or a range such as 1-3")
    }

    /// `baseline: previous:3` or `baseline: 3`.
    func baseline(_ value: StudyNode) throws(DiscourseError) -> Int {
        let text = try value.string("baseline")
        let number = text.hasPrefix("previous:") ? String(text.dropFirst("previous:".count)) : text
        guard let k = Int(number), k >= 1 else { throw value.error("baseline '\(text)' must be previous:K with K at least 1") }
        return k
    }

    /// Group labels: a list, or one value (commas separate several, as on the command line).
    func labels(_ value: StudyNode, _ what: String) throws(DiscourseError) -> [String] {
        try value.strings(what).flatMap { $0.split(separator: ",").map { String($0).trimmed() } }.filter { !$0.isEmpty }
    }

    /// Terms inline (a list) or from a file (one string: a path, relative to the study; the
    /// source is the path as written).
    mutating func terms(_ value: StudyNode, _ what: String) throws(DiscourseError) -> (lines: [String], source: String?) {
        if value.isList {
            let terms = try value.strings(what)
            guard !terms.isEmpty else { throw value.error("\(what) is an empty list; name at least one term") }
            if terms.contains(where: { $0.trimmed().isEmpty }) { throw value.error("\(what) holds an empty term") }
            return (terms, nil)
        }
        let path = try value.string(what)
        inputs.append(path)
        do { return (try LineFile.terms(resolve(path), option: what), path) } catch { throw value.error(error.message) }
    }
}
