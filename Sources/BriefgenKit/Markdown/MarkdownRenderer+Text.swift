import CCmarkGFM

/// The text of a body: its `[[wiki links]]` resolved and its actor mentions linked and recorded.
extension MarkdownRenderer {
    /// A part of a text node as rewritten: byte ranges are of the node's literal.
    enum Piece {
        case text(Range<Int>)
        case unresolved(String)
        case wiki(String)
        case mention(Range<Int>, actor: String)
    }

    /// Rewrites one text node: its `[[links]]` become links (or stay as written when they do not
    /// resolve), and each actor it names is recorded in `mentions` (with its paragraph and its
    /// sentence) and linked the first time on the page.
    func rewriteText(_ item: TreeWalk.TextItem, in parsed: CMark.Parsed, input: Input, resolved: [String: (LinkTable.Target, String?)],
                             paragraphs: [String], linkedActors: inout [Bool], cited: inout [Int: Set<String>],
                             lastSnippet: inout SentenceSnippet?, mentions: inout [Mention], into result: inout RenderedBody) {
        // The node's text where cmark keeps it: the node is only unlinked (`retire`), last, and
        // its literal is never set again while the bytes are read.
        guard let bytes = CMark.literalBytes(item.node) else { return }
        let findMentions = input.detectMentions && !item.insideHeading && !item.insideLink && !matcher.isEmpty
        guard findMentions || bytes.contains(0x5B) else { return }  // no mentions wanted and no "["
        // Offsets are UTF-8 bytes of the literal, so each mention costs its own length, not the text's.
        var pieces: [Piece] = []
        var changed = false
        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        for segment in Self.splitWikiLinks(bytes) {
            switch segment {
            case .wiki(let range):
                let raw = string(range)
                if resolved[raw] != nil && !item.insideLink {
                    pieces.append(.wiki(raw))
                    changed = true
                } else {
                    pieces.append(.unresolved("[[" + raw + "]]"))
                }
            case .text(let range):
                guard findMentions else {
                    pieces.append(.text(range))
                    break
                }
                var cursor = range.lowerBound
                for match in matcher.matches(inUTF8: UnsafeBufferPointer(rebasing: bytes[range])) where match.target != input.selfID {
                    let start = range.lowerBound + match.start, end = range.lowerBound + match.end
                    let snippet: String
                    if let paragraph = item.paragraph {
                        // A sentence naming several actors is made into a snippet once: its
                        // mentions share the one string.
                        let offset = item.offset + start
                        if let last = lastSnippet, last.paragraph == paragraph, last.span.contains(offset) {
                            snippet = last.snippet
                        } else {
                            var text = paragraphs[paragraph]
                            let (sentence, span) = text.withUTF8 { Snippet.spannedSentence(inUTF8: $0, around: offset) }
                            snippet = plainLabels(sentence, resolved)
                            lastSnippet = span.map { SentenceSnippet(paragraph: paragraph, span: $0, snippet: snippet) }
                        }
                    } else {
                        snippet = plainLabels(Snippet.sentence(inUTF8: bytes, around: start), resolved)
                    }
                    mentions.append(Mention(actor: match.target, text: string(start..<end),
                                                   paragraph: item.paragraph.map { $0 + 1 }, snippet: snippet))
                    guard !linkedActors[match.targetNumber] else { continue }
                    linkedActors[match.targetNumber] = true
                    pieces.append(.text(cursor..<start))
                    pieces.append(.mention(start..<end, actor: match.target))
                    cursor = end
                    changed = true
                }
                pieces.append(.text(cursor..<range.upperBound))
            }
        }
        guard changed else { return }
        for piece in pieces {
            switch piece {
            case .text(let range):
                if !range.isEmpty { cmark_node_insert_before(item.node, CMark.newText(UnsafeBufferPointer(rebasing: bytes[range]))) }
            case .unresolved(let text):
                cmark_node_insert_before(item.node, CMark.newText(text))
            case .wiki(let raw):
                let (target, fragment) = resolved[raw]!
                if target.kind == .article, let paragraph = item.paragraph { cited[paragraph, default: []].insert(target.id) }
                let wiki = WikiLink(raw: raw, line: 0, column: 0)
                let label = Self.label(wiki, target: target, fragment: fragment)
                if wiki.label == nil, !result.labelTargets.contains(target.id) {
                    result.labelTargets.append(target.id)
                }
                var extra = ""
                if wiki.label == nil, let fragment, Self.isParagraphID(fragment) {
                    extra = " title=\"\(Text.escapeHTML(target.title)), paragraph \(fragment.dropFirst())\""
                }
                let link = CMark.newCustom(
                    block: false,
                    enter: "<a class=\"xref xref-\(target.kind.rawValue)\" href=\"\(Text.escapeHTML(href(target, fragment)))\"\(extra)>",
                    exit: "</a>")
                cmark_node_append_child(link, CMark.newText(label))
                cmark_node_insert_before(item.node, link)
            case .mention(let range, let actor):
                let link = CMark.newCustom(block: false, enter: mentionMarkup[actor] ?? Self.mentionTag(links.target(actor)!, basePath), exit: "</a>")
                cmark_node_append_child(link, CMark.newText(UnsafeBufferPointer(rebasing: bytes[range])))
                cmark_node_insert_before(item.node, link)
            }
        }
        parsed.retire(item.node)
    }

