/// A Markdown body turned into HTML, with what the rest of the build needs to know about it.
public struct RenderedBody: Hashable, Sendable {
    public var html: String = ""
    /// Fingerprint of `html`, kept when the HTML itself is not.
    public var htmlHash: String = ""
    /// Headings (level 2 and 3) with their ids, for a table of contents.
    public var toc: [TocEntry] = []
    /// Plain text of the first paragraph, cut to a list-friendly length.
    public var excerpt: String = ""
    public var wordCount = 0
    public var paragraphCount = 0
    /// Documents whose title (or short name) this body shows as a link label.
    public var labelTargets: [String] = []
    /// Resolved cross-links, in order of appearance.
    public var links: [LinkRef] = []
    /// Actor names and aliases found in the text.
    public var mentions: [Mention] = []
    /// Sections such as "What this means for your business".
    public var businessSections: [BusinessSection] = []
    public var diagnostics: [Diagnostic] = []

    public init() {}
}

/// One heading of a page's table of contents.
public struct TocEntry: Hashable, Sendable {
    public var level: Int
    public var id: String
    public var text: String
}

/// A resolved `[[link]]`: the target's id and an optional fragment.
public struct LinkRef: Hashable, Sendable {
    public var target: String
    public var fragment: String?
    public var line: Int
}

/// One place where an actor is named.
public struct Mention: Hashable, Sendable {
    /// The actor's id (`actors/slug`).
    public var actor: String
    /// The text as written ("the ICO").
    public var text: String
    /// 1-based paragraph number (`#pN`) where it occurs, nil outside paragraphs.
    public var paragraph: Int?
    /// The sentence around the mention.
    public var snippet: String
}
