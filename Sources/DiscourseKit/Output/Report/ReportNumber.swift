/// Numbers as the report shows them: rounded for reading (the exact value of every cell is
/// in the CSV file the table names, and in the cell's `data-value`).
enum ReportNumber {
    /// `digits` decimals, rounded half away from zero: `fixed(2.375, 2)` = `2.38`; no `-0`.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "" }
        let scale = pow(10.0, Double(digits))
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return value.description }
        let units = Int64(scaled)
        let whole = units / Int64(scale)
        let fraction = units % Int64(scale)
        var text = String(whole)
        if digits > 0 {
            let decimals = String(fraction)
            text += "." + String(repeating: "0", count: digits - decimals.count) + decimals
        }
        return (value < 0 && units != 0 ? "-" : "") + text
    }

    /// `digits` significant digits; scientific (`3.2e-05`) below 0.001 and from 10⁶ on.
    static func significant(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude < 1e-3 || magnitude >= 1e6 { return scientific(value, digits) }
        let exponent = Int(floor(log10(magnitude)))
        return fixed(value, max(0, digits - 1 - exponent))
    }

    /// `digits` significant digits in scientific notation with a two-digit exponent
    /// (`3.2e-05`, `1.0e+07`), as R and Python print small p-values.
    static func scientific(_ value: Double, _ digits: Int) -> String {
        var exponent = Int(floor(log10(abs(value))))
        var mantissa = value / pow(10.0, Double(exponent))
        let rounded = fixed(mantissa, digits - 1)
        if abs(Double(rounded) ?? 0) >= 10 {
            exponent += 1
            mantissa = value / pow(10.0, Double(exponent))
        }
        let sign = exponent < 0 ? "-" : "+"
        let power = String(abs(exponent))
        return fixed(mantissa, digits - 1) + "e" + sign + (power.count < 2 ? "0" + power : power)
    }

    /// An axis tick: a whole number as digits (`5000`, `15k`, `1.2M`), else three significant
    /// digits without trailing zeros (`2.5`, `0.3`).
    static func tick(_ value: Double) -> String {
        // Ten thousand and more as k or M, so that a tick label stays four characters wide.
        if abs(value) >= 1e6 { return tick(value / 1e6) + "M" }
        if abs(value) >= 1e4 { return tick(value / 1e3) + "k" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = significant(value, 3)
        guard text.contains("."), !text.contains("e") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A p- or q-value: three decimals, or two significant digits below 0.001.
    static func probability(_ value: Double) -> String {
        value != 0 && abs(value) < 1e-3 ? scientific(value, 2) : fixed(value, 3)
    }
}
