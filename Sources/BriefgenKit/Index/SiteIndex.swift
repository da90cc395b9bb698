/// The cross-linked view of the whole site: who links to whom, who is mentioned where,
/// which events involve which actors and cite which sources. A pure function of the
/// documents' metadata and their rendered bodies.
public struct SiteIndex: Sendable {
    /// A page that points at another, and why.
    public struct Backlink: Hashable, Sendable, Comparable {
        public enum Reason: String, Sendable, Hashable { case link, mention, metadata }
        public var source: String
        public var reason: Reason
        /// Paragraph of the source where it happens, for mentions and links.
        public var paragraph: Int?

        public static func < (a: Backlink, b: Backlink) -> Bool {
            (a.source, a.reason.rawValue, a.paragraph ?? 0) < (b.source, b.reason.rawValue, b.paragraph ?? 0)
        }
    }

    /// One mention of an actor in a page.
    public struct MentionRef: Hashable, Sendable {
        public var source: String
        public var paragraph: Int?
        public var snippet: String
        public var text: String
    }

    public var documents: DocumentStore<Document>
    public var bodies: DocumentStore<RenderedBody>
    /// Backlinks and mentions as numbers, grouped by target: documents are numbered in id
    /// order, and a target's entries are one run of a flat table. The index is rebuilt on
    /// every build and most pages are not re-rendered, so lists of `Backlink` values are only
    /// made for the pages that ask (`backlinks(of:)`), and mentions are lent where they lie in
    /// their bodies (`forEachMention`); building them all took most of a one-edit rebuild of a
    /// large site.
    /// (Internal, not private, for the build cache's coding: `SiteIndex+Coding.swift`.)
    var numbers = IDTable([String]())
    var backlinkTable = Grouped<Edge>()
    var mentionTable = Grouped<Edge>()

    /// A source pointing at a target: `detail` is the reason (backlinks) or the place of the
    /// mention in the source's body (mentions).
    struct Edge: Sendable, Equatable {
        var source: Int32
        var detail: Int32
    }
    /// Actor id → other actors named in the same pages, with how many pages.
    public var coMentions: [String: [(actor: String, count: Int)]] = [:]
    /// Actor id → events involving it, in date order.
    public var eventsByActor: [String: [String]] = [:]
    /// Article id → events citing it.
    public var eventsBySource: [String: [String]] = [:]
    /// Events in date order (oldest first).
    public var timeline: [String] = []
    /// Ids of each kind, ordered by title.
    public var idsByKind: [DocumentKind: [String]] = [:]
    /// Articles newest first; undated ones last, by title.
    public var articlesByDate: [String] = []
    /// The eight actors the site says most about.
    public var keyActors: [String] = []
    /// Disputed questions across all events.
    public var disputeCount = 0
    /// Document numbers ordered by kind, title and id (the order of an actor's mention list),
    /// and each number's place in it (`SiteIndex+TitleOrder.swift`; set with `setTitleOrder`).
    var titleOrder: [Int32] = []
    var titleRanks: [Int32] = []
    /// How many business sections each document's body has, by number (empty when not known:
    /// then read from the bodies), so that the business index lists them without reading every
    /// body (`businessSectionCount(of:)`).
    var businessSectionCounts: [Int32] = []
    /// Numbers of the documents whose front matter gives `facts:`, ascending: the site-wide
    /// view of differing facts reads these documents only (`orderedFactHolders`), so that a
    /// retitled source without facts does not make it read every document again.
    var factHolders: [Int32] = []

    /// An index with nothing in it, filled in by the build cache's decoder.
    init() {
        documents = DocumentStore()
        bodies = DocumentStore()
    }

    /// This index for documents and bodies that differ from its own only where the index does
    /// not look: the same documents with the same metadata, and bodies that link to and
    /// mention the same pages in the same order (see `sameLinksAndMentions`). Everything but
    /// the two tables is kept, which is what the index would compute again.
    func reusing(documents: DocumentStore<Document>, bodies: DocumentStore<RenderedBody>) -> SiteIndex {
        var index = self
        index.documents = documents
        index.bodies = bodies
        return index
    }

    /// How many business sections the body of `id` has: kept with the index, else read from
    /// its body.
    func businessSectionCount(of id: String) -> Int {
        if businessSectionCounts.count == numbers.ids.count, let number = numbers.number(of: id) {
            return Int(businessSectionCounts[number])
        }
        return bodies[id]?.businessSections.count ?? 0
    }

