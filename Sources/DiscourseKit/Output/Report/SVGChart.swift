/// The report's charts, drawn as SVG.
///
/// Geometry (so that a reader, or a test, can recompute every coordinate): the drawing is
/// 640 × 220 units; the plot area runs from x = 56 to x = 624 and from y = 16 (top) to
/// y = 176 (bottom). Where every group is a number (years, sessions, decades by their first
/// year), x is proportional to that number, the first group at 56 and the last at 624;
/// otherwise groups sit at the centres of equal bands. The y axis runs from 0 at the bottom
/// to the top tick at the top: the tick step is 1, 2 or 5 × 10ᵏ, the smallest with at most
/// five steps above 0 covering the largest value. Coordinates are written with two decimals.
enum SVGChart {
    static let width = 640.0
    static let height = 220.0
    static let left = 56.0
    static let right = 624.0
    static let top = 16.0
    static let bottom = 176.0
    static let font = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans', system-ui, sans-serif"

    /// One group of a series: its label, its number where the grouping is numeric, and the
    /// value (nil for a group without tokens, which is not drawn).
    struct Point {
        let label: String
        let number: Double?
        let value: Double?
    }

    /// A line chart of a series in group order: a dot per group; a line joins two groups
    /// only when they are adjacent numbers (one step apart, the step being the smallest gap
    /// between consecutive groups), so gaps in the series stay visible; categorical groups get
    /// dots only. `trend` (a fitted value per group) is drawn as a dashed line.
    static func line(_ points: [Point], trend: [Double?]? = nil, title: String, axis: String = "per million") -> String {
        let xs = positions(points)
        let values = points.compactMap(\.value) + (trend ?? []).compactMap { $0 }
        let scale = YScale(maximum: values.max() ?? 0)
        var children = frame(scale: scale, points: points, xs: xs) + [axisTitle(axis)]
        let numeric = points.allSatisfy { $0.number != nil }
        if numeric, let step = step(points) {
            var segments: [[(Double, Double)]] = []
            var current: [(Double, Double)] = []
            for (i, point) in points.enumerated() {
                let joins = i > 0 && points[i - 1].value != nil && abs(point.number! - points[i - 1].number! - step) <= step * 1e-9
                if !joins {
                    if current.count > 1 { segments.append(current) }
                    current = []
                }
                if let value = point.value { current.append((xs[i], scale.y(value))) }
            }
            if current.count > 1 { segments.append(current) }
            for segment in segments {
                children.append(SVGElement("polyline", [("class", "series"), ("points", pointList(segment))]))
            }
        }
        if let trend {
            let fitted = trend.enumerated().compactMap { i, value in value.map { (xs[i], $0) } }
            for piece in aboveZero(fitted) where piece.count > 1 {
                children.append(SVGElement("polyline", [("class", "trend"), ("points", pointList(piece.map { ($0.0, scale.y($0.1)) }))]))
            }
        }
        for (i, point) in points.enumerated() {
            guard let value = point.value else { continue }
            children.append(SVGElement("circle", [("class", "point"), ("cx", coordinate(xs[i])), ("cy", coordinate(scale.y(value))), ("r", "2.5")],
                                       children: [SVGElement("title", text: "\(point.label): \(ReportNumber.significant(value, 4))")]))
        }
        return svg(children, title: title)
    }

    /// Vertical bars, one per group, at the same x positions as the line charts.
    static func bars(_ points: [Point], title: String, axis: String) -> String {
        // A bar is 80% of the narrowest gap between neighbours (at most 24 units wide), so
        // that bars never touch and a missing year stays visible.
        let raw = positions(points)
        let gap = zip(raw, raw.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }.min() ?? (right - left)
        let width = max(1, min(24, gap * 0.8))
        let inset = width / 2 + 2
        let xs = raw.map { left + inset + ($0 - left) / (right - left) * (right - left - 2 * inset) }
        let scale = YScale(maximum: points.compactMap(\.value).max() ?? 0, whole: true)
        var children = frame(scale: scale, points: points, xs: xs, inset: inset) + [axisTitle(axis)]
        for (i, point) in points.enumerated() {
            guard let value = point.value else { continue }
            let y = scale.y(value)
            children.append(SVGElement("rect", [("class", "bar"), ("x", coordinate(xs[i] - width / 2)), ("y", coordinate(y)),
                                                ("width", coordinate(width)), ("height", coordinate(bottom - y))],
                                       children: [SVGElement("title", text: "\(point.label): \(ReportNumber.significant(value, 6))")]))
        }
        return svg(children, title: title)
    }

