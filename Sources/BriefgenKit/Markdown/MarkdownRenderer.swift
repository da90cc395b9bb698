import CCmarkGFM

/// Renders one Markdown body to HTML: a pure function of the body, the link table and the
/// actor matcher. Resolves `[[links]]`, links and records actor mentions, numbers paragraphs
/// (`#pN`), gives headings stable ids with anchor links, and neutralises unsafe URLs.
public struct MarkdownRenderer: Sendable {
    public var links: LinkTable
    public var matcher: MentionMatcher
    /// URL path the site lives under, e.g. `/` or `/brief/`.
    public var basePath: String

    public init(links: LinkTable, matcher: MentionMatcher? = nil, basePath: String = "/") {
        self.links = links
        self.matcher = matcher ?? MentionMatcher(links.mentionPatterns)
        self.basePath = basePath
    }

    /// What to render and how.
    public struct Input: Sendable {
        public var body: String
        /// File the body comes from and the line it starts on, for diagnostics.
        public var path: String
        public var bodyLine: Int
        /// Records and links actor mentions (articles and notes).
        public var detectMentions: Bool
        /// Passes raw HTML through (only notes, and only when the site opts in).
        public var allowHTML: Bool
        /// Adds `rel="nofollow"` to outbound links (untrusted articles).
        public var untrusted: Bool
        /// The document's own id, never recorded as a link or mention of itself.
        public var selfID: String?

        public init(body: String, path: String, bodyLine: Int = 1, detectMentions: Bool = false,
                    allowHTML: Bool = false, untrusted: Bool = false, selfID: String? = nil) {
            self.body = body
            self.path = path
            self.bodyLine = bodyLine
            self.detectMentions = detectMentions
            self.allowHTML = allowHTML
            self.untrusted = untrusted
            self.selfID = selfID
        }
    }

    public func render(_ input: Input) -> RenderedBody {
        var result = RenderedBody()
        let resolved = resolveWikiLinks(input, into: &result)
        let parsed = CMark.parse(input.body, unsafe: input.allowHTML)
        cmark_consolidate_text_nodes(parsed.root)
        var walk = TreeWalk(root: parsed.root)
        // An actor the page already links to with [[…]] gets no extra mention link.
        var linkedActors = Set(result.links.map(\.target))

        for item in walk.texts {
            rewriteText(item, in: parsed, input: input, resolved: resolved, paragraphs: walk.paragraphTexts,
                        linkedActors: &linkedActors, into: &result)
        }
        for node in walk.linkNodes { rewriteLink(node, untrusted: input.untrusted, in: parsed) }
        for node in walk.imageNodes {
            cmark_node_set_url(node, Self.safeURL(CMark.url(node), allowMail: false) ?? "")
        }
        result.businessSections = BusinessSections.find(root: parsed.root, paragraphIndex: walk.paragraphIndex)
        rewriteHeadings(walk.headings, in: parsed, into: &result)
        for (index, paragraph) in walk.paragraphs.enumerated() {
            // A source's paragraphs carry their number as a link to themselves, to cite.
            let mark = input.untrusted
                ? "<a class=\"para\" href=\"#p\(index + 1)\" aria-label=\"Paragraph \(index + 1)\">¶\(index + 1)</a>" : ""
            let wrapper = CMark.newCustom(block: true, enter: "<p id=\"p\(index + 1)\">" + mark, exit: "</p>")
            CMark.moveChildren(from: paragraph, to: wrapper)
            parsed.replace(paragraph, with: wrapper)
        }
        result.paragraphCount = walk.paragraphs.count
        result.excerpt = Text.truncateWords(plainLabels(walk.paragraphTexts.first(where: { !$0.isEmpty }) ?? "", resolved), 40)
        result.wordCount = walk.paragraphTexts.reduce(0) { $0 + $1.split(separator: " ").count }
        result.html = parsed.renderHTML()
        var hash = StableHash()
        hash.combine(result.html)
        result.htmlHash = hash.hex
        walk.release()
        return result
    }

    // MARK: - Wiki links

    /// Looks up every `[[link]]` once, reporting unknown targets at their line and column.
    private func resolveWikiLinks(_ input: Input, into result: inout RenderedBody) -> [String: (LinkTable.Target, String?)] {
        var resolved: [String: (LinkTable.Target, String?)] = [:]
        for link in WikiLink.scan(input.body) {
            let location = SourceLocation(file: input.path, line: input.bodyLine + link.line - 1, column: link.column)
            switch links.resolve(link.target) {
            case .found(let target, let fragment, _):
                resolved[link.raw] = (target, fragment)
                if target.id != input.selfID {
                    result.links.append(LinkRef(target: target.id, fragment: fragment, line: location.line))
                }
            case .unknown(let suggestion):
                result.diagnostics.append(.error(
                    location, "unknown link target \"\(link.target)\"",
                    hint: suggestion.map { "did you mean \"\($0)\"?" }
                        ?? "link to a slug, kind/slug (events/ban-imposed) or an actor's name"))
            }
        }
        return resolved
    }

