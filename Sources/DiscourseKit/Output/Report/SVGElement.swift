/// An SVG (or any XML) element: a name, attributes in order, and children or text, written
/// out with every attribute value and text escaped.
struct SVGElement {
    let name: String
    var attributes: [(String, String)]
    var children: [SVGElement]
    var text: String?

    init(_ name: String, _ attributes: [(String, String)] = [], children: [SVGElement] = [], text: String? = nil) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The element as XML text.
    var xml: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        out += "<" + name
        for (key, value) in attributes { out += " " + key + "=\"" + XMLText.escape(value) + "\"" }
        if children.isEmpty && text == nil {
            out += "/>"
            return
        }
        out += ">"
        if let text { out += XMLText.escape(text) }
        for child in children { child.write(to: &out) }
        out += "</" + name + ">"
    }
}
