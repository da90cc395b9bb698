/// Contexts of the list pages: home, timeline, indexes, disputes.
extension PageReader {
    func sourceItem(_ id: String) -> LazyObject {
        LazyObject([
            "title": { self.title(id) }, "short": { self.short(id) }, "url": { self.url(self.urlPath(id)) },
            "kind": { "article" },
            "outlet": { self.meta(id).fields.outlet ?? "Outlet unknown" },
            "date": { optional(self.meta(id).fields.published?.display) },
            "excerpt": { optional(self.description(id)) },
        ])
    }

    func home() -> [String: () -> Any] {
        let latest = { Array(self.timeline.reversed().prefix(self.config.homeEvents)) }
        let status = once { self.config.status.map(self.plainLabels) }
        let story = once { self.ids(.note).first { self.meta($0).fields.story } }
        return [
            "status": status, "hasStatus": { !status().isEmpty || self.config.asOf != nil },
            "hasKeyPoints": { !status().isEmpty },
            "story": {
                guard let id = story() else { return Absent() }
                return LazyObject(["title": { self.title(id) }, "url": { self.url(self.urlPath(id)) }, "body": { self.body(id) }])
            },
            "latestEvents": { latest().map(self.eventRef) }, "hasEvents": { !latest().isEmpty },
            "keyActors": {
                self.keyActors.map { id -> Any in
                    LazyObject(["title": { self.title(id) }, "url": { self.url(self.urlPath(id)) },
                                "kind": { optional(self.meta(id).fields.actorKind) }])
                }
            },
            "hasActors": { !self.ids(.actor).isEmpty },
            "takeaways": {
                self.ids(.business).map { id -> Any in
                    LazyObject(["title": { self.title(id) }, "url": { self.url(self.urlPath(id)) },
                                "summary": { optional(self.description(id)) }])
                }
            },
            "hasTakeaways": { !self.ids(.business).isEmpty },
            "notes": {
                self.ids(.note).map { id -> Any in
                    LazyObject(["title": { self.title(id) }, "url": { self.url(self.urlPath(id)) },
                                "summary": { optional(self.summary(id)) }])
                }
            },
            "hasNotes": { !self.ids(.note).isEmpty },
            "sources": { self.articlesByDate.prefix(10).map(self.sourceItem) }, "hasSources": { !self.ids(.article).isEmpty },
            "disputeCount": { self.disputeCount }, "hasDisputes": { self.disputeCount > 0 },
            "disputeCountText": { Self.count(self.disputeCount, "disputed fact") },
            "counts": {
                LazyObject(["events": { self.timeline.count }, "actors": { self.ids(.actor).count },
                            "sources": { self.ids(.article).count },
                            "eventsText": { Self.count(self.timeline.count, "event") },
                            "actorsText": { Self.count(self.ids(.actor).count, "actor") },
                            "sourcesText": { Self.count(self.ids(.article).count, "source") }])
            },
        ]
    }

