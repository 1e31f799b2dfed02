
/// A log-linear Poisson regression of a term's counts on the group index, with the groups'
/// token counts as exposure: log μ_g = β₀ + β₁ g + log T_g, fitted by maximum likelihood with
/// iteratively reweighted least squares (McCullagh & Nelder 1989, *Generalized Linear Models*,
/// §2.5, §6.2), as R's `glm(count ~ g + offset(log(tokens)), family = poisson)`.
///
/// - `slope`: β₁, the change of log rate per group step.
/// - `p`: likelihood-ratio test of β₁ = 0: 2(ℓ̂ − ℓ̂₀) against χ²(1).
/// - `dispersion`: Pearson's φ = Σ (y − μ̂)² / μ̂ / (k − 2).
/// - `quasiP`: R's `summary(glm(..., family = quasipoisson))` p-value: t = β₁ / (se √φ) on
///   k − 2 degrees of freedom, se from the inverse Fisher information.
///
/// The maximum-likelihood slope is infinite (and everything is undefined) when every
/// occurrence is in the first or every occurrence in the last group with tokens.
public struct PoissonTrend: Sendable, Equatable {
    public let slope: Double
    public let p: Double
    public let dispersion: Double?
    public let quasiP: Double?

    /// - Parameters:
    ///   - counts: the term's count in each group with tokens.
    ///   - exposures: those groups' token counts (all > 0).
    ///   - positions: the groups' indices (1, 2, ...).
    public init?(counts: [Double], exposures: [Double], positions: [Double]) {
        let k = counts.count
        let total = counts.reduce(0, +)
        guard k >= 2, total > 0 else { return nil }
        // The slope is finite only if the count-weighted mean position lies strictly between
        // the first and the last position.
        let meanPosition = zip(counts, positions).reduce(0) { $0 + $1.0 * $1.1 } / total
        guard let first = positions.min(), let last = positions.max(), meanPosition > first, meanPosition < last else {
            return nil
        }
        // Centre the positions for a well-conditioned fit; the slope is unchanged.
        let centre = positions.reduce(0, +) / Double(k)
        let x = positions.map { $0 - centre }
        let offsets = exposures.map(log)
        var beta0 = log(total / exposures.reduce(0, +))
        var beta1 = 0.0
        var deviance = Double.infinity
        var information = (0.0, 0.0, 0.0)
        for _ in 0..<200 {
            // One IRLS step: weights μ, working response z = η + (y − μ)/μ.
            var (s00, s01, s11, t0, t1) = (0.0, 0.0, 0.0, 0.0, 0.0)
            for g in 0..<k {
                let eta = beta0 + beta1 * x[g] + offsets[g]
                let mu = exp(eta)
                let z = eta - offsets[g] + (counts[g] - mu) / mu
                s00 += mu
                s01 += mu * x[g]
                s11 += mu * x[g] * x[g]
                t0 += mu * z
                t1 += mu * z * x[g]
            }
            let determinant = s00 * s11 - s01 * s01
            guard determinant > 0 else { return nil }
            let next0 = (s11 * t0 - s01 * t1) / determinant
            let next1 = (s00 * t1 - s01 * t0) / determinant
            let nextDeviance = Self.deviance(counts, offsets, x, next0, next1)
            let converged = abs(nextDeviance - deviance) <= 1e-15 * max(1, abs(nextDeviance))
                && abs(next1 - beta1) <= 1e-15 * max(1, abs(next1))
            beta0 = next0
            beta1 = next1
            deviance = nextDeviance
            if converged { break }
        }
        // Fisher information at the estimate, for the standard error of β₁.
        var (i00, i01, i11) = (0.0, 0.0, 0.0)
        var pearson = 0.0
        for g in 0..<k {
            let mu = exp(beta0 + beta1 * x[g] + offsets[g])
            i00 += mu
            i01 += mu * x[g]
            i11 += mu * x[g] * x[g]
            pearson += (counts[g] - mu) * (counts[g] - mu) / mu
        }
        information = (i00, i01, i11)
        guard beta1.isFinite else { return nil }
        slope = beta1 == 0 ? 0 : beta1
        // Null model: μ_g = total × T_g / Σ T.
        let nullDeviance = Self.deviance(counts, offsets, x, log(total / exposures.reduce(0, +)), 0)
        let lr = max(0, nullDeviance - deviance)
        p = Distributions.chiSquareUpperTail(lr, degreesOfFreedom: 1)
        if k > 2 {
            let phi = pearson / Double(k - 2)
            dispersion = phi
            let variance = information.0 / (information.0 * information.2 - information.1 * information.1)
            let t = beta1 / (variance * phi).squareRoot()
            quasiP = t.isNaN ? nil : Distributions.studentTwoSided(t, degreesOfFreedom: Double(k - 2))
        } else {
            dispersion = nil
            quasiP = nil
        }
    }

    /// The Poisson deviance 2 Σ [y ln(y/μ) − (y − μ)].
    static func deviance(_ y: [Double], _ offsets: [Double], _ x: [Double], _ b0: Double, _ b1: Double) -> Double {
        var sum = 0.0
        for g in y.indices {
            let mu = exp(b0 + b1 * x[g] + offsets[g])
            sum += (y[g] > 0 ? y[g] * log(y[g] / mu) : 0) - (y[g] - mu)
        }
        return 2 * sum
    }
}
