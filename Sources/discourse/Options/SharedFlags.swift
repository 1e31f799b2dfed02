import ArgumentParser
import DiscourseKit

/// An n-gram length or range: `2` or `1-3`, from 1 to 20.
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

    var defaultValueDescription: String { range.sizeDescription }
}

/// `--n`: the n-gram lengths counted.
struct SizeFlag: ParsableArguments {
    @Option(help: ArgumentHelp("N-gram length or range (1 to 20): 2, or from-to such as 1-3.", valueName: "n|from-to"))
    var n = SizeRange(argument: "1")!
}

/// `--by` where grouping is optional: without it the corpus is one group, `all`.
struct OptionalGroupingFlag: ParsableArguments {
    @Option(help: ArgumentHelp("Group by this field: doc_id, session, year, decade, date or any metadata column.", valueName: "field"))
    var by: String?
}

/// `--by` for the diachronic analyses, which compare groups.
struct GroupingFlag: ParsableArguments {
    @Option(help: ArgumentHelp("Group by this field: session, year, decade, date, doc_id or any metadata column.", valueName: "field"))
    var by: String
}

/// The default and meaning of a command's `--min-count`.
protocol MinCountMeaning {
    static var defaultValue: Int { get }
    static var help: String { get }
}

/// `--min-count K`, at least 1.
struct MinCountFlag<Meaning: MinCountMeaning>: ParsableArguments {
    @Option(help: ArgumentHelp(Meaning.help, valueName: "k"))
    var minCount: Int = Meaning.defaultValue

    func validate() throws {
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
    }
}
