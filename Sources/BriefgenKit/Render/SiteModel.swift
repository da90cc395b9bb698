import Foundation
import Synchronization

/// Everything pages are made from: configuration, link table and the cross-linked index.
/// Body HTML is fetched on demand, so an incremental build renders only the bodies it shows.
public struct SiteModel: Sendable {
    /// Fixed at init: the interface strings and the site's values are made from it once.
    public let config: SiteConfig
    public var links: LinkTable
    public var index: SiteIndex
    public var bodies: BodyStore
    public var history: ChangeHistory?
    public var sourceDateEpoch: Int?
    /// The items of the paginated lists, worked out on first use.
    public let lists: SiteLists
    /// The search index, made on first use (`SearchIndex`).
    let search = SearchIndexCache()
    /// The interface strings as templates read them (`{{t.KEY}}`), made once for every page.
    let stringTable: StringTable
    /// The site's values as templates read them (`{{site.title}}`…), made once for every page.
    let siteValues: SiteValues

    public init(config: SiteConfig, links: LinkTable, index: SiteIndex, bodies: BodyStore,
                history: ChangeHistory? = nil, sourceDateEpoch: Int? = nil) {
        self.config = config
        self.links = links
        self.index = index
        self.bodies = bodies
        self.history = history
        self.sourceDateEpoch = sourceDateEpoch
        lists = SiteLists(config: config, index: index)
        stringTable = StringTable(config.strings)
        siteValues = SiteValues(config)
    }
}

/// Rendered body HTML by document id: kept when known, rendered once on first use otherwise.
public final class BodyStore: Sendable {
    private let known: Mutex<[String: String]>
    /// The text of the bodies rendered by this build, made with their search terms
    /// (`RenderedBody.plainText`): the search index's text shards take it rather than make it
    /// again from the HTML.
    private let texts: Mutex<[String: [UInt8]]>
    private let render: @Sendable (String) -> (html: String, text: [UInt8]?)
    /// Ids whose body was rendered on demand, for render-count tests.
    private let rendered = Mutex<[String]>([])

    /// `known` holds bodies already rendered (and `texts` the text of some of them); `render`
    /// renders any other body by id.
    public convenience init(known: [String: String], texts: [String: [UInt8]] = [:], render: @escaping @Sendable (String) -> String) {
        self.init(known: known, texts: texts, renderBody: { (render($0), nil) })
    }

    /// `renderBody` gives a body's HTML and, when it has it, its text.
    init(known: [String: String], texts: [String: [UInt8]], renderBody: @escaping @Sendable (String) -> (html: String, text: [UInt8]?)) {
        self.known = Mutex(known)
        self.texts = Mutex(texts)
        render = renderBody
    }

    public func html(_ id: String) -> String {
        if let html = known.withLock({ $0[id] }) { return html }
        let (html, text) = render(id)
        // Two pages may ask for one body at once and both render it: it is counted once.
        let first = known.withLock { known in
            guard known[id] == nil else { return false }
            known[id] = html
            return true
        }
        if first {
            rendered.withLock { $0.append(id) }
            if let text { texts.withLock { $0[id] = text } }
        }
        return html
    }

    /// The text of a body (`SearchText`, UTF-8): as made with the body, else from its HTML.
    func plainText(_ id: String) -> [UInt8] {
        if let text = texts.withLock({ $0[id] }) { return text }
        let html = html(id)
        return texts.withLock({ $0[id] }) ?? SearchText.plainBytes(html)
    }

    /// Bodies rendered on demand so far.
    public var renderedOnDemand: [String] { rendered.withLock { $0.sorted() } }
}
