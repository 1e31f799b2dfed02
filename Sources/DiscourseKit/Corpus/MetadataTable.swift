/// The metadata of a corpus's documents, a column per field: each column's distinct values
/// once, in one byte buffer, and per document the number of its value.
///
/// A dictionary of strings per document cost about a kilobyte each, 380 MB for the 333,389
/// documents of a 10 GB corpus, held through every run; this holds the same in some 30 bytes
/// a document (docs/performance.md).
public final class MetadataTable: Sendable {
    /// Column names in the order the source gave them.
    public let fields: [String]
    /// Documents (rows).
    public let count: Int
    private let columns: [Column]
    private let index: [String: Int]

    /// A table without fields, shared by the documents made without metadata.
    public static let empty = MetadataTable(fields: [], count: 0, columns: [])

    private init(fields: [String], count: Int, columns: [Column]) {
        self.fields = fields
        self.count = count
        self.columns = columns
        index = Dictionary(fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A table of one row.
    convenience init(row values: [String: String]) {
        var builder = Builder()
        builder.append(values)
        self.init(builder)
    }

    /// The table a builder has made.
    convenience init(_ builder: Builder) {
        let columns = builder.columns.map { column -> Column in
            var column = column
            column.cells += [UInt32](repeating: 0, count: builder.count - column.cells.count)
            return column
        }
        self.init(fields: builder.fields, count: builder.count, columns: columns)
    }

    /// The value of `field` for row `row`; nil when the cell is empty or there is no such field.
    public func value(_ field: String, row: Int) -> String? {
        guard let column = index[field] else { return nil }
        return columns[column].value(row)
    }

    /// The non-empty cells of a row, by field.
    public func row(_ row: Int) -> [String: String] {
        var values: [String: String] = [:]
        for (field, column) in zip(fields, columns) {
            if let value = column.value(row) { values[field] = value }
        }
        return values
    }

    /// One field: per row the number of its value (0 for an empty cell), and the values.
    struct Column: Sendable {
        var cells: [UInt32] = []
        var values = StringArena()

        func value(_ row: Int) -> String? {
            let number = cells[row]
            return number == 0 ? nil : values[Int(number) - 1]
        }
    }

    /// Rows appended one at a time; a field first seen in a later row (JSON Lines) is empty
    /// in the rows before it.
    struct Builder {
        private(set) var fields: [String] = []
        fileprivate var columns: [Column] = []
        private(set) var count = 0
        private var columnOf: [String: Int] = [:]
        /// Per column, the number of each value seen, while there are few enough distinct values
        /// to be worth sharing (a year, a party); a column of distinct values (a file name)
        /// stops looking after `sharedLimit`.
        private var numbers: [[String: UInt32]?] = []
        private static let sharedLimit = 1 << 16

        init(fields: [String] = []) {
            for field in fields { _ = column(field) }
        }

        /// Adds a row: its non-empty cells by field.
        mutating func append(_ values: [String: String]) {
            let row = count
            count += 1
            for (field, value) in values where !value.isEmpty {
                let c = column(field)
                var column = columns[c]
                columns[c] = Column()
                if column.cells.count < row { column.cells += [UInt32](repeating: 0, count: row - column.cells.count) }
                var number: UInt32
                if let known = numbers[c]?[value] {
                    number = known
                } else {
                    column.values.append(value)
                    number = UInt32(column.values.count)
                    if numbers[c] != nil {
                        numbers[c]![value] = number
                        if numbers[c]!.count > Self.sharedLimit { numbers[c] = nil }
                    }
                }
                column.cells.append(number)
                columns[c] = column
            }
        }

        private mutating func column(_ field: String) -> Int {
            if let c = columnOf[field] { return c }
            columnOf[field] = fields.count
            fields.append(field)
            columns.append(Column())
            numbers.append([:])
            return fields.count - 1
        }
    }
}

/// Strings kept end to end in one buffer of UTF-8 bytes.
struct StringArena: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    var count: Int { ends.count }

    mutating func append(_ string: String) {
        bytes.append(contentsOf: string.utf8)
        ends.append(UInt32(bytes.count))
    }

    subscript(i: Int) -> String {
        let start = i == 0 ? 0 : Int(ends[i - 1])
        return String(decoding: bytes[start ..< Int(ends[i])], as: UTF8.self)
    }
}
