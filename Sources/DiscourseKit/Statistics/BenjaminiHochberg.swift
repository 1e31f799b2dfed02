/// Benjamini–Hochberg adjusted p-values ("q-values"), as R's `p.adjust(p, method = "BH")`
/// computes them: sort ascending, q_(i) = min over j ≥ i of min(1, m p_(j) / j).
///
/// Benjamini & Hochberg (1995), "Controlling the false discovery rate", JRSS B 57(1),
/// doi:10.1111/j.2517-6161.1995.tb02031.x
public enum BenjaminiHochberg {
    /// The adjusted values, in the order of `pValues`; nil entries (untested) stay nil and do
    /// not count in m.
    public static func adjust(_ pValues: [Double?]) -> [Double?] {
        let tested = pValues.indices.filter { pValues[$0] != nil }
        let m = Double(tested.count)
        let order = tested.sorted { pValues[$0]! > pValues[$1]! }  // largest first
        var adjusted = [Double?](repeating: nil, count: pValues.count)
        var running = 1.0
        for (k, index) in order.enumerated() {
            let rank = m - Double(k)  // rank in ascending order
            running = min(running, m * pValues[index]! / rank)
            adjusted[index] = min(1, running)
        }
        return adjusted
    }
}
