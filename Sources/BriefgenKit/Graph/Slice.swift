/// Names of the slices of a site that a page can read, and their fingerprints.
///
/// A slice is the smallest piece of derived data a page reads through `PageReader`: one
/// document's title, one actor's mentions, the timeline's order. A page records the slices it
/// read with their fingerprints; it is re-rendered only when one of those fingerprints changes.
public enum Slice {
    static let config = SliceKind.config.rawValue
    static let timeline = SliceKind.timeline.rawValue
    static let articlesByDate = SliceKind.articlesByDate.rawValue
    static let keyActors = SliceKind.keyActors.rawValue
    static let disputeCount = SliceKind.disputeCount.rawValue
    static let factHolders = SliceKind.factHolders.rawValue
    static let history = SliceKind.history.rawValue
    static let pages = SliceKind.pages.rawValue
    static func title(_ id: String) -> String { name(.title, id) }
    static func summary(_ id: String) -> String { name(.summary, id) }
    static func meta(_ id: String) -> String { name(.meta, id) }
    /// An event's disputes with every side (what it says, its sources and basis); the
    /// front matter (`meta`) holds only their questions.
    static func disputes(_ id: String) -> String { name(.disputes, id) }
    static func excerpt(_ id: String) -> String { name(.excerpt, id) }
    static func body(_ id: String) -> String { name(.body, id) }
    static func toc(_ id: String) -> String { name(.toc, id) }
    static func sections(_ id: String) -> String { name(.sections, id) }
    static func mentionCounts(_ id: String) -> String { name(.mentionCounts, id) }
    static func mentions(_ id: String) -> String { name(.mentions, id) }
    /// How many documents mention an actor (a node's size in the actor network): changes only
    /// when a document starts or stops mentioning it, not when a mention's wording does.
    static func mentionDocuments(_ id: String) -> String { name(.mentionDocuments, id) }
    static func backlinks(_ id: String) -> String { name(.backlinks, id) }
    static func coMentions(_ id: String) -> String { name(.coMentions, id) }
    static func eventsByActor(_ id: String) -> String { name(.eventsByActor, id) }
    static func eventsBySource(_ id: String) -> String { name(.eventsBySource, id) }
    static func ids(_ kind: DocumentKind) -> String { name(.ids, kind.folder) }
    static func resolution(_ name: String) -> String { self.name(.resolution, name.lowercased()) }
    static func template(_ name: String) -> String { self.name(.template, name) }
    static func file(_ path: String) -> String { name(.file, path) }
    /// The items on one page of a paginated list (`pg:timeline@2`): their ids, and for an
    /// actor's mention list the mentions themselves.
    static func listPage(_ list: PagedList, _ number: Int) -> String { name(.listPage, list.name + "@" + String(number)) }
    /// How many pages a paginated list takes.
    static func listPageCount(_ list: PagedList) -> String { name(.listPageCount, list.name) }
    /// The page of a paginated list holding an item (`pi:timeline@events/x`), for links to its anchor.
    /// The argument of the slice of the page of `list` that holds `item` (`.listItemPage`).
    static func listItemArgument(_ list: PagedList, _ item: String) -> String { list.name + "@" + item }

    /// A paginated list slice's list and what follows its `@`.
    static func listArgument(_ argument: String) -> (list: PagedList, rest: String)? {
        guard let at = argument.firstIndex(of: "@"), let list = PagedList(name: String(argument[..<at])) else {
            return PagedList(name: argument).map { ($0, "") }
        }
        return (list, String(argument[argument.index(after: at)...]))
    }
    /// One file of the search index, by its content (`SearchIndex.fingerprint`).
    static func search(_ output: String) -> String { name(.search, output) }

    /// A slice's name: its kind, a colon and what it is about (`SliceList.append(_:_:)` writes
    /// the same bytes in place).
    static func name(_ kind: SliceKind, _ argument: String) -> String { String(joining: kind.rawValue, ":", argument) }
    /// The byte between a slice name's kind and its argument.
    static let separator = UInt8(ascii: ":")

    /// The kind of a slice and what it is about ("" for a slice of the whole site).
    /// On UTF-8 bytes, the kind told by its name packed into one number: a record stage
    /// parses every slice of the site (110,000 at 10,000 articles) once or twice.
    static func parse(_ slice: String) -> (kind: SliceKind, argument: String)? {
        Text.withUTF8(slice) { bytes in
            guard let colon = bytes.firstIndex(of: Slice.separator) else {
                return SliceKind(name: bytes).map { ($0, "") }
            }
            return SliceKind(name: UnsafeBufferPointer(rebasing: bytes[..<colon])).map {
                ($0, String(decoding: UnsafeBufferPointer(rebasing: bytes[(colon + 1)...]), as: UTF8.self))
            }
        }
    }

