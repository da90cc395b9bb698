/// One page of the generated site: where it goes and how it is made.
public struct PageSpec: Hashable, Sendable, Comparable {
    /// What kind of page, which decides its template and context.
    public enum Kind: String, Hashable, Sendable {
        case home, timeline, actors, actor, articles, article, event, businessIndex = "business-index"
        case business, notes, note, disputes, changes, notFound = "404", search
    }

    public var kind: Kind
    /// Document id for pages about one document (`actors/anthropic`).
    public var document: String?
    /// Output path below the output folder (`actors/anthropic/index.html`).
    public var output: String
    /// URL path below the base (`actors/anthropic/`).
    public var urlPath: String

    /// Template name: the page kind's raw value.
    public var template: String { kind.rawValue }

    public static func < (a: PageSpec, b: PageSpec) -> Bool { a.output < b.output }

    static func list(_ urlPath: String, _ kind: Kind) -> PageSpec {
        PageSpec(kind: kind, document: nil, output: urlPath + "index.html", urlPath: urlPath)
    }

    /// Every HTML page of a site with these documents.
    public static func all(documents: [Document]) -> [PageSpec] {
        var pages: [PageSpec] = [
            list("", .home), list("timeline/", .timeline), list("actors/", .actors), list("articles/", .articles),
            list("business/", .businessIndex), list("notes/", .notes), list("disputes/", .disputes),
            list("changes/", .changes), list("search/", .search),
            PageSpec(kind: .notFound, document: nil, output: "404.html", urlPath: "404.html"),
        ]
        for document in documents { pages.append(page(for: document)) }
        return pages.sorted()
    }

    /// Every HTML page of a site with documents of these ids (`kind-folder/slug`).
    static func all(ids: [String]) -> [PageSpec] {
        (all(documents: []) + ids.compactMap(page(id:))).sorted()
    }
}

extension PageSpec {
    /// The page of one document.
    static func page(for document: Document) -> PageSpec { page(id: document.id, kind: document.kind) }

    /// The page of a document written at `output` (`actors/anthropic/index.html`), if any.
    static func page(output: String) -> PageSpec? {
        guard output.hasSuffix("/index.html") else { return nil }
        return page(id: String(output.dropLast("/index.html".count)))
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
