import Foundation

/// Contexts of the pages about one document: actor, source, event, business, note.
extension PageReader {
    /// The page of a document; for an actor, page `number` of its mention list (pages 2… show
    /// the actor's header and that page of mentions only).
    func documentPage(_ id: String, page number: Int = 1) -> PageThunks {
        let backlinks = once { self.backlinkGroups(id) }
        let related = once { self.refs(self.meta(id).fields.related) }
        let disputes = once { self.disputeQuestions(id) }
        var thunks: PageThunks = [
            "body": { self.body(id) },
            "toc": { self.toc(id).map { entry in LazyObject(values: ["level": entry.level, "id": entry.id, "text": entry.text]) } },
            "hasToc": { self.toc(id).count >= 3 },
            "backlinks": backlinks, "hasBacklinks": { !backlinks().isEmpty },
        ]
        let extra: PageThunks = switch kind(id) {
        case .actor: actorPage(id, page: number).adding(actorCharts(id))
        case .article: articlePage(id)
        case .event: ["event": { self.eventRef(id) }, "disputes": disputes, "hasDisputes": { !disputes().isEmpty }]
        case .business: businessPage(id, related: related)
        case .note: ["note": {
            LazyObject(["title": { self.title(id) }, "related": related, "hasRelated": { !related().isEmpty }])
        }]
        }
        thunks = thunks.adding(extra)
        if number > 1 {
            let empty: PageThunks = [
                "body": { "" }, "toc": { [Any]() }, "hasToc": { false }, "backlinks": { [Any]() }, "hasBacklinks": { false },
                "events": { [Any]() }, "hasEvents": { false }, "alongside": { [Any]() }, "hasAlongside": { false },
                "timelineChart": { Absent() }, "network": { Absent() },
            ]
            thunks = empty.adding(thunks)
        }
        return thunks
    }

    func actorPage(_ id: String, page number: Int) -> PageThunks {
        let mentions = once { self.mentionGroups(id, page: number) }
        let alongside = once {
            self.coMentions(id).prefix(8).compactMap { pair -> LazyObject? in
                guard self.exists(pair.actor) else { return nil }
                return LazyObject(["title": { self.title(pair.actor) }, "url": { self.documentURL(pair.actor) },
                                   "count": { pair.count }])
            }
        }
        return [
            "actor": {
                LazyObject([
                    "title": { self.title(id) }, "kind": { optional(self.meta(id).fields.actorKind) },
                    "summary": { optional(self.summary(id)) },
                    "aliases": { optional(self.meta(id).fields.aliases.joined(separator: ", ")) },
                    "country": { optional(self.meta(id).fields.country) },
                    "affiliation": {
                        self.refs(self.meta(id).fields.affiliation.map { [$0] } ?? [], kind: .actor).first.map { $0 as Any } ?? Absent()
                    },
                ])
            },
            "events": { self.events(ofActor: id).map(self.eventRef) }, "hasEvents": { !self.events(ofActor: id).isEmpty },
            "mentions": { TemplateValue.rows(mentions()) }, "hasMentions": { mentions().count > 0 },
            "alongside": alongside, "hasAlongside": { !alongside().isEmpty },
        ]
    }

