import ArgumentParser
import DiscourseKit

/// How to read the corpus (SPEC §1).
struct CorpusFlags: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "The corpus: a folder of .txt files (with or without metadata.csv), one or more .txt files (a document each), a .csv file with a text column, or a .jsonl file.",
        valueName: "corpus"))
    var paths: [String]

    var path: String { paths[0] }

    mutating func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Missing expected argument '<corpus>'") }
    }

    @Option(help: ArgumentHelp("Encoding of the texts, by any name ICU knows (gb18030, big5, windows-1252, ...). Default: UTF-8, or UTF-16 when the file starts with a BOM.", valueName: "name"))
    var encoding: String?

    @Flag(help: "Replace bytes that are invalid in the encoding with U+FFFD (and count them) instead of stopping.")
    var replaceInvalid = false

    @Option(help: ArgumentHelp("Delete every match of this ICU regular expression from each text before anything else (repeatable), e.g. a licence notice or footnote markers like '\\[\\d+\\]'.", valueName: "regex"))
    var strip: [String] = []

    @Option(help: ArgumentHelp("Language (BCP 47) of documents whose metadata has none. Default: ICU's root locale.", valueName: "code"))
    var lang: String = ""

    @Option(help: ArgumentHelp("The column (CSV) or field (JSON Lines) holding the text.", valueName: "name"))
    var textField: String = "text"

    @Option(name: .customLong("where"), help: ArgumentHelp("Analyse only documents whose field has this value (repeatable): lang=zh, doc_id!=gwr-2017-en. Conditions on one field are alternatives; on different fields all must hold.", valueName: "field=value"))
    var conditions: [String] = []

    @Flag(help: "Read texts that metadata.csv places outside the corpus folder (by a path or a symbolic link); by default that is an error.")
    var allowOutsidePaths = false

    var options: CorpusOptions {
        var options = CorpusOptions(path: path)
        if paths.count > 1 { options.textFiles = paths }
        options.encoding = encoding
        options.replaceInvalid = replaceInvalid
        options.strip = strip
        options.language = lang
        options.textField = textField
        options.conditions = conditions
        options.allowOutsidePaths = allowOutsidePaths
        return options
    }
}
