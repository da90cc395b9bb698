/// Names of the slices of a site that a page can read, and their fingerprints.
///
/// A slice is the smallest piece of derived data a page reads through `PageReader`: one
/// document's title, one actor's mentions, the timeline's order. A page records the slices it
/// read with their fingerprints; it is re-rendered only when one of those fingerprints changes.
public enum Slice {
    static let config = "cfg"
    static let timeline = "tl"
    static let articlesByDate = "ad"
    static let keyActors = "ka"
    static let disputeCount = "dc"
    static let history = "hist"
    static func title(_ id: String) -> String { "t:" + id }
    static func summary(_ id: String) -> String { "s:" + id }
    static func meta(_ id: String) -> String { "m:" + id }
    static func excerpt(_ id: String) -> String { "x:" + id }
    static func body(_ id: String) -> String { "b:" + id }
    static func toc(_ id: String) -> String { "c:" + id }
    static func sections(_ id: String) -> String { "sec:" + id }
    static func mentionCounts(_ id: String) -> String { "am:" + id }
    static func mentions(_ id: String) -> String { "mn:" + id }
    static func backlinks(_ id: String) -> String { "bl:" + id }
    static func coMentions(_ id: String) -> String { "co:" + id }
    static func eventsByActor(_ id: String) -> String { "ea:" + id }
    static func eventsBySource(_ id: String) -> String { "es:" + id }
    static func ids(_ kind: DocumentKind) -> String { "ids:" + kind.folder }
    static func resolution(_ name: String) -> String { "r:" + name.lowercased() }

    /// A slice in words, for `--explain`: "mentions of actors/anthropic".
    static func describe(_ slice: String) -> String {
        let names = ["t": "title of", "s": "summary of", "m": "front matter of", "x": "excerpt of", "b": "body of",
                     "c": "headings of", "sec": "business sections of", "am": "actors named in", "mn": "mentions of",
                     "bl": "backlinks of", "co": "actors mentioned alongside", "ea": "events of", "es": "events citing",
                     "ids": "list of", "r": "what a reference resolves to:"]
        let whole = [config: "site configuration", timeline: "timeline", articlesByDate: "sources by date",
                     keyActors: "key actors", disputeCount: "number of disputes", "pages": "list of pages",
                     history: "content history"]
        if let name = whole[slice] { return name }
        guard let colon = slice.firstIndex(of: ":"), let name = names[String(slice[..<colon])] else { return slice }
        return name + " " + slice[slice.index(after: colon)...]
    }

    /// The document a per-document slice is about (`t:actors/x` → `actors/x`), for `--explain`.
    static func document(of slice: String) -> String? {
        guard let colon = slice.firstIndex(of: ":") else { return nil }
        let prefix = slice[..<colon]
        let rest = String(slice[slice.index(after: colon)...])
        return ["t", "s", "m", "x", "b", "c", "sec", "am", "mn", "bl", "co", "ea", "es"].contains(prefix) ? rest : nil
    }

    /// Fingerprint of a slice's current value; 0 for a slice that no longer exists.
    static func fingerprint(_ slice: String, in model: SiteModel) -> UInt64 {
        var h = StableHash()
        let index = model.index
        guard let colon = slice.firstIndex(of: ":") else {
            switch slice {
            case config: h.add(model.config)
            case timeline: h.add(index.timeline)
            case articlesByDate: h.add(index.articlesByDate)
            case keyActors: h.add(index.keyActors)
            case disputeCount: h.combine(String(index.disputeCount))
            case history: h.combine(String(model.history?.fingerprint ?? 0)); h.combine(String(model.sourceDateEpoch ?? 0))
            default: return 0
            }
            return h.value
        }
        let prefix = slice[..<colon]
        let id = String(slice[slice.index(after: colon)...])
        let doc = index.documents[id]
        let body = index.bodies[id]
        switch prefix {
        case "t": h.combine(doc?.title ?? ""); h.combine(doc?.fields.short ?? "")
        case "s": h.combine(doc?.summary ?? "\u{0}")
        case "m": if let doc { h.addMeta(doc) }
        case "x": h.combine(body?.excerpt ?? "")
        case "b": h.combine(body?.htmlHash ?? "")
        case "c": for entry in body?.toc ?? [] { h.combine("\(entry.level)"); h.combine(entry.id); h.combine(entry.text) }
        case "sec":
            for section in body?.businessSections ?? [] {
                h.combine(section.heading); h.combine(section.text); h.add(section.paragraphs.map(String.init))
            }
        case "am":
            var counts: [String: Int] = [:]
            for mention in body?.mentions ?? [] { counts[mention.actor, default: 0] += 1 }
            for key in counts.keys.sorted() { h.combine(key); h.combine(String(counts[key]!)) }
        case "mn":
            for mention in index.mentions(of: id) {
                h.combine(mention.source); h.combine(String(mention.paragraph ?? 0)); h.combine(mention.snippet)
                h.combine(mention.text)
            }
        case "bl":
            for link in index.backlinks(of: id) { h.combine(link.source); h.combine(link.reason.rawValue) }
        case "co":
            for pair in index.coMentions[id] ?? [] { h.combine(pair.actor); h.combine(String(pair.count)) }
        case "ea": h.add(index.eventsByActor[id] ?? [])
        case "es": h.add(index.eventsBySource[id] ?? [])
        case "ids": h.add(DocumentKind(folder: id).flatMap { index.idsByKind[$0] } ?? [])
        case "r":
            if case .found(let target, let fragment, _) = model.links.resolve(id) {
                h.combine(target.id); h.combine(fragment ?? "")
            }
        default: return 0
        }
        return h.value
    }
}

extension StableHash {
    mutating func add(_ strings: [String]) {
        combine(String(strings.count))
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
        combine(String(value.count))
        for action in value {
            for part in [action.text, action.owner, action.when, action.priority, action.rule] { combine(part ?? "\u{0}") }
        }
    }
    mutating func visit(_ value: inout [MarkedFact]) {
        combine(String(value.count))
        for fact in value { combine(fact.name); combine(fact.value) }
    }
    mutating func visit(_ value: inout [Dispute]) {
        combine(String(value.count))
        for dispute in value {
            combine(dispute.question)
            combine(String(dispute.answers.count))
            for answer in dispute.answers { combine(answer.says); add(answer.sources) }
        }
    }
}
