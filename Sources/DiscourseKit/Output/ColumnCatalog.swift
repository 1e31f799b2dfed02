/// What a column of a table holds, for the CSV on the Web metadata written beside each table
/// (`ngrams.csv-metadata.json`) and for readers in R and Python. docs/csv-columns.md gives the
/// full definitions; `ColumnCatalogTests` checks that it names the same columns and types.
public struct Column: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// UTF-8 text; read it as text even where it looks like a number (`007`, `1790`).
        case text
        /// A whole number written in digits.
        case integer
        /// A double in its shortest round-trip form; empty where undefined.
        case real

        /// The CSVW (XML Schema) datatype.
        public var datatype: String {
            switch self {
            case .text: "string"
            case .integer: "integer"
            case .real: "double"
            }
        }
    }

    /// What an empty cell means.
    public enum Empty: String, Sendable {
        /// The column is never empty.
        case never
        /// An empty cell is a missing value (a real that is undefined, a group without dates).
        case missing
        /// An empty cell is the empty text (a concordance line at a document's start).
        case text
    }

    public let name: String
    public let kind: Kind
    public let empty: Empty
    /// The unit of a measured quantity (`per million tokens`, `bits`), if it has one.
    public let unit: String?
    public let description: String

    init(_ name: String, _ kind: Kind, empty: Empty, unit: String? = nil, _ description: String) {
        self.name = name
        self.kind = kind
        self.empty = empty
        self.unit = unit
        self.description = description
    }
}

/// The columns of every table discourse writes, by table (the base of a command's file name:
/// `ngrams`, `trend_stats`; `collocates.csv` has the columns of `cooccur`).
public enum ColumnCatalog {
    /// The column definitions of a table's header, in its order.
    /// - Precondition: every name is defined for the table (a test checks every header).
    public static func columns(table: String, header: [String]) -> [Column] {
        let defined = tables[table == "collocates" ? "cooccur" : table] ?? []
        return header.map { name in
            guard let column = defined.first(where: { $0.name == name }) else {
                preconditionFailure("the column \(name) of \(table).csv has no definition in ColumnCatalog")
            }
            return column
        }
    }

    /// What each table is, for the metadata's description.
    public static let descriptions: [String: String] = [
        "tokens": "One row per token, in corpus order: how ICU segmented the text (SPEC §2).",
        "ngrams": "One row per group and n-gram: counts, document frequencies and rates (SPEC §3).",
        "groups": "One row per group: documents, tokens, sentences, types and dates.",
        "cooccur": "One row per (group,) node and collocate: the contingency counts and association measures (SPEC §4).",
        "collocate_changes": "Collocates that entered or left a node's top K between consecutive groups.",
        "keyness": "One row per comparison and term: counts, rates and keyness statistics (SPEC §5).",
        "trends": "One row per group and tracked term: count, rate and document frequency (SPEC §6).",
        "trend_stats": "One row per term: trend tests over the groups in order (SPEC §6).",
        "compare": "One row per pair of consecutive groups: how their vocabularies differ (SPEC §6).",
        "new_terms": "Terms whose first group is not the first group, with how well they stuck.",
        "vanished_terms": "Terms whose last group is not the latest group.",
        "term_candidates": "Candidate multi-word terms with the measures behind their score.",
        "kwic": "One row per occurrence of a node, with its context (SPEC §7).",
    ]