    private func href(_ target: LinkTable.Target, _ fragment: String?) -> String {
        basePath + target.urlPath + (fragment.map { "#" + $0 } ?? "")
    }

    // MARK: - Text: wiki links and mentions

    private enum Piece {
        case text(String)
        case wiki(String)
        case mention(String, actor: String)
    }

    private func rewriteText(_ item: TreeWalk.TextItem, in parsed: CMark.Parsed, input: Input, resolved: [String: (LinkTable.Target, String?)],
                             paragraphs: [String], linkedActors: inout Set<String>, into result: inout RenderedBody) {
        let literal = CMark.literal(item.node)
        var pieces: [Piece] = []
        var changed = false
        var scalarOffset = 0
        for segment in Self.splitWikiLinks(literal) {
            switch segment {
            case .wiki(let raw) where resolved[raw] != nil && !item.insideLink:
                pieces.append(.wiki(raw))
                changed = true
            case .wiki(let raw):
                pieces.append(.text("[[" + raw + "]]"))
            case .text(let text):
                guard input.detectMentions, !item.insideHeading, !item.insideLink, !matcher.isEmpty else {
                    pieces.append(.text(text))
                    break
                }
                let scalars = Array(text.unicodeScalars)
                var cursor = 0
                for match in matcher.matches(in: text) where match.target != input.selfID {
                    let snippet = plainLabels(item.paragraph.map {
                        Snippet.sentence(in: paragraphs[$0], around: item.offset + scalarOffset + match.start)
                    } ?? Text.collapseWhitespace(text), resolved)
                    let written = String(String.UnicodeScalarView(scalars[match.start..<match.end]))
                    result.mentions.append(Mention(actor: match.target, text: written,
                                                   paragraph: item.paragraph.map { $0 + 1 }, snippet: snippet))
                    guard linkedActors.insert(match.target).inserted else { continue }
                    pieces.append(.text(String(String.UnicodeScalarView(scalars[cursor..<match.start]))))
                    pieces.append(.mention(written, actor: match.target))
                    cursor = match.end
                    changed = true
                }
                pieces.append(.text(String(String.UnicodeScalarView(scalars[cursor...]))))
            }
            if case .text(let text) = segment { scalarOffset += text.unicodeScalars.count } else if case .wiki(let raw) = segment {
                scalarOffset += raw.unicodeScalars.count + 4
            }
        }
        guard changed else { return }
        for piece in pieces {
            switch piece {
            case .text(let text) where !text.isEmpty:
                cmark_node_insert_before(item.node, CMark.newText(text))
            case .text:
                break
            case .wiki(let raw):
                let (target, fragment) = resolved[raw]!
                let label = Self.label(raw, target: target, fragment: fragment)
                if WikiLink(raw: raw, line: 0, column: 0).label == nil, !result.labelTargets.contains(target.id) {
                    result.labelTargets.append(target.id)
                }
                var extra = ""
                if WikiLink(raw: raw, line: 0, column: 0).label == nil, let fragment, Self.isParagraphID(fragment) {
                    extra = " title=\"\(Text.escapeHTML(target.title)), paragraph \(fragment.dropFirst())\""
                }
                let link = CMark.newCustom(
                    block: false,
                    enter: "<a class=\"xref xref-\(target.kind.rawValue)\" href=\"\(Text.escapeHTML(href(target, fragment)))\"\(extra)>",
                    exit: "</a>")
                cmark_node_append_child(link, CMark.newText(label))
                cmark_node_insert_before(item.node, link)
            case .mention(let written, let actor):
                let target = links.target(actor)!
                let link = CMark.newCustom(
                    block: false,
                    enter: "<a class=\"mention\" href=\"\(Text.escapeHTML(href(target, nil)))\" title=\"\(Text.escapeHTML(target.title))\">",
                    exit: "</a>")
                cmark_node_append_child(link, CMark.newText(written))
                cmark_node_insert_before(item.node, link)
            }
        }
        parsed.retire(item.node)
    }

