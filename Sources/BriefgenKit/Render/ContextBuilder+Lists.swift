/// Contexts of the list pages: home, timeline, indexes, disputes.
extension ContextBuilder {
    func documents(of kind: DocumentKind) -> [Document] {
        index.documents.values.filter { $0.kind == kind }.sorted { ($0.title.lowercased(), $0.id) < ($1.title.lowercased(), $1.id) }
    }

    /// Articles newest first; undated ones last, by title.
    func articlesByDate() -> [Document] {
        documents(of: .article).sorted { a, b in
            switch (a.fields.published, b.fields.published) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (a.title, a.id) < (b.title, b.id)
            }
        }
    }

    func sourceItem(_ article: Document) -> [String: Any] {
        var item = ref(article.id)
        item["outlet"] = article.fields.outlet ?? "Outlet unknown"
        item["date"] = optional(article.fields.published?.display)
        item["excerpt"] = optional(article.summary ?? index.bodies[article.id]?.excerpt)
        return item
    }

    /// How much the site says about an actor: pages that link to, mention or list it.
    func weight(_ actorID: String) -> Int {
        Set((index.backlinks[actorID] ?? []).map(\.source)).count + (index.eventsByActor[actorID]?.count ?? 0)
    }

    func home() -> [String: Any] {
        let latest = index.timeline.reversed().prefix(config.homeEvents).map(eventRef)
        let actors = documents(of: .actor).sorted { (weight($1.id), $0.title) < (weight($0.id), $1.title) }.prefix(8)
        let keyActors: [[String: Any]] = actors.map { actor in
            var item = ref(actor.id)
            item["kind"] = optional(actor.fields.actorKind)
            return item
        }
        let takeaways: [[String: Any]] = documents(of: .business).map { page in
            var item = ref(page.id)
            item["summary"] = optional(page.summary ?? index.bodies[page.id]?.excerpt)
            return item
        }
        let disputeCount = index.documents.values.reduce(0) { $0 + $1.fields.disputed.count }
        return [
            "latestEvents": Array(latest), "hasEvents": !latest.isEmpty,
            "keyActors": keyActors, "hasActors": !keyActors.isEmpty,
            "takeaways": takeaways, "hasTakeaways": !takeaways.isEmpty,
            "sources": articlesByDate().map(sourceItem), "hasSources": !documents(of: .article).isEmpty,
            "disputeCount": disputeCount, "hasDisputes": disputeCount > 0,
            "counts": [
                "events": index.timeline.count, "actors": documents(of: .actor).count,
                "sources": documents(of: .article).count,
            ],
        ]
    }

    func timeline() -> [String: Any] {
        var years: [(Int, [(String, String, [String])])] = []
        for id in index.timeline {
            let date = document(id)!.fields.date ?? PartialDate(year: 0)
            let label = date.monthLabel ?? (date.precision == .approximate ? "Around \(date.year)" : "\(date.year), month not known")
            let monthID = "m\(date.year)-\(date.month.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00")"
            if years.last?.0 != date.year { years.append((date.year, [])) }
            if years[years.count - 1].1.last?.1 != monthID { years[years.count - 1].1.append((label, monthID, [])) }
            years[years.count - 1].1[years[years.count - 1].1.count - 1].2.append(id)
        }
        let groups: [[String: Any]] = years.map { year, months in
            ["year": year, "months": months.map { label, id, events in
                ["label": label, "id": id, "events": events.map(eventRef)] as [String: Any]
            }]
        }
        return ["years": groups, "hasEvents": !index.timeline.isEmpty]
    }

    func actorsIndex() -> [String: Any] {
        let order = ActorKinds.all + ["other"]
        var grouped: [String: [Document]] = [:]
        for actor in documents(of: .actor) {
            let kind = actor.fields.actorKind?.lowercased() ?? "other"
            grouped[order.contains(kind) ? kind : "other", default: []].append(actor)
        }
        let titles = ["person": "People", "company": "Companies", "government": "Governments and agencies",
                      "organisation": "Organisations", "model": "AI models", "country": "Countries", "other": "Others"]
        let groups: [[String: Any]] = order.compactMap { kind in
            guard let actors = grouped[kind] else { return nil }
            return ["id": kind, "title": titles[kind]!, "actors": actors.map { actor in
                var item = ref(actor.id)
                item["summary"] = optional(actor.summary)
                item["aliases"] = optional(actor.fields.aliases.joined(separator: ", "))
                return item
            }]
        }
        return ["groups": groups]
    }

    func articlesIndex() -> [String: Any] {
        ["sources": articlesByDate().map(sourceItem)]
    }

    func businessIndex() -> [String: Any] {
        let pages: [[String: Any]] = documents(of: .business).map { page in
            var item = ref(page.id)
            item["summary"] = optional(page.summary ?? index.bodies[page.id]?.excerpt)
            item["audience"] = optional(page.fields.audience.joined(separator: ", "))
            return item
        }
        var sections: [[String: Any]] = []
        for article in articlesByDate() {
            for section in index.bodies[article.id]?.businessSections ?? [] {
                sections.append([
                    "heading": section.heading, "text": section.text, "source": ref(article.id),
                    "url": url(article.urlPath) + "#p\(section.paragraphs.first ?? 1)",
                ])
            }
        }
        return ["pages": pages, "sourceSections": sections, "hasSourceSections": !sections.isEmpty]
    }

    func notesIndex() -> [String: Any] {
        ["notes": documents(of: .note).map { note in
            var item = ref(note.id)
            item["excerpt"] = optional(note.summary ?? index.bodies[note.id]?.excerpt)
            return item
        }]
    }

    func disputeQuestions(_ event: Document) -> [[String: Any]] {
        event.fields.disputed.map { dispute in
            ["question": dispute.question, "answers": dispute.answers.map { answer in
                ["says": answer.says, "sources": refs(answer.sources, kind: .article)] as [String: Any]
            }]
        }
    }

    func disputes() -> [String: Any] {
        let items: [[String: Any]] = index.timeline.compactMap { id in
            let event = document(id)!
            guard !event.fields.disputed.isEmpty else { return nil }
            return ["event": ["title": event.title, "url": url(event.urlPath), "slug": event.slug,
                              "date": event.fields.date?.display ?? "Undated"],
                    "questions": disputeQuestions(event)]
        }
        return ["items": items, "hasItems": !items.isEmpty]
    }
}
