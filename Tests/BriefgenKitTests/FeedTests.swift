import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import BriefgenKit

/// The feeds of events, sources and notes, as Atom and as JSON Feed: well-formed, the same
/// entries in both, and never a date the content does not give.
@Suite struct FeedTests {
    static func built() -> MemoryFileSystem {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        return fs
    }

    static func json(_ fs: MemoryFileSystem, _ path: String) throws -> [String: Any] {
        let data = try #require(fs.read("out/" + path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The `<entry>` ids of an Atom feed, after checking it parses.
    static func atomEntries(_ fs: MemoryFileSystem, _ path: String) throws -> [String] {
        let text = Fixture.text(fs, "out/" + path)
        #expect(XMLParser(data: Data(text.utf8)).parse(), "\(path) is not well-formed")
        return text.components(separatedBy: "<entry>").dropFirst().map {
            String($0.components(separatedBy: "<id>")[1].components(separatedBy: "</id>")[0])
        }
    }

    @Test func everyCollectionHasAnAtomAndAJSONFeed() throws {
        let fs = Self.built()
        for collection in SiteFeeds.Collection.allCases {
            let feed = try Self.json(fs, collection.jsonPath)
            #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
            #expect(feed["feed_url"] as? String == "https://example.org/" + collection.jsonPath)
            let items = try #require(feed["items"] as? [[String: Any]])
            let dated = items.filter { $0["date_published"] != nil }.map { $0["id"] as! String }
            // Atom holds exactly the dated items, in the same order.
            #expect(try Self.atomEntries(fs, collection.atomPath) == dated, "\(collection)")
            #expect(items.allSatisfy { ($0["content_html"] as? String) != nil && ($0["url"] as? String)?.hasPrefix("https://example.org/") == true })
        }
    }

    @Test func anUndatedSourceIsListedWithoutADate() throws {
        let fs = Self.built()
        let items = try #require(try Self.json(fs, "articles/feed.json")["items"] as? [[String: Any]])
        let ban = try #require(items.first { $0["id"] as? String == "https://example.org/articles/ban-story/" })
        #expect(ban["date_published"] as? String == "2026-06-05T00:00:00Z")
        let lift = try #require(items.first { $0["id"] as? String == "https://example.org/articles/lift-story/" })
        #expect(lift["date_published"] == nil)
        #expect(!Fixture.text(fs, "out/articles/feed.xml").contains("lift-story"))
        // Dated sources first, newest first.
        #expect(items.first?["id"] as? String == "https://example.org/articles/ban-story/")
    }

    /// The sources feed is the sources page's order (it reads no article past its own entries):
    /// newest first, a month-only date after the days of its month (as on the timeline), ties by title.
    @Test func theSourcesFeedFollowsTheSourcesPageOrder() throws {
        func article(_ title: String, _ published: String) -> String {
            "---\ntitle: \(title)\noutlet: Example News\npublished: \(published)\nurl: https://news.example/\(title.lowercased())\n---\nText.\n"
        }
        let fs = Fixture.fileSystem([
            "site/content/articles/june-month.md": article("Month", "2026-06"),
            "site/content/articles/june-late.md": article("Late", "2026-06-30"),
            "site/content/articles/june-a.md": article("Alpha", "2026-06-05"),
        ])
        #expect(Fixture.build(fs).succeeded)
        let items = try #require(try Self.json(fs, "articles/feed.json")["items"] as? [[String: Any]])
        let ids = items.map { ($0["id"] as! String).replacingOccurrences(of: "https://example.org/articles/", with: "") }
        #expect(ids == ["june-month/", "june-late/", "june-a/", "ban-story/", "lift-story/"])
        let page = Fixture.text(fs, "out/articles/index.html")
        let positions = ids.map { id in page.range(of: "/articles/" + id + "\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil } && positions.map { $0! } == positions.map { $0! }.sorted())
    }

    @Test func notesWithoutHistoryHaveNoDateAndTheAtomFeedIsEmpty() throws {
        let fs = Self.built()
        let items = try #require(try Self.json(fs, "notes/feed.json")["items"] as? [[String: Any]])
        #expect(!items.isEmpty)
        #expect(items.allSatisfy { $0["date_published"] == nil })
        #expect(try Self.atomEntries(fs, "notes/feed.xml").isEmpty)
    }

    @Test func pagesAnnounceTheirFeedsAndTheFavicon() {
        let fs = Self.built()
        let home = Fixture.text(fs, "out/index.html")
        #expect(home.contains(#"<link rel="alternate" type="application/feed+json" title="Test Briefing: timeline" href="/feed.json">"#))
        #expect(home.contains(#"<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">"#))
        #expect(!home.contains("articles/feed.xml"))
        let sources = Fixture.text(fs, "out/articles/index.html")
        #expect(sources.contains(#"<link rel="alternate" type="application/atom+xml" title="Test Briefing: sources" href="/articles/feed.xml">"#))
        #expect(XMLParser(data: fs.read("out/assets/favicon.svg")!).parse())
    }

    @Test func jsonStringsAreEscapedSoEveryCharacterReadsBack() throws {
        let title = "a\"b\\c\n</script>\u{01}\u{2028}"
        let fs = Fixture.fileSystem(["site/content/notes/odd.md": "---\ntitle: \"a\\\"b\\\\c\\n</script>\\x01\\u2028\"\n---\nText.\n"])
        #expect(Fixture.build(fs).succeeded)
        let items = try #require(try Self.json(fs, "notes/feed.json")["items"] as? [[String: Any]])
        #expect(items.contains { $0["title"] as? String == title })
        #expect(Fixture.text(fs, "out/notes/feed.json").hasSuffix("}\n"))
    }

    /// The feeds are written byte for byte as Foundation's `JSONSerialization` writes the same
    /// feed with sorted keys and unescaped slashes (which earlier builds published), escapes and
    /// control characters included.
    @Test func jsonFeedsAreTheBytesFoundationWrites() throws {
        let odd = "a\"b\\c/d\n\t\r\u{08}\u{0C}\u{01}\u{1F}é\u{2028}😀"
        let fs = Fixture.fileSystem(["site/content/notes/odd.md": "---\ntitle: \"\(odd.unicodeScalars.map { $0.value < 0x20 || $0 == "\"" || $0 == "\\" ? String(format: "\\x%02x", $0.value) : String($0) }.joined())\"\nsummary: \"<b>x</b> & \\\"y\\\"\"\n---\nText with \"quotes\" and a \\ backslash.\n"])
        #expect(Fixture.build(fs).succeeded)
        for collection in SiteFeeds.Collection.allCases {
            let written = try #require(fs.read("out/" + collection.jsonPath))
            let object = try JSONSerialization.jsonObject(with: written)
            let foundation = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            #expect(written == foundation + Data("\n".utf8), "\(collection.jsonPath)")
        }
        let items = try #require(try Self.json(fs, "notes/feed.json")["items"] as? [[String: Any]])
        #expect(items.contains { $0["title"] as? String == odd })
    }
}
