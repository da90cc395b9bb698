/// Finds the article in a saved web page: its title and main text, without scripts,
/// navigation, ads and footers.
public enum HTMLExtract {
    /// Elements that never hold article text.
    static let dropTags: Set<String> = ["nav", "footer", "aside", "form", "button", "select", "menu", "dialog", "head", "figure"]
    /// Class or id words that mark chrome.
    static let dropMarkers = ["nav", "menu", "share", "social", "related", "promo", "advert", "ad-", "ads", "sponsor",
                              "cookie", "newsletter", "subscribe", "comment", "footer", "sidebar", "breadcrumb",
                              "byline-share", "popup", "modal", "banner"]

    public static func extract(_ html: String) -> IngestedArticle {
        let root = HTMLNode.parse(html)
        let title = findTitle(root)
        let container = mainContainer(root)
        var blocks: [ArticleBlock] = []
        var dropped: [String] = []
        collect(container, into: &blocks, dropped: &dropped, ordered: false)
        // The page's own h1 repeats the title.
        if let title, case .heading(let first)? = blocks.first, first == title { blocks.removeFirst() }
        blocks = blocks.filter { block in
            let text = block.text
            let clutter = Clutter.isPlaceholder(text) || Clutter.isNavigation(text) || Clutter.isPromotion(text)
            if clutter { dropped.append(text) }
            return !clutter && !text.isEmpty
        }
        var article = IngestedArticle(title: title, blocks: blocks, dropped: dropped)
        readMetadata(root, into: &article)
        article.takeByline()
        return article
    }

    /// The page's own statements of outlet, author, date and address.
    static func readMetadata(_ root: HTMLNode, into article: inout IngestedArticle) {
        let metas = root.descendants().filter { $0.tag == "meta" }
        func meta(_ names: String...) -> String? {
            for name in names {
                if let node = metas.first(where: { ($0.attributes["property"] ?? $0.attributes["name"])?.lowercased() == name }),
                   let content = node.attributes["content"].map(Text.collapseWhitespace), !content.isEmpty {
                    return content
                }
            }
            return nil
        }
        article.outlet = meta("og:site_name", "application-name")
        // `article:author` is often a profile URL; a name only.
        article.author = [meta("author"), meta("article:author")].compactMap { $0 }.first { !$0.contains("://") }
        if let stamp = meta("article:published_time", "date", "dc.date", "pubdate") {
            article.published = PartialDate(parsing: String(stamp.prefix(10))) ?? PartialDate(parsing: String(stamp.prefix(7)))
        }
        let canonical = root.descendants().first { $0.tag == "link" && ($0.attributes["rel"] ?? "").lowercased().split(separator: " ").contains("canonical") }?
            .attributes["href"] ?? meta("og:url")
        if let canonical, canonical.hasPrefix("https://") || canonical.hasPrefix("http://") { article.url = canonical }
    }

    static func isChrome(_ node: HTMLNode) -> Bool {
        if dropTags.contains(node.tag) { return true }
        if node.tag == "header", node.parent?.tag != "article" { return true }
        let marks = ((node.attributes["class"] ?? "") + " " + (node.attributes["id"] ?? "") + " " + (node.attributes["role"] ?? ""))
            .lowercased().split(whereSeparator: { $0 == " " || $0 == "_" })
        if node.attributes["aria-hidden"] == "true" || node.attributes["hidden"] != nil { return true }
        return marks.contains { mark in
            dropMarkers.contains { marker in mark == marker || mark.hasPrefix(marker + "-") || (marker.hasSuffix("-") && mark.hasPrefix(marker)) }
                || mark == "navigation" || mark == "contentinfo" || mark == "complementary"
        }
    }

