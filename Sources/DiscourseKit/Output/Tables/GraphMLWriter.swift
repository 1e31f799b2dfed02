/// Co-occurrence rows as a GraphML network for Gephi, igraph and networkx: one node per type
/// (label = form, frequency in the analysed documents, and with `--by` its frequency in each
/// group, `frequency_1790`, ...), one edge per row (O11, the chosen measure, and with `--by`
/// the group). Window-scope tables are directional, so that graph
/// is directed; sentence and document tables are symmetric, so each pair becomes one
/// undirected edge.
public enum GraphMLWriter {
    public static func render(_ network: CooccurrenceNetwork) -> [UInt8] {
        let (rows, directed, measure, frequencies, vocabulary) =
            (network.edges, network.directed, network.measure, network.frequencies, network.vocabulary)
        var ids: [UInt32: Int] = [:]
        var order: [UInt32] = []
        for (_, row) in rows {
            for id in [row.node, row.collocate] where ids[id] == nil {
                ids[id] = order.count
                order.append(id)
            }
        }
        let grouped = !network.groups.isEmpty
        var groupKeys = ""
        if grouped {
            groupKeys += "  <key id=\"group\" for=\"edge\" attr.name=\"group\" attr.type=\"string\"/>\n"
            for (g, label) in network.groups.enumerated() {
                groupKeys += "  <key id=\"f\(g)\" for=\"node\" attr.name=\"frequency_\(XMLText.escape(label))\" attr.type=\"long\"/>\n"
            }
        }
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
              <key id="label" for="node" attr.name="label" attr.type="string"/>
              <key id="frequency" for="node" attr.name="frequency" attr.type="long"/>
            \(groupKeys)  <key id="o11" for="edge" attr.name="o11" attr.type="long"/>
              <key id="measure" for="edge" attr.name="\(measure.column)" attr.type="double"/>
              <graph id="cooccurrence" edgedefault="\(directed ? "directed" : "undirected")">

            """
        for (index, id) in order.enumerated() {
            out += "    <node id=\"n\(index)\"><data key=\"label\">\(XMLText.escape(vocabulary.forms[Int(id)]))</data>"
            out += "<data key=\"frequency\">\(frequencies[Int(id)])</data>"
            for g in network.groups.indices {
                out += "<data key=\"f\(g)\">\(network.groupFrequencies[g][id] ?? 0)</data>"
            }
            out += "</node>\n"
        }
        var written: Set<String> = []
        for (group, row) in rows {
            var source = ids[row.node]!
            var target = ids[row.collocate]!
            if !directed && source > target { swap(&source, &target) }
            guard written.insert("\(group ?? "")\u{0}\(source)\u{0}\(target)").inserted else { continue }
            out += "    <edge source=\"n\(source)\" target=\"n\(target)\">"
            if let group { out += "<data key=\"group\">\(XMLText.escape(group))</data>" }
            out += "<data key=\"o11\">\(Int(row.table.o11))</data>"
            if let value = measure.value(row.table) { out += "<data key=\"measure\">\(value)</data>" }
            out += "</edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return Array(out.utf8)
    }
}