    /// What a reader sees of a `[[link]]`: its label, the target's title, or for a citation of a
    /// paragraph "Experts' letter ¶4" (the full title is on hover).
    private static func label(_ raw: String, target: LinkTable.Target, fragment: String?) -> String {
        if let label = WikiLink(raw: raw, line: 0, column: 0).label { return label }
        if let fragment, isParagraphID(fragment) { return "\(target.short) ¶\(fragment.dropFirst())" }
        return target.title
    }

    /// Plain text (an excerpt, a mention's sentence) with each resolved `[[link]]` shown as its
    /// label, as on the page, never as markup.
    private func plainLabels(_ text: String, _ resolved: [String: (LinkTable.Target, String?)]) -> String {
        guard text.contains("[[") else { return text }
        var out = ""
        for segment in Self.splitWikiLinks(text) {
            switch segment {
            case .text(let run): out += run
            case .wiki(let raw):
                if let (target, fragment) = resolved[raw] {
                    out += Self.label(raw, target: target, fragment: fragment)
                } else {
                    out += WikiLink(raw: raw, line: 0, column: 0).label ?? WikiLink(raw: raw, line: 0, column: 0).target
                }
            }
        }
        return out
    }

    private enum Segment {
        case text(String)
        case wiki(String)
    }

    /// Splits a text literal into plain runs and `[[…]]` runs.
    private static func splitWikiLinks(_ text: String) -> [Segment] {
        guard text.contains("[[") else { return [.text(text)] }
        var segments: [Segment] = []
        var rest = Substring(text)
        while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
            let inner = rest[open.upperBound..<close.lowerBound]
            if inner.contains("[") {
                segments.append(.text(String(rest[..<open.upperBound])))
                rest = rest[open.upperBound...]
                continue
            }
            segments.append(.text(String(rest[..<open.lowerBound])))
            segments.append(.wiki(String(inner)))
            rest = rest[close.upperBound...]
        }
        segments.append(.text(String(rest)))
        return segments
    }

    // MARK: - Links and headings

    private func rewriteLink(_ node: OpaquePointer, untrusted: Bool, in parsed: CMark.Parsed) {
        let url = Self.safeURL(CMark.url(node), allowMail: true) ?? ""
        let title = CMark.title(node)
        let external = url.contains("://") || url.hasPrefix("//")
        var enter = "<a href=\"\(Text.escapeHTML(url))\""
        if !title.isEmpty { enter += " title=\"\(Text.escapeHTML(title))\"" }
        if external { enter += untrusted ? " rel=\"nofollow noopener noreferrer\"" : " rel=\"noopener\"" }
        enter += ">"
        let replacement = CMark.newCustom(block: false, enter: enter, exit: "</a>")
        CMark.moveChildren(from: node, to: replacement)
        parsed.replace(node, with: replacement)
    }

    private func rewriteHeadings(_ headings: [OpaquePointer], in parsed: CMark.Parsed, into result: inout RenderedBody) {
        var used = Set<String>()
        for heading in headings {
            // The page's title is its one <h1>: a `# Title` in a body becomes a section.
            let level = max(2, Int(cmark_node_get_heading_level(heading)))
            let text = Text.collapseWhitespace(CMark.plainText(heading))
            let base = Text.slugify(text).isEmpty ? "section" : Text.slugify(text)
            var id = base
            var n = 1
            // Paragraph ids are p1, p2…: never let a heading take one.
            while used.contains(id) || Self.isParagraphID(id) {
                id = "\(base)-\(n)"
                n += 1
            }
            used.insert(id)
            if level == 2 || level == 3 { result.toc.append(TocEntry(level: level, id: id, text: text)) }
            let wrapper = CMark.newCustom(
                block: true, enter: "<h\(level) id=\"\(id)\">",
                exit: "<a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a></h\(level)>")
            CMark.moveChildren(from: heading, to: wrapper)
            parsed.replace(heading, with: wrapper)
        }
    }

    static func isParagraphID(_ id: String) -> Bool {
        id.hasPrefix("p") && id.count > 1 && id.dropFirst().allSatisfy(\.isNumber)
    }

    /// The URL if it is safe to put in an `href`/`src`: http(s), mailto (links only), or relative.
    /// `javascript:`, `vbscript:`, `data:`, `file:` and any other scheme are refused.
    public static func safeURL(_ url: String, allowMail: Bool) -> String? {
        // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
        let cleaned = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7f })
        guard let colon = cleaned.firstIndex(of: ":") else { return cleaned }
        let scheme = cleaned[..<colon]
        if scheme.contains(where: { "/?#".contains($0) }) { return cleaned }  // relative path with a colon later
        switch scheme.lowercased() {
        case "http", "https": return cleaned
        case "mailto" where allowMail: return cleaned
        default: return nil
        }
    }
}
