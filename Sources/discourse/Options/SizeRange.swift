import ArgumentParser

/// An n-gram length or range: `2` or `1-3`.
struct SizeRange: ExpressibleByArgument {
    let range: ClosedRange<Int>

    init?(argument: String) {
        let parts = argument.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        switch parts.count {
        case 1: guard let n = parts[0], n >= 1 else { return nil }
            range = n...n
        case 2: guard let low = parts[0], let high = parts[1], low >= 1, high >= low else { return nil }
            range = low...high
        default: return nil
        }
        guard range.upperBound <= 20 else { return nil }
    }

    var defaultValueDescription: String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
    }
}
