import CCmarkGFM

/// Renders one Markdown body to HTML: a pure function of the body, the link table and the
/// actor matcher. Resolves `[[links]]`, links and records actor mentions, numbers paragraphs
/// (`#pN`), gives headings stable ids with anchor links, and neutralises unsafe URLs.
public struct MarkdownRenderer: Sendable {
    public var links: LinkTable { didSet { mentionMarkup = Self.mentionMarkup(links, basePath) } }
    public var matcher: MentionMatcher
    /// URL path the site lives under, e.g. `/` or `/brief/`.
    public var basePath: String { didSet { mentionMarkup = Self.mentionMarkup(links, basePath) } }
    /// The opening tag of a mention's link, by actor id: made once per build, not per mention.
    private(set) var mentionMarkup: [String: String] = [:]
    /// Files that failed to parse: links that may name one are not reported again.
    public var failed = FailedTargets()
    /// Files beside content (`content/notes/chart.png`), which relative links and images name.
    public var assets: Set<String> = []

    public init(links: LinkTable, matcher: MentionMatcher? = nil, basePath: String = "/", failed: FailedTargets = FailedTargets(),
                assets: Set<String> = []) {
        self.links = links
        self.matcher = matcher ?? MentionMatcher(links.mentionPatterns)
        self.basePath = basePath
        self.failed = failed
        self.assets = assets
        mentionMarkup = Self.mentionMarkup(links, basePath)
    }

    /// The opening tag of a link for each actor mentions are matched to.
    private static func mentionMarkup(_ links: LinkTable, _ basePath: String) -> [String: String] {
        var markup: [String: String] = [:]
        for pattern in links.mentionPatterns where markup[pattern.target] == nil {
            guard let target = links.target(pattern.target) else { continue }
            markup[pattern.target] = mentionTag(target, basePath)
        }
        return markup
    }

