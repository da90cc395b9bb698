/// One parsed content file: its metadata and its Markdown body, not yet rendered.
public struct Document: Hashable, Sendable {
    public var kind: DocumentKind {
        get { box.kind }
        set {
            let box = mutableBox()
            box.kind = newValue
            box.id = "\(newValue.folder)/\(box.slug)"
        }
    }
    public var slug: String {
        get { box.slug }
        set {
            let box = mutableBox()
            box.slug = newValue
            box.id = "\(box.kind.folder)/\(newValue)"
        }
    }
    /// The slug part of an id (`actors/anthropic` → `anthropic`).
    static func slug(ofID id: String) -> Substring {
        id.firstIndex(of: "/").map { id[id.index(after: $0)...] } ?? id[...]
    }

    /// Path relative to the site root, e.g. `content/actors/anthropic.md`.
    public var path: String {
        get { box.path }
        set { mutableBox().path = newValue }
        _modify { yield &mutableBox().path }
    }
    public var title: String {
        get { box.title }
        set { mutableBox().title = newValue }
        _modify { yield &mutableBox().title }
    }
    public var summary: String? {
        get { box.summary }
        set { mutableBox().summary = newValue }
        _modify { yield &mutableBox().summary }
    }
    public var draft: Bool {
        get { box.draft }
        set { mutableBox().draft = newValue }
        _modify { yield &mutableBox().draft }
    }
    /// Markdown body (after front matter); empty where the document was kept without it
    /// (`hasBody`).
    public var body: String {
        get { box.body ?? "" }
        set { mutableBox().body = newValue }
    }
    /// Whether `body` holds the document's Markdown: false for a document as the build graph
    /// keeps it (its metadata only), whose body is read from its file again when needed.
    var hasBody: Bool { box.body != nil }

    /// This document without its body: what the build graph keeps (and the site index of the
    /// events it lists).
    func withoutBody() -> Document {
        guard hasBody else { return self }
        var stripped = self
        stripped.mutableBox().body = nil
        return stripped
    }
    /// Line of the site file where `body` starts, for diagnostics.
    public var bodyLine: Int {
        get { box.bodyLine }
        set { mutableBox().bodyLine = newValue }
        _modify { yield &mutableBox().bodyLine }
    }
    /// Kind-specific metadata.
    public var fields: Fields {
        get { box.fields }
        set { mutableBox().fields = newValue }
        _modify { yield &mutableBox().fields }
    }
    /// Where each front-matter key was written, for diagnostics about its value.
    public var keyLocations: [String: SourceLocation] {
        get { Dictionary(box.keyLocations, uniquingKeysWith: { a, _ in a }) }
        set { mutableBox().keyLocations = Self.sortedLocations(newValue) }
    }

    /// Key locations sorted by key: a short array, not a dictionary, because every document of
    /// the site is decoded from the build graph on every build and most are never asked.
    var keyLocationList: [(key: String, location: SourceLocation)] { box.keyLocations }

    static func sortedLocations(_ locations: [String: SourceLocation]) -> [(key: String, location: SourceLocation)] {
        locations.sorted { $0.key < $1.key }.map { (key: $0.key, location: $0.value) }
    }

    /// Every stored value, shared between copies until one of them changes (copy on write):
    /// the index, the cache and the stages copy documents tens of thousands of times per build,
    /// and a copy is then one retain instead of one per string and array (measured: copies
    /// were the largest single cost of a one-edit rebuild of a 10,000-article site).
    private var box: Box

    private final class Box: @unchecked Sendable {
        // Safe: a box is mutated only through `mutableBox()`, which first makes sure the
        // mutating document is its only owner; shared boxes are never written.
        var kind: DocumentKind
        var slug: String
        var path: String
        var title: String
        var summary: String?
        var draft: Bool
        /// Nil when the document was kept without its body (`withoutBody()`).
        var body: String?
        var bodyLine: Int
        var fields: Fields
        var keyLocations: [(key: String, location: SourceLocation)]
        /// `kind/slug`, made once: ids key most of the build's tables.
        var id: String

        init(kind: DocumentKind, slug: String, path: String, title: String, summary: String?, draft: Bool,
             body: String?, bodyLine: Int, fields: Fields, keyLocations: [(key: String, location: SourceLocation)]) {
            self.kind = kind
            self.slug = slug
            self.path = path
            self.title = title
            self.summary = summary
            self.draft = draft
            self.body = body
            self.bodyLine = bodyLine
            self.fields = fields
            self.keyLocations = keyLocations
            id = "\(kind.folder)/\(slug)"
        }

        func copy() -> Box {
            Box(kind: kind, slug: slug, path: path, title: title, summary: summary, draft: draft,
                body: body, bodyLine: bodyLine, fields: fields, keyLocations: keyLocations)
        }
    }

