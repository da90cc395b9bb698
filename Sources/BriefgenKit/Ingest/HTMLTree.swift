/// A small, forgiving HTML parser: enough structure to find an article in a saved page.
///
/// Hand-written because no listed package parses HTML (SwiftSoup is not available here), and
/// extraction needs only elements, attributes and text, not a conforming HTML5 tree builder.
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

    static let voidTags: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                        "source", "track", "wbr"]
    static let rawTextTags: Set<String> = ["script", "style", "noscript", "template", "svg", "textarea", "iframe"]
    /// Tags that close an open `<p>` or `<li>` implicitly.
    static let blockTags: Set<String> = ["p", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                                         "article", "header", "footer", "nav", "aside", "main", "blockquote", "table", "figure"]

    /// How deep elements nest at most; deeper start tags open nothing (their text stays in the
    /// deepest element). Every walk of the tree recurses, so a page of 100,000 nested `<div>`s
    /// would overflow the stack (found by fuzzing); Blink's parser caps depth at 512 alike.
    static let maxDepth = 256

    /// Parses `html` into a tree; never fails.
    static func parse(_ html: String) -> HTMLNode {
        let root = HTMLNode(tag: "#root")
        var stack = [root]
        let chars = Array(html.unicodeScalars)
        var i = 0
        var textStart = 0
        func flushText(_ end: Int) {
            guard end > textStart else { return }
            let raw = String(String.UnicodeScalarView(chars[textStart..<end]))
            stack.last!.children.append(HTMLNode(tag: "", text: decodeEntities(raw)))
        }
        while i < chars.count {
            guard chars[i] == "<" else { i += 1; continue }
            // Comments and doctype.
            if matches(chars, i, "<!--") {
                flushText(i)
                i = find(chars, from: i + 4, "-->").map { $0 + 3 } ?? chars.count
                textStart = i
                continue
            }
            if matches(chars, i, "<!") || matches(chars, i, "<?") {
                flushText(i)
                i = find(chars, from: i, ">").map { $0 + 1 } ?? chars.count
                textStart = i
                continue
            }
            let closing = i + 1 < chars.count && chars[i + 1] == "/"
            var j = i + (closing ? 2 : 1)
            let nameStart = j
            while j < chars.count, chars[j].properties.isAlphabetic || ("0"..."9").contains(chars[j]) || chars[j] == "-" { j += 1 }
            guard j > nameStart else { i += 1; continue }  // a lone "<" in text
            flushText(i)
            let name = String(String.UnicodeScalarView(chars[nameStart..<j])).lowercased()
            guard let end = find(chars, from: j, ">") else { textStart = chars.count; break }
            let attributeText = String(String.UnicodeScalarView(chars[j..<end]))
            i = end + 1
            textStart = i
            if closing {
                if let index = stack.lastIndex(where: { $0.tag == name }), index > 0 {
                    stack.removeSubrange(index...)
                }
                continue
            }
            if blockTags.contains(name), let top = stack.last, top.tag == "p" || (top.tag == "li" && name == "li") {
                stack.removeLast()
            }
            let node = HTMLNode(tag: name, attributes: parseAttributes(attributeText))
            node.parent = stack.last
            stack.last!.children.append(node)
            if rawTextTags.contains(name) {
                // Skip to the matching close tag; its content is never article text.
                let closeTag = Array("</\(name)".unicodeScalars)
                var k = i
                while k < chars.count, !(matchesLower(chars, k, closeTag)) { k += 1 }
                i = find(chars, from: k, ">").map { $0 + 1 } ?? chars.count
                textStart = i
                continue
            }
            if !voidTags.contains(name), !attributeText.hasSuffix("/"), stack.count <= maxDepth { stack.append(node) }
        }
        flushText(chars.count)
        return root
    }

    private static func matches(_ chars: [Unicode.Scalar], _ at: Int, _ literal: String) -> Bool {
        let pattern = Array(literal.unicodeScalars)
        guard at + pattern.count <= chars.count else { return false }
        return (0..<pattern.count).allSatisfy { chars[at + $0] == pattern[$0] }
    }

    private static func matchesLower(_ chars: [Unicode.Scalar], _ at: Int, _ pattern: [Unicode.Scalar]) -> Bool {
        guard at + pattern.count <= chars.count else { return false }
        return (0..<pattern.count).allSatisfy { Unicode.Scalar(MentionMatcher.foldScalar(chars[at + $0]))! == pattern[$0] }
    }

    private static func find(_ chars: [Unicode.Scalar], from: Int, _ literal: String) -> Int? {
        var k = from
        while k < chars.count {
            if matches(chars, k, literal) { return k }
            k += 1
        }
        return nil
    }

    static func parseAttributes(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            while i < chars.count, chars[i].isWhitespace || chars[i] == "/" { i += 1 }
            let start = i
            while i < chars.count, !chars[i].isWhitespace, chars[i] != "=", chars[i] != "/" { i += 1 }
            guard i > start else { i += 1; continue }
            let name = String(chars[start..<i]).lowercased()
            while i < chars.count, chars[i].isWhitespace { i += 1 }
            var value = ""
            if i < chars.count, chars[i] == "=" {
                i += 1
                while i < chars.count, chars[i].isWhitespace { i += 1 }
                if i < chars.count, chars[i] == "\"" || chars[i] == "'" {
                    let quote = chars[i]
                    i += 1
                    let valueStart = i
                    while i < chars.count, chars[i] != quote { i += 1 }
                    value = String(chars[valueStart..<min(i, chars.count)])
                    i += 1
                } else {
                    let valueStart = i
                    while i < chars.count, !chars[i].isWhitespace { i += 1 }
                    value = String(chars[valueStart..<i])
                }
            }
            result[name] = decodeEntities(value)
        }
        return result
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsquo": "\u{2019}",
        "lsquo": "\u{2018}", "rdquo": "\u{201D}", "ldquo": "\u{201C}", "mdash": "\u{2014}", "ndash": "\u{2013}",
        "hellip": "\u{2026}", "pound": "£", "euro": "€", "copy": "©", "reg": "®", "trade": "™", "bull": "•",
        "middot": "·", "laquo": "«", "raquo": "»", "eacute": "é", "egrave": "è", "uuml": "ü", "ouml": "ö", "auml": "ä",
    ]

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = String(after[..<semi])
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    decoded = namedEntities[name]
                }
                if let decoded {
                    out += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
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

    /// Every element below this one, depth first (in document order).
    func descendants() -> [HTMLNode] {
        var result: [HTMLNode] = []
        walk { node in
            result.append(node)
            return true
        }
        return result
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
}

import Foundation
