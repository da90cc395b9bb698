/// Builds the lazy Mustache context of each page. Every key a template may read is always
/// present (optional values are `Absent`), so the template variable check knows the full
/// vocabulary; values are computed, and their slices logged, only when the template reads them.
extension PageReader {
    /// The context for one page.
    func context(for spec: PageSpec) -> LazyObject {
        var thunks: PageThunks
        var title: () -> String
        var description: () -> String? = { nil }
        switch spec.kind {
        case .home:
            (thunks, title) = (home(), { self.config.title })
            description = { self.config.description }
        case .timeline:
            (thunks, title) = (timelinePage(spec.number).adding(timelineCharts(spec.number)), { self.strings["timeline"] })
        case .actors: (thunks, title) = (actorsIndex().adding(actorsCharts()), { self.strings["actors"] })
        case .articles: (thunks, title) = (articlesIndex(spec.number), { self.strings["sources"] })
        case .businessIndex: (thunks, title) = (businessIndex(spec.number), { self.strings["business_title"] })
        case .notes: (thunks, title) = (notesIndex(spec.number), { self.strings["notes"] })
        case .disputes: (thunks, title) = (disputesPage(spec.number), { self.strings["disputed_facts"] })
        case .changes: (thunks, title) = (changesPage(), { self.strings["what_changed"] })
        case .notFound: (thunks, title) = ([:], { self.strings["page_not_found"] })
        case .redirect:
            let id = spec.document!
            thunks = ["target": {
                LazyObject(["title": { self.title(id) }, "url": { self.documentURL(id) },
                            "canonical": { self.config.absoluteURL(self.urlPath(id)) }])
            }]
            title = { self.strings["moved_title"] }
        case .search: (thunks, title) = ([:], { self.strings["search"] })
        case .actor, .article, .event, .business, .note:
            let id = spec.document!
            thunks = documentPage(id, page: spec.number)
            title = { self.title(id) }
            description = { self.description(id) }
        }
        let list = spec.list
        let common: PageThunks = [
            "site": { self.siteContext }, "t": { self.stringTable }, "nav": { TemplateValue.rows(self.nav(current: spec.kind)) },
            "pager": { self.pager(list: list, number: spec.number) },
            "page": {
                LazyObject([
                    "title": { self.pagedTitle(title(), list: list, number: spec.number) }, "url": { self.url(spec.urlPath) },
                    "canonical": { self.config.absoluteURL(spec.urlPath) },
                    "kind": { spec.kind.rawValue }, "description": { optional(description()) },
                    "isHome": { spec.kind == .home },
                ])
            },
        ]
        return LazyObject(common.adding(thunks))
    }

    /// The site's own values (`{{site.title}}`…), made once for every page (`SiteValues`):
    /// reading them reads the site's configuration.
    var siteContext: TemplateValue {
        log.recordConfig()
        return .row(model.siteValues, 0)
    }

    /// The interface strings (`{{t.KEY}}`), shared by every page; reading them reads the
    /// site's configuration.
    var stringTable: StringTable {
        log.recordConfig()
        return model.stringTable
    }

    /// The site's sections: the string naming each, its path, and the kinds of page in it.
    private static let navItems: [(title: String, path: String, kinds: [PageSpec.Kind])] = [
        ("nav_briefing", "", [.home]), ("timeline", "timeline/", [.timeline, .event]),
        ("actors", "actors/", [.actors, .actor]), ("nav_business", "business/", [.businessIndex, .business]),
        ("sources", "articles/", [.articles, .article]), ("nav_disputes", "disputes/", [.disputes]),
        ("notes", "notes/", [.notes, .note]),
    ]
    private static let navKeys = ["title", "url", "current"]

    /// The navigation, one row per section (on every page: rows, not an object each).
    func nav(current: PageSpec.Kind) -> ComputedRows {
        ComputedRows(count: Self.navItems.count, keys: Self.navKeys) { row, key in
            let item = Self.navItems[row]
            switch key {
            case "title": return .text(self.strings[item.title])
            case "url": return .text(self.url(item.path))
            case "current": return .flag(item.kinds.contains(current))
            default: return nil
            }
        }
    }

    // MARK: - References

    private static let refKeys = ["title", "short", "url", "kind"]

    /// `{title, short, url, kind}` of a document.
    func ref(_ id: String, fragment: String? = nil) -> LazyObject {
        LazyObject(keys: Self.refKeys) { key in
            switch key {
            case "title": self.title(id)
            // A reference to one paragraph of a source reads as its citation: "Partial lift report ¶5".
            case "short": self.short(id) + (fragment.map { MarkdownRenderer.isParagraphID($0) ? " ¶" + $0.dropFirst() : "" } ?? "")
            case "url": self.documentURL(id) + (fragment.map { "#" + $0 } ?? "")
            default: self.kind(id).rawValue
            }
        }
    }

    /// Resolved references of a front-matter list, of one kind or any, in the order written.
    func refs(_ names: [String], kind: DocumentKind? = nil) -> [LazyObject] {
        var seen = Set<String>()
        var result: [LazyObject] = []
        for name in names {
            guard let (id, fragment) = resolve(name), kind == nil || self.kind(id) == kind, exists(id),
                  seen.insert(id + (fragment ?? "")).inserted else { continue }
            result.append(ref(id, fragment: fragment))
        }
        return result
    }

