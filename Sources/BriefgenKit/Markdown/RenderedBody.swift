import Foundation

/// A Markdown body turned into HTML, with what the rest of the build needs to know about it.
public struct RenderedBody: Hashable, Sendable {
    /// The HTML (empty in the build graph's copy, which keeps only what pages list).
    public var html: String {
        get { box.html }
        set { mutableBox().html = newValue }
        _modify { yield &mutableBox().html }
    }
    /// The text of `html` as the search index reads it (`SearchText`, UTF-8, cut to what a
    /// text shard keeps), made once with the body's search terms for its text shard; empty
    /// where `html` is (the build graph's copy). Derived from `html`, so neither compared nor hashed.
    var plainText: [UInt8] {
        get { box.plainText }
        set { mutableBox().plainText = newValue }
    }
    /// Fingerprint of `html`, kept when the HTML itself is not.
    public var htmlHash: String {
        get { box.htmlHash }
        set { mutableBox().htmlHash = newValue }
        _modify { yield &mutableBox().htmlHash }
    }
    /// Headings (level 2 and 3) with their ids, for a table of contents.
    public var toc: [TocEntry] {
        get { box.toc }
        set { mutableBox().toc = newValue }
        _modify { yield &mutableBox().toc }
    }
    /// Plain text of the first paragraph, cut to a list-friendly length.
    public var excerpt: String {
        get { box.excerpt }
        set { mutableBox().excerpt = newValue }
        _modify { yield &mutableBox().excerpt }
    }
    public var wordCount: Int {
        get { box.wordCount }
        set { mutableBox().wordCount = newValue }
        _modify { yield &mutableBox().wordCount }
    }
    public var paragraphCount: Int {
        get { box.paragraphCount }
        set { mutableBox().paragraphCount = newValue }
        _modify { yield &mutableBox().paragraphCount }
    }
    /// Ids of the body's headings (every level), the anchors besides `p1`…`pN` a link may name.
    public var anchors: [String] {
        get { box.anchors }
        set { mutableBox().anchors = newValue }
        _modify { yield &mutableBox().anchors }
    }
    /// Documents whose title (or short name) this body shows as a link label.
    public var labelTargets: [String] {
        get { box.labelTargets }
        set { mutableBox().labelTargets = newValue }
        _modify { yield &mutableBox().labelTargets }
    }
    /// Resolved cross-links, in order of appearance.
    public var links: [LinkRef] {
        get { box.links }
        set { mutableBox().links = newValue }
        _modify { yield &mutableBox().links }
    }
    /// Actor names and aliases found in the text.
    public var mentions: [Mention] {
        get { box.mentions }
        set {
            let box = mutableBox()
            box.mentions = newValue
            box.mentionCounts = countedMentions
        }
        _modify {
            let box = mutableBox()
            box.mentionCounts = nil
            yield &box.mentions
        }
    }
    /// Calls `body` with the actor of each mention, in the order of the text, read where it
    /// lies: a mention copied out retained its text and snippet too.
    private func forEachMentionedActor(_ body: (String) -> Void) {
        box.mentions.withUnsafeBufferPointer { mentions in
            for place in mentions.indices { body(mentions[place].actor) }
        }
    }

    /// How many times the text names each actor, in the order of the actors' ids: counted
    /// when the mentions are set whole (the renderer sets them once), else each time asked (a
    /// body read back from the build graph, its mentions appended one by one). Its page, the
    /// page's fingerprint and its search record ask; counted each time, the mentions were read
    /// three times, cold in the cache.
    var mentionCounts: [(actor: String, count: Int)] {
        box.mentionCounts ?? countedMentions
    }

    /// The ids sorted and counted in runs, not hashed (a dictionary spent four times as long
    /// hashing ids).
    private var countedMentions: [(actor: String, count: Int)] {
        var actors: [String] = []
        actors.reserveCapacity(box.mentions.count)
        forEachMentionedActor { actors.append($0) }
        actors.sort()
        var counts: [(actor: String, count: Int)] = []
        for actor in actors {
            if let last = counts.last, last.actor == actor {
                counts[counts.count - 1].count += 1
            } else {
                counts.append((actor, 1))
            }
        }
        return counts
    }

    /// Sections such as "What this means for your business".
    public var businessSections: [BusinessSection] {
        get { box.businessSections }
        set { mutableBox().businessSections = newValue }
        _modify { yield &mutableBox().businessSections }
    }
    /// The body's distinct search terms (`SearchTokenizer`), sorted by their UTF-8 bytes: what
    /// the search index needs of a body, kept in the build graph so the index is made without
    /// rendering bodies again.
    public var searchTerms: SearchTerms {
        get { box.searchTerms }
        set { mutableBox().searchTerms = newValue }
        _modify { yield &mutableBox().searchTerms }
    }
    public var diagnostics: [Diagnostic] {
        get { box.diagnostics }
        set { mutableBox().diagnostics = newValue }
        _modify { yield &mutableBox().diagnostics }
    }

    /// Every value in one shared box (copy on write), as for `Document`: the build graph keeps
    /// one summary per document and the index, the cache and the page contexts copy them, so a
    /// copy is one retain instead of one per string and array.
    private var box = Box()

