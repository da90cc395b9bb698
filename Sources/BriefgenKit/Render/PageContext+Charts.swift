/// The pictures pages show: the timeline chart (timeline page, each actor's events) and the
/// actor network (the whole of it on the actors index, an actor's ties on its page). Each is
/// an SVG string for `{{{…}}}`, empty when there is nothing to draw; everything they show is
/// read through the reader, so a page is rebuilt when what its picture shows changes.
extension PageReader {
    /// The timeline chart of `events` (ids), named by `label`.
    func timelineChart(_ events: [String], label: String, id: String) -> String {
        let marks = events.compactMap { event -> TimelineChart.Mark? in
            guard let date = meta(event).fields.date else { return nil }
            return TimelineChart.Mark(title: title(event), url: documentURL(event), date: date,
                                      disputed: !meta(event).fields.disputed.isEmpty)
        }
        return TimelineChart(marks: marks, strings: strings).svg(label: label, id: id)
    }

    /// Ties of the actors in `members` among themselves: documents mentioning both (from the
    /// co-mentions of `mentionsOf`, members all), plus events listing both (among `events`).
    func ties(among members: Set<String>, mentionsOf: [String], events: [String]) -> [ActorNetwork.Edge] {
        var edges: [ActorNetwork.Edge] = []
        // Asked for every co-mention of every actor on the actors index: a set, not the list.
        let mentioning = Set(mentionsOf)
        for id in mentionsOf {
            for pair in coMentions(id) where members.contains(pair.actor) && (id < pair.actor || !mentioning.contains(pair.actor)) {
                edges.append(.init(a: id, b: pair.actor, strength: pair.count))
            }
        }
        for event in events {
            let listed = Set(meta(event).fields.actors.compactMap { resolve($0)?.id }).intersection(members).sorted()
            for (i, a) in listed.enumerated() {
                for b in listed[(i + 1)...] { edges.append(.init(a: a, b: b, strength: 1)) }
            }
        }
        return edges
    }

    /// The network of `members`, with the co-mention ties of `mentionsOf` (all members by default).
    func actorNetwork(_ members: [String], mentionsOf: [String]? = nil, events: [String]) -> ActorNetwork {
        let nodes = members.filter(exists).map { id in
            ActorNetwork.Node(id: id, name: title(id), url: documentURL(id), weight: mentioningDocuments(id), label: short(id))
        }
        let ids = nodes.map(\.id)
        return ActorNetwork(nodes: nodes, edges: ties(among: Set(ids), mentionsOf: mentionsOf ?? ids, events: events), strings: strings)
    }

    /// Chart keys of a page of the timeline: the events it lists.
    func timelineCharts(_ number: Int) -> PageThunks {
        ["timelineChart": {
            optional(self.timelineChart(self.listItems(.timeline, page: number), label: self.strings["chart_timeline"], id: "timeline-chart"))
        }]
    }

    /// Chart keys of the actors index: every actor, every tie.
    func actorsCharts() -> PageThunks {
        ["network": {
            optional(self.actorNetwork(self.ids(.actor), events: self.timeline)
                .whole(label: self.strings["chart_network"]))
        }]
    }

    /// Chart keys of an actor's page: its events, and its strongest ties, read from its own
    /// co-mentions and events only (not its neighbours'), so a page is redrawn when its actor's
    /// ties change, not when a neighbour's do.
    func actorCharts(_ id: String) -> PageThunks {
        [
            "timelineChart": {
                optional(self.timelineChart(self.events(ofActor: id), label: self.strings.format("chart_actor_timeline", ["name": self.title(id)]), id: "actor-timeline"))
            },
            "network": {
                let events = self.events(ofActor: id)
                var members = [id] + self.coMentions(id).prefix(ActorNetwork.neighbours).map(\.actor)
                for event in events {
                    for other in self.meta(event).fields.actors.compactMap({ self.resolve($0)?.id })
                    where self.kind(other) == .actor && !members.contains(other) { members.append(other) }
                }
                return optional(self.actorNetwork(members, mentionsOf: [id], events: events)
                    .neighbourhood(of: id, label: self.strings.format("chart_neighbourhood", ["name": self.title(id)])))
            },
        ]
    }
}
