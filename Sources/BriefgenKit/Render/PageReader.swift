/// Read access to the site for one page's context, logging each slice read so the page can
/// be re-rendered exactly when one of them changes. Slice names are listed in `Slice`.
final class PageReader {
    let model: SiteModel
    let log = ReadLog()

    init(model: SiteModel) {
        self.model = model
    }

    var config: SiteConfig {
        log.recordConfig()
        return model.config
    }

    /// The base path (`SiteConfig.basePath`, kept by the configuration).
    var base: String { config.basePath }

    func url(_ urlPath: String) -> String { base + urlPath }

    /// `url(urlPath(id))`, made in one string of the right size (pages link documents by
    /// the thousand: every reference, list item and backlink).
    func documentURL(_ id: String) -> String {
        String(joining: base, id, "/")
    }

    /// Whether a document with this id is on the site: a target of the link table, which
    /// holds every selected document without decoding it.
    func exists(_ id: String) -> Bool { model.links.withTarget(id) { _ in } != nil }

    func kind(_ id: String) -> DocumentKind {
        DocumentKind(ofID: id)!
    }

    func urlPath(_ id: String) -> String { id + "/" }

    // MARK: - Per-document slices

    /// A document's title, from the link table: lists show thousands of titles, and the
    /// documents behind them would each be decoded from the previous graph.
    func title(_ id: String) -> String {
        log.record(.title, id)
        return lookUpTitle(id)
    }

    /// The titles of `ids` for a list, looked up one after another before any is shown (the
    /// reads of memory do not wait on one another); `title(_:lookedUp:)` records each one shown.
    func lookUpTitles(_ ids: some Collection<String>) -> [String] {
        ids.map(lookUpTitle)
    }

    /// `title(id)` for a title `lookUpTitles` gave: the page's read of it is recorded now.
    func title(_ id: String, lookedUp title: String) -> String {
        log.record(.title, id)
        return title
    }

    private func lookUpTitle(_ id: String) -> String {
        model.links.withTarget(id) { $0.title } ?? id
    }

    func short(_ id: String) -> String {
        log.record(.title, id)
        return model.links.withTarget(id, Self.shortLabel) ?? id
    }

    /// How lists name a document in few words: its short name, else its title's first six words.
    static func shortLabel(_ target: LinkTable.Target) -> String {
        target.shortName ?? Text.truncateWords(target.title, 6)
    }

    /// Front-matter `summary`.
    func summary(_ id: String) -> String? {
        log.record(.summary, id)
        guard let summary = model.index.documents.withValue(of: id, { $0.summary }) ?? nil else { return nil }
        return Text.containsBytes(summary, "[[") ? plainLabels(summary) : summary
    }

    /// Plain text with each `[[link]]` shown as its label or its target's title, as a body shows it.
    func plainLabels(_ text: String) -> String {
        var out = text
        for link in WikiLink.scan(text) {
            var label = link.label ?? link.target
            if link.label == nil, let (target, fragment) = resolve(link.target) {
                label = fragment.map { MarkdownRenderer.isParagraphID($0) ? "\(short(target)) ¶\($0.dropFirst())" : title(target) }
                    ?? title(target)
            }
            out = out.replacingOccurrences(of: "[[" + link.raw + "]]", with: label)
        }
        return out
    }

    /// Other front matter (dates, lists, kind-specific fields): use only `fields` and `slug`,
    /// and of `disputed` only the questions (the sides are read through `disputes`).
    func meta(_ id: String) -> Document {
        log.record(.meta, id)
        return model.index.documents[id]!
    }

    /// An event's disputes with every side.
    func disputes(_ id: String) -> [Dispute] {
        log.record(.disputes, id)
        return model.index.documents.withValue(of: id) { $0.fields.disputed }!
    }

    func excerpt(_ id: String) -> String {
        log.record(.excerpt, id)
        return model.index.bodies.withValue(of: id) { $0.excerpt } ?? ""
    }

    /// `summary`, or the excerpt when there is none.
    func description(_ id: String) -> String? {
        summary(id) ?? excerpt(id)
    }

    func body(_ id: String) -> String {
        log.record(.body, id)
        return model.bodies.html(id)
    }

    /// The text of a body as the search index reads it (`SearchText`, UTF-8): a read of its body.
    func bodyText(_ id: String) -> [UInt8] {
        log.record(.body, id)
        return model.bodies.plainText(id)
    }

    func toc(_ id: String) -> [TocEntry] {
        log.record(.toc, id)
        return model.index.bodies.withValue(of: id) { $0.toc } ?? []
    }

    func sections(_ id: String) -> [BusinessSection] {
        log.record(.sections, id)
        return model.index.bodies.withValue(of: id) { $0.businessSections } ?? []
    }

    /// Actors named in a document's text, with counts, in the order of their ids.
    func mentionCounts(_ id: String) -> [(actor: String, count: Int)] {
        log.record(.mentionCounts, id)
        return model.index.bodies.withValue(of: id) { $0.mentionCounts } ?? []
    }

    // MARK: - Cross-document slices

    /// How many documents mention an actor.
    func mentioningDocuments(_ actor: String) -> Int {
        log.record(.mentionDocuments, actor)
        return model.index.mentioningDocuments(of: actor)
    }

    func backlinks(_ id: String) -> [SiteIndex.Backlink] {
        log.record(.backlinks, id)
        return model.index.backlinks(of: id)
    }

    func coMentions(_ id: String) -> [(actor: String, count: Int)] {
        log.record(.coMentions, id)
        return model.index.coMentions[id] ?? []
    }

    func events(ofActor id: String) -> [String] {
        log.record(.eventsByActor, id)
        return model.index.eventsByActor[id] ?? []
    }

    func events(citing id: String) -> [String] {
        log.record(.eventsBySource, id)
        return model.index.eventsBySource[id] ?? []
    }

    var timeline: [String] {
        log.record(Slice.timeline)
        return model.index.timeline
    }

    /// Ids of a kind, ordered by title.
    func ids(_ kind: DocumentKind) -> [String] {
        log.record(.ids, kind.folder)
        return model.index.idsByKind[kind] ?? []
    }

    var articlesByDate: [String] {
        log.record(Slice.articlesByDate)
        return model.index.articlesByDate
    }

    var keyActors: [String] {
        log.record(Slice.keyActors)
        return model.index.keyActors
    }

    var disputeCount: Int {
        log.record(Slice.disputeCount)
        return model.index.disputeCount
    }

    /// The events and sources whose front matter gives `facts:`, in the order differing facts list them.
    var factHolders: [String] {
        log.record(Slice.factHolders)
        return model.index.orderedFactHolders
    }

    /// The content history (git), if any.
    var history: ChangeHistory? {
        log.record(Slice.history)
        return model.history
    }

    /// The id of the document a content path makes, when it exists now.
    func document(atPath path: String) -> String? {
        log.record(.ids, DocumentKind.article.folder)
        guard let kind = DocumentParser.kind(of: path) else { return nil }
        log.record(.ids, kind.folder)
        return (model.index.idsByKind[kind] ?? []).first { model.index.documents[$0]?.path == path }
    }

    /// Resolves a front-matter reference.
    func resolve(_ name: String) -> (id: String, fragment: String?)? {
        log.record(.resolution, name.lowercased())
        if case .found(let target, let fragment, _) = model.links.resolve(name) { return (target.id, fragment) }
        return nil
    }
}