    /// What a reader sees of a `[[link]]`: its label, the target's title, or for a citation of a
    /// paragraph "Experts' letter ¶4" (the full title is on hover).
    static func label(_ link: WikiLink, target: LinkTable.Target, fragment: String?) -> String {
        if let label = link.label { return label }
        if let fragment, isParagraphID(fragment) { return "\(target.short) ¶\(fragment.dropFirst())" }
        return target.title
    }

    /// Plain text (an excerpt, a mention's sentence) with each resolved `[[link]]` shown as its
    /// label, as on the page, never as markup.
    func plainLabels(_ text: String, _ resolved: [String: (LinkTable.Target, String?)]) -> String {
        guard Text.containsBytes(text, "[[") else { return text }
        return Text.withUTF8(text) { bytes in
            var out = ""
            for segment in Self.splitWikiLinks(bytes) {
                switch segment {
                case .text(let run):
                    out += String(decoding: UnsafeBufferPointer(rebasing: bytes[run]), as: UTF8.self)
                case .wiki(let range):
                    let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                    let link = WikiLink(raw: raw, line: 0, column: 0)
                    if let (target, fragment) = resolved[raw] {
                        out += Self.label(link, target: target, fragment: fragment)
                    } else {
                        out += link.label ?? link.target
                    }
                }
            }
            return out
        }
    }

    /// A run of a text node's bytes: plain text, or the inside of a `[[…]]`.
    enum Segment {
        case text(Range<Int>)
        case wiki(Range<Int>)
    }

    /// Splits UTF-8 text into plain runs and the insides of `[[…]]` runs, as byte ranges.
    static func splitWikiLinks(_ bytes: UnsafeBufferPointer<UInt8>) -> [Segment] {
        let open: UInt8 = 0x5B, close: UInt8 = 0x5D
        var segments: [Segment] = []
        var textStart = 0
        var index = 0
        let count = bytes.count
        while index + 1 < count {
            index = WikiLink.next(open, in: bytes, from: index)
            guard index + 1 < count else { break }
            guard bytes[index + 1] == open else {
                index += 1
                continue
            }
            // Inside: up to the first "]]", with no "[" in between (else "[[" is text).
            var inner = index + 2
            var nested = false
            while inner + 1 < count, !(bytes[inner] == close && bytes[inner + 1] == close) {
                if bytes[inner] == open { nested = true; break }
                inner += 1
            }
            if nested || inner + 1 >= count {
                index += 2
                continue
            }
            segments.append(.text(textStart..<index))
            segments.append(.wiki((index + 2)..<inner))
            index = inner + 2
            textStart = index
        }
        segments.append(.text(textStart..<count))
        return segments
    }

    /// `<p id="pN">`, followed for a source's paragraph by its mark (`<a class="para" href="#pN"
    /// aria-label="Paragraph N">¶N</a>`), written in one string of the right size: two arrays of
    /// pieces joined per paragraph cost about 1,900 instructions, most of a paragraph's own work.
    static func paragraphOpening(_ number: Int, marked: Bool) -> String {
        let open: StaticString = "<p id=\"p", close: StaticString = "\">"
        let markOpen: StaticString = "<a class=\"para\" href=\"#p", label: StaticString = "\" aria-label=\"Paragraph "
        let sign: StaticString = "\">¶", markClose: StaticString = "</a>"
        return Text.withDecimal(number) { digits in
            var count = open.utf8CodeUnitCount + digits.count + close.utf8CodeUnitCount
            if marked {
                count += markOpen.utf8CodeUnitCount + label.utf8CodeUnitCount + sign.utf8CodeUnitCount + markClose.utf8CodeUnitCount
                    + 3 * digits.count
            }
            return String(unsafeUninitializedCapacity: count) { buffer in
                var end = 0
                func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                    end += UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(fromContentsOf: bytes)
                }
                func put(_ text: StaticString) { put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
                put(open); put(digits); put(close)
                if marked { put(markOpen); put(digits); put(label); put(digits); put(sign); put(digits); put(markClose) }
                return end
            }
        }
    }
}
