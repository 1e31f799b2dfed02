import ArgumentParser
import DiscourseKit

/// Where and how tables are written (SPEC §8).
struct OutputFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Output folder (created if needed; gets every table and run.json), or '-' for the main table on standard output.", valueName: "dir"))
    var out: String = "discourse-out"

    @Flag(help: "Write CSV for spreadsheets: UTF-8 BOM, CRLF line ends, and a ' before cells starting with = + - @ (formula guard).")
    var excel = false

    @Flag(help: "Also write the tables as one workbook, tables.xlsx, a sheet per table (text as text, numbers as numbers; a table longer than a sheet continues on the next).")
    var xlsx = false

    @Flag(help: "Print per-stage timings, peak memory, MB/s and tokens/s on standard error.")
    var stats = false

    @Flag(help: "No progress line and no closing summary of what was written (warnings and errors still print).")
    var quiet = false

    func writer(mainFile: String) throws(DiscourseError) -> OutputWriter {
        let writer = try OutputWriter(destination: out == "-" ? .standardOutput : .folder(out),
                                      format: CSVFormat(excel: excel), mainFile: mainFile)
        writer.workbook = xlsx && out != "-"
        return writer
    }

    var manifest: [(String, JSONValue)] {
        [("out", .string(out)), ("excel", .bool(excel))] + (xlsx ? [("xlsx", .bool(true))] : [])
    }
}