    /// A slice in words, for `--explain`: "mentions of actors/anthropic".
    static func describe(_ slice: String) -> String {
        guard let (kind, argument) = parse(slice) else { return slice }
        return argument.isEmpty ? kind.words : kind.words + " " + argument
    }

    /// The document a per-document slice is about (`t:actors/x` → `actors/x`), for `--explain`.
    static func document(of slice: String) -> String? {
        guard let (kind, argument) = parse(slice), kind.scope == .document || kind.scope == .crossDocument else { return nil }
        return argument
    }

    /// Fingerprint of a slice's current value; 0 for a slice that no longer exists.
    static func fingerprint(_ slice: String, in model: SiteModel) -> UInt64 {
        var h = StableHash()
        let index = model.index
        guard let (kind, id) = parse(slice) else { return 0 }
        // A document or body summary is read only by the kinds that show it: read per key from
        // the previous graph, each is a decode, and a title is in the link table. Each is lent
        // where it lies (`withValue`): a copy retained every string and array it holds.
        func withDoc(_ part: (Document) -> Void) { _ = index.documents.withValue(of: id, part) }
        func withBody(_ part: (RenderedBody) -> Void) { _ = index.bodies.withValue(of: id, part) }
        switch kind {
        case .config: h.add(model.config)
        case .timeline: h.add(index.timeline)
        case .articlesByDate: h.add(index.articlesByDate)
        case .keyActors: h.add(index.keyActors)
        case .disputeCount: h.combine(decimal: index.disputeCount)
        case .factHolders: h.add(index.orderedFactHolders)
        case .history: h.combine(String(model.history?.fingerprint ?? 0)); h.combine(String(model.sourceDateEpoch ?? 0))
        case .title:
            let (title, shortName) = model.links.withTarget(id) { ($0.title, $0.shortName) } ?? ("", nil)
            h.combine(title); h.combine(shortName ?? "")
        case .summary: h.combine((index.documents.withValue(of: id) { $0.summary } ?? nil) ?? "\u{0}")
        case .meta: withDoc { h.addMeta($0) }
        case .disputes: withDoc { h.add(disputes: $0.fields.disputed) }
        case .excerpt: h.combine(index.bodies.withValue(of: id) { $0.excerpt } ?? "")
        case .body: h.combine(index.bodies.withValue(of: id) { $0.htmlHash } ?? "")
        case .toc: withBody { for entry in $0.toc { h.combine("\(entry.level)"); h.combine(entry.id); h.combine(entry.text) } }
        case .sections:
            withBody { body in
                for section in body.businessSections {
                    h.combine(section.heading); h.combine(section.text); h.add(section.paragraphs.map(String.init))
                }
            }
        case .mentionCounts:
            withBody { for (actor, count) in $0.mentionCounts { h.combine(actor); h.combine(decimal: count) } }
        case .mentions:
            index.forEachMention(of: id) { source, mention in
                h.combine(source); h.combine(decimal: mention.pointee.paragraph ?? 0); mention.pointee.storedSnippet.combine(into: &h)
                h.combine(mention.pointee.text)
            }
        case .mentionDocuments: h.combine(decimal: index.mentioningDocuments(of: id))
        case .backlinks:
            // What a page shows of its backlinks: a page that only mentions it is in its mention
            // list instead (`PageReader.backlinkGroups`), so a new mention re-renders that list's page.
            index.forEachBacklink(of: id) { source, reason in
                guard reason != .mention else { return }
                h.combine(source); h.combine(reason.rawValue)
            }
        case .coMentions:
            for pair in index.coMentions[id] ?? [] { h.combine(pair.actor); h.combine(decimal: pair.count) }
        case .eventsByActor: h.add(index.eventsByActor[id] ?? [])
        case .eventsBySource: h.add(index.eventsBySource[id] ?? [])
        case .ids: h.add(DocumentKind(folder: id).flatMap { index.idsByKind[$0] } ?? [])
        case .resolution:
            if case .found(let target, let fragment, _) = model.links.resolve(id) {
                h.combine(target.id); h.combine(fragment ?? "")
            }
        case .listPage:
            guard let (list, rest) = listArgument(id), let number = Int(rest) else { return 0 }
            let items = model.lists.items(list, page: number)
            h.add(Array(items))
            if case .mentions(let actor) = list {
                for found in model.index.mentions(of: actor, in: items) {
                    h.combine(decimal: found.count)
                    found.forEach { mention in
                        h.combine(decimal: mention.pointee.paragraph ?? 0); mention.pointee.storedSnippet.combine(into: &h)
                        h.combine(mention.pointee.text)
                    }
                }
            }
        case .listPageCount:
            guard let (list, _) = listArgument(id) else { return 0 }
            h.combine(decimal: model.lists.pageCount(list))
        case .listItemPage:
            guard let (list, item) = listArgument(id) else { return 0 }
            h.combine(decimal: model.lists.page(of: item, in: list) ?? 0)
        case .search: return model.searchIndex.fingerprint(id)
        case .template, .file, .pages: return 0  // the build's own inputs (`SliceFingerprinter`)
        }
        return h.value
    }
}

