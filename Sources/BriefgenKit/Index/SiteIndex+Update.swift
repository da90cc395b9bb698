/// The site index updated in place for a few documents, in the manner of salsa: each document's
/// entries (its edges, the actors it names, its place in the ordered lists) are an input of the
/// index, so a rebuild takes out the entries of the documents that changed and puts their new
/// ones in, instead of reading every document to make the index again. The result is the index
/// `SiteIndex(documents:bodies:links:)` makes of every document (`IndexUpdateTests`).
extension SiteIndex {
    /// A document whose entries may have changed: as the previous index saw it and as it is now
    /// (metadata without body, and body summary). Its id stays, so every document keeps its number.
    struct Change {
        var id: String
        var before: Document
        var beforeBody: RenderedBody?
        var after: Document
        var afterBody: RenderedBody?
    }

    /// This index with the entries of `changes` made again. `documents` and `bodies` are the new
    /// stores: the ordered lists read, per key, the documents a changed one is placed among (and
    /// every event when an event's metadata changed). `links` must resolve every reference as
    /// the table this index was made with did (no key or kind changed). Nil when a change is not
    /// in the index or the index does not agree with the changes' previous entries.
    func updating(_ changes: [Change], documents: DocumentStore<Document>, bodies: DocumentStore<RenderedBody>,
                  links: LinkTable) -> SiteIndex? {
        var index = self
        index.documents = documents
        index.bodies = bodies
        var numbered: [(number: Int, change: Change)] = []
        for change in changes {
            guard let number = numbers.number(of: change.id) else { return nil }
            numbered.append((number, change))
        }
        numbered.sort { $0.number < $1.number }

        // The edges of the changed sources, made again in source order; the co-mention counts
        // of the actors they name, less before and more after.
        var backlinkEdges: [(group: Int32, value: Edge)] = []
        var mentionEdges: [(group: Int32, value: Edge)] = []
        var scratchBacklinks: [(group: Int32, value: Edge)] = []
        var scratchMentions: [(group: Int32, value: Edge)] = []
        var named: [Int] = []
        var pairChanges: [Int: [Int: Int]] = [:]
        func count(_ named: [Int], _ delta: Int) {
            guard named.count > 1 else { return }
            for a in named {
                for b in named where a != b { pairChanges[a, default: [:]][b, default: 0] += delta }
            }
        }
        for (number, change) in numbered {
            named.removeAll(keepingCapacity: true)
            scratchBacklinks.removeAll(keepingCapacity: true)
            scratchMentions.removeAll(keepingCapacity: true)
            Self.addEdges(of: number, document: change.before, body: change.beforeBody, numbers: numbers, links: links,
                          backlinks: &scratchBacklinks, mentions: &scratchMentions, named: &named)
            count(named, -1)
            named.removeAll(keepingCapacity: true)
            Self.addEdges(of: number, document: change.after, body: change.afterBody, numbers: numbers, links: links,
                          backlinks: &backlinkEdges, mentions: &mentionEdges, named: &named)
            count(named, 1)
        }
        let sources = Set(numbered.map { Int32($0.number) })
        index.backlinkTable = backlinkTable.replacing(sources: sources, with: backlinkEdges, source: \.source, dropRepeats: true)
        index.mentionTable = mentionTable.replacing(sources: sources, with: mentionEdges, source: \.source, dropRepeats: false)
        for (actor, deltas) in pairChanges where deltas.values.contains(where: { $0 != 0 }) {
            let id = numbers.ids[actor]
            var counts: [String: Int] = [:]
            for pair in coMentions[id] ?? [] { counts[pair.actor] = pair.count }
            for (other, delta) in deltas where delta != 0 { counts[numbers.ids[other], default: 0] += delta }
            guard counts.values.allSatisfy({ $0 >= 0 }) else { return nil }
            let list = counts.filter { $0.value > 0 }.map { (actor: $0.key, count: $0.value) }
                .sorted { ($1.count, $0.actor) < ($0.count, $1.actor) }
            index.coMentions[id] = list.isEmpty ? nil : list
        }

        // The lists ordered by metadata: each changed document taken out and put back in its
        // place, found by halving among the others; the timeline made again from every event.
        let retitled = numbered.map(\.change).filter { $0.before != $0.after }
        if retitled.contains(where: { $0.after.kind == .event }) {
            var events: [Document] = []
            for id in (idsByKind[.event] ?? []).sorted() {
                guard let event = documents[id] else { return nil }
                events.append(event.withoutBody())
            }
            let lists = Self.orderedLists(events, links: links)
            (index.timeline, index.eventsByActor, index.eventsBySource) = (lists.timeline, lists.eventsByActor, lists.eventsBySource)
            index.disputeCount = lists.disputeCount
            index.idsByKind[.event] = lists.idsByKind[.event]
        }
        for kind in DocumentKind.allCases where kind != .event {
            let moved = retitled.filter { $0.after.kind == kind }
            guard !moved.isEmpty else { continue }
            guard let byTitle = Self.reordered(index.idsByKind[kind] ?? [], moved: moved, documents: documents,
                                               key: { ($0.title.lowercased(), $0.id) }, less: { $0 < $1 }) else { return nil }
            index.idsByKind[kind] = byTitle
            if kind == .article {
                guard let byDate = Self.reordered(index.articlesByDate, moved: moved, documents: documents,
                                                  key: Self.dateKey, less: { $0 < $1 }) else { return nil }
                index.articlesByDate = byDate
            }
        }
        if !retitled.isEmpty, titleRanks.count == numbers.ids.count {
            guard let byTitle = Self.reordered(titleOrder.map { numbers.ids[Int($0)] }, moved: retitled, documents: documents,
                                               key: { ($0.kind, $0.title, $0.id) }, less: { $0 < $1 }) else { return nil }
            index.setTitleOrder(byTitle.compactMap { numbers.number(of: $0).map(Int32.init) })
        }
        if numbered.contains(where: { $0.change.before.fields.facts.isEmpty != $0.change.after.fields.facts.isEmpty }) {
            var holders = Set(factHolders)
            for (number, change) in numbered {
                if change.after.fields.facts.isEmpty { holders.remove(Int32(number)) } else { holders.insert(Int32(number)) }
            }
            index.factHolders = holders.sorted()
        }
        index.keyActors = Self.keyActors(index)
        return index
    }

