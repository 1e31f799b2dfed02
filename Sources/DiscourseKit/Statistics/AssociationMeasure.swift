
/// The association measures of `cooccur.csv` (SPEC §4), in column order. Logarithms are base
/// 2 unless stated. A measure that is undefined for a table returns nil (written empty).
///
/// Sources: Evert (2008), "Corpora and collocations", §58.4 (MI, t-score, z-score, G², χ²);
/// Church & Hanks (1990) for MI; Daille (1994) for MI³; Bouma (2009), "Normalized (pointwise)
/// mutual information in collocation extraction" for NPMI; Dice (1945) and Rychlý (2008), "A
/// lexicographer-friendly association score" for logDice; Ellis (2006) and Gries (2013) for
/// ΔP.
public enum AssociationMeasure: String, CaseIterable, Sendable {
    /// log2(O11 / E11).
    case mi
    /// log2(O11³ / E11).
    case mi3
    /// log2(O11 / E11) / −log2(O11 / N); undefined when O11 = N.
    case npmi
    /// (O11 − E11) / √O11.
    case tScore = "t_score"
    /// (O11 − E11) / √E11.
    case zScore = "z_score"
    /// 2·O11 / (R1 + C1).
    case dice
    /// 14 + log2(2·O11 / (R1 + C1)).
    case logDice = "log_dice"
    /// 2 Σ O_ij ln(O_ij / E_ij) over the four cells, with 0·ln 0 = 0.
    case g2
    /// Σ (O_ij − E_ij)² / E_ij over the four cells (Pearson, no continuity correction).
    case chi2
    /// O11 / R1 − O21 / R2: how much more likely b is after a than without a.
    case deltaP = "delta_p"

    /// The column name in CSV files.
    public var column: String { rawValue }

    /// The measure's value for a table, or nil where it is undefined (a zero denominator, a
    /// logarithm of zero, or a negative cell that the measure needs).
    public func value(_ table: ContingencyTable) -> Double? {
        let o11 = table.o11
        let e11 = table.e11
        let result: Double?
        switch self {
        case .mi:
            result = log2(o11 / e11)
        case .mi3:
            result = log2(o11 * o11 * o11 / e11)
        case .npmi:
            let denominator = -log2(o11 / table.n)
            result = denominator == 0 ? nil : log2(o11 / e11) / denominator
        case .tScore:
            result = (o11 - e11) / o11.squareRoot()
        case .zScore:
            result = (o11 - e11) / e11.squareRoot()
        case .dice:
            result = 2 * o11 / (table.r1 + table.c1)
        case .logDice:
            result = 14 + log2(2 * o11 / (table.r1 + table.c1))
        case .g2:
            result = Self.logLikelihood(table)
        case .chi2:
            result = Self.pearson(table)
        case .deltaP:
            guard table.o21 >= 0, table.r1 > 0, table.r2 > 0 else { return nil }
            result = o11 / table.r1 - table.o21 / table.r2
        }
        guard let result, result.isFinite else { return nil }
        return result == 0 ? 0 : result
    }

    /// G² = 2 Σ O ln(O / E), with 0·ln 0 = 0; nil when a cell is negative. Rounding can push
    /// a G² of (mathematically) zero a few ulps below zero; it is clamped to 0.
    static func logLikelihood(_ table: ContingencyTable) -> Double? {
        guard !table.hasNegativeCell else { return nil }
        var sum = 0.0
        for (o, e) in zip(table.observed, table.expected) where o > 0 {
            guard e > 0 else { return nil }
            sum += o * log(o / e)
        }
        return max(0, 2 * sum)
    }

    /// X² = Σ (O − E)² / E; nil when a cell is negative or an expected cell is zero.
    static func pearson(_ table: ContingencyTable) -> Double? {
        guard !table.hasNegativeCell else { return nil }
        var sum = 0.0
        for (o, e) in zip(table.observed, table.expected) {
            guard e > 0 else { return nil }
            sum += (o - e) * (o - e) / e
        }
        return sum
    }

    /// Parses a comma-separated list of measure names (`mi,log_dice`).
    public static func list(_ text: String) throws(DiscourseError) -> [AssociationMeasure] {
        var measures: [AssociationMeasure] = []
        for name in text.split(separator: ",").map({ String($0).trimmed() }) {
            guard let measure = AssociationMeasure(rawValue: name) else {
                throw DiscourseError("'\(name)' is not a measure; choose from \(allCases.map(\.column).joined(separator: ", "))")
            }
            measures.append(measure)
        }
        return measures
    }
}
