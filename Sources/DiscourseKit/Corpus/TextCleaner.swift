import ICUText

/// Deletes every match of the `--strip` patterns (ICU regular expressions) from a decoded
/// text, before anything else happens to it (SPEC §1), and counts what each removed.
public struct TextCleaner: Sendable {
    /// The patterns, in the order they are applied.
    public let patterns: [String]

    /// - Throws: `DiscourseError` when a pattern does not compile, naming the offset.
    public init(patterns: [String]) throws(DiscourseError) {
        for pattern in patterns {
            do { _ = try RegexPattern(pattern) } catch {
                let at = error.offset.map { " at offset \($0)" } ?? ""
                throw DiscourseError("--strip '\(pattern)': not a valid ICU regular expression\(at) (\(error.errorName))")
            }
        }
        self.patterns = patterns
    }

    /// A cleaner that removes nothing.
    public static let none = try! TextCleaner(patterns: [])

    /// Removes every match of each pattern in turn.
    ///
    /// - Returns: the code points each pattern removed, in pattern order.
    public func clean(_ text: inout [UInt16]) throws(DiscourseError) -> [Int] {
        var removed: [Int] = []
        for pattern in patterns {
            let regex: RegexPattern
            let ranges: [Range<Int>]
            do {
                regex = try RegexPattern(pattern)
                ranges = try text.withUnsafeBufferPointer { buffer throws(ICUFailure) in try regex.matches(in: buffer) }
            } catch { throw DiscourseError("--strip '\(pattern)': \(error)") }
            if ranges.isEmpty {
                removed.append(0)
                continue
            }
            var kept: [UInt16] = []
            kept.reserveCapacity(text.count)
            var next = 0
            var count = 0
            for range in ranges {
                kept.append(contentsOf: text[next..<range.lowerBound])
                count += UTF16Text.codePointCount(text[range])
                next = range.upperBound
            }
            kept.append(contentsOf: text[next...])
            text = kept
            removed.append(count)
        }
        return removed
    }
}
