/// A table as the report shows it: a caption, the CSV file it comes from, columns, and rows
/// of cells that carry both the text shown and the exact value of the CSV cell.
struct ReportTable {
    struct Column {
        let name: String
        let numeric: Bool
    }

    var caption: String
    var source: String
    var columns: [Column]
    var rows: [[ReportCell]]

    /// The template's view: `caption`, `source`, `columns` (`name`, `numeric`), `rows`
    /// (`cells`: `text`, `value`, `numeric`), `empty`.
    var context: [String: Any] {
        [
            "caption": caption, "source": source,
            "columns": columns.map { ["name": $0.name, "numeric": $0.numeric] as [String: Any] },
            "rows": rows.map { ["cells": $0.map(\.context)] },
            "empty": rows.isEmpty,
        ]
    }
}

/// One cell: the text shown, and where it is a number, the CSV cell it was rounded from.
struct ReportCell {
    let text: String
    let value: String?

    static func text(_ text: String) -> ReportCell { ReportCell(text: text, value: nil) }

    /// A number from a CSV cell, shown by `format`; an empty cell stays empty.
    static func number(_ csv: String?, _ format: (Double) -> String) -> ReportCell {
        guard let csv, let value = Double(csv) else { return ReportCell(text: "", value: csv ?? "") }
        return ReportCell(text: format(value), value: csv)
    }

    /// An integer from a CSV cell, shown as written.
    static func integer(_ csv: String?) -> ReportCell { ReportCell(text: csv ?? "", value: csv ?? "") }

    var context: [String: Any] {
        ["text": text, "value": value ?? "", "numeric": value != nil]
    }
}
