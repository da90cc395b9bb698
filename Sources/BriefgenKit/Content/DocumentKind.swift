import Foundation

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

    /// The kind of a document id (`actors/anthropic`: its folder, up to the first `/`), read
    /// from the id's bytes without making a string of its folder: pages ask it of every
    /// document they list.
    public init?(ofID id: String) {
        let found: DocumentKind? = Text.withUTF8(id) { bytes in
            let end = bytes.firstIndex(of: 0x2F) ?? bytes.count
            for (kind, folder) in Self.folderBytes where folder.count == end && memcmp(bytes.baseAddress!, folder, end) == 0 {
                return kind
            }
            return nil
        }
        guard let found else { return nil }
        self = found
    }

    /// The kind of a document's id (its folder, `/`, its slug): nil for a folder alone or any
    /// string whose folder is no kind's. The one test of "is this a document id" that pages,
    /// the search index and page specs share.
    public init?(ofDocumentID id: String) {
        guard let kind = DocumentKind(ofID: id), id.utf8.count > kind.folder.utf8.count else { return nil }
        self = kind
    }

    /// The kind's place in `allCases`, for tables indexed by kind.
    var place: Int {
        switch self {
        case .article: 0
        case .actor: 1
        case .event: 2
        case .business: 3
        case .note: 4
        }
    }

    /// Each kind's folder as UTF-8 bytes, for `init(ofID:)`.
    private static let folderBytes = allCases.map { ($0, Array($0.folder.utf8)) }

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
