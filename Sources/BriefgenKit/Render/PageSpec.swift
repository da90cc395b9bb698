import Foundation

/// One page of the generated site: where it goes and how it is made.
public struct PageSpec: Hashable, Sendable, Comparable {
    /// What kind of page, which decides its template and context.
    public enum Kind: String, Hashable, Sendable {
        case home, timeline, actors, actor, articles, article, event, businessIndex = "business-index"
        case business, notes, note, disputes, changes, notFound = "404", search
        /// A page's old URL (`moved_from:`) sending readers on to it; `document` is the page.
        case redirect
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
        list("changes/", .changes), list("search/", .search),
        PageSpec(kind: .notFound, document: nil, output: "404.html", urlPath: "404.html"),
    ]

    /// Every HTML page of a site with these documents, with pages 2… of its paginated lists
    /// and the redirects of old URLs.
    public static func all(documents: [Document], lists: SiteLists) -> [PageSpec] { site(documents: documents, lists: lists).pages }

    /// Every HTML page of a site with these documents, redirects of old URLs included; an old
    /// URL that is a page's, another document's old URL, or one of `otherOutputs` (feeds,
    /// assets) is an error at its item of `moved_from`, and makes no redirect.
    static func site(documents: [Document], lists: SiteLists, otherOutputs: Set<String> = []) -> (pages: [PageSpec], diagnostics: [Diagnostic]) {
        let pages = pagesWithoutRedirects(documents: documents, lists: lists)
        let (redirects, diagnostics) = redirects(documents: documents, pages: pages, otherOutputs: otherOutputs)
        return (redirects.isEmpty ? pages : (pages + redirects).sorted(), diagnostics)
    }

    private static func pagesWithoutRedirects(documents: [Document], lists: SiteLists) -> [PageSpec] {
        var pages = fixed
        for document in documents { pages.append(page(for: document)) }
        let actors = documents.filter { $0.kind == .actor }.map { PagedList.mentions(actor: $0.id) }
        pages += laterPages(of: PagedList.indexes + actors, lists: lists)
        return pages.sorted()
    }

    /// The redirect pages of the documents' old URLs. Documents come in id order; of two
    /// giving one old URL, the later is in error.
    private static func redirects(documents: [Document], pages: [PageSpec],
                                  otherOutputs: Set<String>) -> ([PageSpec], [Diagnostic]) {
        var redirects: [PageSpec] = []
        var diagnostics: [Diagnostic] = []
        guard documents.contains(where: { !$0.fields.movedFrom.isEmpty }) else { return ([], []) }
        let pageFiles = Dictionary(pages.map { ($0.output, $0) }, uniquingKeysWith: { a, _ in a })
        let paths = Dictionary(documents.map { ($0.id, $0.path) }, uniquingKeysWith: { a, _ in a })
        var taken: [String: Document] = [:]
        var takenFolders = Set<String>()
        for document in documents {
            for (index, urlPath) in document.fields.movedFrom.enumerated() {
                let output = MovedFrom.output(of: urlPath)
                let location = document.locationIfWritten(MovedFrom.itemKey(index)) ?? document.location(ofKey: MovedFrom.key)
                let problem: (String, String)?
                if let page = pageFiles[output] {
                    problem = page.document == document.id
                        ? ("moved_from \"/\(urlPath)\" is this page's own URL", "list only the URLs the page had before")
                        : ("moved_from \"/\(urlPath)\" is the URL of a page\(page.document.flatMap { paths[$0] }.map { " (\($0))" } ?? "")",
                           "an old URL must be free: drop it from moved_from, or rename the page that has it now")
                } else if let other = taken[output] {
                    problem = ("moved_from \"/\(urlPath)\" is also an old URL of \(other.path)",
                               "an old URL can send readers to one page only: keep it in one file's moved_from")
                } else if otherOutputs.contains(output) {
                    problem = ("moved_from \"/\(urlPath)\" is the address of a file the site publishes", "drop it from moved_from")
                } else if let file = Self.folders(of: output).first(where: { pageFiles[$0] != nil || otherOutputs.contains($0) || taken[$0] != nil }) {
                    problem = ("moved_from \"/\(urlPath)\" would be a page inside the file /\(file) the site publishes",
                               "drop it from moved_from, or write the old URL as it was, e.g. /\(file)")
                } else if takenFolders.contains(output) {
                    problem = ("moved_from \"/\(urlPath)\" is a folder of another old URL", "keep one of the two")
                } else {
                    problem = nil
                }
                if let (message, hint) = problem {
                    diagnostics.append(.error(location, message, hint: hint))
                    continue
                }
                taken[output] = document
                takenFolders.formUnion(Self.folders(of: output))
                redirects.append(PageSpec(kind: .redirect, document: document.id, output: output, urlPath: urlPath))
            }
        }
        return (redirects, diagnostics)
    }

    /// The folders an output is written in: `a/b/index.html` → `a`, `a/b`.
    private static func folders(of output: String) -> [String] {
        let parts = output.split(separator: "/")
        return parts.indices.dropLast().map { parts[...$0].joined(separator: "/") }
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
        guard let kind = DocumentKind(ofDocumentID: id) else { return nil }
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
