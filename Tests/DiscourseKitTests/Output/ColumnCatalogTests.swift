import Foundation
import Testing
@testable import DiscourseKit

/// The column definitions behind the CSV on the Web metadata: every header a table can have
/// is defined, nothing else is, and docs/csv-columns.md names the same columns with the same
/// types.
struct ColumnCatalogTests {
    /// Every header each table can be written with.
    static let headers: [(String, [String])] = [
        ("tokens", TokenTable.header),
        ("ngrams", NgramTables.ngramsHeader),
        ("ngrams", NgramTables.ngramsHeader + NgramTables.tfIdfColumns),
        ("groups", NgramTables.groupsHeader),
        ("cooccur", CooccurrenceTables.header(measures: AssociationMeasure.allCases, grouped: true)),
        ("cooccur", CooccurrenceTables.header(measures: [.logDice], grouped: false)),
        ("collocates", CooccurrenceTables.header(measures: AssociationMeasure.allCases, grouped: false)),
        ("collocate_changes", CooccurrenceTables.changesHeader),
        ("keyness", KeynessTable.header),
        ("trends", TrendTables.trendsHeader),
        ("trend_stats", TrendTables.statsHeader),
        ("compare", ComparisonTables.compareHeader),
        ("new_terms", ComparisonTables.newTermsHeader),
        ("vanished_terms", ComparisonTables.vanishedTermsHeader),
        ("kwic", ConcordanceTable.header(grouped: true)),
        ("kwic", ConcordanceTable.header(grouped: false)),
        ("term_candidates", TermCandidateTables.header),
    ]

    @Test func everyHeaderIsDefinedAndEveryDefinitionIsUsed() {
        var used: [String: Set<String>] = [:]
        for (table, header) in Self.headers {
            let columns = ColumnCatalog.columns(table: table, header: header)
            #expect(columns.map(\.name) == header)
            used[table == "collocates" ? "cooccur" : table, default: []].formUnion(header)
        }
        #expect(Set(ColumnCatalog.tables.keys) == Set(used.keys))
        #expect(Set(ColumnCatalog.descriptions.keys) == Set(used.keys))
        for (table, columns) in ColumnCatalog.tables {
            #expect(Set(columns.map(\.name)) == used[table], "\(table): defined but never written")
            #expect(columns.count == Set(columns.map(\.name)).count, "\(table): a column defined twice")
            for column in columns where column.kind == .real {
                #expect(column.empty == .missing, "\(table).\(column.name): a real may be undefined, so empty")
            }
        }
    }

    /// The column tables of docs/csv-columns.md: (table, column) → type (`integer`, `real`,
    /// `text`), from rows such as "| `target_count`, `reference_count` | integer | ... |".
    static func documentedColumns() throws -> [String: [String: String]] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/csv-columns.md"), encoding: .utf8)
        var result: [String: [String: String]] = [:]
        var section: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                let title = line.dropFirst(3)
                section = title.hasSuffix(".csv") ? String(title.dropLast(4)) : nil
                continue
            }
            guard let section, line.hasPrefix("| `") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 3, ["integer", "real", "text"].contains(cells[2]) else { continue }
            for name in cells[1].split(separator: "`", omittingEmptySubsequences: false).enumerated().filter({ $0.offset % 2 == 1 }).map({ String($0.element) }) {
                result[section, default: [:]][name] = cells[2]
            }
        }
        return result
    }

    @Test func theDataDictionaryNamesTheSameColumnsAndTypes() throws {
        let documented = try Self.documentedColumns()
        #expect(Set(documented.keys) == Set(ColumnCatalog.tables.keys))
        for (table, columns) in ColumnCatalog.tables {
            let types = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.kind.rawValue) })
            #expect(documented[table] == types, "\(table): docs/csv-columns.md and ColumnCatalog differ")
        }
    }

    @Test func metadataNamesTheFileItsDialectAndEachColumn() throws {
        let table = OutputTable(table: "kwic", header: ConcordanceTable.header(grouped: false), format: CSVFormat(excel: true)) { _ in }
        let bytes = CSVWMetadata.render(table, file: "kwic_nodes_by_year.csv", format: CSVFormat(excel: true))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(json["@context"] as? String == "http://www.w3.org/ns/csvw")
        #expect(json["url"] as? String == "kwic_nodes_by_year.csv")
        let dialect = try #require(json["dialect"] as? [String: Any])
        #expect(dialect["lineTerminators"] as? [String] == ["\r\n"])
        let columns = try #require((json["tableSchema"] as? [String: Any])?["columns"] as? [[String: Any]])
        #expect(columns.map { $0["name"] as? String } == ["doc_id", "sentence", "token_start", "token_end", "left", "match", "right"])
        #expect(columns[0]["datatype"] as? String == "string" && columns[0]["required"] as? Bool == true)
        #expect(columns[1]["datatype"] as? String == "integer")
        // The empty text at a document's start is text, not a missing value.
        #expect((columns[4]["null"] as? [String])?.isEmpty == true)
    }
}