    /// Mentions grouped by page (sources first, then by title), the pages on page `number` of
    /// the actor's mention list: every passage, the first three shown and the rest folded away.
    ///
    /// Only a passage's snippet and paragraph are taken from its mention, read where it lies in
    /// its source's body (`SiteIndex.mentions(of:in:)`, found for the whole page at once). The
    /// sources' titles are looked up together: each is memory the bodies stage wrote long
    /// before, cold in the cache by the time pages render, and look-ups that do not depend on
    /// one another's results can be in flight together. The groups and passages are rows of
    /// tables (`MentionGroupRows`), not an object each.
    func mentionGroups(_ actor: String, page number: Int = 1) -> MentionGroupRows {
        // The words of the labels, looked up once a page rather than once a source: a page
        // lists fifty sources, most of one kind and named a few times each.
        let strings = self.strings
        var kindLabels = [String?](repeating: nil, count: DocumentKind.allCases.count)
        var countLabels = [String?](repeating: nil, count: 17)  // counts above 16 are worded each time
        let sources = listItems(.mentions(actor: actor), page: number)
        var groups = MentionGroupRows.Table(sources: sources, titles: lookUpTitles(sources))
        for (source, found) in zip(sources, model.index.mentions(of: actor, in: sources)) {
            // A source's words are quoted (its own quotation marks become single ones inside
            // ours); a note's or a page's own words are shown as theirs, without quotation marks.
            let sourceKind = kind(source)
            let quoted = sourceKind == .article
            let sourceURL = documentURL(source)
            let count = found.count
            // A source names an actor a few times: the passages kept so far are compared, not
            // hashed, unless there are many. Each is read where it lies and copied once, into
            // the table (a copy is a reference counted on memory cold in the cache).
            var kept: [UnsafePointer<Mention>] = []
            var seen = Set<String>()
            found.forEach { mention in
                if count <= 16 {
                    guard !kept.contains(where: { $0.pointee.storedSnippet == mention.pointee.storedSnippet }) else { return }
                    kept.append(mention)
                } else {
                    guard seen.insert(mention.pointee.snippet).inserted else { return }
                }
                let snippet = mention.pointee.snippet
                groups.addPassage(quoted ? Self.nestedQuotes(snippet) : snippet,
                                  url: mention.pointee.paragraph.map { Self.paragraphURL(sourceURL, $0) } ?? sourceURL)
            }
            // What kind of page the passages come from, and how many, in the site's language.
            let place = sourceKind.place
            let label = kindLabels[place] ?? strings["mentioning_" + sourceKind.rawValue]
            kindLabels[place] = label
            let countLabel = count < countLabels.count ? countLabels[count] ?? strings.count(count, "mention_count")
                : strings.count(count, "mention_count")
            if count < countLabels.count { countLabels[count] = countLabel }
            groups.closeGroup(url: sourceURL, kindLabel: label, countLabel: countLabel, quoted: quoted) {
                strings.count($0, "more_passages")
            }
        }
        return MentionGroupRows(groups, reader: self)
    }

    /// `url#pN`, made in one string of the right size (a passage's link, hundreds on an
    /// actor's page).
    static func paragraphURL(_ url: String, _ paragraph: Int) -> String {
        String(joining: url, "#p", String(paragraph))
    }

    /// Text to put inside double quotation marks: its own double quotes become single ones.
    ///
    /// Worked on UTF-8 bytes: a quotation mark is replaced when it is a character of its own,
    /// as the `Character` comparison below decides; text where that is in doubt (a mark beside
    /// a non-ASCII scalar that could join it) takes that comparison.
    static func nestedQuotes(_ text: String) -> String {
        if let bytes = Text.withUTF8(text, { nestedQuotesUTF8($0) }) {
            return bytes.isEmpty ? text : String(decoding: bytes, as: UTF8.self)
        }
        return nestedQuotesByCharacter(text)
    }

