/// What changed in the graph in this build's revision, node by node, and so which slices can
/// keep their fingerprint without being computed again.
///
/// Nodes and the nodes they read, in the manner of salsa or Shake: `meta(doc)` (a document's
/// parse without its body) reads its file; `body(doc)` (a body's summary) reads its document
/// and what the link table says of the pages it links to, labels or mentions; the link table
/// reads every `meta`; an index slice about a page (its mentions, backlinks, co-mentions,
/// events) reads the `meta` and `body` of every document that refers to that page; a page's
/// slices read these. A node recomputed to the value it had keeps its old revision: it is not
/// recorded here, so nothing that reads it is computed again (a re-parsed file whose metadata
/// is the same changes no `meta`; a re-rendered body with the same summary changes no `body`).
///
/// Every build verifies every slice a page read (the previous revision's values are all
/// verified), so a node's "changed" revision is either this one (recorded here) or an earlier
/// one: a slice is current when none of the nodes it reads changed in this revision.
struct GraphRevision: Sendable {
    /// False for a clean build (no previous revision: every slice is computed).
    private var incremental = false
    /// Ids (hashed, see `SliceKey`) whose `meta`, whose `body`, and whose index slices changed.
    private var metas = Set<UInt64>()
    /// The kinds of the documents whose `meta` changed (an index's list reads one kind's).
    private var metaKinds = Set<DocumentKind>()
    private var bodies = Set<UInt64>()
    private var indexEntries = Set<UInt64>()
    /// Pages (hashed) whose index entries changed only in what mentions of them read (their
    /// paragraph, text or snippet), with the sources whose mentions did: the same sources
    /// mention them in the same order, so only the slices reading mentions' text can change,
    /// and of a paginated mention list only the page holding such a source.
    private var mentionSources: [UInt64: Set<String>] = [:]
    /// Pages (hashed) whose mention list may only have changed order: a source naming them was
    /// retitled with the same references, so the same sources mention them with the same
    /// mentions. With the list as the previous revision ordered it: a page of it keeps its
    /// fingerprint when it holds the same items (`ListPageCheck`).
    private var reorderedLists: [UInt64: [String]] = [:]
    /// Whether some body names other actors than before: co-mention counts may change.
    private var namedActorsChanged = false
    /// Whether the link table resolves some key differently (slices of what a reference
    /// resolves to are then computed again).
    private var linkTableChanged = true
    /// Whether an input other than content changed (`briefgen.yml` holds the page sizes).
    var settingsChanged = true
    /// Whether the search index may read differently: some metadata, some body's words, links
    /// or mentions changed (or the link table, or the settings).
    private(set) var searchChanged = false
    /// Whether every file of the search index is the previous revision's.
    var searchIndexKept: Bool { incremental && !linkTableChanged && !settingsChanged && !searchChanged }
    /// Documents whose search record may read differently (their metadata, words, links or
    /// mentions changed): those an update of the search index makes again.
    private(set) var searchDocuments = Set<String>()
    /// The search index's files an update made with other bytes (hashed as `SliceKey`s): the
    /// others keep their fingerprint. Nil when the index is kept or made whole.
    private var searchFilesRemade: Set<UInt64>?
    /// Whether some body gained or lost a business section (the business index lists them).
    private(set) var businessSectionsChanged = false

    /// The revision of a clean build.
    init() {}

    /// A rebuild's revision; `linkTableChanged` tells whether the link table resolves a key
    /// differently than before.
    init(incremental: Bool, linkTableChanged: Bool) {
        self.incremental = incremental
        self.linkTableChanged = linkTableChanged
    }

