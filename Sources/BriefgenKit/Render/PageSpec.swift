import Foundation

/// One page of the generated site: where it goes and how it is made.
public struct PageSpec: Hashable, Sendable, Comparable {
    /// What kind of page, which decides its template and context.
    public enum Kind: String, Hashable, Sendable {
        case home, timeline, actors, actor, articles, article, event, businessIndex = "business-index"
        case business, notes, note, disputes, changes, notFound = "404"
    }

    public var kind: Kind
    /// Document id for pages about one document (`actors/anthropic`).
    public var document: String?
    /// Output path below the output folder (`actors/anthropic/index.html`).
    public var output: String
    /// URL path below the base (`actors/anthropic/`).
    public var urlPath: String
    /// The page's number in its paginated list (`PagedList`): 1 but for pages 2… of a list.
    public var number = 1

    /// Template name: the page kind's raw value.
    public var template: String { kind.rawValue }

    public static func < (a: PageSpec, b: PageSpec) -> Bool { a.output < b.output }

    static func list(_ urlPath: String, _ kind: Kind) -> PageSpec {
        PageSpec(kind: kind, document: nil, output: urlPath + "index.html", urlPath: urlPath)
    }

    /// The pages every site has: home, the first page of each index, what changed, not found.
    static let fixed: [PageSpec] = [
        list("", .home), list("timeline/", .timeline), list("actors/", .actors), list("articles/", .articles),
        list("business/", .businessIndex), list("notes/", .notes), list("disputes/", .disputes),
        list("changes/", .changes),
        PageSpec(kind: .notFound, document: nil, output: "404.html", urlPath: "404.html"),
    ]

    /// Every HTML page of a site with these documents, with pages 2… of its paginated lists.
    public static func all(documents: [Document], lists: SiteLists) -> [PageSpec] {
        var pages = fixed
        for document in documents { pages.append(page(for: document)) }
        let actors = documents.filter { $0.kind == .actor }.map { PagedList.mentions(actor: $0.id) }
        pages += laterPages(of: PagedList.indexes + actors, lists: lists)
        return pages.sorted()
    }
}

extension PageSpec {
    /// The page of one document.
    static func page(for document: Document) -> PageSpec { page(id: document.id, kind: document.kind) }

    /// The page written at `output` by a build that had it (`actors/anthropic/index.html`,
    /// `timeline/page/2/index.html`, page 2 of an actor's mentions at
    /// `actors/anthropic/page/2/index.html`), if it is a page's output at all.
    static func page(output: String) -> PageSpec? {
        if let page = fixed.first(where: { $0.output == output }) { return page }
        guard output.hasSuffix("/index.html") else { return nil }
        let path = output.dropLast("/index.html".count)
        if let marker = path.range(of: "/page/", options: .backwards), let number = Int(path[marker.upperBound...]), number > 1 {
            let name = String(path[..<marker.lowerBound])
            guard let list = PagedList(name: name) else { return nil }
            if case .mentions = list, page(id: name)?.kind != .actor { return nil }
            let urlPath = list.urlPath(page: number)
            let document: String? = if case .mentions(let actor) = list { actor } else { nil }
            return PageSpec(kind: list.kind, document: document, output: urlPath + "index.html", urlPath: urlPath, number: number)
        }
        return page(id: String(path))
    }

    /// The page of the document with this id (`kind-folder/slug`), if the folder is a kind's.
    static func page(id: String) -> PageSpec? {
        guard let slash = id.firstIndex(of: "/"), let kind = DocumentKind(folder: String(id[..<slash])) else { return nil }
        return page(id: id, kind: kind)
    }

    /// The page of the document with this id and kind.
    static func page(id: String, kind documentKind: DocumentKind) -> PageSpec {
        let kind: Kind = switch documentKind {
        case .actor: .actor
        case .article: .article
        case .event: .event
        case .business: .business
        case .note: .note
        }
        return PageSpec(kind: kind, document: id, output: id + "/index.html", urlPath: id + "/")
    }
}
