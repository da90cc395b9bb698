/// Builds the Mustache context of each page from the site index: a pure function of its inputs.
/// Every key a template may read is always present (optional values are `Absent`), so the
/// template variable check knows the full vocabulary.
public struct ContextBuilder: Sendable {
    public var config: SiteConfig
    public var index: SiteIndex
    public var links: LinkTable

    public init(config: SiteConfig, index: SiteIndex, links: LinkTable) {
        self.config = config
        self.index = index
        self.links = links
    }

    var base: String { config.basePath }

    func url(_ urlPath: String) -> String { base + urlPath }

    func document(_ id: String) -> Document? { index.documents[id] }

    /// The context for one page.
    public func context(for spec: PageSpec) -> [String: Any] {
        var context: [String: Any]
        var title: String
        var description: String? = nil
        switch spec.kind {
        case .home: (context, title) = (home(), config.title); description = config.description
        case .timeline: (context, title) = (timeline(), "Timeline")
        case .actors: (context, title) = (actorsIndex(), "Actors")
        case .articles: (context, title) = (articlesIndex(), "Sources")
        case .businessIndex: (context, title) = (businessIndex(), "What this means for your business")
        case .notes: (context, title) = (notesIndex(), "Notes")
        case .disputes: (context, title) = (disputes(), "Disputed facts")
        case .notFound: (context, title) = ([:], "Page not found")
        case .actor, .article, .event, .business, .note:
            let doc = document(spec.document!)!
            title = doc.title
            description = doc.summary ?? index.bodies[doc.id]?.excerpt
            context = documentPage(doc)
        }
        context["site"] = siteContext
        context["nav"] = nav(current: spec.kind)
        context["page"] = [
            "title": title, "url": url(spec.urlPath), "canonical": config.absoluteURL(spec.urlPath),
            "kind": spec.kind.rawValue, "description": optional(description),
        ] as [String: Any]
        return context
    }

    var siteContext: [String: Any] {
        [
            "title": config.title, "description": optional(config.description), "language": config.language,
            "base": base, "baseURL": config.baseURL,
        ]
    }

    func nav(current: PageSpec.Kind) -> [[String: Any]] {
        let items: [(String, String, [PageSpec.Kind])] = [
            ("Briefing", "", [.home]), ("Timeline", "timeline/", [.timeline, .event]),
            ("Actors", "actors/", [.actors, .actor]), ("For your business", "business/", [.businessIndex, .business]),
            ("Sources", "articles/", [.articles, .article]), ("Disputes", "disputes/", [.disputes]),
            ("Notes", "notes/", [.notes, .note]),
        ]
        return items.map { ["title": $0.0, "url": url($0.1), "current": $0.2.contains(current)] }
    }

    // MARK: - References

    /// `{title, url, kind}` of a document.
    func ref(_ id: String, fragment: String? = nil) -> [String: Any] {
        guard let doc = document(id) else { return ["title": id, "short": id, "url": url(""), "kind": ""] }
        return ["title": doc.title, "short": doc.fields.short ?? Text.truncateWords(doc.title, 6),
                "url": url(doc.urlPath) + (fragment.map { "#" + $0 } ?? ""), "kind": doc.kind.rawValue]
    }

    /// Resolved references of a front-matter list, of one kind or any, in the order written.
    func refs(_ names: [String], kind: DocumentKind? = nil) -> [[String: Any]] {
        var seen = Set<String>()
        var result: [[String: Any]] = []
        for name in names {
            guard case .found(let target, let fragment, _) = links.resolve(name),
                  kind == nil || target.kind == kind, index.documents[target.id] != nil,
                  seen.insert(target.id + (fragment ?? "")).inserted else { continue }
            result.append(ref(target.id, fragment: fragment))
        }
        return result
    }

    func dateContext(_ date: PartialDate?) -> [String: Any] {
        guard let date else {
            return ["iso": "", "display": "Undated", "precision": "unknown", "precisionLabel": "undated", "exact": false]
        }
        let label = switch date.precision {
        case .day: "exact day"
        case .month: "month only"
        case .year: "year only"
        case .approximate: "approximate"
        }
        return ["iso": date.iso, "display": date.display, "precision": date.precision.rawValue,
                "precisionLabel": label, "exact": date.precision == .day]
    }

    /// Everything the `event-item` partial shows.
    func eventRef(_ id: String) -> [String: Any] {
        let event = document(id)!
        let actors = refs(event.fields.actors, kind: .actor)
        let sources = refs(event.fields.sources, kind: .article)
        return [
            "slug": event.slug, "title": event.title, "url": url(event.urlPath),
            "date": dateContext(event.fields.date),
            "summary": optional(event.summary ?? index.bodies[id]?.excerpt),
            "isDisputed": !event.fields.disputed.isEmpty,
            "hasActors": !actors.isEmpty, "actors": actors, "hasSources": !sources.isEmpty, "sources": sources,
        ]
    }

    /// Backlinks grouped by the kind of the page that links.
    func backlinks(_ id: String) -> [String: Any] {
        let entries = index.backlinks[id] ?? []
        var byKind: [DocumentKind: [String: Set<SiteIndex.Backlink.Reason>]] = [:]
        for entry in entries {
            guard let kind = document(entry.source)?.kind else { continue }
            byKind[kind, default: [:]][entry.source, default: []].insert(entry.reason)
        }
        let groups: [[String: Any]] = byKind.keys.sorted().map { kind in
            let items: [[String: Any]] = byKind[kind]!.keys.sorted { a, b in
                (document(a)!.title, a) < (document(b)!.title, b)
            }.map { source in
                let reasons = byKind[kind]![source]!
                let how = reasons.contains(.link) ? "links here" : reasons.contains(.mention) ? "mentions" : "lists"
                var item = ref(source)
                item["how"] = how
                return item
            }
            return ["title": kind.pluralTitle, "items": items]
        }
        return ["hasBacklinks": !groups.isEmpty, "backlinks": groups]
    }
}
