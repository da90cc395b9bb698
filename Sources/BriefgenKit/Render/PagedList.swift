import Synchronization

/// A list shown over several pages, Hugo- and Zola-like: page 1 at the list's own URL
/// (`timeline/`), page N at `LIST/page/N/` (`timeline/page/2/`).
public enum PagedList: Hashable, Sendable {
    case timeline, sources, business, notes, disputes
    /// The documents mentioning an actor, on the actor's page (`actors/SLUG/page/N/`).
    case mentions(actor: String)

    /// The lists of the site's index pages.
    static let indexes: [PagedList] = [.timeline, .sources, .business, .notes, .disputes]

    /// The list's name in slice names: its page 1 URL path without the slash (`timeline`, `actors/x`).
    var name: String {
        switch self {
        case .timeline: "timeline"
        case .sources: "articles"
        case .business: "business"
        case .notes: "notes"
        case .disputes: "disputes"
        case .mentions(let actor): actor
        }
    }

    init?(name: String) {
        switch name {
        case "timeline": self = .timeline
        case "articles": self = .sources
        case "business": self = .business
        case "notes": self = .notes
        case "disputes": self = .disputes
        default:
            guard name.hasPrefix("actors/") else { return nil }
            self = .mentions(actor: name)
        }
    }

    /// The key of its page size under `paginate:` in `briefgen.yml`.
    var sizeKey: String {
        switch self {
        case .timeline: "timeline"
        case .sources: "sources"
        case .business: "business"
        case .notes: "notes"
        case .disputes: "disputes"
        case .mentions: "mentions"
        }
    }

    /// The page showing the list's first page.
    var kind: PageSpec.Kind {
        switch self {
        case .timeline: .timeline
        case .sources: .articles
        case .business: .businessIndex
        case .notes: .notes
        case .disputes: .disputes
        case .mentions: .actor
        }
    }

    /// The URL path of page `number` (1-based) below the base: `timeline/`, `timeline/page/2/`.
    func urlPath(page number: Int) -> String {
        number <= 1 ? name + "/" : name + "/page/\(number)/"
    }
}

/// The items of every paginated list of a site, each worked out once on first use and shared
/// by the threads that render pages and compute fingerprints.
///
/// Items are document ids, but for the business index, whose items are the business sections
/// of sources (`articles/x#0`, `articles/x#1`, in the sources' order).
public final class SiteLists: Sendable {
    private let sizes: PageSizes
    private let index: SiteIndex
    private struct Entry: Sendable {
        var items: [String]
        /// Each item's place in `items`, for the lists pages link into by anchor.
        var positions: [String: Int]
    }
    private let memo = Mutex<[PagedList: Entry]>([:])

    init(config: SiteConfig, index: SiteIndex) {
        sizes = config.pageSizes
        self.index = index
    }

    /// Items per page of `list`.
    func pageSize(_ list: PagedList) -> Int { max(1, sizes.size(of: list.sizeKey)) }

    /// Every item of `list`, in order.
    func items(_ list: PagedList) -> [String] { entry(list).items }

    /// How many pages `list` takes: at least one (an empty list has one, empty, page).
    func pageCount(_ list: PagedList) -> Int {
        let count = entry(list).items.count
        return max(1, (count + pageSize(list) - 1) / pageSize(list))
    }

    /// The items on page `number` (1-based); none past the last page.
    func items(_ list: PagedList, page number: Int) -> ArraySlice<String> {
        let items = entry(list).items
        let start = (number - 1) * pageSize(list)
        guard number >= 1, start < items.count else { return [] }
        return items[start..<min(items.count, start + pageSize(list))]
    }

    /// The page (1-based) holding `item`, or nil when the list does not hold it.
    func page(of item: String, in list: PagedList) -> Int? {
        entry(list).positions[item].map { $0 / pageSize(list) + 1 }
    }

    private func entry(_ list: PagedList) -> Entry {
        if let known = memo.withLock({ $0[list] }) { return known }
        // Made outside the lock: two threads may both make one list, which is then the same.
        let items = makeItems(list)
        var positions: [String: Int] = [:]
        if list == .timeline || list == .disputes {
            positions.reserveCapacity(items.count)
            for (position, item) in items.enumerated() { positions[item] = position }
        }
        let entry = Entry(items: items, positions: positions)
        memo.withLock { $0[list] = entry }
        return entry
    }

    private func makeItems(_ list: PagedList) -> [String] {
        switch list {
        case .timeline: return index.timeline
        case .sources: return index.articlesByDate
        case .notes: return index.idsByKind[.note] ?? []
        case .business:
            return index.articlesByDate.flatMap { id in
                (0..<index.businessSectionCount(of: id)).map { "\(id)#\($0)" }
            }
        case .disputes: return index.timeline.filter { !(index.documents.withValue(of: $0) { $0.fields.disputed.isEmpty } ?? true) }
        case .mentions(let actor): return mentioningSources(actor)
        }
    }

    /// The pages mentioning an actor, in the order its page lists them: sources first, then by
    /// kind, each kind by title.
    private func mentioningSources(_ actor: String) -> [String] {
        if let ordered = index.mentioningSourcesByTitle(of: actor) { return ordered }
        var keyed: [(kind: DocumentKind, title: String, id: String)] = []
        // The mention table alone: making every mention (text, snippet) only to count the
        // sources was most of working out an actor's pages.
        for source in index.mentioningSources(of: actor) {
            guard let key = index.documents.withValue(of: source, { ($0.kind, $0.title, $0.id) }) else { continue }
            keyed.append(key)
        }
        return keyed.sorted { ($0.kind, $0.title, $0.id) < ($1.kind, $1.title, $1.id) }.map(\.id)
    }
}

extension PageSpec {
    /// The paginated list this page shows a page of, if any.
    var list: PagedList? {
        switch kind {
        case .timeline: .timeline
        case .articles: .sources
        case .businessIndex: .business
        case .notes: .notes
        case .disputes: .disputes
        case .actor: document.map { .mentions(actor: $0) }
        default: nil
        }
    }

    /// Pages 2… of each of these lists that has more than one page.
    static func laterPages(of paged: [PagedList], lists: SiteLists) -> [PageSpec] {
        var pages: [PageSpec] = []
        for list in paged {
            let count = lists.pageCount(list)
            guard count > 1 else { continue }
            let document: String? = if case .mentions(let actor) = list { actor } else { nil }
            for number in 2...count {
                let path = list.urlPath(page: number)
                pages.append(PageSpec(kind: list.kind, document: document, output: path + "index.html", urlPath: path, number: number))
            }
        }
        return pages
    }
}
