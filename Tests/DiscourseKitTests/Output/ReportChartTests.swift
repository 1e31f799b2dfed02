import Foundation
import Testing
@testable import DiscourseKit

/// The report's charts and numbers, checked against coordinates worked out by hand from the
/// geometry `SVGChart` documents: plot area x 56–624, y 16 (top) – 176 (bottom).
@Suite struct ReportChartTests {
    /// The values of one attribute of every element with this name, in document order.
    func attribute(_ name: String, of element: String, in svg: String) -> [String] {
        let pattern = "<\(element) [^>]*\(name)=\"([^\"]*)\""
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map {
            String(svg[Range($0.range(at: 1), in: svg)!])
        }
    }

    @Test func pointsOfAYearSeriesAndGapsBetweenYearsThatAreNotAdjacent() {
        // 2001: 0, 2002: 10, 2004: 5. Largest value 10: ticks of 2, top 10, so y = 176 − v/10 · 160.
        // x: 2001 → 56, 2002 → 56 + 568/3 = 245.33, 2004 → 624.
        let svg = SVGChart.line([.init(label: "2001", number: 2001, value: 0), .init(label: "2002", number: 2002, value: 10),
                                 .init(label: "2004", number: 2004, value: 5)], title: "t")
        #expect(attribute("cx", of: "circle", in: svg) == ["56.00", "245.33", "624.00"])
        #expect(attribute("cy", of: "circle", in: svg) == ["176.00", "16.00", "96.00"])
        // 2002 and 2004 are not adjacent (the step is one year): one line, 2001–2002.
        #expect(attribute("points", of: "polyline", in: svg) == ["56.00,176.00 245.33,16.00"])
        // y ticks 0, 2, ..., 10.
        #expect(svg.contains(">10</text>") && svg.contains(">2</text>") && !svg.contains(">12</text>"))
    }

    @Test func aGroupWithoutTokensIsNotDrawnAndBreaksTheLine() {
        let svg = SVGChart.line([.init(label: "1", number: 1, value: 4), .init(label: "2", number: 2, value: nil),
                                 .init(label: "3", number: 3, value: 4), .init(label: "4", number: 4, value: 2)], title: "t")
        // Largest 4: steps of 1, top 4; y = 176 − v/4 · 160: 4 → 16, 2 → 96. x = 56 + (n − 1)/3 · 568.
        #expect(attribute("cx", of: "circle", in: svg) == ["56.00", "434.67", "624.00"])
        #expect(attribute("points", of: "polyline", in: svg) == ["434.67,16.00 624.00,96.00"])
    }

    @Test func categoricalGroupsAreDotsInEqualBands() {
        // Two bands of 284: centres at 56 + 142 = 198 and 482; no line between categories.
        let svg = SVGChart.line([.init(label: "Adams", number: nil, value: 3), .init(label: "Jefferson", number: nil, value: 6)], title: "t")
        #expect(attribute("cx", of: "circle", in: svg) == ["198.00", "482.00"])
        #expect(attribute("points", of: "polyline", in: svg).isEmpty)
    }

    @Test func senLineAndItsPartBelowZero() {
        // y = 2, 1, 5, 4 with slope 1: y − i = 1, −1, 2, 0; median 0.5; fitted 1.5, 2.5, 3.5, 4.5.
        let points = [2.0, 1, 5, 4].enumerated().map { SVGChart.Point(label: "\($0.offset)", number: Double($0.offset), value: $0.element) }
        #expect(Report.senLine(points, slope: 1) == [1.5, 2.5, 3.5, 4.5])
        // A fitted line from −1 to 1 is drawn from where it crosses zero.
        let pieces = SVGChart.aboveZero([(0, -1), (1, 1), (2, 3)])
        #expect(pieces.count == 1)
        #expect(pieces[0].map(\.0) == [0.5, 1, 2] && pieces[0].map(\.1) == [0, 1, 3])
    }

    @Test func axisStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(SVGChart.YScale(maximum: 10).step == 2 && SVGChart.YScale(maximum: 10).top == 10)
        #expect(SVGChart.YScale(maximum: 2_340).step == 500 && SVGChart.YScale(maximum: 2_340).top == 2_500)
        #expect(abs(SVGChart.YScale(maximum: 0.37).step - 0.1) < 1e-12 && abs(SVGChart.YScale(maximum: 0.37).top - 0.4) < 1e-12)
        #expect(SVGChart.YScale(maximum: 0).top == 1)
        // Years 1790–2026: ticks every 50 years, labelled as the groups are.
        let ticks = SVGChart.numericTicks([.init(label: "1790", number: 1790, value: 1), .init(label: "2026", number: 2026, value: 1)])
        #expect(ticks?.map(\.label) == ["1800", "1850", "1900", "1950", "2000"])
        #expect(SVGChart.coordinate(ticks![0].x) == "80.07")  // 56 + 10/236 · 568
    }

    @Test func numbersAreRoundedForReading() {
        #expect(ReportNumber.fixed(2.375, 2) == "2.38")
        #expect(ReportNumber.fixed(-0.0004, 2) == "0.00")
        #expect(ReportNumber.fixed(-1.5, 0) == "-2")
        #expect(ReportNumber.significant(123.456, 4) == "123.5")
        #expect(ReportNumber.significant(0.000123456, 3) == "1.23e-04")
        #expect(ReportNumber.significant(2_500_000, 2) == "2.5e+06")
        #expect(ReportNumber.scientific(9.96e-5, 2) == "1.0e-04")
        #expect(ReportNumber.probability(0.0312) == "0.031")
        #expect(ReportNumber.probability(4e-7) == "4.0e-07")
        #expect(ReportNumber.tick(5) == "5" && ReportNumber.tick(2.5) == "2.5" && ReportNumber.tick(0.1 * 3) == "0.3")
        #expect(ReportNumber.tick(5000) == "5000" && ReportNumber.tick(15000) == "15k" && ReportNumber.tick(2_500_000) == "2.5M")
    }

    @Test func svgTextIsEscaped() {
        let svg = SVGChart.line([.init(label: "<a&b>", number: nil, value: 1)], title: "\"q\"")
        #expect(svg.contains("&lt;a&amp;b&gt;"))
        #expect(svg.contains("aria-label=\"&quot;q&quot;\""))
    }
}
