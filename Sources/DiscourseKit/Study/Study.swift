/// A declared set of analyses of one corpus: how to read and tokenize it, the groupings, and
/// the analyses of each grouping. `discourse study STUDY.yaml` reads one from a file
/// (`StudyFile`); each command is a study of one analysis and one grouping.
public struct Study: Sendable {
    /// A title for the report (the corpus's name, not a path).
    public var title: String?
    public var corpus: CorpusOptions
    public var tokens: TokenOptions
    /// The grouping fields (`year`, `decade`, `session`, any metadata column); nil is the
    /// whole corpus as one group, as a command without `--by` counts it.
    public var groupings: [String?]
    public var analyses: [StudyAnalysis]
    /// The folder relative paths start from (a study file's folder); "" for the current one.
    /// Paths stay as written in the options, for the record, and are resolved when read.
    public var folder = ""
    /// Where the output goes when the command line does not say (`out:`), resolved.
    public var outputFolder: String?
    /// The study file, copied into the output folder.
    public var source: StudySource?
    /// Where the study file declares `corpus`, `tokens` and `groupings`
    /// (`study.yaml line 3, column 1`), for errors found once the corpus is read.
    public var locations: [String: String] = [:]
    /// Files the study reads besides the corpus (terms, stopwords, tracked terms), as written.
    public var inputs: [String] = []

    public init(title: String? = nil, corpus: CorpusOptions, tokens: TokenOptions, groupings: [String?],
                analyses: [StudyAnalysis]) {
        self.title = title
        self.corpus = corpus
        self.tokens = tokens
        self.groupings = groupings
        self.analyses = analyses
    }

    /// A path of the options, resolved against `folder`.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") || folder.isEmpty ? path : folder.appendingPath(path)
    }

    /// Whether some analysis needs the texts and token offsets (tokens.csv, concordances).
    var needsOffsets: Bool { analyses.contains { $0.spec.needsOffsets } }
}

/// One analysis of a study, with the groupings it runs on.
public struct StudyAnalysis: Sendable {
    public var spec: AnalysisSpec
    /// A name that tells two analyses of one kind apart in file names (`tracked`).
    public var name: String?
    /// Indices into the study's groupings; nil for all of them.
    public var groupings: [Int]?
    /// Where the analysis is declared (`study.yaml line 12`), for messages.
    public var location: String?

    public init(_ spec: AnalysisSpec, name: String? = nil, groupings: [Int]? = nil, location: String? = nil) {
        self.spec = spec
        self.name = name
        self.groupings = groupings
        self.location = location
    }
}

/// An analysis and its options.
public enum AnalysisSpec: Sendable {
    /// Every token with its offsets (`tokens.csv`).
    case tokens
    case ngrams(NgramOptions)
    /// Every node–collocate pair (`cooccur.csv`).
    case cooccur(CollocationOptions)
    /// The collocates of chosen nodes (`collocates.csv`, `collocate_changes.csv`).
    case collocates(CollocationOptions)
    case keyness(KeynessOptions)
    case trends(TrendOptions)
    case compare(ComparisonOptions)
    case kwic(ConcordanceOptions)
    /// Candidate multi-word terms (`terms suggest`).
    case terms(TermSuggestionOptions)

    /// The analysis's name, as a study file and a command line write it.
    public var kind: String {
        switch self {
        case .tokens: "tokens"
        case .ngrams: "ngrams"
        case .cooccur: "cooccur"
        case .collocates: "collocates"
        case .keyness: "keyness"
        case .trends: "trends"
        case .compare: "compare"
        case .kwic: "kwic"
        case .terms: "terms"
        }
    }

    var needsOffsets: Bool {
        switch self {
        case .tokens, .kwic, .terms: true
        default: false
        }
    }

    /// Runs the analysis on one grouping of the corpus.
    ///
    /// - Parameter observer: told the stages of an analysis that has several (`terms`).
    /// - Throws: `DiscourseError` from the analysis (unknown groups, too few groups, ...).
    func run(_ input: AnalysisInput, observer: any RunObserver = SilentObserver()) throws(DiscourseError) -> AnalysisResult {
        switch self {
        case .tokens: return .tokens
        case .ngrams(let options): return .ngrams(NgramAnalysis(options: options).run(input))
        case .cooccur(let options), .collocates(let options):
            return .collocation(try CollocationAnalysis(options: options).run(input))
        case .keyness(let options): return .keyness(try KeynessAnalysis(options: options).run(input))
        case .trends(let options): return .trends(try TrendAnalysis(options: options).run(input))
        case .compare(let options): return .comparison(try GroupComparison(options: options).run(input))
        case .kwic(let options): return .concordance(try Concordance(options: options).run(input))
        case .terms(let options): return .termSuggestion(try TermSuggestion(options: options).run(input, observer: observer))
        }
    }
}

/// What an analysis produced for one grouping.
public enum AnalysisResult: Sendable {
    case tokens
    case ngrams(NgramResult)
    case collocation(CollocationResult)
    case keyness(KeynessResult)
    case trends(TrendResult)
    case comparison(ComparisonResult)
    case concordance(ConcordanceResult)
    case termSuggestion(TermSuggestionResult)

    /// Warnings known so far (co-occurrence adds its own as groups are counted).
    public var warnings: [String] {
        switch self {
        case .tokens, .ngrams, .trends, .comparison, .termSuggestion: []
        case .collocation(let result): result.warnings
        case .keyness(let result): result.warnings
        case .concordance(let result): result.warnings
        }
    }

    /// Warnings that only counting finds (co-occurrence groups too small for some
    /// measures), known once the tables are written.
    public var countingWarnings: [String] {
        guard case .collocation(let result) = self else { return [] }
        return result.countingWarnings
    }
}

extension AnalysisSpec {
    /// The analysis's options as `run.json` records them, with the grouping field, the
    /// tracked terms as resolved and the network file in their places.
    public func manifest(by field: String?, result: AnalysisResult?, graph: JSONValue = .null) -> [(String, JSONValue)] {
        switch self {
        case .tokens: return []
        case .ngrams(let options): return options.manifest(by: field)
        case .cooccur(let options), .collocates(let options): return options.manifest(by: field, graph: graph)
        case .keyness(let options): return options.manifest(by: field)
        case .trends(let options):
            guard case .trends(let trends)? = result else { return options.manifest(by: field, trackedTerms: nil) }
            return options.manifest(by: field, trackedTerms: trends.trackedTerms)
        case .compare(let options): return options.manifest(by: field)
        case .kwic(let options): return options.manifest(by: field)
        case .terms(let options): return options.manifest(by: field)
        }
    }
}
