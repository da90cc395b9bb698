/// The pictures pages show: the timeline chart (timeline page, each actor's events) and the
/// actor network (the whole of it on the actors index, an actor's ties on its page). Each is
/// an SVG string for `{{{…}}}`, empty when there is nothing to draw; everything they show is
/// read through the reader, so a page is rebuilt when what its picture shows changes.
extension PageReader {
    /// The timeline chart of `events` (ids), named by `label`.
    func timelineChart(_ events: [String], label: String, id: String) -> String {
        let marks = events.compactMap { event -> TimelineChart.Mark? in
            guard let date = meta(event).fields.date else { return nil }
            return TimelineChart.Mark(title: title(event), url: url(urlPath(event)), date: date,
                                      disputed: !meta(event).fields.disputed.isEmpty)
        }
        return TimelineChart(marks: marks).svg(label: label, id: id)
    }

    /// Ties of the actors in `members` among themselves: documents mentioning both (from each
    /// member's co-mentions), plus events listing both (among `events`).
    func ties(among members: Set<String>, events: [String]) -> [ActorNetwork.Edge] {
        var edges: [ActorNetwork.Edge] = []
        for id in members.sorted() {
            for pair in coMentions(id) where id < pair.actor && members.contains(pair.actor) {
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

    /// The network of `members`.
    func actorNetwork(_ members: [String], events: [String]) -> ActorNetwork {
        let nodes = members.filter(exists).map { id in
            ActorNetwork.Node(id: id, name: title(id), url: url(urlPath(id)), weight: mentioningDocuments(id), label: short(id))
        }
        return ActorNetwork(nodes: nodes, edges: ties(among: Set(nodes.map(\.id)), events: events))
    }

    /// Chart keys of the timeline page.
    func timelineCharts() -> [String: () -> Any] {
        ["timelineChart": { optional(self.timelineChart(self.timeline, label: "Events on a time axis", id: "timeline-chart")) }]
    }

    /// Chart keys of the actors index: every actor, every tie.
    func actorsCharts() -> [String: () -> Any] {
        ["network": {
            optional(self.actorNetwork(self.ids(.actor), events: self.timeline)
                .whole(label: "Actors joined by the documents and events they share"))
        }]
    }

    /// Chart keys of an actor's page: its events, and its strongest ties (read from its own
    /// co-mentions and events, so the page does not depend on every other actor).
    func actorCharts(_ id: String) -> [String: () -> Any] {
        [
            "timelineChart": {
                optional(self.timelineChart(self.events(ofActor: id), label: "Events involving \(self.title(id))", id: "actor-timeline"))
            },
            "network": {
                let events = self.events(ofActor: id)
                var members = [id] + self.coMentions(id).prefix(ActorNetwork.neighbours).map(\.actor)
                for event in events {
                    for other in self.meta(event).fields.actors.compactMap({ self.resolve($0)?.id })
                    where self.kind(other) == .actor && !members.contains(other) { members.append(other) }
                }
                return optional(self.actorNetwork(members, events: events)
                    .neighbourhood(of: id, label: "\(self.title(id)) and the actors most often alongside"))
            },
        ]
    }
}
