import Foundation
import Testing

/// `--xlsx` end to end: one workbook beside the CSV files, a sheet per table, text cells for
/// labels that look like formulas, numbers or dates, number cells for counts and rates.
struct WorkbookCommandTests {
    static let hasUnzip = FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip")
    static let hasOpenpyxl = (try? run("/usr/bin/python3", ["-c", "import openpyxl"])) != nil

    func corpus() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("c/metadata.csv", "doc_id,label\nd1,=1+1\nd2,007\nd3,2024-01-05\n")
        try folder.write("c/d1.txt", "安全 发展 安全")
        try folder.write("c/d2.txt", "peace peace war")
        try folder.write("c/d3.txt", "-5 points")
        return folder
    }

    @Test(.enabled(if: hasUnzip, "needs unzip")) func aWorkbookHoldsEveryTableWithTextAsText() throws {
        let folder = try corpus()
        for excel in [false, true] {
            let out = folder.path(excel ? "excel" : "plain")
            let result = try CLI.run(["ngrams", folder.path("c"), "--by", "label", "--xlsx", "--out", out] + (excel ? ["--excel"] : []))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("tables.xlsx ("), "\(result.stderr)")
            let book = try run("/usr/bin/unzip", ["-p", out + "/tables.xlsx", "xl/workbook.xml"])
            #expect(book.contains("name=\"ngrams\"") && book.contains("name=\"groups\""))
            let sheet = try run("/usr/bin/unzip", ["-p", out + "/tables.xlsx", "xl/worksheets/sheet1.xml"])
            // Group order: 007 (7), 2024-01-05, =1+1 (text labels after numbers) is the tool's
            // order; whatever it is, each label is an inline string, never a formula.
            for label in ["=1+1", "007", "2024-01-05"] {
                #expect(sheet.contains("<is><t>\(label)</t></is>"), "\(label)")
            }
            #expect(!sheet.contains("<f>"))
            #expect(sheet.contains("<is><t>安全</t></is>"))
            // 安全 twice in d1 (3 tokens): count 2 and per_million 666666.666...
            #expect(sheet.contains("<v>2</v>") && sheet.contains("<v>666666.666666666"))
            let manifest = try folder.read((excel ? "excel" : "plain") + "/run.json")
            #expect(manifest.contains("\"file\": \"tables.xlsx\""))
        }
    }

    @Test(.enabled(if: hasOpenpyxl, "needs /usr/bin/python3 with openpyxl"))
    func openpyxlReadsTheTypesAndTheChinese() throws {
        let folder = try corpus()
        let result = try CLI.run(["ngrams", folder.path("c"), "--by", "label", "--xlsx", "--excel", "--out", folder.path("out")])
        #expect(result.status == 0, "\(result.stderr)")
        let script = """
            import openpyxl, sys
            book = openpyxl.load_workbook(sys.argv[1], read_only=True)
            rows = list(book["ngrams"].iter_rows(values_only=True))
            print(book.sheetnames)
            print(rows[0])
            print(sorted({type(r[0]).__name__ for r in rows[1:]}), sorted({type(r[3]).__name__ for r in rows[1:]}))
            print(sorted({r[0] for r in rows[1:]}))
            print(int(any(r[2] == "安全" and r[3] == 2 for r in rows[1:])))
            """
        let lines = try run("/usr/bin/python3", ["-c", script, folder.path("out/tables.xlsx")]).split(separator: "\n").map(String.init)
        #expect(lines[0] == "['ngrams', 'groups']")
        #expect(lines[1] == "('group', 'n', 'ngram', 'count', 'doc_freq', 'per_million')")
        #expect(lines[2] == "['str'] ['int']")
        // The --excel formula guard is not in the workbook: the labels are as in the metadata.
        #expect(lines[3] == "['007', '2024-01-05', '=1+1']")
        #expect(lines[4] == "1")
    }
}