/// What a slice holds, written before the colon of its name (`t:actors/x`), or as the whole
/// name of a slice of the whole site (`tl`).
enum SliceKind: String, CaseIterable, Sendable {
    // Of one document.
    case title = "t", summary = "s", meta = "m", excerpt = "x", body = "b", toc = "c", sections = "sec", mentionCounts = "am"
    case disputes = "dq"
    // Of one document, made from others.
    case mentions = "mn", mentionDocuments = "md", backlinks = "bl", coMentions = "co", eventsByActor = "ea", eventsBySource = "es"
    // Of the site.
    case ids, resolution = "r", config = "cfg", timeline = "tl", articlesByDate = "ad", keyActors = "ka",
         disputeCount = "dc", factHolders = "fh", history = "hist", pages, search = "sq"
    // Of the paginated lists: one page's items, the page count, the page holding an item.
    case listPage = "pg", listPageCount = "pn", listItemPage = "pi"
    // Of the build's own inputs.
    case template = "tpl", file

    /// The kind whose name (`rawValue`) is `name`'s bytes, found among the thirty-odd kinds by
    /// their names packed into one number (no string is made or compared).
    init?(name: some Collection<UInt8>) {
        guard name.count <= 8 else { return nil }
        let packed = Self.pack(name)
        guard let kind = Self.packedNames.first(where: { $0.packed == packed })?.kind else { return nil }
        self = kind
    }

    private static let packedNames: [(packed: UInt64, kind: SliceKind)] = allCases.map { kind in
        precondition(kind.rawValue.utf8.count <= 8, "slice kind names are at most 8 bytes")
        return (kind.number, kind)
    }

    /// The kind's name packed into one number (`pack`): how `init(name:)` finds it, and a seed
    /// for hashing a slice's argument (`seed`).
    var number: UInt64 { Self.pack(rawValue.utf8) }

    /// `number`, from a table: a page's read log hashes hundreds of slices, and packing the
    /// name again (its `rawValue` made, its bytes folded one by one) was a tenth of reading an
    /// event's fields. A kind without payload is stored as its place among the cases, which
    /// `allCases` lists in the same order (checked when the table is made).
    var seed: UInt64 { Self.seeds[Int(unsafeBitCast(self, to: UInt8.self))] }

    private static let seeds: [UInt64] = allCases.enumerated().map { place, kind in
        precondition(Int(unsafeBitCast(kind, to: UInt8.self)) == place, "a slice kind is stored as its place among the cases")
        return kind.number
    }

    /// Up to eight bytes of a name as one number, the first in the highest byte used.
    private static func pack(_ name: some Sequence<UInt8>) -> UInt64 {
        name.reduce(0 as UInt64) { $0 << 8 | UInt64($1) }
    }

    /// What a slice's value is made from.
    enum Scope: UInt8, Sendable { case document, crossDocument, references, lists, search, other }

    var scope: Scope {
        switch self {
        case .title, .summary, .meta, .disputes, .excerpt, .body, .toc, .sections, .mentionCounts: .document
        case .mentions, .mentionDocuments, .backlinks, .coMentions, .eventsByActor, .eventsBySource: .crossDocument
        case .resolution: .references
        case .listPage, .listPageCount, .listItemPage: .lists
        case .search: .search
        default: .other
        }
    }

    /// Whether a slice of this kind is read by about one page, and its fingerprint walks the
    /// same document data that page just rendered (a page of a mention list, the actors one
    /// source names, a document's backlinks, its business sections): such a slice new to the
    /// graph is fingerprinted by the job that rendered the page, while that data is still in
    /// the core's cache, instead of in a second pass over every slice (where the 6,400 list
    /// pages of a 10,000-article site were two thirds of the pass, mostly cache misses).
    var fingerprintedWhereRead: Bool {
        switch self {
        case .listPage, .mentionCounts, .backlinks, .sections: true
        default: false
        }
    }

    /// `fingerprintedWhereRead` of the kind `slice` names, read from its name's first bytes:
    /// the kinds walked where read have names of at most three bytes, so a colon within the
    /// first four bytes and the packed name among theirs decide it (a page's every slice is
    /// asked, hundreds on an actor's page, and finding the kind among all of them cost more
    /// than hashing the slice).
    static func fingerprintedWhereRead(_ slice: String) -> Bool {
        Text.withUTF8(slice) { fingerprintedWhereRead(utf8: $0) }
    }

