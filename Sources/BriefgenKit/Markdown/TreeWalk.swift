import CCmarkGFM
import Foundation

/// One pass over a parsed tree that collects the nodes the renderer rewrites, so the tree is
/// never edited while an iterator walks it.
struct TreeWalk {
    struct TextItem {
        let node: OpaquePointer
        /// 0-based index of the enclosing paragraph, if any.
        let paragraph: Int?
        /// UTF-8 byte offset of this node's text within the paragraph's plain text.
        let offset: Int
        let insideLink: Bool
        let insideHeading: Bool
    }

    private(set) var texts: [TextItem] = []
    private(set) var paragraphs: [OpaquePointer] = []
    /// Each paragraph's plain text, whitespace as written (collapse it before showing it).
    private(set) var paragraphTexts: [String] = []
    private(set) var paragraphIndex: [OpaquePointer: Int] = [:]
    private(set) var headings: [OpaquePointer] = []
    private(set) var linkNodes: [OpaquePointer] = []
    private(set) var imageNodes: [OpaquePointer] = []
    private var iterator: OpaquePointer?

    init(root: OpaquePointer) {
        let iter = cmark_iter_new(root)!
        defer { cmark_iter_free(iter) }
        var linkDepth = 0
        var headingDepth = 0
        var currentParagraph: Int?
        // A paragraph's text as UTF-8 bytes read where cmark keeps them, made a String once.
        var buffer: [UInt8] = []
        func append(_ node: OpaquePointer) {
            if let literal = CMark.literalBytes(node) { buffer.append(contentsOf: literal) }
        }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            let node = cmark_iter_get_node(iter)!
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            switch type {
            case CMARK_NODE_PARAGRAPH:
                if entering {
                    currentParagraph = paragraphs.count
                    paragraphIndex[node] = paragraphs.count
                    paragraphs.append(node)
                    buffer.removeAll(keepingCapacity: true)
                } else {
                    paragraphTexts.append(String(decoding: buffer, as: UTF8.self))
                    currentParagraph = nil
                }
            case CMARK_NODE_HEADING:
                if entering { headings.append(node); headingDepth += 1 } else { headingDepth -= 1 }
            case CMARK_NODE_LINK:
                if entering { linkNodes.append(node); linkDepth += 1 } else { linkDepth -= 1 }
            case CMARK_NODE_IMAGE:
                if entering { imageNodes.append(node); linkDepth += 1 } else { linkDepth -= 1 }
            case CMARK_NODE_TEXT:
                texts.append(TextItem(node: node, paragraph: currentParagraph, offset: buffer.count,
                                      insideLink: linkDepth > 0, insideHeading: headingDepth > 0))
                if currentParagraph != nil { append(node) }
            case CMARK_NODE_CODE:
                if currentParagraph != nil { append(node) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if currentParagraph != nil { buffer.append(0x20) }
            default:
                break
            }
        }
    }

    /// Drops node references once the tree has been rendered.
    mutating func release() {
        texts = []
        paragraphs = []
        headings = []
        linkNodes = []
        imageNodes = []
        paragraphIndex = [:]
    }
}

/// Finds "what this means for you" sections: a matching heading and the paragraphs under it.
enum BusinessSections {
    /// Lowercased heading starts that mark a section about consequences for the reader.
    static let headingPrefixes = [
        "what this means for", "what does this mean for", "what it means for", "why this matters",
        "why it matters", "implications for", "what you should do", "what to do", "the bottom line",
    ]

    /// What `isBusinessHeading` trims from a heading's ends, made once.
    private static let trimmed = CharacterSet.punctuationCharacters.union(.whitespaces)

    static func isBusinessHeading(_ text: String) -> Bool {
        // ASCII starting with a letter: the trim takes nothing from its start, and what it takes
        // from its end (never a letter) cannot cut into a prefix, so the bytes are compared as they are.
        let utf8 = text.utf8
        if let first = utf8.first, (first | 0x20) &- 0x61 < 26, utf8.allSatisfy({ $0 < 0x80 }) {
            return headingPrefixes.contains { prefix in
                prefix.utf8.count <= utf8.count
                    && zip(prefix.utf8, utf8).allSatisfy { $0 == ($1 &- 0x41 < 26 ? $1 | 0x20 : $1) }
            }
        }
        let lower = text.lowercased().trimmingCharacters(in: trimmed)
        return headingPrefixes.contains { lower.hasPrefix($0) }
    }

    /// The sections under the top-level headings of `root`; `headingTexts` holds each heading's
    /// text, whitespace collapsed.
    static func find(root: OpaquePointer, paragraphIndex: [OpaquePointer: Int], headingTexts: [OpaquePointer: String]) -> [BusinessSection] {
        var sections: [BusinessSection] = []
        var current: (level: Int, section: BusinessSection)?
        func close() {
            if let open = current, !open.section.paragraphs.isEmpty { sections.append(open.section) }
            current = nil
        }
        for block in CMark.children(root) {
            if CMark.type(block) == CMARK_NODE_HEADING {
                let level = Int(cmark_node_get_heading_level(block))
                if let open = current, level > open.level { continue }
                let text = headingTexts[block] ?? Text.collapseWhitespace(CMark.plainText(block))
                close()
                if isBusinessHeading(text) {
                    current = (level, BusinessSection(heading: text, text: "", paragraphs: []))
                }
                continue
            }
            guard current != nil else { continue }
            for paragraph in paragraphs(in: block) {
                guard let index = paragraphIndex[paragraph] else { continue }
                let text = Text.collapseWhitespace(CMark.plainText(paragraph))
                current!.section.paragraphs.append(index + 1)
                current!.section.text += (current!.section.text.isEmpty ? "" : "\n\n") + text
            }
        }
        close()
        return sections
    }

    private static func paragraphs(in node: OpaquePointer) -> [OpaquePointer] {
        if CMark.type(node) == CMARK_NODE_PARAGRAPH { return [node] }
        return CMark.children(node).flatMap { paragraphs(in: $0) }
    }
}
