/// `ngrams.csv` and `groups.csv` (SPEC §3).
public enum NgramTables {
    public static let ngramsHeader = ["group", "n", "ngram", "count", "doc_freq", "per_million"]
    /// The columns `--tf-idf` adds.
    public static let tfIdfColumns = ["tf", "idf", "tf_idf"]
    public static let groupsHeader = ["group", "docs", "tokens", "sentences", "types", "first_date", "last_date"]

    /// `ngrams.csv`: rows in group order, then n, descending count, n-gram text; one part per
    /// group, counted when it is rendered.
    public static func ngrams(_ result: NgramResult, format: CSVFormat) -> OutputTable {
        let vocabulary = result.vocabulary
        let forms = FormBytes(vocabulary.formsByRank, format: format)
        let header = ngramsHeader + (result.tfIdf == nil ? [] : tfIdfColumns)
        return OutputTable(table: "ngrams", header: header, parts: result.groupCount, partsAtOnce: result.partsAtOnce) { g in
            [render(result.group(g), forms: forms, byRank: vocabulary.byRank, tfIdf: result.tfIdf, format: format)]
        }
    }

    /// One group's rows.
    ///
    /// per_million = count / tokens(group) × 1,000,000, computed in that order (as R's
    /// `count / tokens * 1e6` does), so that the doubles match a researcher's own.
    ///
    /// Under `--tf-idf`, tf = count / the sum of count over the group's rows of the same n.
    ///
    /// - Parameters:
    ///   - forms: the vocabulary's forms in rank order (`formsByRank`), as rows give them.
    ///   - byRank: the ids of the ranks, for tf-idf's n-grams.
    static func render(_ group: NgramGroupRows, forms: FormBytes, byRank: [UInt32], tfIdf: GroupTfIdf?,
                       format: CSVFormat) -> CSVBuffer {
        let label = CSVBuffer.escaped(group.summary.group.label, format: format)
        let crlf = format.excel
        // Rows run to 40-60 bytes besides the label; room that is never written costs no page.
        var out = RowBytes(capacity: group.rowCount * (label.count + 72))
        var ngram: [UInt8] = []
        let tokens = Double(group.summary.tokens)
        // Most rows have a small count, and per_million depends only on it within a group:
        // those are formatted once, each followed by the padding a short copy reads.
        let padding = [UInt8](repeating: 0, count: RowBytes.shortCopyPadding)
        let small = (0..<64).map { CSVBuffer.realText(Double($0) / tokens * 1_000_000, format: format) }
        let smallPadded = small.flatMap { $0 + padding }
        let smallStarts = small.reduce(into: [0]) { $0.append($0.last! + $1.count + padding.count) }
        let labelPadded = label + padding
        var rowTotals: [Int: Int] = [:]
        if tfIdf != nil { group.forEachRow { n, _, count, _ in rowTotals[n, default: 0] += count } }
        var rows = 0
        // Each row's room but the n-gram's and the reals' (which reserve their own): the
        // label, four commas, three integers of at most 20 digits, a line end, and the
        // padding of a short copy.
        let room = label.count + 4 + 3 * 20 + 2 + RowBytes.shortCopyPadding
        labelPadded.withUnsafeBufferPointer { labelBytes in
        smallPadded.withUnsafeBufferPointer { smallBytes in
        var ids: [UInt32] = []
        group.forEachRow { n, ranks, count, documents in
            out.reserve(room)
            out.copyPadded(labelBytes.baseAddress!, count: label.count)
            out.byte(0x2C)
            out.int(n)
            out.byte(0x2C)
            forms.field(ranks, into: &out, scratch: &ngram)
            out.reserve(room)
            out.byte(0x2C)
            out.int(count)
            out.byte(0x2C)
            out.int(documents)
            out.byte(0x2C)
            if count < small.count {
                out.reserve(small[count].count + RowBytes.shortCopyPadding)
                out.copyPadded(smallBytes.baseAddress! + smallStarts[count], count: small[count].count)
            } else {
                out.real(Double(count) / tokens * 1_000_000)
            }
            if let tfIdf {
                let tf = Double(count) / Double(rowTotals[n]!)
                ids.removeAll(keepingCapacity: true)
                for rank in ranks { ids.append(byRank.isEmpty ? rank : byRank[Int(rank)]) }
                let idf = ids.withUnsafeBufferPointer { tfIdf.idf($0) }
                // Each real reserves its own room, so each comma is given its byte.
                out.reserve(1)
                out.byte(0x2C)
                out.real(tf)
                out.reserve(1)
                out.byte(0x2C)
                out.real(idf)
                out.reserve(1)
                out.byte(0x2C)
                out.real(tf * idf)
            }
            out.reserve(2)
            if crlf { out.byte(0x0D) }
            out.byte(0x0A)
            rows += 1
        }
        }
        }
        return CSVBuffer(body: out.take(), rows: rows, format: format)
    }

    /// `groups.csv`: one row per group in group order.
    public static func groups(_ summaries: [GroupSummary], format: CSVFormat) -> OutputTable {
        OutputTable(table: "groups", header: groupsHeader, format: format) { buffer in
            for summary in summaries {
                buffer.text(summary.group.label)
                buffer.int(summary.group.documents.count)
                buffer.int(summary.tokens)
                buffer.int(summary.sentences)
                buffer.int(summary.types)
                if let first = summary.group.firstDate { buffer.text(first) } else { buffer.missing() }
                if let last = summary.group.lastDate { buffer.text(last) } else { buffer.missing() }
                buffer.endRow()
            }
        }
    }
}
