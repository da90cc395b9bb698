/// The non-HTML files of a site: feeds (`SiteFeeds+Collections.swift`), sitemap, robots.txt.
enum SiteFeeds {
    /// Escapes markup, and replaces what XML 1.0 forbids (control characters, U+FFFE, U+FFFF),
    /// which YAML escapes and article text can carry, with U+FFFD: a feed must stay well-formed.
    static func xmlEscape(_ text: String) -> String {
        let escaped = Text.escapeHTML(text)
        guard escaped.unicodeScalars.contains(where: { !isXMLChar($0) }) else { return escaped }
        return String(String.UnicodeScalarView(escaped.unicodeScalars.map { isXMLChar($0) ? $0 : "\u{FFFD}" }))
    }

    private static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// URLs per sitemap file: a site with more pages gets a sitemap index (`sitemap.xml`) of
    /// `sitemap-1.xml`, `sitemap-2.xml`…, each well under 200 KB.
    static let sitemapLimit = 2000

    /// The numbers of the sitemap files `sitemap.xml` indexes (none for a site of up to
    /// `sitemapLimit` pages, whose `sitemap.xml` lists them all).
    /// Whether the sitemap lists a page: not the not-found page, nor a redirect of an old URL.
    static func isListed(_ page: PageSpec) -> Bool { page.kind != .notFound && page.kind != .redirect }

    static func sitemapParts(pageCount: Int) -> ClosedRange<Int>? {
        pageCount > sitemapLimit ? 1...((pageCount + sitemapLimit - 1) / sitemapLimit) : nil
    }

    /// `sitemap.xml` (part 0): every page, or the index of the parts; part N: its pages.
    static func sitemap(config: SiteConfig, pages: [PageSpec], part: Int = 0) -> String {
        let listed = pages.filter(isListed)
        if part == 0, let parts = sitemapParts(pageCount: listed.count) {
            var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
            for number in parts { xml += "<sitemap><loc>\(xmlEscape(config.absoluteURL("sitemap-\(number).xml")))</loc></sitemap>\n" }
            return xml + "</sitemapindex>\n"
        }
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        let slice = part == 0 ? listed[...] : listed.dropFirst((part - 1) * sitemapLimit).prefix(sitemapLimit)
        for page in slice {
            xml += "<url><loc>\(xmlEscape(config.absoluteURL(page.urlPath)))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    static func robots(config: SiteConfig) -> String {
        "User-agent: *\nAllow: /\nSitemap: \(config.absoluteURL("sitemap.xml"))\n"
    }
}

extension SiteFeeds {
    /// Atom feed of content changes, newest first; times come from commits (or SOURCE_DATE_EPOCH).
    static func changes(_ reader: PageReader) -> String {
        let config = reader.config
        let commits = reader.history?.commits ?? []
        let fallback = reader.model.sourceDateEpoch ?? 0
        func stamp(_ time: Int) -> String { ChangeHistory.isoDate(time) + "T" + clock(time) + "Z" }
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(xmlEscape(config.language))">
        <title>\(xmlEscape(config.title)): what changed</title>
        <id>\(xmlEscape(config.absoluteURL("changes.xml")))</id>
        <link rel="self" href="\(xmlEscape(config.absoluteURL("changes.xml")))"/>
        <link rel="alternate" type="text/html" href="\(xmlEscape(config.absoluteURL("changes/")))"/>
        <updated>\(stamp(commits.first?.time ?? fallback))</updated>
        <author><name>\(xmlEscape(config.author ?? config.title))</name></author>

        """
        for entry in reader.changeEntries() {
            let id = entry.child(named: "id") as! String
            let pages = (entry.child(named: "pages") as! [Any]).compactMap { $0 as? [String: Any] }
            let commit = commits.first { "c" + $0.hash.prefix(12) == id }!
            let list = pages.map { "\($0["title"]!) (\($0["status"]!))" }.joined(separator: ", ")
            xml += """
            <entry>
            <title>\(xmlEscape(commit.line))</title>
            <id>\(xmlEscape(config.absoluteURL("changes/") + "#" + id))</id>
            <link rel="alternate" type="text/html" href="\(xmlEscape(config.absoluteURL("changes/") + "#" + id))"/>
            <updated>\(stamp(commit.time))</updated>
            <summary>\(xmlEscape(list))</summary>
            </entry>

            """
        }
        return xml + "</feed>\n"
    }

    static func clock(_ time: Int) -> String {
        let seconds = ((time % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }
}

import Foundation
