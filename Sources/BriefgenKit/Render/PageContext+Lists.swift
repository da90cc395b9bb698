/// Contexts of the list pages: home, timeline, indexes.
extension PageReader {
    private static let sourceKeys = ["title", "short", "url", "kind", "outlet", "date", "excerpt"]

    func sourceItem(_ id: String) -> LazyObject {
        LazyObject(keys: Self.sourceKeys) { key in
            switch key {
            case "title": self.title(id)
            case "short": self.short(id)
            case "url": self.documentURL(id)
            case "kind": "article"
            case "outlet": self.meta(id).fields.outlet ?? self.strings["outlet_unknown"]
            case "date": optional(self.meta(id).fields.published.map(self.strings.date))
            default: optional(self.description(id))
            }
        }
    }

    func home() -> PageThunks {
        let latest = { Array(self.timeline.reversed().prefix(self.config.homeEvents)) }
        let status = once { self.config.status.map(self.plainLabels) }
        let story = once { self.ids(.note).first { self.meta($0).fields.story } }
        return [
            "status": status, "hasStatus": { !status().isEmpty || self.config.asOf != nil },
            "hasKeyPoints": { !status().isEmpty },
            "story": {
                guard let id = story() else { return Absent() }
                return LazyObject(["title": { self.title(id) }, "url": { self.documentURL(id) }, "body": { self.body(id) }])
            },
            "latestEvents": { latest().map(self.eventRef) }, "hasEvents": { !latest().isEmpty },
            "keyActors": {
                self.keyActors.map { id in
                    LazyObject(["title": { self.title(id) }, "url": { self.documentURL(id) },
                                "kind": { optional(self.meta(id).fields.actorKind) }])
                }
            },
            "hasActors": { !self.ids(.actor).isEmpty },
            "takeaways": {
                self.ids(.business).map { id in
                    LazyObject(["title": { self.title(id) }, "url": { self.documentURL(id) },
                                "summary": { optional(self.description(id)) }])
                }
            },
            "hasTakeaways": { !self.ids(.business).isEmpty },
            "notes": {
                self.ids(.note).map { id in
                    LazyObject(["title": { self.title(id) }, "url": { self.documentURL(id) },
                                "summary": { optional(self.summary(id)) }])
                }
            },
            "hasNotes": { !self.ids(.note).isEmpty },
            "sources": { self.articlesByDate.prefix(10).map(self.sourceItem) }, "hasSources": { !self.ids(.article).isEmpty },
            "disputeCount": { self.disputeCount }, "hasDisputes": { self.disputeCount > 0 },
            "disputeCountText": { self.strings.count(self.disputeCount, "count_disputed_fact") },
            "counts": {
                LazyObject(["events": { self.timeline.count }, "actors": { self.ids(.actor).count },
                            "sources": { self.ids(.article).count },
                            "eventsText": { self.strings.count(self.timeline.count, "count_event") },
                            "actorsText": { self.strings.count(self.ids(.actor).count, "count_actor") },
                            "sourcesText": { self.strings.count(self.ids(.article).count, "count_source") }])
            },
        ]
    }

    /// Page `number` of the timeline: its events under their years and months.
    func timelinePage(_ number: Int) -> PageThunks {
        let events = once { self.listItems(.timeline, page: number) }
        return [
            "years": {
                var years: [(Int, [(String, String, [String])])] = []
                var statedYears = Set<Int>()
                for id in events() {
                    let date = self.meta(id).fields.date ?? PartialDate(year: 0)
                    if date.yearStated { statedYears.insert(date.year) }
                    let strings = self.strings
                    let label = strings.monthLabel(date)
                        ?? (!date.yearStated ? strings["month_not_known"]
                            : strings.format(date.precision == .approximate ? "around_year" : "year_month_not_known", ["year": String(date.year)]))
                    let monthID = "m\(date.year)-\(date.month.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00")"
                    if years.last?.0 != date.year { years.append((date.year, [])) }
                    if years[years.count - 1].1.last?.1 != monthID { years[years.count - 1].1.append((label, monthID, [])) }
                    years[years.count - 1].1[years[years.count - 1].1.count - 1].2.append(id)
                }
                return years.map { year, months in
                    // A year no event's sources state is headed as such, never as a known year.
                    LazyObject(values: [
                        "year": year, "yearLabel": statedYears.contains(year) ? "\(year)" : self.strings["year_not_in_sources"],
                        "months": months.map { label, id, events in
                            LazyObject(values: ["label": label, "id": id, "events": events.map(self.eventRef)])
                        },
                    ])
                }
            },
            "hasEvents": { !events().isEmpty },
        ]
    }

    func actorsIndex() -> PageThunks {
        ["groups": {
            let order = ActorKinds.all + ["other"]
            var grouped: [String: [String]] = [:]
            for id in self.ids(.actor) {
                let kind = self.meta(id).fields.actorKind?.lowercased() ?? "other"
                grouped[order.contains(kind) ? kind : "other", default: []].append(id)
            }
            return order.compactMap { kind -> LazyObject? in
                guard let actors = grouped[kind] else { return nil }
                return LazyObject(values: ["id": kind, "title": self.strings["kind_" + kind], "actors": actors.map { id in
                    LazyObject([
                        "title": { self.title(id) }, "url": { self.documentURL(id) },
                        "summary": { optional(self.summary(id)) },
                        "aliases": { optional(self.meta(id).fields.aliases.joined(separator: ", ")) },
                    ])
                }])
            }
        }]
    }

    /// Page `number` of the sources, newest first.
    func articlesIndex(_ number: Int) -> PageThunks {
        ["sources": { self.listItems(.sources, page: number).map(self.sourceItem) }]
    }

    /// Page `number` of the business index: the sources' business sections (items `id#k`); the
    /// business pages on page 1.
    func businessIndex(_ number: Int) -> PageThunks {
        let sections = once {
            self.listItems(.business, page: number).compactMap { item -> LazyObject? in
                guard let hash = item.lastIndex(of: "#"), let k = Int(item[item.index(after: hash)...]) else { return nil }
                let id = String(item[..<hash])
                let all = self.sections(id)
                guard k < all.count else { return nil }
                let section = all[k]
                return LazyObject([
                    "heading": { section.heading }, "text": { section.text }, "source": { self.ref(id) },
                    "url": { self.documentURL(id) + "#p\(section.paragraphs.first ?? 1)" },
                ])
            }
        }
        return [
            "pages": {
                number > 1 ? [LazyObject]() : self.ids(.business).map { id in
                    LazyObject([
                        "title": { self.title(id) }, "url": { self.documentURL(id) },
                        "summary": { optional(self.description(id)) },
                        "audience": { optional(self.meta(id).fields.audience.joined(separator: ", ")) },
                    ])
                }
            },
            "sourceSections": sections, "hasSourceSections": { !sections().isEmpty },
        ]
    }

    /// Page `number` of the notes.
    func notesIndex(_ number: Int) -> PageThunks {
        ["notes": {
            self.listItems(.notes, page: number).map { id in
                LazyObject(["title": { self.title(id) }, "url": { self.documentURL(id) },
                            "excerpt": { optional(self.description(id)) }])
            }
        }]
    }
}
