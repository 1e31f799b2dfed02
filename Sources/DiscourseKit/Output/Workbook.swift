import CXLSXWriter

/// An `.xlsx` workbook written with libxlsxwriter in its constant-memory mode: rows go to disk
/// as they are written (in order, a sheet at a time), so a table of millions of rows takes
/// little memory.
final class Workbook {
    private let path: String
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private var sheet: UnsafeMutablePointer<lxw_worksheet>?

    /// Rows of a sheet (Excel and LibreOffice Calc), the header included.
    static let sheetRows = Int(LXW_ROW_MAX)
    /// The longest text a cell holds.
    static let cellCharacters = 32_767

    /// - Throws: `DiscourseError` naming the file when libxlsxwriter cannot create it.
    init(path: String) throws(DiscourseError) {
        self.path = path
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 1)
        workbook = workbook_new_opt(path, &options)
        guard workbook != nil else { throw DiscourseError("\(path): cannot create the workbook") }
    }

    deinit {
        // A workbook not closed (an error on the way) is still freed; its file is discarded
        // by the output folder.
        if let workbook { workbook_close(workbook) }
    }

    /// Starts a sheet; later rows go to it. Names are at most 31 characters, unique.
    func addSheet(_ name: String) throws(DiscourseError) {
        sheet = workbook_add_worksheet(workbook, name)
        guard let sheet else { throw DiscourseError("\(path): cannot add the sheet '\(name)'") }
        worksheet_freeze_panes(sheet, 1, 0)
    }

    /// A text cell: stored as text whatever it looks like (a formula, a date, a number).
    func text(_ row: Int, _ column: Int, _ value: String) throws(DiscourseError) {
        try check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), value, nil), row, column)
    }

    /// A number cell.
    func number(_ row: Int, _ column: Int, _ value: Double) throws(DiscourseError) {
        try check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), value, nil), row, column)
    }

    /// Writes the file's zip container.
    func close() throws(DiscourseError) {
        guard let workbook else { return }
        self.workbook = nil
        let error = workbook_close(workbook)
        guard error == LXW_NO_ERROR else {
            throw DiscourseError("\(path): cannot write the workbook (\(String(cString: lxw_strerror(error))))")
        }
    }

    private func check(_ error: lxw_error, _ row: Int, _ column: Int) throws(DiscourseError) {
        guard error == LXW_NO_ERROR else {
            throw DiscourseError("\(path): cannot write row \(row + 1), column \(column + 1) (\(String(cString: lxw_strerror(error))))")
        }
    }
}