    private final class Box: @unchecked Sendable {
        // Safe: a box is mutated only through `mutableBox()`, which first makes sure the
        // mutating body is its only owner; shared boxes are never written.
        var html: String = ""
        var plainText: [UInt8] = []
        var htmlHash: String = ""
        var toc: [TocEntry] = []
        var excerpt: String = ""
        var wordCount: Int = 0
        var paragraphCount: Int = 0
        var anchors: [String] = []
        var labelTargets: [String] = []
        var links: [LinkRef] = []
        var mentions: [Mention] = []
        /// `mentions` counted by actor, when counted since they were last set.
        var mentionCounts: [(actor: String, count: Int)]?
        var businessSections: [BusinessSection] = []
        var searchTerms = SearchTerms()
        var diagnostics: [Diagnostic] = []

        init() {}

        func copy() -> Box {
            let other = Box()
            other.html = html
            other.plainText = plainText
            other.htmlHash = htmlHash
            other.toc = toc
            other.excerpt = excerpt
            other.wordCount = wordCount
            other.paragraphCount = paragraphCount
            other.anchors = anchors
            other.labelTargets = labelTargets
            other.links = links
            other.mentions = mentions
            other.mentionCounts = mentionCounts
            other.businessSections = businessSections
            other.searchTerms = searchTerms
            other.diagnostics = diagnostics
            return other
        }
    }

    /// The box, made unique first. Properties also `_modify` through it, so that
    /// `body.links.append(x)` changes the array in place instead of copying it out and back.
    private mutating func mutableBox() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        return box
    }

    public init() {}

    public static func == (a: RenderedBody, b: RenderedBody) -> Bool {
        if a.box === b.box { return true }
        return a.html == b.html
            && a.htmlHash == b.htmlHash
            && a.toc == b.toc
            && a.excerpt == b.excerpt
            && a.wordCount == b.wordCount
            && a.paragraphCount == b.paragraphCount
            && a.anchors == b.anchors
            && a.labelTargets == b.labelTargets
            && a.links == b.links
            && a.mentions == b.mentions
            && a.businessSections == b.businessSections
            && a.searchTerms == b.searchTerms
            && a.diagnostics == b.diagnostics
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(htmlHash)
        hasher.combine(html)
        hasher.combine(links)
        hasher.combine(mentions)
    }
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
    /// Column of the `[[` in the file, for diagnostics about the link.
    public var column: Int = 0
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
    public var snippet: String {
        get { storedSnippet.string }
        set { storedSnippet = StoredText(newValue) }
    }
    /// The snippet as made, or as bytes of the build graph decoded when asked: a build reads
    /// every document's mentions back but shows the snippets of a few pages only.
    var storedSnippet: StoredText

    public init(actor: String, text: String, paragraph: Int?, snippet: String) {
        self.init(actor: actor, text: text, paragraph: paragraph, storedSnippet: StoredText(snippet))
    }

    init(actor: String, text: String, paragraph: Int?, storedSnippet: StoredText) {
        self.actor = actor
        self.text = text
        self.paragraph = paragraph
        self.storedSnippet = storedSnippet
    }

    public static func == (a: Mention, b: Mention) -> Bool {
        a.actor == b.actor && a.text == b.text && a.paragraph == b.paragraph && a.storedSnippet == b.storedSnippet
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(actor)
        hasher.combine(text)
        hasher.combine(paragraph)
    }
}

/// Text held as a string, or as UTF-8 bytes in a buffer shared with others (a file of the
/// build graph), made into a string only when read.
struct StoredText: Sendable, Equatable {
    private let text: String?
    private let buffer: SharedBytes?
    private let start: Int
    private let count: Int

    init(_ text: String) {
        self.text = text
        buffer = nil
        start = 0
        count = 0
    }

    init(_ buffer: SharedBytes, start: Int, count: Int) {
        text = nil
        self.buffer = buffer
        self.start = start
        self.count = count
    }

    /// Mixes the text's UTF-8 into `hash` as `combine(string)` would, without making the string.
    func combine(into hash: inout StableHash) {
        if let text { hash.combine(text) } else { hash.combine(contiguous: bytes) }
    }

    /// Equal as their strings are (`String`'s `==`), compared where they lie: the same bytes
    /// are the same string, and different bytes all ASCII are different strings; only other
    /// text is made into strings to compare (canonically equivalent characters are equal).
    static func == (a: StoredText, b: StoredText) -> Bool {
        if let x = a.text, let y = b.text { return x == y }
        if a.hasSameBytes(as: b) { return true }
        let allASCII = a.withBytes { x in b.withBytes { y in x.allSatisfy({ $0 < 0x80 }) && y.allSatisfy({ $0 < 0x80 }) } }
        return allASCII ? false : a.string == b.string
    }

    /// Whether the two texts' UTF-8 bytes are the same (stricter than `==`, which takes
    /// canonically equivalent texts as equal).
    func hasSameBytes(as other: StoredText) -> Bool {
        withBytes { x in
            other.withBytes { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }

    /// Calls `body` with the text's UTF-8.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if var text { return text.withUTF8(body) }
        return body(bytes)
    }

    var string: String {
        if let text { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text's bytes in the graph's buffer (a text made from a string has none there).
    private var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer!.buffer[start..<(start + count)]) }
}