    /// The opening tag of a mention's link to `target`.
    static func mentionTag(_ target: LinkTable.Target, _ basePath: String) -> String {
        "<a class=\"mention\" href=\"\(Text.escapeHTML(basePath + target.urlPath))\" title=\"\(Text.escapeHTML(target.title))\">"
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
        /// Words for how many sources a paragraph's citations rest on ("single source").
        public var strings: Strings = .english

        public init(body: String, path: String, bodyLine: Int = 1, detectMentions: Bool = false,
                    allowHTML: Bool = false, untrusted: Bool = false, selfID: String? = nil, strings: Strings = .english) {
            self.strings = strings
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
        var selfCitations: [(fragment: String, location: SourceLocation)] = []
        let resolved = resolveWikiLinks(input, selfCitations: &selfCitations, into: &result)
        let parsed = CMark.parse(input.body, unsafe: input.allowHTML)
        cmark_consolidate_text_nodes(parsed.root)
        var walk = TreeWalk(root: parsed.root)
        // An actor the page already links to with [[…]] gets no extra mention link: a flag
        // per actor, by the matcher's number for it (a set of names hashed each name found).
        var linkedActors = [Bool](repeating: false, count: matcher.targetCount)
        for link in result.links {
            if let number = matcher.number(ofTarget: link.target) { linkedActors[number] = true }
        }
        // The sources each paragraph cites (`[[article#p3]]`), by paragraph.
        var cited: [Int: Set<String>] = [:]

        // The snippet made last, for the next mention in the same sentence (mentions come in
        // the order of the text).
        var lastSnippet: SentenceSnippet?
        // Gathered here and stored once: appended in place, each mention was an access to the
        // body's shared box, which the compiler checks for exclusivity at run time.
        var mentions: [Mention] = []
        for item in walk.texts {
            rewriteText(item, in: parsed, input: input, resolved: resolved, paragraphs: walk.paragraphTexts,
                        linkedActors: &linkedActors, cited: &cited, lastSnippet: &lastSnippet, mentions: &mentions, into: &result)
        }
        result.mentions = mentions
        for node in walk.linkNodes {
            rewriteLink(node, url: siteURL(CMark.url(node), image: false, node: node, input: input, into: &result),
                        untrusted: input.untrusted, in: parsed)
        }
        for node in walk.imageNodes {
            let url = siteURL(CMark.url(node), image: true, node: node, input: input, into: &result)
            cmark_node_set_url(node, Self.safeURL(url, allowMail: false) ?? "")
        }
        // Each heading's text, read once for the business sections and the heading's id.
        let headingTexts = walk.headings.map { Text.collapseWhitespace(CMark.plainText($0)) }
        result.businessSections = BusinessSections.find(root: parsed.root, paragraphIndex: walk.paragraphIndex,
                                                        headingTexts: Dictionary(zip(walk.headings, headingTexts)) { a, _ in a })
        rewriteHeadings(walk.headings, texts: headingTexts, in: parsed, into: &result)
        for (index, paragraph) in walk.paragraphs.enumerated() {
            // A paragraph of the site's own writing that cites sources says how many it rests on.
            var weight = ""
            if !input.untrusted, let sources = cited[index], !sources.isEmpty {
                weight = sources.count == 1
                    ? " <span class=\"weight single\">\(Text.escapeHTML(input.strings["weight_single"]))</span>"
                    : " <span class=\"weight\">\(Text.escapeHTML(input.strings.format("weight_many", ["n": String(sources.count)])))</span>"
            }
            // A source's paragraphs carry their number as a link to themselves, to cite.
            let wrapper = CMark.newCustom(block: true, enter: Self.paragraphOpening(index + 1, marked: input.untrusted),
                                          exit: weight + "</p>")
            CMark.moveChildren(from: paragraph, to: wrapper)
            parsed.replace(paragraph, with: wrapper)
        }
        result.paragraphCount = walk.paragraphs.count
        for (fragment, location) in selfCitations {
            if let (message, hint) = AnchorCheck.problem(fragment: fragment, target: input.selfID ?? input.path, body: result) {
                result.diagnostics.append(.error(location, message, hint: hint))
            }
        }
        result.excerpt = Text.truncateWords(plainLabels(walk.paragraphTexts.first(where: { !Text.words($0, limit: 1).words.isEmpty }) ?? "", resolved), 40)
        result.wordCount = walk.paragraphTexts.reduce(0) { $0 + Text.wordCount($1) }
        result.html = parsed.renderHTML()
        let text = SearchText.plainBytes(result.html)
        result.searchTerms = SearchText.terms(ofText: text)
        // Kept until the search index's text shards are made, at its own size (it was made in
        // room for the whole HTML) and no longer than a shard keeps.
        result.plainText = text.withUnsafeBufferPointer { Array(SearchText.cut($0, to: SearchIndex.textLimit)) }
        result.htmlHash = Checksum.hex(of: result.html)
        walk.release()
        return result
    }

    // MARK: - Wiki links

    /// Looks up every `[[link]]` once, reporting unknown targets at their line and column.
    private func resolveWikiLinks(_ input: Input, selfCitations: inout [(fragment: String, location: SourceLocation)],
                                  into result: inout RenderedBody) -> [String: (LinkTable.Target, String?)] {
        var resolved: [String: (LinkTable.Target, String?)] = [:]
        for link in WikiLink.scan(input.body) {
            let location = SourceLocation(file: input.path, line: input.bodyLine + link.line - 1, column: link.column)
            switch links.resolve(link.target) {
            case .found(let target, let fragment, _):
                resolved[link.raw] = (target, fragment)
                if links.isOldName(link.target) {
                    let name = links.currentName(of: target)
                    result.diagnostics.append(.warning(
                        location, "link target \"\(link.target)\" is an old name of \(target.id), which moved",
                        hint: "did you mean \"\(name + (fragment.map { "#" + $0 } ?? ""))\"?"))
                }
                if target.id != input.selfID {
                    result.links.append(LinkRef(target: target.id, fragment: fragment, line: location.line, column: location.column))
                } else if let fragment {
                    selfCitations.append((fragment, location))
                }
            case .unknown(let suggestion):
                // A link to a file that failed to parse: that file's error is the one to fix.
                if failed.covers(link.target, suggestion: suggestion) { continue }
                result.diagnostics.append(.error(
                    location, "unknown link target \"\(link.target)\"",
                    hint: suggestion.map { "did you mean \"\($0)\"?" }
                        ?? "link to a slug, kind/slug (events/ban-imposed) or an actor's name"))
            }
        }
        return resolved
    }

    func href(_ target: LinkTable.Target, _ fragment: String?) -> String {
        basePath + target.urlPath + (fragment.map { "#" + $0 } ?? "")
    }

    // MARK: - Links and headings

    private func rewriteLink(_ node: OpaquePointer, url: String, untrusted: Bool, in parsed: CMark.Parsed) {
        let url = Self.safeURL(url, allowMail: true) ?? ""
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

    /// A URL written in Markdown as the site serves it: a root-relative one under the base
    /// path; a relative one naming a file beside content (any image, or a link to a file of a
    /// published type) at that file's published path, checked to exist.
    private func siteURL(_ url: String, image: Bool, node: OpaquePointer, input: Input, into result: inout RenderedBody) -> String {
        guard let first = url.first, first != "#", !url.hasPrefix("//") else { return url }
        if first == "/" { return basePath + url.dropFirst() }
        let path = url.prefix { $0 != "?" && $0 != "#" }
        if let colon = path.firstIndex(of: ":"), !path[..<colon].contains("/") { return url }  // has a scheme
        let ext = path.split(separator: ".").count > 1 ? path.split(separator: ".").last!.lowercased() : ""
        guard image || ContentAssets.extensions.contains(ext) else { return url }
        let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
        let location = SourceLocation(file: input.path, line: input.bodyLine + max(line, 1) - 1, column: max(column, 1))
        guard let file = ContentAssets.resolve(url, from: input.path) else {
            result.diagnostics.append(.error(location, "\"\(url)\" leaves the content folder", hint: "link to files inside content/"))
            return url
        }
        guard assets.contains(file) else {
            result.diagnostics.append(.error(
                location, "no file \(file) for \"\(url)\"",
                hint: ContentAssets.extensions.contains(ext)
                    ? "files beside content are published with their page: put it beside the Markdown file, or fix the path"
                    : "files beside content are published when they are .\(ContentAssets.extensions.sorted().joined(separator: ", ."))"))
            return url
        }
        return basePath + ContentAssets.outputPath(file) + url.dropFirst(path.count)
    }

    private func rewriteHeadings(_ headings: [OpaquePointer], texts: [String], in parsed: CMark.Parsed, into result: inout RenderedBody) {
        var used = Set<String>()
        for (heading, text) in zip(headings, texts) {
            // The page's title is its one <h1>: a `# Title` in a body becomes a section.
            let level = max(2, Int(cmark_node_get_heading_level(heading)))
            let base = Text.slugify(text).isEmpty ? "section" : Text.slugify(text)
            var id = base
            var n = 1
            // Paragraph ids are p1, p2…: never let a heading take one.
            while used.contains(id) || Self.isParagraphID(id) {
                id = "\(base)-\(n)"
                n += 1
            }
            used.insert(id)
            result.anchors.append(id)
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
