/// The five kinds of content file, each in its own folder under `content/`.
public enum DocumentKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case article, actor, event, business, note

    /// The folder under `content/` and the first URL segment.
    public var folder: String {
        switch self {
        case .article: "articles"
        case .actor: "actors"
        case .event: "events"
        case .business: "business"
        case .note: "notes"
        }
    }

    /// Heading used when listing pages of this kind ("Sources", "Actors", …).
    public var pluralTitle: String {
        switch self {
        case .article: "Sources"
        case .actor: "Actors"
        case .event: "Events"
        case .business: "Business"
        case .note: "Notes"
        }
    }

    public init?(folder: String) {
        guard let kind = Self.allCases.first(where: { $0.folder == folder }) else { return nil }
        self = kind
    }

    /// Front-matter keys this kind requires.
    var requiredKeys: [String] {
        switch self {
        case .article: []
        case .actor: ["name"]
        case .event: ["title", "date"]
        case .business: ["title"]
        case .note: ["title"]
        }
    }

    /// Every key this kind understands; others warn.
    var knownKeys: Set<String> { Self.knownKeysByKind[self]! }

    /// `knownKeys` of each kind, made once (every parsed file reads its kind's).
    private static let knownKeysByKind: [DocumentKind: Set<String>] = {
        let common: Set<String> = ["slug", "draft", "moved_from"]
        return Dictionary(uniqueKeysWithValues: allCases.map { kind -> (DocumentKind, Set<String>) in
            switch kind {
            case .article:
                (kind, common.union(["title", "outlet", "author", "published", "url", "summary", "actors", "tags", "short", "facts"]))
            case .actor:
                (kind, common.union(["name", "kind", "aliases", "summary", "country", "affiliation"]))
            case .event:
                (kind, common.union(["title", "date", "actors", "sources", "date_precision", "disputed", "summary", "after", "year_stated", "facts"]))
            case .business:
                (kind, common.union(["title", "audience", "summary", "actions", "related"]))
            case .note:
                (kind, common.union(["title", "related", "summary", "story"]))
            }
        })
    }()

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