    /// The box, made unique first. Properties also `_modify` through it, so that
    /// `doc.fields.aliases.append(x)` changes the array in place instead of copying it out and back.
    private mutating func mutableBox() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        return box
    }

    public init(kind: DocumentKind, slug: String, path: String, title: String, summary: String?, draft: Bool,
                body: String, bodyLine: Int, fields: Fields, keyLocations: [String: SourceLocation]) {
        box = Box(kind: kind, slug: slug, path: path, title: title, summary: summary, draft: draft,
                  body: body, bodyLine: bodyLine, fields: fields, keyLocations: Self.sortedLocations(keyLocations))
    }

    /// A document whose key locations are already sorted by key (the build graph's decoder,
    /// which keeps documents without their body: `body` nil).
    init(kind: DocumentKind, slug: String, path: String, title: String, summary: String?, draft: Bool,
         body: String?, bodyLine: Int, fields: Fields, sortedKeyLocations: [(key: String, location: SourceLocation)]) {
        box = Box(kind: kind, slug: slug, path: path, title: title, summary: summary, draft: draft,
                  body: body, bodyLine: bodyLine, fields: fields, keyLocations: sortedKeyLocations)
    }

    public static func == (a: Document, b: Document) -> Bool {
        if a.box === b.box { return true }
        return a.kind == b.kind && a.slug == b.slug && a.path == b.path && a.title == b.title && a.summary == b.summary
            && a.draft == b.draft && a.body == b.body && a.bodyLine == b.bodyLine
            && a.fields == b.fields && a.keyLocationList.elementsEqual(b.keyLocationList, by: { $0 == $1 })
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(title)
        hasher.combine(body)
        hasher.combine(fields)
    }

    /// Kind-specific front matter; fields of other kinds stay empty.
    public struct Fields: Hashable, Sendable {
        // article
        public var outlet: String?
        public var author: String?
        public var published: PartialDate?
        public var url: String?
        public var tags: [String] = []
        /// A short name for citations ("Experts' letter"); defaults to the title's first words.
        public var short: String?
        // actor
        public var actorKind: String?
        public var aliases: [String] = []
        public var country: String?
        public var affiliation: String?
        // event
        public var date: PartialDate?
        public var disputed: [Dispute] = []
        public var sources: [String] = []
        /// Events this one follows within the same period (`after:`), as written.
        public var after: [String] = []
        /// Facts the author marks with the value this event's sources (or this source) give
        /// (`facts:`), in the order written; events and sources giving different values for one
        /// fact are listed as differing.
        public var facts: [MarkedFact] = []
        // business
        public var audience: [String] = []
        public var actions: [BusinessAction] = []
        // note
        /// The two-minute story (`story: true`), shown whole at the top of the home page.
        public var story = false
        // shared
        public var actors: [String] = []
        public var related: [String] = []
        /// URL paths the page had before (`moved_from:`), below the base, as a page's URL is
        /// written: `events/old-slug/`, `2026/06/old.html`. Each gets a redirect page.
        public var movedFrom: [String] = []

        public init() {}
    }

    /// The page URL path below the base URL, e.g. `actors/anthropic/`.
    public var urlPath: String { "\(kind.folder)/\(slug)/" }

    /// `kind/slug`, the identity of a document across the site.
    public var id: String { box.id }

    public var location: SourceLocation { SourceLocation(file: path) }

    /// Location of a front-matter key, or of the file when the key is absent.
    public func location(ofKey key: String) -> SourceLocation { locationIfWritten(key) ?? location }

    /// Where `key` was written, or nil when the front matter has no such key.
    public func locationIfWritten(_ key: String) -> SourceLocation? {
        box.keyLocations.first { $0.key == key }?.location
    }
}

/// A question the sources answer differently, with each answer and who gives it.
public struct Dispute: Hashable, Sendable {
    public var question: String
    public var answers: [Answer]

    public struct Answer: Hashable, Sendable {
        public var says: String
        public var sources: [String]
        /// What the side rests on: what its sources say (the default), what they leave out, or
        /// the analysts' own reading.
        public var basis: Basis = .stated

        public init(says: String, sources: [String], basis: Basis = .stated) {
            self.says = says
            self.sources = sources
            self.basis = basis
        }
    }

    /// What a side of a dispute rests on (`basis:`).
    public enum Basis: String, Hashable, Sendable, CaseIterable {
        /// Its sources state it.
        case stated
        /// Its sources do not mention the thing: the side is read from their silence.
        case silence
        /// The analysts' own inference, from the sources named (if any).
        case inference
    }
}

/// A fact an event's sources give a value for: `facts: {ban began: early June}`.
public struct MarkedFact: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One thing a business page tells its readers to do: a line of text, or with who does it,
/// when or on what trigger, how urgent it is and the rule or guidance it touches.
public struct BusinessAction: Hashable, Sendable {
    public var text: String
    public var owner: String?
    public var when: String?
    public var priority: String?
    public var rule: String?

    public init(text: String, owner: String? = nil, when: String? = nil, priority: String? = nil, rule: String? = nil) {
        self.text = text
        self.owner = owner
        self.when = when
        self.priority = priority
        self.rule = rule
    }
}

/// A "what this means for you" section of an article, cited to its paragraphs.
public struct BusinessSection: Hashable, Sendable {
    public var heading: String
    public var text: String
    /// 1-based paragraph numbers (`#pN`) of the section's text.
    public var paragraphs: [Int]
}