    /// Records a document's `meta` as changed (`before`, `after`: its parse before and after,
    /// nil when it did not exist), with the index slices of the pages it refers to in either,
    /// from its front matter or from its body (`bodies`: its summaries, whose entries in other
    /// pages' lists are ordered and labelled by its metadata).
    /// `previousOrder` gives a page's mention list as the previous revision ordered it: when the
    /// document keeps its kind, draft state and references (a new title, date or summary), the
    /// pages it refers to keep their index entries, and only the order of their mention lists
    /// may change (nil: their entries are taken as changed).
    mutating func metaChanged(id: String, before: Document?, after: Document?, bodies: [RenderedBody], links: LinkTable,
                              previousOrder: ((String) -> [String]?)? = nil) {
        metas.insert(StableHash.of(id))
        for doc in [before, after] { if let doc { metaKinds.insert(doc.kind) } }
        indexEntries.insert(StableHash.of(id))
        searchChanged = true
        searchDocuments.insert(id)
        if let before, let after, let previousOrder, !bodies.isEmpty, Self.sameEntries(before, after, links: links) {
            var targets = Set<String>()
            for body in bodies {
                for link in body.links { targets.insert(link.target) }
                for mention in body.mentions { targets.insert(mention.actor) }
            }
            for target in targets {
                if let order = previousOrder(target) { reorderedLists[StableHash.of(target)] = order } else { indexEntries.insert(StableHash.of(target)) }
            }
            return
        }
        for body in bodies { insertTargets(of: body) }
        for doc in [before, after].compactMap({ $0 }) {
            for (_, refs) in SiteIndex.referenceKeys(doc) {
                for ref in refs {
                    if case .found(let target, _, _) = links.resolve(ref) { indexEntries.insert(StableHash.of(target.id)) }
                }
            }
        }
    }

    /// Whether a document's metadata adds the same entries to the index before and after: the
    /// same kind and draft state, and the same references resolving to the same pages (an
    /// event's date and title order the timeline and the events of each actor and source: an
    /// event is never taken as the same).
    private static func sameEntries(_ before: Document, _ after: Document, links: LinkTable) -> Bool {
        before.kind == after.kind && before.kind != .event && before.draft == after.draft
            && SiteIndex.metadataReferences(before, links: links).elementsEqual(SiteIndex.metadataReferences(after, links: links), by: ==)
    }

