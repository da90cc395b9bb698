import Foundation

/// The feeds of the site's collections: events (the timeline), sources and notes, each as an
/// Atom feed and as a JSON Feed (https://jsonfeed.org/version/1.1) made from one list of entries.
///
/// Dates are never invented: an event or a source is stamped with its own date at its
/// precision (a month-only date at the end of its month, as `PartialDate.rfc3339` says); a note,
/// which has no date of its own, with the time of the last commit that changed its file. An
/// entry with no such date is left out of the Atom feed (Atom requires one) and carries no
/// date in the JSON Feed (which does not).
extension SiteFeeds {
    /// A collection with a feed.
    enum Collection: CaseIterable, Sendable {
        case events, sources, notes

        /// The Atom feed's output path; the JSON Feed is beside it with `.json`.
        var atomPath: String {
            switch self {
            case .events: "feed.xml"
            case .sources: "articles/feed.xml"
            case .notes: "notes/feed.xml"
            }
        }

        var jsonPath: String { String(atomPath.dropLast(".xml".count)) + ".json" }

        /// The HTML page the feed follows.
        var pagePath: String {
            switch self {
            case .events: "timeline/"
            case .sources: "articles/"
            case .notes: "notes/"
            }
        }

        /// Words after the site's title.
        var name: String {
            switch self {
            case .events: "timeline"
            case .sources: "sources"
            case .notes: "notes"
            }
        }
    }

    /// One item of a feed.
    struct Entry {
        var title: String
        var url: String
        var summary: String
        var html: String
        /// RFC 3339 time, when the item has a date (see the type's comment).
        var updated: String?
    }

    /// The newest entries of a collection, newest first.
    static func entries(_ collection: Collection, _ reader: PageReader, limit: Int = 50) -> [Entry] {
        let config = reader.config
        func entry(_ id: String, title: String, updated: String?) -> Entry {
            Entry(title: title, url: config.absoluteURL(id + "/"), summary: reader.description(id) ?? "",
                  html: reader.body(id), updated: updated)
        }
        switch collection {
        case .events:
            return withinBudget(reader.timeline.reversed().prefix(limit).lazy.map { id in
                let date = reader.meta(id).fields.date
                return entry(id, title: (date.map { reader.config.strings.date($0) + ": " } ?? "") + reader.title(id), updated: date?.rfc3339)
            })
        case .sources:
            // The sources page's order: dated sources newest first, then the undated ones.
            return withinBudget(reader.articlesByDate.prefix(limit).lazy.map { id in
                entry(id, title: reader.title(id), updated: reader.meta(id).fields.published?.rfc3339)
            })
        case .notes:
            var changed: [String: Int] = [:]
            for commit in reader.history?.commits ?? [] {
                for file in commit.files {
                    if let id = reader.document(atPath: file.path), changed[id] == nil { changed[id] = commit.time }
                }
            }
            let ids = reader.ids(.note).sorted { (changed[$1] ?? .min, $0) < (changed[$0] ?? .min, $1) }
            return withinBudget(ids.prefix(limit).lazy.map { id in
                entry(id, title: reader.title(id), updated: changed[id].map { ChangeHistory.isoDate($0) + "T" + clock($0) + "Z" })
            })
        }
    }

    /// Bytes of text (HTML and summaries) a feed's entries hold at most: 50 long sources made a
    /// feed of half a megabyte on the 10,000-article benchmark site.
    static let textBudget = 120_000

    /// The newest entries whose text fits `textBudget`, always at least one; entries past it are
    /// not made (their bodies are not read).
    static func withinBudget(_ entries: some Sequence<Entry>) -> [Entry] {
        var kept: [Entry] = []
        var total = 0
        for entry in entries {
            total += entry.html.utf8.count + entry.summary.utf8.count
            if !kept.isEmpty, total > textBudget { break }
            kept.append(entry)
        }
        return kept
    }

    /// A collection's Atom feed.
    static func atom(_ collection: Collection, _ reader: PageReader) -> String {
        let config = reader.config
        let entries = entries(collection, reader).filter { $0.updated != nil }
        let updated = entries.compactMap(\.updated).max() ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(xmlEscape(config.language))">
        <title>\(xmlEscape(config.title)): \(collection.name)</title>
        <id>\(xmlEscape(config.absoluteURL(collection.atomPath)))</id>
        <link rel="self" href="\(xmlEscape(config.absoluteURL(collection.atomPath)))"/>
        <link rel="alternate" type="text/html" href="\(xmlEscape(config.absoluteURL(collection.pagePath)))"/>
        <updated>\(updated)</updated>
        <author><name>\(xmlEscape(config.author ?? config.title))</name></author>
        <generator>briefgen</generator>

        """
        for entry in entries {
            xml += """
            <entry>
            <title>\(xmlEscape(entry.title))</title>
            <id>\(xmlEscape(entry.url))</id>
            <link rel="alternate" type="text/html" href="\(xmlEscape(entry.url))"/>
            <updated>\(entry.updated!)</updated>
            <summary>\(xmlEscape(entry.summary))</summary>
            <content type="html">\(xmlEscape(entry.html))</content>
            </entry>

            """
        }
        return xml + "</feed>\n"
    }

    /// A collection's JSON Feed 1.1, keys in sorted order (byte-identical builds; JSON gives
    /// keys no order, so a feed reader reads them in any), the bytes Foundation's
    /// `JSONSerialization` writes with `.sortedKeys` and `.withoutEscapingSlashes`, written by
    /// `JSONWriter`: Foundation went through an `NSDictionary` of every item and wrote each
    /// body's HTML one Unicode scalar at a time.
    static func json(_ collection: Collection, _ reader: PageReader) -> String {
        let config = reader.config
        var json = JSONWriter()
        func member(_ key: String, _ value: String) {
            json.key(key)
            json.string(value)
        }
        // Keys in sorted order: authors, feed_url, home_page_url, items, language, title, version.
        json.open("{")
        json.key("authors")
        json.open("[")
        json.open("{")
        member("name", config.author ?? config.title)
        json.close("}")
        json.close("]")
        member("feed_url", config.absoluteURL(collection.jsonPath))
        member("home_page_url", config.absoluteURL(collection.pagePath))
        json.key("items")
        json.open("[")
        for entry in entries(collection, reader) {
            // Keys in sorted order: content_html, date_published, id, summary, title, url.
            json.open("{")
            member("content_html", entry.html)
            if let updated = entry.updated { member("date_published", updated) }
            member("id", entry.url)
            if !entry.summary.isEmpty { member("summary", entry.summary) }
            member("title", entry.title)
            member("url", entry.url)
            json.close("}")
        }
        json.close("]")
        member("language", config.language)
        member("title", "\(config.title): \(collection.name)")
        member("version", "https://jsonfeed.org/version/1.1")
        json.close("}")
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }
}