    /// `fingerprintedWhereRead` of a slice name given as its UTF-8 bytes.
    static func fingerprintedWhereRead(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let head = UnsafeBufferPointer(start: bytes.baseAddress, count: min(bytes.count, Self.walkedNameLimit + 1))
        guard let colon = head.firstIndex(of: Slice.separator) else { return false }
        return Self.walkedNames.contains(Self.pack(UnsafeBufferPointer(start: head.baseAddress, count: colon)))
    }

    /// The packed names (`number`) of the kinds fingerprinted where read, and the longest
    /// name's length in bytes.
    private static let walkedNames: [UInt64] = allCases.filter(\.fingerprintedWhereRead).map(\.number)
    private static let walkedNameLimit = allCases.filter(\.fingerprintedWhereRead).map(\.rawValue.utf8.count).max() ?? 0

    /// The kind in words, for `--explain`.
    var words: String {
        switch self {
        case .title: "title of"
        case .summary: "summary of"
        case .meta: "front matter of"
        case .disputes: "disputes of"
        case .excerpt: "excerpt of"
        case .body: "body of"
        case .toc: "headings of"
        case .sections: "business sections of"
        case .mentionCounts: "actors named in"
        case .mentions: "mentions of"
        case .mentionDocuments: "number of documents mentioning"
        case .backlinks: "backlinks of"
        case .coMentions: "actors mentioned alongside"
        case .eventsByActor: "events of"
        case .eventsBySource: "events citing"
        case .ids: "list of"
        case .resolution: "what a reference resolves to:"
        case .config: "site configuration"
        case .timeline: "timeline"
        case .articlesByDate: "sources by date"
        case .keyActors: "key actors"
        case .disputeCount: "number of disputes"
        case .factHolders: "documents giving facts"
        case .history: "content history"
        case .pages: "list of pages"
        case .listPage: "items on page"
        case .listPageCount: "number of pages of"
        case .listItemPage: "page holding"
        case .search: "search index file"
        case .template: "template"
        case .file: "file"
        }
    }
}

extension StableHash {
    mutating func add(_ strings: [String]) {
        combine(decimal: strings.count)
        for s in strings { combine(s) }
    }

    mutating func add(_ config: SiteConfig) {
        for part in [config.title, config.baseURL, config.language, config.description, config.author ?? "\u{0}",
                     String(config.allowHTMLInNotes), String(config.homeEvents), String(config.changesNotedOnly),
                     config.asOf.map { $0.iso + $0.precision.rawValue + String($0.yearStated) } ?? "\u{0}",
                     config.disclaimer ?? "\u{0}"] {
            combine(part)
        }
        add(config.status)
        combine(String(config.pageSizes.default))
        for key in config.pageSizes.lists.keys.sorted() { combine(key); combine(String(config.pageSizes.lists[key]!)) }
        for key in config.strings.table.keys.sorted() { combine(key); combine(config.strings[key]) }
    }

    /// Every front-matter field but title, summary and body (each field as
    /// `Document.Fields.visitAll` lists them).
    mutating func addMeta(_ doc: Document) {
        combine(doc.slug)
        combine(String(doc.draft))
        doc.fields.visitAll(reading: &self)
    }
}

/// Adds each field of a document to a fingerprint, as `Document.Fields.visitAll` visits them.
extension StableHash: DocumentFieldVisitor {
    mutating func visit(_ value: inout String?) { combine(value ?? "\u{0}") }
    mutating func visit(_ value: inout PartialDate?) {
        combine(value.map { $0.iso + $0.precision.rawValue + String($0.yearStated) } ?? "\u{0}")
    }
    mutating func visit(_ value: inout [String]) { add(value) }
    mutating func visit(_ value: inout Bool) { combine(String(value)) }
    mutating func visit(_ value: inout [BusinessAction]) {
        combine(decimal: value.count)
        for action in value {
            for part in [action.text, action.owner, action.when, action.priority, action.rule] { combine(part ?? "\u{0}") }
        }
    }
    mutating func visit(_ value: inout [MarkedFact]) {
        combine(decimal: value.count)
        for fact in value { combine(fact.name); combine(fact.value) }
    }
    /// Only the questions: the sides are the `disputes` slice (`add(disputes:)`), so that a
    /// side's edit re-renders the pages showing sides, not every page listing the event.
    mutating func visit(_ value: inout [Dispute]) { add(value.map(\.question)) }

    /// Every dispute with each side: what it says, its sources and what it rests on.
    mutating func add(disputes: [Dispute]) {
        combine(decimal: disputes.count)
        for dispute in disputes {
            combine(dispute.question)
            combine(decimal: dispute.answers.count)
            for answer in dispute.answers { combine(answer.says); add(answer.sources); combine(answer.basis.rawValue) }
        }
    }
}
