/// Normalized term lines as a trie over UTF-16 code units, so that the term matcher can
/// extend a candidate run one token at a time and stop as soon as no term can follow.
///
/// Nodes are numbered from 0 (the root); a node where a term line ends carries the term's
/// form.
struct TermTrie: Sendable {
    /// Returned by `step` and `walk` when no term continues that way.
    static let dead: Int32 = -1
    /// (node, unit) → child node + 1, so that a missing key (0) reads as `dead`.
    private var children = PairTable(capacity: 256)
    private var terms: [Int32: String] = [:]
    /// Per node: whether a term ends there.
    private var ends: [Bool] = [false]
    private var nodes: Int32 = 1

    var isEmpty: Bool { terms.isEmpty }

    /// Adds a term line; false when the line is already there (the first form stays).
    mutating func insert(_ units: [UInt16], form: String) -> Bool {
        var node: Int32 = 0
        for unit in units {
            let child = step(node, unit)
            if child != Self.dead {
                node = child
            } else {
                children.add(PairTable.key(UInt32(node), UInt32(unit)), nodes + 1)
                node = nodes
                nodes += 1
                ends.append(false)
            }
        }
        if terms[node] != nil { return false }
        terms[node] = form
        ends[Int(node)] = true
        return true
    }

    /// The node reached from `node` by one code unit.
    func step(_ node: Int32, _ unit: UInt16) -> Int32 {
        Int32(children.value(PairTable.key(UInt32(bitPattern: node), UInt32(unit)))) - 1
    }

    /// The node reached from `node` by the units, or `dead`.
    func walk(_ node: Int32, _ units: [UInt16]) -> Int32 {
        var node = node
        for unit in units {
            node = step(node, unit)
            if node == Self.dead { break }
        }
        return node
    }

    /// Whether a term ends at this node.
    func isTerm(_ node: Int32) -> Bool { ends[Int(node)] }

    /// The form of the term that ends at this node, if one does.
    func form(at node: Int32) -> String? { terms[node] }
}
