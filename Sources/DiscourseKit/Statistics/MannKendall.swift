
/// The Mann–Kendall trend test of a series against its order (Mann 1945, "Nonparametric tests
/// against trend", Econometrica 13(3), doi:10.2307/1907187; Kendall 1975, *Rank Correlation
/// Methods*), with Kendall's tau-b as the effect size.
///
/// S = Σ_{i<j} sign(y_j − y_i); Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of t
/// tied values; Z = (S − sign S) / √Var(S) (continuity correction); two-sided p = erfc(|Z|/√2);
/// tau-b = S / √(n₀ (n₀ − n₂)) with n₀ = n(n−1)/2 and n₂ = Σ t(t−1)/2 (the order itself has no
/// ties). Everything is undefined when Var(S) = 0.
public struct MannKendall: Sendable, Equatable {
    public let s: Int
    public let variance: Double
    public let tau: Double
    public let z: Double
    public let p: Double

    /// - Returns: nil when Var(S) = 0 (fewer than two values, or all values tied).
    /// - Complexity: O(n log n): S counted with a Fenwick tree over the values' ranks, the ties
    ///   from runs of equal values in sorted order (series run to thousands of groups).
    public init?(_ values: [Double]) {
        let n = values.count
        let order = values.indices.sorted { values[$0] < values[$1] }
        // Dense ranks from 1 (equal values share one), and the sizes of the runs of ties.
        var rank = [Int](repeating: 0, count: n)
        var ties: [Int] = []
        var r = 0
        for (k, i) in order.enumerated() {
            if k == 0 || values[order[k - 1]] < values[i] {
                r += 1
                ties.append(0)
            }
            rank[i] = r
            ties[ties.count - 1] += 1
        }
        // S = Σ_j (#{i < j: y_i < y_j} − #{i < j: y_i > y_j}), the earlier values' ranks in a
        // Fenwick tree (Fenwick 1994, "A new data structure for cumulative frequency tables").
        var tree = [Int](repeating: 0, count: r + 1)
        func below(_ rank: Int) -> Int {
            var sum = 0
            var k = rank
            while k > 0 { sum += tree[k]; k &= k - 1 }
            return sum
        }
        var s = 0
        for j in 0..<n {
            let less = below(rank[j] - 1)
            let notGreater = below(rank[j])
            s += less - (j - notGreater)
            var k = rank[j]
            while k <= r { tree[k] += 1; k += k & -k }
        }
        let nn = Double(n)
        var tieTerm = 0.0
        var tiedPairs = 0.0
        for t in ties where t > 1 {
            let t = Double(t)
            tieTerm += t * (t - 1) * (2 * t + 5)
            tiedPairs += t * (t - 1) / 2
        }
        let variance = (nn * (nn - 1) * (2 * nn + 5) - tieTerm) / 18
        guard variance > 0 else { return nil }
        let pairs = nn * (nn - 1) / 2
        self.s = s
        self.variance = variance
        tau = Double(s) / (pairs * (pairs - tiedPairs)).squareRoot()
        let corrected = Double(s) - Double(s.signum())
        z = corrected / variance.squareRoot()
        p = Distributions.normalTwoSided(z)
    }
}

/// Sen's slope: the median over i < j of (y_j − y_i) / (x_j − x_i), the change per group step
/// (Sen 1968, "Estimates of the regression coefficient based on Kendall's tau", JASA 63(324),
/// doi:10.1080/01621459.1968.10480934). `positions` give each value's group index, so groups
/// left out (no tokens) keep their distance.
///
/// The median is selected, not sorted for: a pair of zero values (a term absent from both
/// groups) has slope 0 and is counted rather than listed, and the middle slopes are found by
/// quickselect among the rest, so a sparse series of n groups costs O(n × nonzero) and a dense
/// one O(n²) without the log factor. The value is that of sorting every slope, bit for bit.
public enum SenSlope {
    public static func estimate(_ values: [Double], positions: [Double]) -> Double? {
        let n = values.count
        guard n >= 2 else { return nil }
        let zeros = values.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        let zeroPairs = zeros * (zeros - 1) / 2
        var slopes: [Double] = []
        slopes.reserveCapacity(n * (n - 1) / 2 - zeroPairs)
        var negative = 0
        var zero = zeroPairs
        for i in 0..<n {
            for j in (i + 1)..<n where values[i] != 0 || values[j] != 0 {
                let slope = (values[j] - values[i]) / (positions[j] - positions[i])
                if slope < 0 { negative += 1 } else if slope == 0 { zero += 1 }
                slopes.append(slope)
            }
        }
        // The k-th smallest of all slopes: the negative listed ones, then every zero (listed
        // or not), then the positive ones; listed, they are the k-th, or the (k − zeroPairs)-th.
        func smallest(_ k: Int) -> Double {
            if k < negative { return Selection.smallest(k, in: &slopes) }
            if k < negative + zero { return 0 }
            return Selection.smallest(k - zeroPairs, in: &slopes)
        }
        let count = n * (n - 1) / 2
        let middle = count / 2
        let median = count % 2 == 1 ? smallest(middle) : (smallest(middle - 1) + smallest(middle)) / 2
        return median == 0 ? 0 : median
    }
}

/// Order statistics by selection (Hoare's FIND, CACM 4(7), 1961): O(n) on average, with a
/// median-of-three pivot and a fall back to sorting when a range fails to shrink.
enum Selection {
    /// The k-th smallest element (from 0) of `values`, which are reordered.
    static func smallest(_ k: Int, in values: inout [Double]) -> Double {
        precondition(values.indices.contains(k))
        var low = 0
        var high = values.count - 1
        var budget = 2 * (Int.bitWidth - values.count.leadingZeroBitCount) + 4
        return values.withUnsafeMutableBufferPointer { a in
            while high > low {
                if budget == 0 {
                    a[low...high].sort()
                    return a[k]
                }
                budget -= 1
                // Median of three as the pivot.
                let mid = low + (high - low) / 2
                if a[mid] < a[low] { a.swapAt(mid, low) }
                if a[high] < a[low] { a.swapAt(high, low) }
                if a[high] < a[mid] { a.swapAt(high, mid) }
                let pivot = a[mid]
                var i = low
                var j = high
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while pivot < a[j] { j -= 1 }
                    if i <= j {
                        a.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                // Now a[low...j] ≤ pivot ≤ a[i...high], and a[j+1..<i] equal the pivot.
                if k <= j {
                    high = j
                } else if k >= i {
                    low = i
                } else {
                    return a[k]
                }
            }
            return a[k]
        }
    }
}
