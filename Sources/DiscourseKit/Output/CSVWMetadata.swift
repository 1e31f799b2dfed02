/// W3C CSV on the Web metadata for one table (`ngrams.csv-metadata.json`, the location CSVW
/// looks for beside `ngrams.csv`): the dialect the file is written in and, for each column,
/// its name, datatype, description, unit and what an empty cell means, from `ColumnCatalog`,
/// the definitions the table itself is written from.
///
/// Reference: "Metadata Vocabulary for Tabular Data", W3C Recommendation, 17 December 2015.
public enum CSVWMetadata {
    /// The metadata file's name for a table file.
    public static func fileName(for table: String) -> String { table + "-metadata.json" }

    public static func render(_ table: OutputTable, file: String, format: CSVFormat) -> [UInt8] {
        let columns: [JSONValue] = table.columns.map { column in
            var members: [(String, JSONValue)] = [
                ("name", .string(column.name)),
                ("titles", .string(column.name)),
                ("datatype", .string(column.kind.datatype)),
                ("dc:description", .string(column.description)),
            ]
            switch column.empty {
            case .never: members.append(("required", .bool(true)))
            case .missing: members.append(("null", .string("")))
            case .text: members.append(("null", .array([])))  // no cell is missing: "" is text
            }
            if let unit = column.unit { members.append(("schema:unitText", .string(unit))) }
            return .object(members)
        }
        let dialect: [(String, JSONValue)] = [
            ("encoding", .string("utf-8")),
            ("lineTerminators", .array([.string(format.excel ? "\r\n" : "\n")])),
            ("quoteChar", .string("\"")),
            ("doubleQuote", .bool(true)),
            ("header", .bool(true)),
            ("headerRowCount", .int(1)),
            ("delimiter", .string(",")),
            ("skipInitialSpace", .bool(false)),
            ("trim", .bool(false)),
        ]
        let metadata = JSONValue.object([
            ("@context", .string("http://www.w3.org/ns/csvw")),
            ("url", .string(file)),
            ("dc:title", .string(file)),
            ("dc:description", .string(ColumnCatalog.descriptions[table.table == "collocates" ? "cooccur" : table.table] ?? "")),
            ("dc:creator", .string("discourse")),
            ("dialect", .object(dialect)),
            ("tableSchema", .object([("columns", .array(columns))])),
        ])
        return Array((metadata.serialized() + "\n").utf8)
    }
}
