
/// Tail probabilities of the χ², normal and Student t distributions, from the regularized
/// incomplete gamma and beta functions.
///
/// swift-numerics (the maintained numerics package) has `erfc` and `logGamma` but no incomplete
/// gamma or beta function, so those are written here after Press et al., *Numerical Recipes*
/// (3rd ed., 2007), §6.2 and §6.4: a power series where it converges fast and Lentz's
/// continued fraction elsewhere. Tests check them against SciPy to 1e-10 relative.
public enum Distributions {
    /// P(X > x) for X ~ χ²(df): Q(df/2, x/2). For df = 1, erfc(√(x/2)), exact to the last bits
    /// and free of underflow down to about 1e-308.
    public static func chiSquareUpperTail(_ x: Double, degreesOfFreedom df: Double) -> Double {
        if x <= 0 { return 1 }
        if df == 1 { return erfc((x / 2).squareRoot()) }
        return regularizedGammaQ(df / 2, x / 2)
    }

    /// P(|Z| > |z|) for Z ~ N(0, 1): erfc(|z| / √2), which does not underflow before |z| ≈ 38.
    public static func normalTwoSided(_ z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }

    /// P(|T| > |t|) for T ~ Student t(df): I_{df/(df+t²)}(df/2, 1/2).
    public static func studentTwoSided(_ t: Double, degreesOfFreedom df: Double) -> Double {
        if t.isInfinite { return 0 }
        return regularizedBeta(df / (df + t * t), df / 2, 0.5)
    }

    /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a).
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0)
        if x <= 0 { return 1 }
        if x < a + 1 { return max(0, 1 - gammaSeries(a, x)) }
        return gammaContinuedFraction(a, x)
    }

    /// P(a, x) by its series: e^{−x} x^a / Γ(a) Σ x^n / (a (a+1) … (a+n)).
    private static func gammaSeries(_ a: Double, _ x: Double) -> Double {
        var term = 1 / a
        var sum = term
        var ap = a
        for _ in 0..<10_000 {
            ap += 1
            term *= x / ap
            sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return sum * exp(-x + a * log(x) - lgamma(a))
    }

    /// Q(a, x) by Legendre's continued fraction, evaluated with the modified Lentz method.
    private static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(-x + a * log(x) - lgamma(a)) * h
    }

    /// The regularized incomplete beta function I_x(a, b).
    public static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x))
        if x < (a + 1) / (a + b + 2) {
            return front * betaContinuedFraction(x, a, b) / a
        }
        return 1 - exp(lgamma(a + b) - lgamma(a) - lgamma(b) + b * log1p(-x) + a * log(x)) * betaContinuedFraction(1 - x, b, a) / b
    }

    /// The continued fraction for I_x(a, b) (Numerical Recipes §6.4), by modified Lentz.
    private static func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1..<10_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