    /// Records a body's summary as changed (`before`, `after`: nil when it did not exist), with
    /// the index slices of the pages it links to or mentions, before or after; when it links
    /// to and mentions the same pages in the same order, only of each page whose entries from
    /// this body read differently (another paragraph, text or snippet), as co-mentions and
    /// counts are then the same.
    mutating func bodyChanged(id: String, before: RenderedBody?, after: RenderedBody?) {
        bodies.insert(StableHash.of(id))
        indexEntries.insert(StableHash.of(id))
        if before?.businessSections.count != after?.businessSections.count { businessSectionsChanged = true }
        if before?.searchTerms != after?.searchTerms { searchChanged = true; searchDocuments.insert(id) }
        /// The pages whose entries from this body read differently before and after.
        func targetsReadingDifferently(_ before: RenderedBody, _ after: RenderedBody) -> [String] {
            func entries(_ body: RenderedBody) -> [String: [String]] {
                var entries: [String: [String]] = [:]
                for link in body.links { entries[link.target, default: []].append("l") }
                for mention in body.mentions {
                    entries[mention.actor, default: []].append("m\(mention.paragraph ?? 0)\u{0}\(mention.text)\u{0}\(mention.snippet)")
                }
                return entries
            }
            let (old, new) = (entries(before), entries(after))
            return Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }
        }
        guard let before, let after, SiteIndex.sameLinksAndMentions(before, after) else {
            searchChanged = true
            searchDocuments.insert(id)
            guard let before, let after else {
                for body in [before, after].compactMap({ $0 }) { insertTargets(of: body) }
                return
            }
            // Other links or mentions: the entries of the pages this body's entries about differ
            // (a page whose entries from it read the same keeps its mentions, backlinks and
            // list); the co-mention counts when it names other actors.
            for target in targetsReadingDifferently(before, after) { indexEntries.insert(StableHash.of(target)) }
            if Set(before.mentions.map(\.actor)) != Set(after.mentions.map(\.actor)) { namedActorsChanged = true }
            return
        }
        // Links to the same targets in the same order read the same: what differs is what
        // mentions of a target read.
        for target in targetsReadingDifferently(before, after) {
            mentionSources[StableHash.of(target), default: []].insert(id)
        }
    }

    /// Records which files of the search index an update made with other bytes (`remade`):
    /// the others keep their fingerprint.
    mutating func searchIndexUpdated(remade: Set<String>) {
        searchFilesRemade = Set(remade.map { SliceKey(Slice.search($0)).id })
    }

    private mutating func insertTargets(of body: RenderedBody) {
        for link in body.links { indexEntries.insert(StableHash.of(link.target)) }
        for mention in body.mentions { indexEntries.insert(StableHash.of(mention.actor)) }
    }

    /// Whether a slice of the previous revision still has its fingerprint: no node it reads
    /// changed in this one.
    func isCurrent(_ key: SliceKey) -> Bool {
        guard incremental else { return false }
        switch key.node {
        case .meta: return !metas.contains(key.id)
        case .body: return !bodies.contains(key.id)
        case .indexEntries: return !linkTableChanged && !indexEntries.contains(key.id)
        case .coMentions: return !linkTableChanged && !indexEntries.contains(key.id) && !namedActorsChanged
        case .mentionText: return !linkTableChanged && !indexEntries.contains(key.id) && mentionSources[key.id] == nil
        case .linkTable: return !linkTableChanged
        // A paginated list's items and pages: an index's follow the metadata of one kind of
        // documents (and the business index, the bodies' business sections); an actor's mention list is its
        // index entries (which sources mention it, in an order their titles decide); a page of
        // it also what those mentions read.
        case .list, .listPage:
            guard !linkTableChanged, !settingsChanged else { return false }
            if key.id == Self.businessList { return !metaKinds.contains(.article) && !businessSectionsChanged }
            if let kind = Self.indexLists[key.id] { return !metaKinds.contains(kind) }
            return !indexEntries.contains(key.id) && reorderedLists[key.id] == nil && (key.node == .list || mentionSources[key.id] == nil)
        case .search: return searchIndexKept || searchFilesRemade.map { !$0.contains(key.id) } ?? false
        case .site: return false
        }
    }

    /// For a page of an actor's mention list that `isCurrent` does not keep only because what
    /// some mentions read or the list's order changed: the sources whose mentions did, and the
    /// list as it was ordered. The page keeps its fingerprint when it holds none of those
    /// sources and the items it held (`ListPageCheck`); nil for any other slice.
    func listPageChange(_ key: SliceKey) -> ListPageCheck? {
        guard incremental, key.node == .listPage, !linkTableChanged, !settingsChanged, key.id != Self.businessList,
              Self.indexLists[key.id] == nil, !indexEntries.contains(key.id) else { return nil }
        let (sources, order) = (mentionSources[key.id], reorderedLists[key.id])
        guard sources != nil || order != nil else { return nil }
        return ListPageCheck(sources: sources ?? [], previousItems: order)
    }

    private static let businessList = StableHash.of(PagedList.business.name)
    /// The lists of the site's indexes, with the kind of documents whose metadata each reads.
    private static let indexLists = Dictionary(uniqueKeysWithValues: PagedList.indexes.map { list -> (UInt64, DocumentKind) in
        switch list {
        case .timeline, .disputes: (StableHash.of(list.name), .event)
        case .notes: (StableHash.of(list.name), .note)
        default: (StableHash.of(list.name), .article)
        }
    })
}

/// What the revision check needs of a slice's name: the kind of node its value is read from,
/// and the hash of what it is about (`t:actors/x` → meta, hash of `actors/x`). Made for the
/// previous build's 110,000 slices while their table is decoded (on the other core), so that
/// the check is one set lookup per slice. A hash collision only makes a slice look changed,
/// which costs one fingerprint computation, never a stale page.
struct SliceKey: Sendable {
    /// The node a slice's value is read from.
    enum Node: UInt8, Sendable {
        case meta, body, indexEntries, linkTable
        /// An actor's co-mention counts (index entries, and the actors each body names).
        case coMentions
        /// An actor's mentions with what each reads (paragraph, text, snippet).
        case mentionText
        /// A paginated list's page count, or the page holding an item.
        case list
        /// The items on one page of a paginated list (with their mentions, for an actor's).
        case listPage
        /// A file of the search index.
        case search
        /// Values of the whole site (timeline, lists, config, templates…): always computed.
        case site
    }