    /// The columns of each table, in the order a table with all of them writes them.
    public static let tables: [String: [Column]] = [
        "tokens": [
            Column("doc_id", .text, empty: .never, "The document's id from the corpus (unique in the corpus)."),
            Column("sentence", .integer, empty: .never, "The sentence the token is in, numbered from 0 in each document."),
            Column("position", .integer, empty: .never, "The token's index in its document, from 0, with no gaps."),
            Column("start", .integer, empty: .never, "Where the token starts, as a 0-based offset in Unicode code points into the document's NFC text."),
            Column("end", .integer, empty: .never, "Where the token ends: the offset just after its last code point (end exclusive)."),
            Column("surface", .text, empty: .never, "The token as it stands in the NFC text, text[start:end]."),
            Column("form", .text, empty: .never, "What is counted: the surface under ICU's nfkc_cf (NFKC and case folding); for a term, its normalized line with _ for spaces."),
            Column("kind", .text, empty: .never, "number, letter, kana, ideographic (the ICU word break rule status of the segment: 100–199, 200–299, 300–399, 400–499), or term for a multi-word term."),
        ],
        "ngrams": [
            Column("group", .text, empty: .never, "The group label: the value of the --by field, or all without --by."),
            Column("n", .integer, empty: .never, "The n-gram's length in tokens (1 for unigrams)."),
            Column("ngram", .text, empty: .never, "The forms of its n tokens joined by one space."),
            Column("count", .integer, empty: .never, "Occurrences of the n-gram in the group's documents."),
            Column("doc_freq", .integer, empty: .never, "Number of the group's documents that contain it at least once (1 ≤ doc_freq ≤ docs of the group)."),
            Column("per_million", .real, empty: .missing, unit: "per million tokens", "count / tokens(group) × 1,000,000."),
            Column("tf", .real, empty: .missing, "Only with --tf-idf: count / the sum of count over the group's rows of the same n (tidytext's bind_tf_idf, each group a document)."),
            Column("idf", .real, empty: .missing, "Only with --tf-idf: ln(groups with rows of this n / groups whose rows hold the n-gram)."),
            Column("tf_idf", .real, empty: .missing, "Only with --tf-idf: tf × idf."),
        ],
        "groups": [
            Column("group", .text, empty: .never, "The group label, as in ngrams.csv."),
            Column("docs", .integer, empty: .never, "Documents in the group."),
            Column("tokens", .integer, empty: .never, "Tokens in the group's documents: terms count 1, stopwords count, numbers not under --no-numbers."),
            Column("sentences", .integer, empty: .never, "Sentences holding at least one token, summed over the group's documents (the same sentences tokens.csv numbers)."),
            Column("types", .integer, empty: .never, "Distinct unigram forms in the group, including stopwords (a stopword list does not change it) and multi-word terms as one form each."),
            Column("first_date", .text, empty: .missing, "The earliest date among the group's documents, as in the metadata (YYYY, YYYY-MM or YYYY-MM-DD); empty when none has a date."),
            Column("last_date", .text, empty: .missing, "The latest date among the group's documents, as first_date."),
        ],
        "cooccur": [
            Column("group", .text, empty: .never, "Only with --by: the group label, as in ngrams.csv."),
            Column("node", .text, empty: .never, "The node type a (a form, or a multi-word term's form)."),
            Column("collocate", .text, empty: .never, "The collocate type b."),
            Column("o11", .integer, empty: .never, "O11: how often a and b co-occur (see the scopes below)."),
            Column("r1", .integer, empty: .never, "R1, the node's margin: the positions in its merged windows (window scope), or the units containing it."),
            Column("c1", .integer, empty: .never, "C1, the collocate's margin: f(b) (window), or the units containing b."),
            Column("total", .integer, empty: .never, "N: tokens (window scope, of the group), or sentences / documents holding a token."),
            Column("e11", .real, empty: .missing, "E11 = R1 × C1 / N."),
            Column("mi", .real, empty: .missing, "log2(O11 / E11)."),
            Column("mi3", .real, empty: .missing, "log2(O11³ / E11)."),
            Column("npmi", .real, empty: .missing, "log2(O11 / E11) / −log2(O11 / N); empty when O11 = N."),
            Column("t_score", .real, empty: .missing, "(O11 − E11) / √O11."),
            Column("z_score", .real, empty: .missing, "(O11 − E11) / √E11."),
            Column("dice", .real, empty: .missing, "2·O11 / (R1 + C1)."),
            Column("log_dice", .real, empty: .missing, "14 + log2(2·O11 / (R1 + C1))."),
            Column("g2", .real, empty: .missing, "2 Σ O_ij ln(O_ij / E_ij) over the four cells (0·ln 0 = 0)."),
            Column("chi2", .real, empty: .missing, "Σ (O_ij − E_ij)² / E_ij, Pearson without continuity correction."),
            Column("delta_p", .real, empty: .missing, "O11 / R1 − O21 / R2 (ΔP of b given a)."),
        ],
        "collocate_changes": [
            Column("node", .text, empty: .never, "The node."),
            Column("previous_group", .text, empty: .never, "The earlier of two consecutive groups, in group order."),
            Column("group", .text, empty: .never, "The later of two consecutive groups."),
            Column("collocate", .text, empty: .never, "The collocate that entered or left the top K."),
            Column("change", .text, empty: .never, "gained or lost."),
            Column("previous_rank", .integer, empty: .missing, "Its 1-based rank by --sort among the node's rows in the earlier group; empty where it has no row."),
            Column("rank", .integer, empty: .missing, "Its 1-based rank by --sort among the node's rows in the later group; empty where it has no row."),
            Column("previous_value", .real, empty: .missing, "The --sort measure in the earlier group; empty where it has no row or the measure is undefined."),
            Column("value", .real, empty: .missing, "The --sort measure in the later group; empty where it has no row or the measure is undefined."),
        ],
        "keyness": [
            Column("comparison", .text, empty: .never, "Target labels joined by +,  vs , reference labels or rest: 2022 vs rest, 2024 vs 2021+2022+2023."),
            Column("term", .text, empty: .never, "The term (forms joined by one space)."),
            Column("target_count", .integer, empty: .never, "a: occurrences of the term in the target groups."),
            Column("reference_count", .integer, empty: .never, "b: occurrences of the term in the reference groups."),
            Column("target_tokens", .integer, empty: .never, "T: tokens of the target groups (as in groups.csv)."),
            Column("reference_tokens", .integer, empty: .never, "R: tokens of the reference groups (as in groups.csv)."),
            Column("target_per_million", .real, empty: .missing, unit: "per million tokens", "a / T × 10⁶."),
            Column("reference_per_million", .real, empty: .missing, unit: "per million tokens", "b / R × 10⁶."),
            Column("g2", .real, empty: .missing, "Log-likelihood G² over the four cells, negative when a/T < b/R."),
            Column("chi2", .real, empty: .missing, "Pearson χ² with Yates' correction, as R's chisq.test(correct = TRUE); signed as g2."),
            Column("p_value", .real, empty: .missing, "Upper tail of χ²(1) at the unsigned G²."),
            Column("q_value", .real, empty: .missing, "Benjamini–Hochberg adjustment of p_value over the rows of the same comparison (R's p.adjust(method = \"BH\"))."),
            Column("log_ratio", .real, empty: .missing, "log2((a/T) / (b/R)), with 0.5 put for a zero frequency."),
            Column("perc_diff", .real, empty: .missing, "100 × (a/T − b/R) / (b/R); empty when b = 0."),
            Column("bic", .real, empty: .missing, "Unsigned G² − ln(T + R)."),
        ],
        "trends": [
            Column("group", .text, empty: .never, "The group, in group order."),
            Column("term", .text, empty: .never, "The term."),
            Column("count", .integer, empty: .never, "Occurrences in the group (0 rows included)."),
            Column("per_million", .real, empty: .missing, unit: "per million tokens", "count / tokens(group) × 10⁶; empty when the group has no tokens."),
            Column("doc_freq", .integer, empty: .never, "Documents of the group containing the term."),
        ],
        "trend_stats": [
            Column("term", .text, empty: .never, "The term."),
            Column("mk_tau", .real, empty: .missing, "Kendall's tau-b between group order and y."),
            Column("mk_z", .real, empty: .missing, "Mann–Kendall Z = (S − sign(S)) / √Var(S), Var(S) tie-corrected."),
            Column("mk_p", .real, empty: .missing, "Two-sided p of Z, erfc(|Z|/√2) (no underflow above 1e-308)."),
            Column("mk_q", .real, empty: .missing, "Benjamini–Hochberg adjustment of mk_p over all terms."),
            Column("sen_slope", .real, empty: .missing, unit: "per million tokens per group step", "Median over i < j of (y_j − y_i)/(j − i): per-million change per group step."),
            Column("poisson_slope", .real, empty: .missing, "β₁ of the Poisson regression log μ_g = β₀ + β₁ g + log(tokens_g) (maximum likelihood, IRLS): change of the log rate per group step."),
            Column("poisson_p", .real, empty: .missing, "Likelihood-ratio p of β₁ = 0 (χ²(1))."),
            Column("dispersion", .real, empty: .missing, "Pearson φ = Σ (y − μ̂)²/μ̂ / (k − 2); empty with fewer than 3 groups."),
            Column("quasi_p", .real, empty: .missing, "The quasi-Poisson p, as R's summary(glm(..., family = quasipoisson)): t = β₁ / (se √φ) on k − 2 df."),
            Column("g2_uniform", .real, empty: .missing, "G² of the counts against counts proportional to group sizes (df = k − 1)."),
            Column("uniform_p", .real, empty: .missing, "Its p-value."),
            Column("dp", .real, empty: .missing, "Gries' DP over all analysed documents, ½ Σ_d |o_d − e_d|: 0 = spread like the documents' sizes, near 1 = concentrated."),
            Column("first_group", .text, empty: .missing, "The first group where the term occurs; empty for a tracked term that never occurs."),
            Column("last_group", .text, empty: .missing, "The last group where the term occurs; empty for a tracked term that never occurs."),
            Column("peak_group", .text, empty: .missing, "The group with the highest per_million (the earliest on ties); empty for a tracked term that never occurs."),
            Column("groups_present", .integer, empty: .never, "Groups where the term occurs."),
        ],
        "compare": [
            Column("previous_group", .text, empty: .never, "The earlier of two consecutive groups."),
            Column("group", .text, empty: .never, "The later of two consecutive groups."),
            Column("jaccard", .real, empty: .missing, "|A ∩ B| / |A ∪ B| of their unigram types; empty when both are empty."),
            Column("cosine", .real, empty: .missing, "Cosine of their per_million vectors over all types; empty when a group has no tokens."),
            Column("new_types", .integer, empty: .never, "Types not seen in any earlier group."),
            Column("dropped_types", .integer, empty: .never, "Types of the previous group absent here."),
        ],
        "new_terms": [
            Column("term", .text, empty: .never, "The term."),
            Column("first_group", .text, empty: .never, "The first group where it occurs."),
            Column("count", .integer, empty: .never, "Its count in that group."),
            Column("groups_present_after", .integer, empty: .never, "Later groups where it occurs again."),
            Column("groups_after", .integer, empty: .never, "Later groups in all (so groups_present_after / groups_after says how well it stuck)."),
        ],
        "vanished_terms": [
            Column("term", .text, empty: .never, "The term."),
            Column("last_group", .text, empty: .never, "The last group where it occurs."),
            Column("count", .integer, empty: .never, "Its count in that group."),
            Column("groups_present_before", .integer, empty: .never, "Earlier groups where it occurs."),
            Column("groups_before", .integer, empty: .never, "Earlier groups in all."),
            Column("peak_group", .text, empty: .never, "The group where its per_million is highest (the earliest on ties)."),
        ],
        "term_candidates": [
            Column("candidate", .text, empty: .never, "The candidate as a --terms line spells it: tokens joined as in its first occurrence (no space between Chinese tokens, one between English words)."),
            Column("tokens", .text, empty: .never, "Its tokens' forms, joined by single spaces."),
            Column("n", .integer, empty: .never, "Its length in tokens (2 to --max-length)."),
            Column("count", .integer, empty: .never, "Its occurrences."),
            Column("doc_freq", .integer, empty: .never, "Documents where it occurs."),
            Column("groups_present", .integer, empty: .never, "Groups where it occurs (1 without --by: the group all)."),
            Column("first_group", .text, empty: .never, "The first group where it occurs, in group order."),
            Column("last_group", .text, empty: .never, "The last group where it occurs, in group order."),
            Column("cohesion", .real, empty: .missing, unit: "bits", "The lowest pointwise mutual information over its split points, in bits."),
            Column("left_entropy", .real, empty: .missing, unit: "bits", "Branching entropy of the tokens before it, in bits; a sentence edge, punctuation or a stopword counts as a distinct neighbour."),
            Column("right_entropy", .real, empty: .missing, unit: "bits", "Branching entropy of the tokens after it, in bits; a sentence edge, punctuation or a stopword counts as a distinct neighbour."),
            Column("c_value", .real, empty: .missing, "C-value: log2 n times its count, less the mean count of the longer candidates containing it."),
            Column("score", .real, empty: .missing, "c_value × the lower entropy where cohesion > 0, else 0."),
        ],
        "kwic": [
            Column("doc_id", .text, empty: .never, "The document."),
            Column("group", .text, empty: .never, "Only with --by: the document's group."),
            Column("sentence", .integer, empty: .never, "The sentence of the match's first token (as in tokens.csv)."),
            Column("token_start", .integer, empty: .never, "Token position of the match's first token, 0-based (as position in tokens.csv)."),
            Column("token_end", .integer, empty: .never, "Token position just after the match, end exclusive."),
            Column("left", .text, empty: .text, "The text from up to --window tokens before the match to its start; empty at the document's start."),
            Column("match", .text, empty: .never, "The matched text."),
            Column("right", .text, empty: .text, "The text from the match's end to the end of up to --window tokens after it; empty at the document's end."),
        ],
    ]
}