    func timelinePage() -> [String: () -> Any] {
        [
            "years": {
                var years: [(Int, [(String, String, [String])])] = []
                var statedYears = Set<Int>()
                for id in self.timeline {
                    let date = self.meta(id).fields.date ?? PartialDate(year: 0)
                    if date.yearStated { statedYears.insert(date.year) }
                    let label = date.monthLabel
                        ?? (!date.yearStated ? "Month not known"
                            : date.precision == .approximate ? "Around \(date.year)" : "\(date.year), month not known")
                    let monthID = "m\(date.year)-\(date.month.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00")"
                    if years.last?.0 != date.year { years.append((date.year, [])) }
                    if years[years.count - 1].1.last?.1 != monthID { years[years.count - 1].1.append((label, monthID, [])) }
                    years[years.count - 1].1[years[years.count - 1].1.count - 1].2.append(id)
                }
                return years.map { year, months -> Any in
                    // A year no event's sources state is headed as such, never as a known year.
                    ["year": year, "yearLabel": statedYears.contains(year) ? "\(year)" : "Year not stated in the sources",
                     "months": months.map { label, id, events -> Any in
                        ["label": label, "id": id, "events": events.map(self.eventRef)] as [String: Any]
                    }] as [String: Any]
                }
            },
            "hasEvents": { !self.timeline.isEmpty },
        ]
    }

    func actorsIndex() -> [String: () -> Any] {
        ["groups": {
            let order = ActorKinds.all + ["other"]
            var grouped: [String: [String]] = [:]
            for id in self.ids(.actor) {
                let kind = self.meta(id).fields.actorKind?.lowercased() ?? "other"
                grouped[order.contains(kind) ? kind : "other", default: []].append(id)
            }
            let titles = ["person": "People", "company": "Companies", "government": "Governments and agencies",
                          "organisation": "Organisations", "model": "AI models", "country": "Countries", "other": "Others"]
            return order.compactMap { kind -> Any? in
                guard let actors = grouped[kind] else { return nil }
                return ["id": kind, "title": titles[kind]!, "actors": actors.map { id -> Any in
                    LazyObject([
                        "title": { self.title(id) }, "url": { self.url(self.urlPath(id)) },
                        "summary": { optional(self.summary(id)) },
                        "aliases": { optional(self.meta(id).fields.aliases.joined(separator: ", ")) },
                    ])
                }] as [String: Any]
            }
        }]
    }

    func articlesIndex() -> [String: () -> Any] {
        ["sources": { self.articlesByDate.map(self.sourceItem) }]
    }

    func businessIndex() -> [String: () -> Any] {
        let sections = once {
            self.articlesByDate.flatMap { id in
                self.sections(id).map { section -> Any in
                    LazyObject([
                        "heading": { section.heading }, "text": { section.text }, "source": { self.ref(id) },
                        "url": { self.url(self.urlPath(id)) + "#p\(section.paragraphs.first ?? 1)" },
                    ])
                }
            }
        }
        return [
            "pages": {
                self.ids(.business).map { id -> Any in
                    LazyObject([
                        "title": { self.title(id) }, "url": { self.url(self.urlPath(id)) },
                        "summary": { optional(self.description(id)) },
                        "audience": { optional(self.meta(id).fields.audience.joined(separator: ", ")) },
                    ])
                }
            },
            "sourceSections": sections, "hasSourceSections": { !sections().isEmpty },
        ]
    }

    func notesIndex() -> [String: () -> Any] {
        ["notes": {
            self.ids(.note).map { id -> Any in
                LazyObject(["title": { self.title(id) }, "url": { self.url(self.urlPath(id)) },
                            "excerpt": { optional(self.description(id)) }])
            }
        }]
    }

    func disputeQuestions(_ id: String) -> [Any] {
        meta(id).fields.disputed.map { dispute -> Any in
            ["question": dispute.question, "id": Self.disputeAnchor(event: id, question: dispute.question),
             "answers": dispute.answers.map { answer -> Any in
                let count = distinctSources(answer.sources)
                return ["says": answer.says, "sources": refs(answer.sources, kind: .article), "weight": Self.weight(count),
                        "singleSource": count == 1] as [String: Any]
            }] as [String: Any]
        }
    }

    /// Facts marked on several events (`facts:`) whose values differ: each value with the events
    /// giving it and their sources. Names and values match without regard to case and spacing.
    func differingFacts() -> [Any] {
        func key(_ text: String) -> String { Text.collapseWhitespace(text).lowercased() }
        var order: [String] = []
        var byFact: [String: (name: String, values: [(value: String, events: [String])])] = [:]
        for id in timeline {
            for fact in meta(id).fields.facts {
                let name = key(fact.name)
                if byFact[name] == nil { order.append(name); byFact[name] = (fact.name, []) }
                if let at = byFact[name]!.values.firstIndex(where: { key($0.value) == key(fact.value) }) {
                    byFact[name]!.values[at].events.append(id)
                } else {
                    byFact[name]!.values.append((fact.value, [id]))
                }
            }
        }
        return order.compactMap { name -> Any? in
            let fact = byFact[name]!
            guard fact.values.count > 1 else { return nil }
            return ["fact": fact.name, "values": fact.values.map { value -> Any in
                ["value": value.value, "events": value.events.map { event -> Any in
                    ["event": eventRef(event), "sources": refs(meta(event).fields.sources, kind: .article)] as [String: Any]
                }] as [String: Any]
            }] as [String: Any]
        }
    }

    /// Events and sides of disputes that rest on one source, for the site-wide view.
    func singleSourced() -> [Any] {
        timeline.compactMap { id -> Any? in
            let fields = meta(id).fields
            let eventSources = refs(fields.sources, kind: .article)
            let eventSingle = distinctSources(fields.sources) == 1
            let sides = fields.disputed.flatMap { dispute in
                dispute.answers.compactMap { answer -> Any? in
                    let sources = refs(answer.sources, kind: .article)
                    guard distinctSources(answer.sources) == 1 else { return nil }
                    return ["question": dispute.question, "says": answer.says, "source": sources[0],
                            "url": url("disputes/") + "#" + Self.disputeAnchor(event: id, question: dispute.question)] as [String: Any]
                }
            }
            guard eventSingle || !sides.isEmpty else { return nil }
            return ["event": eventRef(id), "eventSingle": eventSingle, "source": eventSources.first ?? Absent(),
                    "sides": sides, "hasSides": !sides.isEmpty] as [String: Any]
        }
    }

    func disputesPage() -> [String: () -> Any] {
        let items = once {
            self.timeline.compactMap { id -> Any? in
                guard !self.meta(id).fields.disputed.isEmpty else { return nil }
                return [
                    "event": LazyObject([
                        "title": { self.title(id) }, "url": { self.url(self.urlPath(id)) },
                        "slug": { String(id.split(separator: "/")[1]) },
                        "date": { self.meta(id).fields.date?.display ?? "Undated" },
                    ]),
                    "questions": self.disputeQuestions(id),
                ] as [String: Any]
            }
        }
        let single = once { self.singleSourced() }
        let differing = once { self.differingFacts() }
        return ["items": items, "hasItems": { !items().isEmpty }, "singleSourced": single, "hasSingleSourced": { !single().isEmpty },
                "differing": differing, "hasDiffering": { !differing().isEmpty }]
    }
}