    /// `nestedQuotes` on bytes: empty when there is nothing to replace, nil when a quotation
    /// mark might not be a character of its own (then only `Character`s can tell).
    private static func nestedQuotesUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var copied = 0
        var open = true
        let count = bytes.count
        // Most passages hold no quotation mark: the first byte that could start one (`"`, or
        // the lead byte of `“`/`”`) is found by the C library's vector search, and the loop
        // below starts there (it went byte by byte through every passage of an actor's page).
        guard let base = bytes.baseAddress else { return [] }
        let start = UnsafeRawPointer(base)
        let quote = memchr(start, 0x22, count).map { UnsafeRawPointer($0) - start } ?? count
        let lead = memchr(start, 0xE2, quote).map { UnsafeRawPointer($0) - start } ?? quote
        var index = lead
        while index < count {
            let byte = bytes[index]
            let length: Int
            let replacement: (UInt8, UInt8, UInt8)
            if byte == 0x22 {
                length = 1
                replacement = open ? (0xE2, 0x80, 0x98) : (0xE2, 0x80, 0x99)
                open.toggle()
            } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9D {
                length = 3
                let opening = bytes[index + 2] == 0x9C
                replacement = opening ? (0xE2, 0x80, 0x98) : (0xE2, 0x80, 0x99)
                open = !opening
            } else {
                index += 1
                continue
            }
            // Beside ASCII (or the text's ends) a mark is a character of its own.
            if index > 0 && bytes[index - 1] >= 0x80 || index + length < count && bytes[index + length] >= 0x80 {
                guard standsAlone(bytes, at: index, length: length) else { return nil }
            }
            if out.isEmpty { out.reserveCapacity(count + 16) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
            out.append(replacement.0)
            out.append(replacement.1)
            out.append(replacement.2)
            index += length
            copied = index
        }
        if !out.isEmpty { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...])) }
        return out
    }

    /// Whether the scalar at `index` (of `length` bytes) is a character of its own between the
    /// scalars either side of it.
    private static func standsAlone(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Bool {
        var start = index, end = index + length
        if start > 0 {
            start -= 1
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        }
        if end < bytes.count {
            end += 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        }
        let window = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        let mark = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self)
        return window.contains(Character(mark))
    }

    private static func nestedQuotesByCharacter(_ text: String) -> String {
        var out = ""
        var open = true
        for ch in text {
            switch ch {
            case "\u{201C}": out.append("\u{2018}"); open = false
            case "\u{201D}": out.append("\u{2019}"); open = true
            case "\"": out.append(open ? "\u{2018}" : "\u{2019}"); open.toggle()
            default: out.append(ch)
            }
        }
        return out
    }

    /// A heading shown as a label before its text: "Why this matters:", but never "…?:".
    static func label(_ heading: String) -> String {
        guard let last = heading.last else { return heading }
        return ".:?!".contains(last) ? heading : heading + ":"
    }

    private static let countedKeys = ["title", "url", "count"]

    func articlePage(_ id: String) -> PageThunks {
        let actors = once {
            var counts = self.mentionCounts(id)
            // Actors listed in front matter appear even when the text never names them.
            for name in self.meta(id).fields.actors {
                if let (target, _) = self.resolve(name), self.kind(target) == .actor, !counts.contains(where: { $0.actor == target }) {
                    counts.append((target, 0))
                }
            }
            // Each actor looked up in the link table once: whether it is on the site, its title.
            var named: [(id: String, count: Int, title: String)] = []
            named.reserveCapacity(counts.count)
            for (actor, count) in counts {
                guard let title = self.model.links.withTarget(actor, { $0.title }) else { continue }
                self.log.record(.title, actor)
                named.append((actor, count, title))
            }
            let sorted = named.sorted { ($1.count, $0.title, $0.id) < ($0.count, $1.title, $1.id) }
            return ComputedRows(count: sorted.count, keys: Self.countedKeys) { row, key in
                let actor = sorted[row]
                switch key {
                case "title": return .text(actor.title)
                case "url": return .text(self.documentURL(actor.id))
                case "count": return actor.count > 0 ? .number(actor.count) : .absent
                default: return nil
                }
            }
        }
        let citedBy = once { self.events(citing: id).map(self.eventRef) }
        return [
            "article": {
                LazyObject([
                    "title": { self.title(id) }, "outlet": { self.meta(id).fields.outlet ?? self.strings["outlet_unknown"] },
                    "author": { optional(self.meta(id).fields.author) },
                    "published": { optional(self.meta(id).fields.published.map(self.strings.date)) },
                    "url": { optional(self.meta(id).fields.url.flatMap { MarkdownRenderer.safeURL($0, allowMail: false) }) },
                ])
            },
            "actorsMentioned": { TemplateValue.rows(actors()) }, "hasActorsMentioned": { actors().count > 0 },
            "sections": {
                self.sections(id).map {
                    LazyObject(values: ["heading": $0.heading, "label": Self.label($0.heading), "text": $0.text,
                                        "url": "#p\($0.paragraphs.first ?? 1)"])
                }
            },
            "hasSections": { !self.sections(id).isEmpty },
            "citedBy": citedBy, "hasCitedBy": { !citedBy().isEmpty },
        ]
    }

    func businessPage(_ id: String, related: @escaping () -> [LazyObject]) -> PageThunks {
        ["business": {
            LazyObject([
                "title": { self.title(id) }, "summary": { optional(self.summary(id)) },
                "audience": { optional(self.meta(id).fields.audience.joined(separator: ", ")) },
                "actions": {
                    self.meta(id).fields.actions.map { action in
                        LazyObject([
                            "text": { action.text }, "owner": { optional(action.owner) }, "when": { optional(action.when) },
                            "priority": { optional(action.priority) }, "rule": { optional(action.rule) },
                            "hasDetails": { action.owner != nil || action.when != nil || action.priority != nil || action.rule != nil },
                        ])
                    }
                },
                "hasActions": { !self.meta(id).fields.actions.isEmpty },
                "related": related, "hasRelated": { !related().isEmpty },
            ])
        }]
    }
}
