/// Site-wide settings from `briefgen.yml`.
public struct SiteConfig: Hashable, Sendable {
    public var title = "Briefing"
    /// Absolute URL the site is served from, always ending in `/`.
    public var baseURL = "/" { didSet { basePath = Self.path(ofBaseURL: baseURL) } }
    /// The path part of the base URL: `/brief/` for `https://example.org/brief/`. Kept, not
    /// worked out when asked: every page asks, and finding `://` in a string goes through
    /// Foundation (10,000 instructions a page).
    public private(set) var basePath = "/"
    public var language = "en"
    public var description = ""
    public var author: String?
    /// Raw HTML in notes is passed through only when this is true (never in articles).
    public var allowHTMLInNotes = false
    /// Events shown on the home page.
    public var homeEvents = 8
    /// `changes: noted`: `/changes/` lists only commits with a `Briefing-Note:` trailer.
    public var changesNotedOnly = false
    /// The date the briefing is current to (`as_of:`), shown on every page.
    public var asOf: PartialDate?
    /// Key points of the current status (`status:`), leading the home page.
    public var status: [String] = []
    /// A line shown on every page (`disclaimer:`), e.g. "General information, not legal advice."
    public var disclaimer: String?
    /// The theme's interface text in `language`, with the site's `templates/strings.yml`.
    public var strings = Strings.english
    /// Items per page of the paginated lists (`paginate:`).
    public var pageSizes = PageSizes()

    public init() {}

    static let knownKeys: Set<String> = [
        "title", "baseURL", "language", "description", "author", "allow_html_in_notes", "home_events",
        "changes", "as_of", "status", "disclaimer", "paginate",
    ]

    /// The path part of `baseURL`: after the host when it has a scheme, between slashes.
    static func path(ofBaseURL baseURL: String) -> String {
        var rest = baseURL
        if let scheme = rest.range(of: "://") {
            rest = String(rest[scheme.upperBound...])
            rest = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        if !rest.hasPrefix("/") { rest = "/" + rest }
        if !rest.hasSuffix("/") { rest += "/" }
        return rest
    }

    /// The absolute URL of a site path (for feeds and the sitemap).
    public func absoluteURL(_ path: String) -> String {
        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        return base + (path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }

    /// What is wrong with a base URL (`baseURL` or `--base-url`), or nil: it must be an
    /// absolute http(s) URL with a host, or a path starting with `/`, without spaces.
    public static func baseURLProblem(_ url: String) -> String? {
        let problem = "must be an absolute URL (http:// or https://) or a path starting with /, not \"\(url)\""
        guard !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7f }) else { return problem }
        if url.hasPrefix("/") { return url.hasPrefix("//") ? problem : nil }
        for scheme in ["http://", "https://"] where url.lowercased().hasPrefix(scheme) {
            let host = url.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return host.isEmpty ? problem : nil
        }
        return problem
    }

    /// Normalises a base URL so it ends in `/`.
    public static func normalizeBaseURL(_ url: String) -> String {
        url.hasSuffix("/") ? url : url + "/"
    }

    /// Parses `briefgen.yml`; a missing file gives defaults.
    public static func parse(_ text: String?, file: String = "briefgen.yml") -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        guard let text else { return (config, []) }
        var reader = FieldReader(yaml: text, file: file, lineOffset: 1)
        reader.warnUnknown(known: knownKeys, what: "briefgen.yml")
        if let title = reader.string("title") { config.title = title }
        if let base = reader.string("baseURL") {
            if let problem = baseURLProblem(base) {
                reader.diagnostics.append(.error(reader.keyLocation("baseURL"), "`baseURL` \(problem)",
                                                 hint: "e.g. `baseURL: https://example.org/brief/`"))
            } else {
                config.baseURL = normalizeBaseURL(base)
            }
        }
        if let language = reader.string("language") { config.language = language }
        if let description = reader.string("description") { config.description = description }
        config.author = reader.string("author")
        config.allowHTMLInNotes = reader.bool("allow_html_in_notes")
        if let count = reader.string("home_events") {
            if let n = Int(count), n > 0 { config.homeEvents = n } else {
                reader.diagnostics.append(.error(reader.keyLocation("home_events"), "`home_events` must be a positive number"))
            }
        }
        if let changes = reader.string("changes") {
            switch changes.lowercased() {
            case "all": config.changesNotedOnly = false
            case "noted": config.changesNotedOnly = true
            default:
                reader.diagnostics.append(.error(reader.keyLocation("changes"), "unknown `changes` value `\(changes)`",
                                                 hint: "use `all` or `noted` (only commits with a Briefing-Note: trailer)"))
            }
        }
        config.asOf = reader.date("as_of")
        config.status = reader.strings("status")
        config.disclaimer = reader.string("disclaimer")
        if let node = reader.values["paginate"] {
            let (sizes, problems) = PageSizes.read(node, reader: reader)
            config.pageSizes = sizes
            reader.diagnostics += problems
        }
        return (config, reader.diagnostics)
    }
}