    var node: Node
    var id: UInt64

    init(_ slice: String) {
        var slice = slice
        self = slice.withUTF8 { SliceKey(bytes: $0) }
    }

    /// A key as the tables file keeps it.
    init(node: Node, id: UInt64) {
        self.node = node
        self.id = id
    }

    /// The key of a slice name given as its UTF-8 bytes.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        guard let colon = bytes.firstIndex(of: Slice.separator), colon > 0 else {
            (node, id) = (.site, 0)
            return
        }
        let node = Self.node(UnsafeBufferPointer(rebasing: bytes[..<colon]))
        // A paginated list's slice is about the list named before its `@` (`pg:timeline@2`,
        // `pi:actors/x@articles/y`): an actor's id for its mention list.
        let end = node == .list || node == .listPage ? bytes[(colon + 1)...].firstIndex(of: UInt8(ascii: "@")) ?? bytes.count : bytes.count
        var hash = StableHash()
        hash.combine(UnsafeBufferPointer(rebasing: bytes[(colon + 1)..<end]))
        (self.node, id) = (node, hash.value)
    }

    /// A slice kind's node, told by its name's bytes packed into one number (looked for in a
    /// list of about thirty kinds: no hashing, for each of 110,000 slices on every rebuild).
    private static func node(_ prefix: UnsafeBufferPointer<UInt8>) -> Node {
        guard prefix.count <= 3 else { return .site }
        let packed = prefix.reduce(0 as UInt32) { $0 << 8 | UInt32($1) }
        return nodes.withUnsafeBufferPointer { nodes in
            for entry in nodes where entry.packed == packed { return entry.node }
            return .site
        }
    }

    private static let nodes: [(packed: UInt32, node: Node)] = SliceKind.allCases.filter { $0.rawValue.utf8.count <= 3 }.map { kind in
        (kind.rawValue.utf8.reduce(0 as UInt32) { $0 << 8 | UInt32($1) }, kind.node)
    }
}

extension SliceKind {
    /// The node of the graph a slice of this kind reads.
    var node: SliceKey.Node {
        switch self {
        // An event's disputes are front matter: its `meta`.
        case .title, .summary, .meta, .disputes: .meta
        case .excerpt, .body, .toc, .sections, .mentionCounts: .body
        case .mentions: .mentionText
        case .coMentions: .coMentions
        case .mentionDocuments, .backlinks, .eventsByActor, .eventsBySource: .indexEntries
        case .resolution: .linkTable
        case .listPage: .listPage
        case .listPageCount, .listItemPage: .list
        case .search: .search
        default: .site
        }
    }
}

/// What may have changed on the pages of an actor's mention list: the sources whose mentions
/// read differently, and the list as the previous revision ordered it (nil: the same order).
struct ListPageCheck: Sendable {
    var sources: Set<String>
    var previousItems: [String]?

    /// Whether a page of the list (`pg:LIST@N`) keeps its fingerprint, from the lists of this
    /// build: it holds none of `sources`, and the items it held.
    func keeps(slice: String, lists: SiteLists) -> Bool {
        guard let (kind, argument) = Slice.parse(slice), kind == .listPage, let (list, rest) = Slice.listArgument(argument),
              let number = Int(rest) else { return false }
        let items = lists.items(list, page: number)
        if items.contains(where: { sources.contains($0) }) { return false }
        guard let previousItems else { return true }
        let start = (number - 1) * lists.pageSize(list)
        guard number >= 1, start < previousItems.count else { return items.isEmpty }
        let end = min(previousItems.count, start + lists.pageSize(list))
        return items.elementsEqual(previousItems[start..<end])
    }
}
