import Testing
@testable import DiscourseKit

struct CSVBufferTests {
    private func row(_ excel: Bool = false, _ fill: (inout CSVBuffer) -> Void) -> String {
        var buffer = CSVBuffer.body(format: CSVFormat(excel: excel))
        fill(&buffer)
        buffer.endRow()
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""),
        (" leading", "\" leading\""),
        ("trailing ", "\"trailing \""),
        ("安全", "安全"),
        ("=SUM(A1)", "=SUM(A1)"),
        ("", ""),
    ])
    func textIsQuotedOnlyWhenNeeded(value: String, expected: String) {
        #expect(row { $0.text(value) } == expected + "\n")
    }

    @Test(arguments: [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-x", "'-x"),
        ("@cmd", "'@cmd"),
        ("\tTab", "\"'\tTab\""),
        ("safe", "safe"),
        ("-a,b", "\"'-a,b\""),
    ])
    func excelGuardsFormulaCells(value: String, expected: String) {
        #expect(row(true) { $0.text(value) } == expected + "\r\n")
    }

    @Test(arguments: [
        (5.0, "5.0"), (0.25, "0.25"), (0.00001, "1e-05"), (-0.0, "0.0"), (0.0, "0.0"),
        (1.0 / 3.0, "0.3333333333333333"), (1e16, "1e+16"), (123456.789, "123456.789"),
        (63200.00000000001, "63200.00000000001"),
    ])
    func realsUseTheShortestRoundTripForm(value: Double, expected: String) {
        #expect(row { $0.real(value) } == expected + "\n")
        #expect(Double(expected) == (value == 0 ? 0 : value))
    }

    /// SPEC §8: readr reads 4.9e-324 as about 5e-308; values below the smallest normal double
    /// are written 0.0, the smallest normal itself as it is.
    @Test(arguments: [
        (4.9e-324, "0.0"), (-1e-310, "0.0"), (2.225073858507201e-308, "0.0"),
        (2.2250738585072014e-308, "2.2250738585072014e-308"), (1e-300, "1e-300"),
    ])
    func subnormalRealsAreWrittenAsZero(value: Double, expected: String) {
        #expect(row { $0.real(value) } == expected + "\n")
    }

    @Test func missingAndNonFiniteValuesAreEmpty() {
        #expect(row { $0.real(Double.nan); $0.real(Double.infinity); $0.real(nil as Double?); $0.missing() } == ",,,\n")
    }

    @Test(arguments: [0, 7, 10, 99, 1_000_000, -42, Int.max])
    func integersAreDigits(value: Int) {
        #expect(row { $0.int(value) } == "\(value)\n")
    }

    @Test func headerAndRowsAreCounted() {
        var buffer = CSVBuffer(format: CSVFormat(), header: ["group", "n"])
        buffer.text("1790")
        buffer.int(2)
        buffer.endRow()
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "group,n\n1790,2\n")
        #expect(buffer.rows == 1)
    }

    @Test func excelFormatHasABOMPreamble() {
        #expect(CSVFormat(excel: true).preamble == [0xEF, 0xBB, 0xBF])
        #expect(CSVFormat().preamble.isEmpty)
    }

    /// Reals are formatted without a `String`: the text is `description`'s, and it reads back
    /// to the same double, for 200,000 random bit patterns (every exponent) and edge values.
    @Test func realsAreDescriptionsTextWrittenWithoutAString() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [1, -1, 0.1, 1e-5, 1e16, 1e-300, 123456789.0, 5e-324 * 2e16, .greatestFiniteMagnitude,
                                Double.leastNormalMagnitude, -Double.leastNormalMagnitude, 0.30000000000000004, 2.5e-7]
        for _ in 0..<200_000 {
            let value = Double(bitPattern: generator.next())
            if value.isFinite && abs(value) >= Double.leastNormalMagnitude { values.append(value) }
        }
        var mismatches: [Double] = []
        for value in values {
            var buffer = CSVBuffer.body(format: CSVFormat())
            buffer.real(value)
            let text = String(decoding: buffer.bytes, as: UTF8.self)
            if text != value.description || Double(text) != value { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// The raw row writer of `ngrams.csv` writes integers and reals as `CSVBuffer` does (and
    /// as `String(describing:)` does), however often it grows from a tiny start.
    @Test func rowBytesWriteWhatTheBufferWrites() {
        var out = RowBytes(capacity: 1)
        var buffer = CSVBuffer.body(format: CSVFormat())
        var generator = SystemRandomNumberGenerator()
        let specials: [Double] = [0, -0.0, 5, 0.25, 1e-5, 1e300, -Double.leastNormalMagnitude / 4, .infinity, .nan, 1e6 / 3]
        for k in 0..<20_000 {
            let integer = k < 30 ? k : Int.random(in: 0...Int.max, using: &generator) >> Int.random(in: 0...62, using: &generator)
            let real = k < specials.count ? specials[k] : Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            out.reserve(22)
            out.int(integer)
            out.byte(0x2C)
            out.real(real)
            out.reserve(1)
            out.byte(0x0A)
            buffer.int(integer)
            buffer.real(real)
            buffer.endRow()
        }
        let bytes = Array(out.take().bytes)
        #expect(bytes == buffer.bytes)
        #expect(String(decoding: bytes.prefix(6), as: UTF8.self) == "0,0.0\n")
    }
}
