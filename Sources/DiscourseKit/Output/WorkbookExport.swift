/// `--xlsx`: the run's tables as one workbook, a sheet per table, built from the CSV files as
/// written so that the workbook holds exactly their cells: text columns as text cells (never a
/// formula, a date or a number), integer and real columns as numbers, empty cells blank, the
/// header row frozen. A table longer than a sheet continues on further sheets, each with the
/// header (`ngrams (2)`, ...).
enum WorkbookExport {
    /// The workbook's file name in the output folder.
    static let fileName = "tables.xlsx"

    /// Writes the workbook at `path` from the tables (their names, columns, and the CSV bytes
    /// `bytes` reads for each, one table at a time so that only one is in memory).
    ///
    /// - Returns: warnings (a table split over sheets, a cell cut at 32,767 characters) and the
    ///   number of data rows written.
    static func write(path: String, tables: [(name: String, columns: [Column])], bytes: (String) throws(DiscourseError) -> [UInt8],
                      excel: Bool, progress: (String) -> Void) throws(DiscourseError) -> (warnings: [String], rows: Int) {
        let workbook = try Workbook(path: path)
        var warnings: [String] = []
        var total = 0
        var sheetNames: Set<String> = []
        for table in tables {
            progress(table.name)
            let csv = try bytes(table.name)
            let base = sheetBase(table.name)
            var sheets = 0
            var row = 0          // the row in the current sheet, 0 = header
            var dataRows = 0
            var cut = 0
            var failure: DiscourseError?
            func startSheet() throws(DiscourseError) {
                sheets += 1
                var name = sheets == 1 ? base : String(base.prefix(31 - " (\(sheets))".count)) + " (\(sheets))"
                while sheetNames.contains(name.lowercased()) { name = String(name.prefix(28)) + "_\(sheetNames.count)" }
                sheetNames.insert(name.lowercased())
                try workbook.addSheet(name)
                for (c, column) in table.columns.enumerated() { try workbook.text(0, c, column.name) }
                row = 1
            }
            try startSheet()
            var first = true
            CSVRowStream.forEach(csv) { fields in
                guard failure == nil else { return }
                if first { first = false; return }  // the CSV's own header
                do throws(DiscourseError) {
                    if row == Workbook.sheetRows { try startSheet() }
                    for (c, field) in fields.enumerated() where c < table.columns.count && !field.isEmpty {
                        switch table.columns[c].kind {
                        case .text:
                            var text = String(decoding: field, as: UTF8.self)
                            if excel, let guarded = CSVRowStream.unguarded(text) { text = guarded }
                            if text.count > Workbook.cellCharacters {
                                text = String(text.prefix(Workbook.cellCharacters))
                                cut += 1
                            }
                            try workbook.text(row, c, text)
                        case .integer, .real:
                            guard let value = Double(String(decoding: field, as: UTF8.self)) else {
                                throw DiscourseError("\(table.name): '\(String(decoding: field, as: UTF8.self))' in \(table.columns[c].name) is not a number")
                            }
                            try workbook.number(row, c, value)
                        }
                    }
                    row += 1
                    dataRows += 1
                } catch {
                    failure = error
                }
            }
            if let failure { throw failure }
            total += dataRows
            if sheets > 1 {
                warnings.append("\(table.name) has \(dataRows) rows, more than a sheet holds (\(Workbook.sheetRows - 1) with the header): \(fileName) continues it on \(sheets) sheets, \(base) to \(base) (\(sheets))")
            }
            if cut > 0 {
                warnings.append("\(table.name): \(cut) text cell(s) longer than a spreadsheet cell holds were cut to \(Workbook.cellCharacters) characters in \(fileName)")
            }
        }
        try workbook.close()
        return (warnings, total)
    }

    /// A sheet name for a table file: its name without `.csv`, at most 31 characters, none of
    /// the characters Excel forbids in sheet names.
    static func sheetBase(_ file: String) -> String {
        let stem = file.hasSuffix(".csv") ? String(file.dropLast(4)) : file
        let cleaned = String(stem.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        return String(cleaned.prefix(31))
    }
}
