/// One CSV table of a run: its header and its rows, rendered part by part (a group, a
/// comparison, a document) on all cores and streamed to the file, so that a large table is
/// never whole in memory.
public struct OutputTable: Sendable {
    /// Which table this is (`ngrams`, `trend_stats`), whatever its file is called: the key of
    /// its columns in `ColumnCatalog`.
    public let table: String
    /// Column names, in order.
    public let header: [String]
    /// How many parts the rows come in.
    public let parts: Int
    /// What a part is (`groups`, `comparisons`, `documents`), for progress messages.
    public let unit: String
    /// Part p's rows, as one or more buffers (a large part rendered in parallel chunks).
    public let render: @Sendable (_ part: Int) -> [CSVBuffer]
    /// Part p's rows handed to `emit` a few buffers at a time, for parts too large to hold
    /// rendered whole; parts are then written one at a time. Nil when `render` serves.
    public let stream: (@Sendable (_ part: Int, _ emit: ([CSVBuffer]) throws(DiscourseError) -> Void) throws(DiscourseError) -> Void)?
    /// How many parts may be rendered or wait to be written at once, when more than one per
    /// core and one more (parts known to be small).
    public let partsAtOnce: Int?

    public init(table: String, header: [String], parts: Int, unit: String = "groups", partsAtOnce: Int? = nil,
                render: @escaping @Sendable (Int) -> [CSVBuffer]) {
        self.table = table
        self.header = header
        self.parts = parts
        self.unit = unit
        self.render = render
        self.partsAtOnce = partsAtOnce
        stream = nil
    }

    /// A table whose parts are streamed (`stream`).
    public init(table: String, header: [String], parts: Int, unit: String = "groups",
                stream: @escaping @Sendable (Int, ([CSVBuffer]) throws(DiscourseError) -> Void) throws(DiscourseError) -> Void) {
        self.table = table
        self.header = header
        self.parts = parts
        self.unit = unit
        self.stream = stream
        render = { _ in preconditionFailure("a streamed table is written part by part") }
        partsAtOnce = nil
    }

    /// A table whose rows are rendered at once.
    public init(table: String, header: [String], format: CSVFormat, rows: @escaping @Sendable (inout CSVBuffer) -> Void) {
        self.init(table: table, header: header, parts: 1, unit: "tables") { _ in
            var buffer = CSVBuffer.body(format: format)
            rows(&buffer)
            return [buffer]
        }
    }

    /// The definitions of its columns, in order.
    public var columns: [Column] { ColumnCatalog.columns(table: table, header: header) }
}
