import CGumbo

/// Every element of an HTML document as a browser builds it (WHATWG parsing through gumbo),
/// with its attributes decoded: what the security checks look at, never the raw text.
struct HTMLElements {
    struct Element {
        /// Lowercase tag name (`script`, `svg`, an unknown tag's own name).
        var name: String
        /// `html`, `svg` or `mathml`.
        var namespace: String
        /// Attribute names (`xlink:href` for XLink attributes) and their decoded values.
        var attributes: [(name: String, value: String)]
        /// Text of the element's text children (for `<script>` and `<meta>` checks).
        var text: String
    }

    private(set) var elements: [Element] = []

    init(_ html: String) {
        var bytes = Array(html.utf8)
        bytes.append(0)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                var options = kGumboDefaultOptions
                guard let output = gumbo_parse_with_options(&options, base, buffer.count - 1) else { return }
                defer { gumbo_destroy_output(&options, output) }
                walk(output.pointee.root)
            }
        }
    }

    private mutating func walk(_ node: UnsafeMutablePointer<GumboNode>) {
        guard node.pointee.type == GUMBO_NODE_ELEMENT || node.pointee.type == GUMBO_NODE_TEMPLATE else { return }
        var element = node.pointee.v.element
        var attributes: [(String, String)] = []
        for attribute in Self.items(element.attributes, as: GumboAttribute.self) {
            let name = String(cString: attribute.pointee.name)
            let prefix = switch attribute.pointee.attr_namespace {
            case GUMBO_ATTR_NAMESPACE_XLINK: "xlink:"
            case GUMBO_ATTR_NAMESPACE_XML: "xml:"
            case GUMBO_ATTR_NAMESPACE_XMLNS: "xmlns:"
            default: ""
            }
            attributes.append((prefix + name, String(cString: attribute.pointee.value)))
        }
        let namespace = switch element.tag_namespace {
        case GUMBO_NAMESPACE_SVG: "svg"
        case GUMBO_NAMESPACE_MATHML: "mathml"
        default: "html"
        }
        var text = ""
        let children = Self.items(element.children, as: GumboNode.self)
        for child in children where child.pointee.type == GUMBO_NODE_TEXT || child.pointee.type == GUMBO_NODE_CDATA {
            text += String(cString: child.pointee.v.text.text)
        }
        elements.append(Element(name: Self.tagName(&element), namespace: namespace, attributes: attributes, text: text))
        for child in children { walk(child) }
    }

    private static func tagName(_ element: inout GumboElement) -> String {
        if element.tag != GUMBO_TAG_UNKNOWN { return String(cString: gumbo_normalized_tagname(element.tag)) }
        var piece = element.original_tag
        gumbo_tag_from_original_text(&piece)
        guard let data = piece.data, piece.length > 0 else { return "" }
        let bytes = UnsafeRawBufferPointer(start: data, count: piece.length)
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    private static func items<T>(_ vector: GumboVector, as: T.Type) -> [UnsafeMutablePointer<T>] {
        (0..<Int(vector.length)).map { vector.data[$0]!.assumingMemoryBound(to: T.self) }
    }
}