    static func findTitle(_ root: HTMLNode) -> String? {
        let all = root.descendants()
        if let og = all.first(where: { $0.tag == "meta" && $0.attributes["property"] == "og:title" })?.attributes["content"],
           !og.isEmpty {
            return Text.collapseWhitespace(og)
        }
        if let h1 = outsideChrome(root).first(where: { $0.tag == "h1" })?.textContent, !h1.isEmpty {
            return h1
        }
        if let title = all.first(where: { $0.tag == "title" })?.textContent, !title.isEmpty {
            // "Headline | Site name": keep the longest part.
            let parts = title.components(separatedBy: " | ").flatMap { $0.components(separatedBy: " - ") }
            return parts.max { $0.count < $1.count }?.trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// The elements below `node` with no chrome element between them and `node` (chrome ones
    /// included, their contents not), in document order: one pass, each element judged once.
    static func outsideChrome(_ node: HTMLNode) -> [HTMLNode] {
        var result: [HTMLNode] = []
        node.walk { element in
            result.append(element)
            return !isChrome(element)
        }
        return result
    }

    /// `<article>` (the one with most paragraph text), else `<main>`, else the densest block.
    static func mainContainer(_ root: HTMLNode) -> HTMLNode {
        let elements = outsideChrome(root).filter { !isChrome($0) }
        func paragraphText(_ node: HTMLNode) -> Int {
            outsideChrome(node).filter { $0.tag == "p" }.reduce(0) { $0 + $1.textContent.count }
        }
        if let article = elements.filter({ $0.tag == "article" }).max(by: { paragraphText($0) < paragraphText($1) }),
           paragraphText(article) > 0 {
            return article
        }
        if let main = elements.first(where: { $0.tag == "main" || $0.attributes["role"] == "main" }) { return main }
        // Densest: the element whose direct paragraphs hold the most text.
        let scored = elements.map { node -> (HTMLNode, Int) in
            (node, node.children.filter { $0.tag == "p" }.reduce(0) { $0 + $1.textContent.count })
        }
        return scored.max { $0.1 < $1.1 }.flatMap { $0.1 > 0 ? $0.0 : nil }
            ?? root.descendants().first { $0.tag == "body" } ?? root
    }

    static let inlineTags: Set<String> = ["a", "b", "i", "em", "strong", "span", "small", "sup", "sub", "code", "time",
                                          "abbr", "mark", "u", "s", "q", "cite", "font", "br"]

    static func collect(_ node: HTMLNode, into blocks: inout [ArticleBlock], dropped: inout [String], ordered: Bool) {
        var number = 0
        var inline = ""  // loose text and inline elements between blocks form one paragraph
        func flush() {
            let text = Text.collapseWhitespace(inline)
            if !text.isEmpty { blocks.append(.paragraph(text)) }
            inline = ""
        }
        for child in node.children {
            if child.tag.isEmpty || inlineTags.contains(child.tag) {
                inline += child.tag.isEmpty ? child.text : (child.tag == "br" ? " " : child.textContent)
                continue
            }
            flush()
            if isChrome(child) {
                let text = child.textContent
                if !text.isEmpty { dropped.append(text) }
                continue
            }
            switch child.tag {
            case "h1", "h2", "h3", "h4", "h5", "h6":
                blocks.append(.heading(child.textContent))
            case "p", "blockquote", "pre", "dd", "dt", "figcaption", "summary":
                if child.children.contains(where: { ["p", "ul", "ol"].contains($0.tag) }) {
                    collect(child, into: &blocks, dropped: &dropped, ordered: false)
                } else {
                    blocks.append(.paragraph(child.textContent))
                }
            case "ul", "ol":
                collect(child, into: &blocks, dropped: &dropped, ordered: child.tag == "ol")
            case "li":
                number += 1
                blocks.append(ordered ? .numbered(number, child.textContent) : .bullet(child.textContent))
            case "br", "hr", "img", "script", "style":
                continue
            default:
                collect(child, into: &blocks, dropped: &dropped, ordered: false)
            }
        }
        flush()
    }
}

import Foundation