    /// Takes the business sections of `bodies` (made again in this build) into the counts kept;
    /// whether a count changed.
    mutating func countBusinessSections(of bodies: [String: RenderedBody]) -> Bool {
        guard businessSectionCounts.count == numbers.ids.count else { return false }
        var changed = false
        for (id, body) in bodies {
            guard let number = numbers.number(of: id), businessSectionCounts[number] != Int32(body.businessSections.count) else { continue }
            businessSectionCounts[number] = Int32(body.businessSections.count)
            changed = true
        }
        return changed
    }

    /// Whether two summaries of a body add the same entries to the index: links to the same
    /// targets and mentions of the same actors, in the same order.
    static func sameLinksAndMentions(_ a: RenderedBody, _ b: RenderedBody) -> Bool {
        a.links.elementsEqual(b.links, by: { $0.target == $1.target })
            && a.mentions.elementsEqual(b.mentions, by: { $0.actor == $1.actor })
    }

    public init(documents: [Document], bodies: [String: RenderedBody], links: LinkTable) {
        // Made on the other core while this one aggregates links and mentions.
        let orderedLists = Background { Self.orderedLists(documents, links: links) }
        self.documents = DocumentStore(Dictionary(documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
        self.bodies = DocumentStore(bodies)
        // Aggregation runs over integer numbers (a document's place in id order), not ids: with
        // ids as dictionary keys this loop was most of a one-edit rebuild of a large site
        // (three string hashes per mention). Documents are visited in id order, and for each
        // source links come before mentions before metadata, which is also the order of
        // `Backlink.Reason`'s raw values: lists come out sorted, and a repeat is always last.
        // `Stages.select` gives documents in id order already: sorted only when they are not.
        var order = documents.indices.map { (documents[$0].id, $0) }
        if !zip(order, order.dropFirst()).allSatisfy({ $0.0 < $1.0 }) { order.sort { $0.0 < $1.0 } }
        let numbers = IDTable(order.map(\.0))
        self.numbers = numbers
        // Edges in source order; for each source links come before mentions before metadata,
        // the order of `Backlink.Reason`'s raw values, so each target's run comes out sorted.
        // Found on all cores, a run of sources at a time, and joined in source order: the same
        // edges as one loop over the sources makes (it was most of this stage, on one core).
        let runs = Array(stride(from: 0, to: order.count, by: Self.sourcesPerRun))
        let sources = order
        let found = runs.parallelMap { start -> EdgesFound in
            var edges = EdgesFound()
            var named: [Int] = []
            for source in start..<min(start + Self.sourcesPerRun, sources.count) {
                let (id, position) = sources[source]
                named.removeAll(keepingCapacity: true)
                Self.addEdges(of: source, document: documents[position], body: bodies[id], numbers: numbers, links: links,
                              backlinks: &edges.backlinks, mentions: &edges.mentions, named: &named)
                if named.count > 1 { edges.pagesNaming.append(named) }
            }
            return edges
        }
        let backlinkEdges = found.flatMap(\.backlinks)
        let mentionEdges = found.flatMap(\.mentions)
        let pagesNaming = found.flatMap(\.pagesNaming)  // per source, the actors it names
        backlinkTable = Grouped(backlinkEdges, groups: order.count, dropRepeats: true)
        mentionTable = Grouped(mentionEdges, groups: order.count, dropRepeats: false)

        // Co-mentions: pairs of actors named in the same pages, counted in a square table over
        // the actors that appear in some pair (a dictionary of pairs when they are very many).
        var slotOf = [Int](repeating: -1, count: order.count)
        var actorOfSlot: [Int] = []
        for names in pagesNaming {
            for actor in names where slotOf[actor] < 0 {
                slotOf[actor] = actorOfSlot.count
                actorOfSlot.append(actor)
            }
        }
        let width = actorOfSlot.count
        // Each actor's row of pairs, read off the square in slot order (a dictionary keyed by
        // pair took 100,000 hashed inserts at 10,000 articles, on one core, before the rows).
        var perActor: [Int: [(actor: String, count: Int)]] = [:]
        if width <= 2048 {
            var square = [Int32](repeating: 0, count: width * width)
            square.withUnsafeMutableBufferPointer { square in
                for names in pagesNaming {
                    for a in names {
                        let row = slotOf[a] * width
                        for b in names where a != b { square[row + slotOf[b]] += 1 }
                    }
                }
            }
            for slot in 0..<width {
                var list: [(actor: String, count: Int)] = []
                for other in 0..<width where square[slot * width + other] > 0 {
                    list.append((order[actorOfSlot[other]].0, Int(square[slot * width + other])))
                }
                if !list.isEmpty { perActor[slot] = list }
            }
        } else {
            var pairCounts: [Int: Int] = [:]
            for names in pagesNaming {
                for a in names {
                    for b in names where a != b { pairCounts[slotOf[a] * width + slotOf[b], default: 0] += 1 }
                }
            }
            for (key, count) in pairCounts {
                perActor[key / width, default: []].append((order[actorOfSlot[key % width]].0, count))
            }
        }
        for (slot, list) in perActor {
            coMentions[order[actorOfSlot[slot]].0] = list.sorted { ($1.count, $0.actor) < ($0.count, $1.actor) }
        }

        let lists = orderedLists.value
        (idsByKind, articlesByDate, disputeCount) = (lists.idsByKind, lists.articlesByDate, lists.disputeCount)
        (timeline, eventsByActor, eventsBySource) = (lists.timeline, lists.eventsByActor, lists.eventsBySource)
        setTitleOrder(lists.titleOrder.compactMap { numbers.number(of: $0).map(Int32.init) })
        businessSectionCounts = order.map { Int32(bodies[$0.0]?.businessSections.count ?? 0) }
        factHolders = order.indices.filter { !documents[order[$0].1].fields.facts.isEmpty }.map(Int32.init)
        keyActors = Self.keyActors(self)
    }

    /// The edges of a run of sources (`addEdges` of each), and the actors each source names
    /// when it names several.
    private struct EdgesFound: Sendable {
        var backlinks: [(group: Int32, value: Edge)] = []
        var mentions: [(group: Int32, value: Edge)] = []
        var pagesNaming: [[Int]] = []
    }

    /// How many sources one core takes at a time when the edges are found.
    private static let sourcesPerRun = 256

    /// What one document adds to the index: its backlink and mention edges (grouped by target
    /// number), in the order the tables keep them, and the actors it names (`named`, in order).
    static func addEdges(of source: Int, document: Document, body: RenderedBody?, numbers: IDTable, links: LinkTable,
                         backlinks backlinkEdges: inout [(group: Int32, value: Edge)],
                         mentions mentionEdges: inout [(group: Int32, value: Edge)], named: inout [Int]) {
        let from = Int32(source)
        if let body {
            for link in body.links {
                if let target = numbers.number(of: link.target), target != source {
                    backlinkEdges.append((Int32(target), Edge(source: from, detail: Self.link)))
                }
            }
            // Read in place: copying each mention out retained its snippet, a cache miss per
            // mention on text this loop never reads.
            body.mentions.withUnsafeBufferPointer { mentions in
                for place in mentions.indices {
                    guard let actor = numbers.number(of: mentions[place].actor) else { continue }
                    if !named.contains(actor) {
                        named.append(actor)
                        if actor != source { backlinkEdges.append((Int32(actor), Edge(source: from, detail: Self.mention))) }
                    }
                    mentionEdges.append((Int32(actor), Edge(source: from, detail: Int32(place))))
                }
            }
        }
        for (key, target) in Self.metadataReferences(document, links: links) {
            guard let target = numbers.number(of: target) else { continue }
            if target != source { backlinkEdges.append((Int32(target), Edge(source: from, detail: Self.metadata))) }
            if key == "actors", !named.contains(target) { named.append(target) }
        }
    }

    /// The lists ordered by title or date, which depend on metadata only.
    struct OrderedLists: Sendable {
        var idsByKind: [DocumentKind: [String]] = [:]
        var articlesByDate: [String] = []
        var disputeCount = 0
        var timeline: [String] = []
        var eventsByActor: [String: [String]] = [:]
        var eventsBySource: [String: [String]] = [:]
        var titleOrder: [String] = []
    }

    static func orderedLists(_ documents: [Document], links: LinkTable) -> OrderedLists {
        var lists = OrderedLists()
        var byKind: [DocumentKind: [Int]] = [:]
        for position in documents.indices { byKind[documents[position].kind, default: []].append(position) }
        lists.idsByKind = byKind.mapValues { list in
            list.map { (documents[$0].title.lowercased(), documents[$0].id) }.sorted { $0 < $1 }.map(\.1)
        }
        // Sort keys computed once: comparing documents directly copies them on every comparison.
        lists.articlesByDate = (byKind[.article] ?? []).map { dateKey(documents[$0]) }.sorted { $0 < $1 }.map(\.3)
        lists.disputeCount = (byKind[.event] ?? []).reduce(0) { $0 + documents[$1].fields.disputed.count }
        let titleKeys = documents.map { ($0.kind, $0.title, $0.id) }
        lists.titleOrder = titleKeys.indices.sorted { titleKeys[$0] < titleKeys[$1] }.map { titleKeys[$0].2 }

        let ordered = Self.timelineOrder((byKind[.event] ?? []).map { documents[$0] }, links: links)
        let events = ordered.map { ((byKind[.event] ?? [])[$0]) }
        lists.timeline = events.map { documents[$0].id }
        let timelinePositions = events
        for (id, position) in zip(lists.timeline, timelinePositions) {
            let event = documents[position]
            for actor in Self.resolvedIDs(event.fields.actors, kind: .actor, links: links) { lists.eventsByActor[actor, default: []].append(id) }
            for source in Self.resolvedIDs(event.fields.sources, kind: .article, links: links) {
                if !(lists.eventsBySource[source]?.contains(id) ?? false) { lists.eventsBySource[source, default: []].append(id) }
            }
            for dispute in event.fields.disputed {
                for answer in dispute.answers {
                    for source in Self.resolvedIDs(answer.sources, kind: .article, links: links)
                    where !(lists.eventsBySource[source]?.contains(id) ?? false) {
                        lists.eventsBySource[source, default: []].append(id)
                    }
                }
            }
        }
        return lists
    }

    private static let link: Int32 = 0, mention: Int32 = 1, metadata: Int32 = 2
    private static let reasons: [Backlink.Reason] = [.link, .mention, .metadata]

    /// Pages pointing at a target, by source then reason, without repeats.
    public func backlinks(of id: String) -> [Backlink] {
        var links: [Backlink] = []
        forEachBacklink(of: id) { links.append(Backlink(source: $0, reason: $1, paragraph: nil)) }
        return links
    }

    /// Calls `body` with each backlink of a target as `backlinks(of:)` lists them, without
    /// making the list (a fingerprint reads every actor's backlinks once per build).
    func forEachBacklink(of id: String, _ body: (_ source: String, _ reason: Backlink.Reason) -> Void) {
        guard let target = numbers.number(of: id) else { return }
        for edge in backlinkTable[target] { body(numbers.ids[Int(edge.source)], Self.reasons[Int(edge.detail)]) }
    }

    /// How many distinct pages point at a target.
    func backlinkSourceCount(of id: String) -> Int {
        guard let target = numbers.number(of: id) else { return 0 }
        return Self.sourceCount(backlinkTable[target])
    }

    /// How many distinct sources a run of edges in source order holds: counted where the
    /// source changes, not hashed into a set.
    private static func sourceCount(_ run: ArraySlice<Edge>) -> Int {
        var count = 0
        var last: Int32 = -1
        for edge in run where edge.source != last {
            count += 1
            last = edge.source
        }
        return count
    }

    /// How many documents mention `actor` (from the mention table alone: no body is read).
    /// The actor's run is in source order (`forEachMention` relies on it too), so each
    /// document's mentions are one stretch (an actor page's network asks this of a dozen
    /// actors with thousands of mentions each).
    public func mentioningDocuments(of actor: String) -> Int {
        guard let target = numbers.number(of: actor) else { return 0 }
        return Self.sourceCount(mentionTable[target])
    }

    /// The documents that mention `actor`, each once, in source order (from the mention table
    /// alone: no body is read, no mention's text is made).
    public func mentioningSources(of actor: String) -> [String] {
        guard let target = numbers.number(of: actor) else { return [] }
        var seen = Set<Int32>()
        var ids: [String] = []
        for edge in mentionTable[target] where seen.insert(edge.source).inserted { ids.append(numbers.ids[Int(edge.source)]) }
        return ids
    }

    /// Every mention of an actor, in source order.
    public func mentions(of actor: String) -> [MentionRef] {
        var result: [MentionRef] = []
        forEachMention(of: actor) { source, mention in
            result.append(MentionRef(source: source, paragraph: mention.pointee.paragraph, snippet: mention.pointee.snippet,
                                     text: mention.pointee.text))
        }
        return result
    }

    /// Calls `body` with each mention of `actor` and the id of the document holding it, as
    /// `mentions(of:)` lists them, without making the list: each source's body is read once.
    /// The mention is lent where it lies (a value handed to a closure is copied, its strings
    /// retained: most of what a fingerprint of 1,000 mentions cost).
    func forEachMention(of actor: String, _ body: (_ source: String, _ mention: UnsafePointer<Mention>) -> Void) {
        guard let target = numbers.number(of: actor) else { return }
        let run = mentionTable[target]
        var start = run.startIndex
        while start < run.endIndex {
            let end = Self.stretchEnd(run, from: start)
            let id = numbers.ids[Int(run[start].source)]
            SourceMentions(all: bodies.withValue(of: id) { $0.mentions } ?? [], edges: run[start..<end]).forEach { body(id, $0) }
            start = end
        }
    }

    /// Where the stretch of one source's edges that begins at `start` ends in an actor's run.
    private static func stretchEnd(_ run: ArraySlice<Edge>, from start: Int) -> Int {
        var end = start + 1
        while end < run.endIndex, run[end].source == run[start].source { end += 1 }
        return end
    }

    /// Calls `body` with each mention of `actor` in one document, in the order of its body,
    /// first telling `counted` how many there are (`mentions(of:in:)` for one source).
    func forEachMention(of actor: String, in source: String, counted: (Int) -> Void, _ body: (UnsafePointer<Mention>) -> Void) {
        let found = mentions(of: actor, in: [source])[0]
        counted(found.count)
        found.forEach(body)
    }

    /// One document's mentions of an actor, as `mentions(of:in:)` finds them: the document's
    /// mentions and the stretch of the actor's run that points at those naming the actor.
    struct SourceMentions {
        fileprivate let all: [Mention]
        fileprivate let edges: ArraySlice<Edge>

        /// How many times the document names the actor.
        var count: Int { edges.reduce(0) { all.indices.contains(Int($1.detail)) ? $0 + 1 : $0 } }

        /// Calls `body` with each mention of the actor, in the order of the body, lent where it
        /// lies (a value handed to a closure is copied, its strings retained).
        func forEach(_ body: (UnsafePointer<Mention>) -> Void) {
            all.withUnsafeBufferPointer { mentions in
                for edge in edges where mentions.indices.contains(Int(edge.detail)) { body(mentions.baseAddress! + Int(edge.detail)) }
            }
        }
    }

    /// The mentions of `actor` in each of `sources`, in their order (none where a source does
    /// not name it). The actor's run of the mention table is in source order, so a source's
    /// mentions are one stretch of it, found by halving; only the bodies of sources in the run
    /// are read.
    ///
    /// Made one kind of look-up at a time over all the sources (their numbers, then their
    /// stretches, then their bodies), not source by source: look-ups of memory cold by the time
    /// pages render that do not depend on one another can be in flight together (README,
    /// "Performance rounds", twentieth round: 892 → 830 samples of the mention lists).
    func mentions(of actor: String, in sources: some Collection<String>) -> [SourceMentions] {
        let none = ArraySlice<Edge>()
        guard let target = numbers.number(of: actor) else { return sources.map { _ in SourceMentions(all: [], edges: none) } }
        let run = mentionTable[target]
        let numbered = sources.map { numbers.number(of: $0) }
        let stretches = numbered.map { number in number.map { Self.stretch(of: Int32($0), in: run) } ?? none }
        var found: [SourceMentions] = []
        found.reserveCapacity(stretches.count)
        for (source, edges) in zip(sources, stretches) {
            let all = edges.isEmpty ? [] : bodies.withValue(of: source) { $0.mentions } ?? []
            found.append(SourceMentions(all: all, edges: edges))
        }
        return found
    }

    /// The stretch of an actor's run holding the edges from document `source` (empty if none).
    private static func stretch(of source: Int32, in run: ArraySlice<Edge>) -> ArraySlice<Edge> {
        var low = run.startIndex, high = run.endIndex
        while low < high {
            let middle = (low + high) / 2
            if run[middle].source < source { low = middle + 1 } else { high = middle }
        }
        guard low < run.endIndex, run[low].source == source else { return run[low..<low] }
        return run[low..<stretchEnd(run, from: low)]
    }

    /// The mentions of `actor` in one document, in the order of its body, as references (what
    /// `forEachMention(of:in:counted:_:)` lends, copied: the tests' account of it; pages read
    /// the mentions where they lie).
    public func mentions(of actor: String, in source: String) -> [MentionRef] {
        var result: [MentionRef] = []
        forEachMention(of: actor, in: source, counted: { result.reserveCapacity($0) }) { mention in
            result.append(MentionRef(source: source, paragraph: mention.pointee.paragraph, snippet: mention.pointee.snippet,
                                     text: mention.pointee.text))
        }
        return result
    }

    /// The events giving facts in timeline order, then the sources giving facts in title order
    /// (the order in which the differing facts list them).
    var orderedFactHolders: [String] {
        guard !factHolders.isEmpty else { return [] }
        let holders = Set(factHolders.map { numbers.ids[Int($0)] })
        return timeline.filter(holders.contains) + (idsByKind[.article] ?? []).filter(holders.contains)
    }

    /// The actors the site says most about: pages pointing at them plus events involving them.
    static func keyActors(_ index: SiteIndex, limit: Int = 8) -> [String] {
        let actors = index.idsByKind[.actor] ?? []
        func weight(_ id: String) -> Int {
            index.backlinkSourceCount(of: id) + (index.eventsByActor[id]?.count ?? 0)
        }
        let weights = Dictionary(uniqueKeysWithValues: actors.map { ($0, weight($0)) })
        return Array(actors.enumerated().sorted { (weights[$1.element]!, $0.offset) < (weights[$0.element]!, $1.offset) }
            .prefix(limit).map(\.element))
    }

    private static func resolvedIDs(_ refs: [String], kind: DocumentKind, links: LinkTable) -> [String] {
        refs.compactMap { ref in
            if case .found(let target, _, _) = links.resolve(ref), target.kind == kind { return target.id }
            return nil
        }
    }

    /// (front-matter key, target id) for every reference a document's metadata makes.
    static func metadataReferences(_ document: Document, links: LinkTable) -> [(String, String)] {
        var result: [(String, String)] = []
        for (key, refs) in Self.referenceKeys(document) {
            for ref in refs {
                if case .found(let target, _, _) = links.resolve(ref) { result.append((key, target.id)) }
            }
        }
        return result
    }

    /// The front-matter keys of a document that name other pages, and the kind each must be.
    static func referenceKeys(_ document: Document) -> [(String, [String])] {
        let f = document.fields
        var keys: [(String, [String])] = [("actors", f.actors), ("related", f.related)]
        if document.kind == .event {
            keys.append(("sources", f.sources + f.disputed.flatMap { $0.answers.flatMap(\.sources) }))
            if !f.after.isEmpty { keys.append(("after", f.after)) }
        }
        if let affiliation = f.affiliation { keys.append(("affiliation", [affiliation])) }
        return keys
    }

    /// Checks every front-matter reference: unknown targets and targets of the wrong kind are errors.
    public static func validateReferences(_ documents: [Document], links: LinkTable,
                                          failed: FailedTargets = FailedTargets()) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for document in documents {
            for (key, refs) in referenceKeys(document) {
                let wanted: DocumentKind? = switch key {
                case "actors", "affiliation": .actor
                case "sources": .article
                case "after": .event
                default: nil
                }
                // Sources named only inside `disputed` are reported at that key.
                let location = document.locationIfWritten(key) ?? document.location(ofKey: "disputed")
                for ref in refs {
                    switch links.resolve(ref) {
                    case .found(let target, let fragment, _):
                        if links.isOldName(ref) {
                            diagnostics.append(.warning(location, "`\(key)` names \"\(ref)\", an old name of \(target.id), which moved",
                                                        hint: "did you mean \"\(links.currentName(of: target) + (fragment.map { "#" + $0 } ?? ""))\"?"))
                        }
                        if let wanted, target.kind != wanted {
                            diagnostics.append(.error(location, "`\(key)` names \"\(ref)\", which is \(target.kind.rawValue) \(target.id), not \(wanted == .article ? "an article" : "an \(wanted.rawValue)")",
                                                      hint: "`\(key)` lists \(wanted == .article ? "articles (content/articles/)" : "actors (content/actors/)")"))
                        }
                    case .unknown(let suggestion):
                        if failed.covers(ref, suggestion: suggestion) { continue }
                        diagnostics.append(.error(location, "unknown \(wanted?.rawValue ?? "page") \"\(ref)\" in `\(key)`",
                                                  hint: suggestion.map { "did you mean \"\($0)\"?" }
                                                      ?? "name it by slug, kind/slug or, for an actor, by name or alias"))
                    }
                }
            }
        }
        return diagnostics
    }
}
