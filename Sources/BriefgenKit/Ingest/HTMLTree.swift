import CGumbo

/// A saved page as a tree of elements, attributes and text: enough structure to find an article.
///
/// Built from Debian's gumbo (`libgumbo-dev`), which implements the WHATWG HTML parsing
/// algorithm browsers use, so unclosed tags, misnested markup and entities come out as a
/// browser would read them. Scripts, styles and other raw-text elements keep no text.
final class HTMLNode {
    let tag: String  // "" for text, "#root" for the document
    let attributes: [String: String]
    var text: String
    var children: [HTMLNode] = []
    weak var parent: HTMLNode?

    init(tag: String, attributes: [String: String] = [:], text: String = "") {
        self.tag = tag
        self.attributes = attributes
        self.text = text
    }

    static let rawTextTags: Set<String> = ["script", "style", "noscript", "template", "svg", "textarea", "iframe"]
    /// Tags whose text is a block of its own: text on either side of them never runs together.
    static let blockTags: Set<String> = ["p", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                                         "article", "header", "footer", "nav", "aside", "main", "blockquote", "table", "figure"]

    /// Elements nested deeper than this are flattened into their ancestor at this depth, so no
    /// walk of the tree can overflow the stack (100,000 nested elements did; found by fuzzing).
    static let maxDepth = 256

    /// Parses `html` into a tree; never fails (gumbo recovers from any input as browsers do).
    static func parse(_ html: String) -> HTMLNode {
        let root = HTMLNode(tag: "#root")
        html.withCString { buffer in
            withUnsafePointer(to: kGumboDefaultOptions) { options in
                guard let output = gumbo_parse_with_options(options, buffer, strlen(buffer)) else { return }
                defer { gumbo_destroy_output(options, output) }
                let document = output.pointee.document.pointee.v.document
                for child in nodes(document.children) { append(child, to: root, depth: 1) }
            }
        }
        return root
    }

    /// The nodes of a gumbo vector.
    private static func nodes(_ vector: GumboVector) -> [UnsafeMutablePointer<GumboNode>] {
        (0..<Int(vector.length)).compactMap { vector.data[$0]?.assumingMemoryBound(to: GumboNode.self) }
    }

    /// Adds `node` and everything below it to `parent`, without recursion (the depth of the
    /// input is the attacker's).
    private static func append(_ node: UnsafeMutablePointer<GumboNode>, to parent: HTMLNode, depth: Int) {
        var pending: [(node: UnsafeMutablePointer<GumboNode>, parent: HTMLNode, depth: Int)] = [(node, parent, depth)]
        while let (node, parent, depth) = pending.popLast() {
            switch node.pointee.type {
            case GUMBO_NODE_TEXT, GUMBO_NODE_WHITESPACE, GUMBO_NODE_CDATA:
                let text = HTMLNode(tag: "", text: String(cString: node.pointee.v.text.text))
                text.parent = parent
                parent.children.append(text)
            case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE:
                let element = node.pointee.v.element
                let children = nodes(element.children)
                guard depth <= maxDepth else {
                    pending += children.reversed().map { ($0, parent, depth) }
                    continue
                }
                var attributes: [String: String] = [:]
                for pointer in (0..<Int(element.attributes.length)).compactMap({ element.attributes.data[$0] }) {
                    let attribute = pointer.assumingMemoryBound(to: GumboAttribute.self).pointee
                    attributes[String(cString: attribute.name).lowercased()] = String(cString: attribute.value)
                }
                let made = HTMLNode(tag: tagName(element), attributes: attributes)
                made.parent = parent
                parent.children.append(made)
                // The content of scripts, styles and the like is never article text.
                guard !rawTextTags.contains(made.tag) else { continue }
                pending += children.reversed().map { ($0, made, depth + 1) }
            default:
                break  // comments, the doctype
            }
        }
    }

    /// The element's lowercase tag name, taken from the source for tags gumbo does not know.
    private static func tagName(_ element: GumboElement) -> String {
        if element.tag != GUMBO_TAG_UNKNOWN { return String(cString: gumbo_normalized_tagname(element.tag)) }
        var piece = element.original_tag
        gumbo_tag_from_original_text(&piece)
        guard let data = piece.data, piece.length > 0 else { return "unknown" }
        let bytes = UnsafeRawBufferPointer(start: data, count: piece.length)
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    /// All text below this node, whitespace collapsed.
    var textContent: String {
        var parts: [String] = []
        collectText(into: &parts)
        return Text.collapseWhitespace(parts.joined())
    }

    private func collectText(into parts: inout [String]) {
        if tag.isEmpty { parts.append(text); return }
        if tag == "br" { parts.append(" "); return }
        for child in children { child.collectText(into: &parts) }
        if HTMLNode.blockTags.contains(tag) { parts.append(" ") }
    }

    /// Visits every element below this one in document order, without recursion; `visit`
    /// returns whether to go into the element's children. Linear in the size of the tree.
    func walk(_ visit: (HTMLNode) -> Bool) {
        var pending = Array(children.reversed())
        while let node = pending.popLast() {
            guard !node.tag.isEmpty else { continue }
            if visit(node) { pending += node.children.reversed() }
        }
    }

    /// Every element below this one, depth first.
    func descendants() -> [HTMLNode] {
        var result: [HTMLNode] = []
        for child in children where !child.tag.isEmpty {
            result.append(child)
            result += child.descendants()
        }
        return result
    }
}

import Foundation