    func dateContext(_ date: PartialDate?) -> LazyObject {
        let strings = self.strings
        guard let date else {
            return LazyObject(values: ["iso": "", "display": strings["undated"], "precision": "unknown",
                                       "precisionLabel": strings["undated_lower"], "exact": false])
        }
        var label = strings["precision_" + date.precision.rawValue]
        if !date.yearStated { label = date.precision == .day ? strings["year_not_stated"] : label + ", " + strings["year_not_stated"] }
        return LazyObject(values: ["iso": date.iso, "display": strings.date(date), "precision": date.precision.rawValue,
                                   "precisionLabel": label, "exact": date.precision == .day && date.yearStated])
    }

    private static let eventKeys = ["slug", "title", "url", "timelineURL", "date", "summary", "isDisputed", "disputes", "hasActors", "actors",
                                    "hasSources", "sources", "weight", "singleSource"]

    /// Everything the `event-item` partial shows.
    func eventRef(_ id: String) -> LazyObject {
        let actors = once { self.refs(self.meta(id).fields.actors, kind: .actor) }
        let sources = once { self.refs(self.meta(id).fields.sources, kind: .article) }
        let distinct = once { self.distinctSources(self.meta(id).fields.sources) }
        return LazyObject(keys: Self.eventKeys) { key -> Any in
            switch key {
            case "slug": String(Document.slug(ofID: id))
            case "title": self.title(id)
            case "url": self.documentURL(id)
            case "date": self.dateContext(self.meta(id).fields.date)
            case "summary": optional(self.description(id))
            case "isDisputed": !self.meta(id).fields.disputed.isEmpty
            case "timelineURL": self.itemURL(in: .timeline, item: id, anchor: String(Document.slug(ofID: id)))
            case "disputes":
                self.meta(id).fields.disputed.map { dispute in
                    LazyObject(values: ["question": dispute.question, "url": self.disputeURL(event: id, question: dispute.question)])
                }
            case "hasActors": !actors().isEmpty
            case "actors": actors()
            case "hasSources": !sources().isEmpty
            case "sources": sources()
            case "weight": self.weight(distinct())
            default: distinct() == 1
            }
        }
    }

    /// How many different articles a list of source references names (paragraphs of one article
    /// count once).
    func distinctSources(_ names: [String]) -> Int {
        Set(names.compactMap { name in resolve(name).flatMap { kind($0.id) == .article && exists($0.id) ? $0.id : nil } }).count
    }

    /// How many distinct sources carry a claim, in words: "single source", "reported by 3 sources".
    func weight(_ count: Int) -> String {
        switch count {
        case 0: strings["weight_none"]
        case 1: strings["weight_single"]
        default: strings.format("weight_many", ["n": String(count)])
        }
    }

    /// The interface text in the site's language (read through `config`, so logged with it).
    var strings: Strings { config.strings }

    /// The URL of a disputed question on the page of the disputes list that holds its event.
    func disputeURL(event id: String, question: String) -> String {
        itemURL(in: .disputes, item: id, anchor: Self.disputeAnchor(event: id, question: question))
    }

    /// The stable anchor of a disputed question on the disputes page: `ban-imposed--when-was-it-imposed`.
    static func disputeAnchor(event id: String, question: String) -> String {
        let slug = Text.slugify(question)
        return String(Document.slug(ofID: id)) + "--" + (slug.isEmpty ? "question" : slug)
    }

    private static let backlinkKeys = ["title", "url", "how", "kind", "short"]

    /// Backlinks grouped by the kind of the page that links.
    ///
    /// The index gives them by source, then reason (`link`, `mention`, `metadata`, without
    /// repeats): a source's reasons are one run, and its first other than `mention` says how it
    /// points here. A page that only names an actor in its text is not listed: an actor's page
    /// lists every such passage in its mention list (paginated, with the passages), and the
    /// same sources again here made a wall of hundreds of links on a much-mentioned actor's page.
    func backlinkGroups(_ id: String) -> [LazyObject] {
        typealias Source = (id: String, reason: SiteIndex.Backlink.Reason, target: LinkTable.Target)
        var byKind = [[Source]](repeating: [], count: DocumentKind.allCases.count)
        var last: String?
        for entry in backlinks(id) where entry.source != last && entry.reason != .mention {
            last = entry.source
            // One look-up in the link table per source tells whether it is on the site and gives
            // its title and short name (its `title` slice), recorded once: an actor's
            // page lists about a thousand backlinks, and each look-up is a search of the table.
            guard let target = model.links.target(entry.source) else { continue }
            log.record(.title, entry.source)
            byKind[kind(entry.source).place].append((entry.source, entry.reason, target))
        }
        return DocumentKind.allCases.sorted().compactMap { kind -> LazyObject? in
            let sources = byKind[kind.place]
            guard !sources.isEmpty else { return nil }
            let items = sources.sorted { ($0.target.title, $0.id) < ($1.target.title, $1.id) }
            let (links, lists) = (strings["how_links"], strings["how_lists"])
            let rows = ComputedRows(count: items.count, keys: Self.backlinkKeys) { row, key in
                let item = items[row]
                switch key {
                case "title": return .text(item.target.title)
                case "url": return .text(self.documentURL(item.id))
                case "how": return .text(item.reason == .link ? links : lists)
                case "kind": return .text(kind.rawValue)
                case "short": return .text(Self.shortLabel(item.target))
                default: return nil
                }
            }
            return LazyObject(["title": { kind.pluralTitle }, "items": { TemplateValue.rows(rows) }])
        }
    }
}
