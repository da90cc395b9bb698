/// Contexts of the pages about one document: actor, source, event, business, note.
extension ContextBuilder {
    func documentPage(_ doc: Document) -> [String: Any] {
        let body = index.bodies[doc.id] ?? RenderedBody()
        var context: [String: Any] = [
            "body": body.html, "toc": body.toc.map { ["level": $0.level, "id": $0.id, "text": $0.text] as [String: Any] },
            "hasToc": body.toc.count >= 3,
        ]
        context.merge(backlinks(doc.id)) { a, _ in a }
        switch doc.kind {
        case .actor: context.merge(actorPage(doc)) { a, _ in a }
        case .article: context.merge(articlePage(doc, body: body)) { a, _ in a }
        case .event: context.merge(eventPage(doc)) { a, _ in a }
        case .business: context.merge(businessPage(doc)) { a, _ in a }
        case .note:
            let related = refs(doc.fields.related)
            context["note"] = ["title": doc.title, "related": related, "hasRelated": !related.isEmpty] as [String: Any]
        }
        return context
    }

    func actorPage(_ actor: Document) -> [String: Any] {
        let events = (index.eventsByActor[actor.id] ?? []).map(eventRef)
        // Mentions grouped by page, in page order; up to three snippets each.
        var order: [String] = []
        var bySource: [String: [SiteIndex.MentionRef]] = [:]
        for mention in index.mentions[actor.id] ?? [] {
            if bySource[mention.source] == nil { order.append(mention.source) }
            bySource[mention.source, default: []].append(mention)
        }
        let mentions: [[String: Any]] = order.sorted { (document($0)!.kind, document($0)!.title, $0) < (document($1)!.kind, document($1)!.title, $1) }
            .map { source in
                let all = bySource[source]!
                var seen = Set<String>()
                let unique = all.filter { seen.insert($0.snippet).inserted }
                let shown = unique.prefix(3).map { mention -> [String: Any] in
                    ["snippet": mention.snippet,
                     "url": url(document(source)!.urlPath) + (mention.paragraph.map { "#p\($0)" } ?? "")]
                }
                let extra = unique.count - shown.count
                var sourceRef = ref(source)
                sourceRef["kind"] = document(source)!.kind == .article ? "source" : document(source)!.kind.rawValue
                return ["source": sourceRef, "count": all.count == 1 ? "1 mention" : "\(all.count) mentions",
                        "items": shown, "more": optional(extra > 0 ? "and \(extra) more passage\(extra == 1 ? "" : "s")" : nil)]
            }
        let alongside: [[String: Any]] = (index.coMentions[actor.id] ?? []).prefix(8).compactMap { pair in
            guard document(pair.actor) != nil else { return nil }
            var item = ref(pair.actor)
            item["count"] = pair.count
            return item
        }
        let affiliation: Any = refs(actor.fields.affiliation.map { [$0] } ?? [], kind: .actor).first ?? Absent()
        return [
            "actor": [
                "title": actor.title, "kind": optional(actor.fields.actorKind), "summary": optional(actor.summary),
                "aliases": optional(actor.fields.aliases.joined(separator: ", ")),
                "country": optional(actor.fields.country), "affiliation": affiliation,
            ] as [String: Any],
            "events": events, "hasEvents": !events.isEmpty,
            "mentions": mentions, "hasMentions": !mentions.isEmpty,
            "alongside": alongside, "hasAlongside": !alongside.isEmpty,
        ]
    }

    func articlePage(_ article: Document, body: RenderedBody) -> [String: Any] {
        var counts: [String: Int] = [:]
        for mention in body.mentions { counts[mention.actor, default: 0] += 1 }
        // Actors listed in front matter appear even when the text never names them.
        for name in article.fields.actors {
            if case .found(let target, _, _) = links.resolve(name), target.kind == .actor { counts[target.id, default: 0] += 0 }
        }
        let actors: [[String: Any]] = counts.keys.filter { document($0) != nil }
            .sorted { (counts[$1]!, document($0)!.title) < (counts[$0]!, document($1)!.title) }
            .map { id in
                var item = ref(id)
                item["count"] = counts[id]! > 0 ? counts[id]! as Any : Absent()
                return item
            }
        let safeURL = article.fields.url.flatMap { MarkdownRenderer.safeURL($0, allowMail: false) }
        let sections: [[String: Any]] = body.businessSections.map {
            ["heading": $0.heading, "text": $0.text, "url": "#p\($0.paragraphs.first ?? 1)"]
        }
        let citedBy = (index.eventsBySource[article.id] ?? []).map(eventRef)
        return [
            "article": [
                "title": article.title, "outlet": article.fields.outlet ?? "Outlet unknown",
                "author": optional(article.fields.author), "published": optional(article.fields.published?.display),
                "url": optional(safeURL),
            ] as [String: Any],
            "actorsMentioned": actors, "hasActorsMentioned": !actors.isEmpty,
            "sections": sections, "hasSections": !sections.isEmpty,
            "citedBy": citedBy, "hasCitedBy": !citedBy.isEmpty,
        ]
    }

    func eventPage(_ event: Document) -> [String: Any] {
        let questions = disputeQuestions(event)
        return ["event": eventRef(event.id), "disputes": questions, "hasDisputes": !questions.isEmpty]
    }

    func businessPage(_ page: Document) -> [String: Any] {
        let related = refs(page.fields.related)
        return ["business": [
            "title": page.title, "summary": optional(page.summary),
            "audience": optional(page.fields.audience.joined(separator: ", ")),
            "actions": page.fields.actions, "hasActions": !page.fields.actions.isEmpty,
            "related": related, "hasRelated": !related.isEmpty,
        ] as [String: Any]]
    }
}
