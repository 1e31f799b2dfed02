
/// A 2×2 contingency table of a node a and a collocate b (Evert 2008, "Corpora and
/// collocations", in Lüdeling & Kytö (eds.), Corpus Linguistics, §58.3):
///
/// |        | b   | ¬b  |        |
/// |--------|-----|-----|--------|
/// | a      | O11 | O12 | R1     |
/// | ¬a     | O21 | O22 | R2     |
/// |        | C1  | C2  | N      |
///
/// O12 = R1 − O11, O21 = C1 − O11, O22 = N − R1 − C1 + O11, and each expected frequency
/// E_ij = R_i × C_j / N. Under `--margins tokens` a cell can come out negative; measures that
/// need such a cell are undefined.
public struct ContingencyTable: Sendable, Equatable {
    public let o11: Double
    public let r1: Double
    public let c1: Double
    public let n: Double

    public init(o11: Int, r1: Int, c1: Int, n: Int) {
        self.o11 = Double(o11)
        self.r1 = Double(r1)
        self.c1 = Double(c1)
        self.n = Double(n)
    }

    public var o12: Double { r1 - o11 }
    public var o21: Double { c1 - o11 }
    public var o22: Double { n - r1 - c1 + o11 }
    public var r2: Double { n - r1 }
    public var c2: Double { n - c1 }

    /// E11 = R1 × C1 / N, computed in that order.
    public var e11: Double { r1 * c1 / n }
    public var e12: Double { r1 * c2 / n }
    public var e21: Double { r2 * c1 / n }
    public var e22: Double { r2 * c2 / n }

    /// The four observed cells, row by row.
    public var observed: [Double] { [o11, o12, o21, o22] }
    /// The four expected cells, row by row.
    public var expected: [Double] { [e11, e12, e21, e22] }

    /// Whether some observed cell is negative (possible under `--margins tokens` only).
    public var hasNegativeCell: Bool { observed.contains { $0 < 0 } }
}