    /// Horizontal bars around a zero line (keyness log ratios): one row per term, top down.
    static func diverging(_ rows: [(label: String, value: Double)], title: String, axis: String) -> String {
        let rowHeight = 18.0
        let chartHeight = top + Double(rows.count) * rowHeight + 36
        let labelWidth = 150.0
        let limit = max(1, rows.map { abs($0.value) }.max() ?? 1)
        let scale = YScale(maximum: limit)
        let middle = labelWidth + (width - labelWidth - 16) / 2
        let half = (width - labelWidth - 16) / 2
        func x(_ value: Double) -> Double { middle + value / scale.top * half }
        var children: [SVGElement] = []
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            let start = min(x(0), x(row.value))
            children.append(SVGElement("text", [("class", "label"), ("x", coordinate(labelWidth - 6)), ("y", coordinate(y + 12.5)),
                                                ("text-anchor", "end")], text: row.label))
            children.append(SVGElement("rect", [("class", row.value >= 0 ? "bar over" : "bar under"), ("x", coordinate(start)),
                                                ("y", coordinate(y + 3)), ("width", coordinate(abs(x(row.value) - x(0)))),
                                                ("height", "12")],
                                       children: [SVGElement("title", text: "\(row.label): \(ReportNumber.fixed(row.value, 2))")]))
        }
        let axisY = top + Double(rows.count) * rowHeight + 4
        children.append(SVGElement("line", [("class", "axis"), ("x1", coordinate(x(0))), ("y1", coordinate(top)),
                                            ("x2", coordinate(x(0))), ("y2", coordinate(axisY))]))
        for tick in [-scale.top, -scale.top / 2, 0, scale.top / 2, scale.top] {
            children.append(SVGElement("text", [("class", "tick"), ("x", coordinate(x(tick))), ("y", coordinate(axisY + 14)),
                                                ("text-anchor", "middle")], text: ReportNumber.tick(tick)))
        }
        children.append(SVGElement("text", [("class", "axis-title"), ("x", coordinate(middle)), ("y", coordinate(axisY + 30)),
                                            ("text-anchor", "middle")], text: axis))
        return svg(children, title: title, height: chartHeight)
    }

    /// The parts of a line (x, value) at or above zero: a segment that crosses zero ends or
    /// starts where it crosses, so that a fitted line never runs below the axis.
    static func aboveZero(_ line: [(Double, Double)]) -> [[(Double, Double)]] {
        var pieces: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for (i, point) in line.enumerated() {
            if i > 0 {
                let previous = line[i - 1]
                if (previous.1 < 0) != (point.1 < 0) {
                    let t = previous.1 / (previous.1 - point.1)
                    let crossing = (previous.0 + t * (point.0 - previous.0), 0.0)
                    if point.1 < 0 {
                        current.append(crossing)
                        pieces.append(current)
                        current = []
                    } else {
                        current = [crossing]
                    }
                }
            }
            if point.1 >= 0 { current.append(point) }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// The x position of each group.
    static func positions(_ points: [Point]) -> [Double] {
        let numbers = points.compactMap(\.number)
        if numbers.count == points.count, let first = numbers.min(), let last = numbers.max() {
            guard last > first else { return points.map { _ in (left + right) / 2 } }
            return numbers.map { left + ($0 - first) / (last - first) * (right - left) }
        }
        let band = (right - left) / Double(max(points.count, 1))
        return points.indices.map { left + (Double($0) + 0.5) * band }
    }

    /// The smallest gap between consecutive numeric groups.
    static func step(_ points: [Point]) -> Double? {
        let numbers = points.compactMap(\.number)
        return zip(numbers, numbers.dropFirst()).map { $1 - $0 }.filter { $0 > 0 }.min()
    }

    /// The y axis title, written up the left edge.
    static func axisTitle(_ text: String) -> SVGElement {
        let middle = coordinate((top + bottom) / 2)
        return SVGElement("text", [("class", "axis-title"), ("x", "12"), ("y", middle), ("text-anchor", "middle"),
                                   ("transform", "rotate(-90 12 \(middle))")], text: text)
    }

    /// The y axis: 0 to `top`, in steps of 1, 2 or 5 × 10ᵏ (at least 1 for counts).
    struct YScale {
        let step: Double
        let top: Double

        init(maximum: Double, whole: Bool = false) {
            let maximum = maximum > 0 ? maximum : 1
            var power = pow(10, floor(log10(maximum / 5)))
            var chosen = power
            search: while true {
                for factor in [1.0, 2.0, 5.0] where (maximum / (factor * power)).rounded(.up) <= 5 {
                    chosen = factor * power
                    break search
                }
                power *= 10
            }
            step = whole ? max(1, chosen) : chosen
            top = step * (maximum / step).rounded(.up)
        }

        func y(_ value: Double) -> Double { SVGChart.bottom - value / top * (SVGChart.bottom - SVGChart.top) }

        var ticks: [Double] { stride(from: 0, through: top + step / 2, by: step).map { $0 } }
    }

    /// Axes, y ticks and grid lines, and the x labels (a readable subset).
    static func frame(scale: YScale, points: [Point], xs: [Double], inset: Double = 0) -> [SVGElement] {
        var children: [SVGElement] = []
        for tick in scale.ticks {
            let y = scale.y(tick)
            children.append(SVGElement("line", [("class", tick == 0 ? "axis" : "grid"), ("x1", coordinate(left)), ("y1", coordinate(y)),
                                                ("x2", coordinate(right)), ("y2", coordinate(y))]))
            children.append(SVGElement("text", [("class", "tick"), ("x", coordinate(left - 6)), ("y", coordinate(y + 4)),
                                                ("text-anchor", "end")], text: ReportNumber.tick(tick)))
        }
        if let ticks = numericTicks(points) {
            for (position, label) in ticks {
                let x = left + inset + (position - left) / (right - left) * (right - left - 2 * inset)
                children.append(SVGElement("line", [("class", "axis"), ("x1", coordinate(x)), ("y1", coordinate(bottom)),
                                                    ("x2", coordinate(x)), ("y2", coordinate(bottom + 4))]))
                children.append(SVGElement("text", [("class", "tick"), ("x", coordinate(x)), ("y", coordinate(bottom + 16)),
                                                    ("text-anchor", "middle")], text: label))
            }
            return children
        }
        let shown = labelIndices(points, xs: xs)
        let rotate = points.allSatisfy { $0.number != nil } ? false : shown.contains { points[$0].label.count > 6 }
        for i in shown {
            var attributes = [("class", "tick"), ("x", coordinate(xs[i])), ("y", coordinate(bottom + 16)),
                              ("text-anchor", rotate ? "end" : "middle")]
            if rotate { attributes.append(("transform", "rotate(-30 \(coordinate(xs[i])) \(coordinate(bottom + 16)))")) }
            children.append(SVGElement("text", attributes, text: points[i].label))
        }
        return children
    }

    /// Ticks of a numeric x axis: round values (steps of 1, 2 or 5 × 10ᵏ, at most seven)
    /// within the groups' range, labelled like the groups (`1850`, `1850s`); nil when the
    /// groups are not all numbers or there is only one.
    static func numericTicks(_ points: [Point]) -> [(x: Double, label: String)]? {
        let numbers = points.compactMap(\.number)
        guard numbers.count == points.count, let first = numbers.min(), let last = numbers.max(), last > first else { return nil }
        let raw = (last - first) / 6
        var power = pow(10, floor(log10(raw)))
        var step = power
        search: while true {
            for factor in [1.0, 2.0, 5.0] where factor * power >= raw {
                step = factor * power
                break search
            }
            power *= 10
        }
        step = max(step, 1)
        let suffix = points.allSatisfy { $0.label.hasSuffix("s") } ? "s" : ""
        var ticks: [(Double, String)] = []
        var value = (first / step).rounded(.up) * step
        while value <= last + step * 1e-9 {
            ticks.append((left + (value - first) / (last - first) * (right - left), ReportNumber.tick(value) + suffix))
            value += step
        }
        return ticks
    }

    /// Groups whose labels are drawn: all when they fit, else the first, the last and
    /// evenly spaced ones between, at least 64 units apart.
    static func labelIndices(_ points: [Point], xs: [Double]) -> [Int] {
        guard !points.isEmpty else { return [] }
        let widest = Double(points.map(\.label.count).max() ?? 1) * 7 + 8
        let gap = max(64, widest)
        var shown: [Int] = []
        for i in points.indices {
            if let last = shown.last, xs[i] - xs[last] < gap { continue }
            shown.append(i)
        }
        if let last = shown.last, last != points.count - 1 {
            if xs[points.count - 1] - xs[last] < gap && shown.count > 1 { shown.removeLast() }
            shown.append(points.count - 1)
        }
        return shown
    }

    static func svg(_ children: [SVGElement], title: String, height: Double = height) -> String {
        SVGElement("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(Int(width)) \(Int(height))"),
                           ("width", "\(Int(width))"), ("height", "\(Int(height))"), ("role", "img"),
                           ("aria-label", title), ("font-family", font), ("font-size", "13")],
                   children: [SVGElement("title", text: title)] + children).xml
    }

    static func coordinate(_ value: Double) -> String { ReportNumber.fixed(value, 2) }

    static func pointList(_ points: [(Double, Double)]) -> String {
        points.map { coordinate($0.0) + "," + coordinate($0.1) }.joined(separator: " ")
    }
}