    /// Where an article stands among articles by date: newest first in `PartialDate`'s order (a
    /// month-only date after the days of its month, as on the timeline), undated last, then by
    /// title. The sources feed is this list's first entries, so it reads no other article.
    static func dateKey(_ document: Document) -> (Int, Int, String, String) {
        guard let date = document.fields.published else { return (1, 0, document.title, document.id) }
        return (0, -(date.year * 10_000 + (date.month ?? 13) * 100 + (date.day ?? 32)), document.title, document.id)
    }

    /// `list` (sorted by `key`) with the `moved` documents taken out and put back where their new
    /// keys go; nil when one of them is not in the list or a document it is compared with cannot be read.
    private static func reordered<Key>(_ list: [String], moved: [Change], documents: DocumentStore<Document>,
                                       key: (Document) -> Key, less: (Key, Key) -> Bool) -> [String]? {
        let ids = Set(moved.map(\.id))
        var list = list
        let before = list.count
        list.removeAll { ids.contains($0) }
        guard list.count + ids.count == before else { return nil }
        for change in moved {
            let wanted = key(change.after)
            var low = 0, high = list.count
            while low < high {
                let middle = (low + high) / 2
                guard let other = documents[list[middle]] else { return nil }
                if less(key(other), wanted) { low = middle + 1 } else { high = middle }
            }
            list.insert(change.id, at: low)
        }
        return list
    }
}
