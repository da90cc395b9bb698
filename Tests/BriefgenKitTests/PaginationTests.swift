import Foundation
import Testing
@testable import BriefgenKit

/// Long lists over several pages: sizes and boundaries, URLs, navigation, links to items by
/// anchor, what an edit re-renders, and the interface text in French.
@Suite struct PaginationTests {
    /// A site of `events` events (one a day from 1 January 2026), `articles` sources (one a day,
    /// each mentioning Ada Corp, the first two with a business section) and `paginate:` as given.
    static func site(events: Int = 0, articles: Int = 0, paginate: String = "3", extra: [String: String] = [:]) -> MemoryFileSystem {
        var files: [String: String] = [
            "site/briefgen.yml": "title: Paged\nbaseURL: https://example.org/\npaginate: \(paginate)\n",
            "site/content/actors/ada.md": "---\nname: Ada Corp\nkind: company\n---\nAda's own page.\n",
        ]
        for i in 0..<events {
            files["site/content/events/e\(i).md"] = "---\ntitle: Event \(i)\ndate: 2026-01-\(10 + i)\n---\nEvent \(i) happened.\n"
        }
        for i in 0..<articles {
            let section = i < 2 ? "\n\n## What this means for you\n\nWatch item \(i).\n" : ""
            files["site/content/articles/a\(i).md"] = "---\ntitle: Article \(i)\npublished: 2026-02-\(10 + i)\n---\nAda Corp said \(i).\(section)\n"
        }
        files.merge(extra) { _, new in new }
        return MemoryFileSystem(files)
    }

    @discardableResult
    static func build(_ fs: MemoryFileSystem) -> BuildResult {
        let result = Fixture.build(fs)
        #expect(result.succeeded, "\(result.diagnostics)")
        return result
    }

    static func exists(_ fs: MemoryFileSystem, _ path: String) -> Bool { fs.read(path) != nil }

    static func outputs(_ fs: MemoryFileSystem, under prefix: String) -> [String] {
        fs.files(under: "out").filter { $0.hasPrefix(prefix) && $0.hasSuffix("index.html") }.sorted()
    }

    // MARK: - Sizes and boundaries

    @Test func anEmptyListHasOnePageAndNoNavigation() {
        let fs = Self.site(events: 0)
        Self.build(fs)
        #expect(Self.outputs(fs, under: "timeline/") == ["timeline/index.html"])
        let page = Fixture.text(fs, "out/timeline/index.html")
        #expect(page.contains("No events"))
        #expect(!page.contains("class=\"pager\"") && !page.contains("rel=\"next\""))
    }

    @Test func exactlyAPageOfItemsIsOnePage() {
        let fs = Self.site(events: 3)
        Self.build(fs)
        #expect(Self.outputs(fs, under: "timeline/") == ["timeline/index.html"])
        let page = Fixture.text(fs, "out/timeline/index.html")
        #expect((0..<3).allSatisfy { page.contains("id=\"e\($0)\"") })
        #expect(!page.contains("class=\"pager\""))
    }

    @Test func oneItemMoreMakesASecondPageHoldingIt() {
        let fs = Self.site(events: 4)
        Self.build(fs)
        #expect(Self.outputs(fs, under: "timeline/") == ["timeline/index.html", "timeline/page/2/index.html"])
        let first = Fixture.text(fs, "out/timeline/index.html")
        let second = Fixture.text(fs, "out/timeline/page/2/index.html")
        #expect((0..<3).allSatisfy { first.contains("id=\"e\($0)\"") } && !first.contains("id=\"e3\""))
        #expect(second.contains("id=\"e3\"") && !second.contains("id=\"e0\""))
        // The chart of each page draws the events that page lists.
        #expect(second.contains("Event 3") && !second.contains(">Event 0<"))
    }

    // MARK: - URLs and navigation

    @Test func pagesLinkOneAnotherWithANavigationLandmarkAndHeadLinks() {
        let fs = Self.site(events: 7)
        Self.build(fs)
        let second = Fixture.text(fs, "out/timeline/page/2/index.html")
        #expect(second.contains("<title>Timeline, page 2 of 3 · Paged</title>"))
        #expect(second.contains("<h1>Timeline, page 2 of 3</h1>"))
        #expect(second.contains("<link rel=\"canonical\" href=\"https://example.org/timeline/page/2/\">"))
        #expect(second.contains("<link rel=\"prev\" href=\"/timeline/\">"))
        #expect(second.contains("<link rel=\"next\" href=\"/timeline/page/3/\">"))
        #expect(second.contains("<nav class=\"pager\" aria-label=\"Pages of this list\">"))
        #expect(second.contains("<a href=\"/timeline/page/2/\" aria-label=\"Page 2\" aria-current=\"page\">2</a>"))
        #expect(second.contains("<a href=\"/timeline/\" aria-label=\"Page 1\">1</a>"))
        #expect(second.contains("<a href=\"/timeline/page/3/\" rel=\"next\">Next page →</a>"))
        #expect(second.contains("<a href=\"/timeline/\" rel=\"prev\">← Previous page</a>"))
        // Page 1 keeps its title; the last page has no next.
        let first = Fixture.text(fs, "out/timeline/index.html")
        #expect(first.contains("<title>Timeline · Paged</title>") && !first.contains("rel=\"prev\""))
        #expect(first.contains("page 1 of 3"))
        let last = Fixture.text(fs, "out/timeline/page/3/index.html")
        #expect(!last.contains("rel=\"next\"") && last.contains("<link rel=\"prev\" href=\"/timeline/page/2/\">"))
        // Every page is in the sitemap.
        let sitemap = Fixture.text(fs, "out/sitemap.xml")
        for path in ["timeline/", "timeline/page/2/", "timeline/page/3/"] {
            #expect(sitemap.contains("<loc>https://example.org/\(path)</loc>"))
        }
    }

    @Test func manyPagesShowTheEndsAndTheNeighboursWithGaps() {
        let fs = Self.site(events: 20, paginate: "1")
        Self.build(fs)
        let page = Fixture.text(fs, "out/timeline/page/10/index.html")
        let numbers = page.components(separatedBy: "aria-label=\"Page ").dropFirst().map { $0.prefix { $0.isNumber } }
        #expect(numbers == ["1", "8", "9", "10", "11", "12", "20"])
        #expect(page.components(separatedBy: "class=\"gap\"").count == 3)
    }

    @Test func eachListHasItsOwnPageSize() {
        let fs = Self.site(events: 4, articles: 5, paginate: "{default: 2, timeline: 10}")
        Self.build(fs)
        #expect(Self.outputs(fs, under: "timeline/") == ["timeline/index.html"])
        #expect(Self.outputs(fs, under: "articles/page/") == ["articles/page/2/index.html", "articles/page/3/index.html"])
        // Newest first: the oldest source is alone on the last page.
        let last = Fixture.text(fs, "out/articles/page/3/index.html")
        #expect(last.contains("Article 0") && !last.contains("Article 1<"))
        // Business sections: two, one page.
        #expect(Self.outputs(fs, under: "business/") == ["business/index.html"])
    }

    @Test func theBusinessIndexPaginatesSectionsAndListsItsPagesFirst() {
        let fs = Self.site(articles: 3, paginate: "{business: 1}",
                           extra: ["site/content/business/b.md": "---\ntitle: For banks\n---\nBody.\n"])
        Self.build(fs)
        let first = Fixture.text(fs, "out/business/index.html")
        let second = Fixture.text(fs, "out/business/page/2/index.html")
        #expect(first.contains("For banks") && !second.contains("For banks"))
        #expect(first.contains("Watch item 1") && !first.contains("Watch item 0"))  // newest source first
        #expect(second.contains("Watch item 0"))
        #expect(!Self.exists(fs, "out/business/page/3/index.html"))
    }

    // MARK: - An actor's mentions

    @Test func anActorsMentionsGoOnPagesOfItsOwnAfterItsPage() {
        let fs = Self.site(articles: 5, paginate: "{mentions: 2}")
        Self.build(fs)
        #expect(Self.outputs(fs, under: "actors/ada/") == [
            "actors/ada/index.html", "actors/ada/page/2/index.html", "actors/ada/page/3/index.html",
        ])
        let first = Fixture.text(fs, "out/actors/ada/index.html")
        let second = Fixture.text(fs, "out/actors/ada/page/2/index.html")
        func mentions(_ page: String) -> String {
            String(page.components(separatedBy: "id=\"mentions\"").dropFirst().first?.components(separatedBy: "</section>").first ?? "")
        }
        #expect(first.contains("<div class=\"prose\"><p id=\"p1\">\nAda's own page."))
        #expect(mentions(first).contains(">Article 0<") && mentions(first).contains(">Article 1<") && !mentions(first).contains(">Article 2<"))
        #expect(mentions(first).contains("(page 1 of 3)"))
        // Page 2: the actor's header and that page of mentions, not its body, events or backlinks again.
        #expect(second.contains("<h1>Ada Corp</h1>") && !second.contains("Ada's own page."))
        #expect(!second.contains("backlinks-heading"))
        let listed = mentions(second)
        #expect(listed.contains(">Article 2<") && listed.contains(">Article 3<") && !listed.contains(">Article 0<"))
        #expect(second.contains("<title>Ada Corp, page 2 of 3 · Paged</title>"))
        #expect(second.contains("<a href=\"/actors/ada/\" rel=\"prev\">"))
    }

    // MARK: - Links to items by anchor

    @Test func linksToAnItemByAnchorPointToThePageHoldingIt() {
        let dispute = { (i: Int) in
            "---\ntitle: Event \(i)\ndate: 2026-01-1\(i)\ndisputed:\n  - question: Q\(i)?\n    answers:\n      - says: x\n      - says: y\n---\nE.\n"
        }
        let fs = Self.site(events: 4, paginate: "{default: 3, disputes: 1}",
                           extra: ["site/content/events/e0.md": dispute(0), "site/content/events/e3.md": dispute(3)])
        Self.build(fs)
        // The event's way back to the timeline.
        #expect(Fixture.text(fs, "out/events/e3/index.html").contains("href=\"/timeline/page/2/#e3\""))
        #expect(Fixture.text(fs, "out/events/e0/index.html").contains("href=\"/timeline/#e0\""))
        // Disputed questions, from any page that shows the event.
        let timeline = Fixture.text(fs, "out/timeline/index.html")
        #expect(timeline.contains("href=\"/disputes/#e0--q0\""))
        #expect(Fixture.text(fs, "out/timeline/page/2/index.html").contains("href=\"/disputes/page/2/#e3--q3\""))
        #expect(Fixture.text(fs, "out/disputes/page/2/index.html").contains("id=\"e3--q3\""))
        // The anchor is where the link says.
        #expect(!Fixture.text(fs, "out/disputes/index.html").contains("id=\"e3--q3\""))
    }

    // MARK: - Incremental builds

    @Test func addingASourceRerendersOnlyThePagesWhoseItemsShifted() {
        let fs = Self.site(events: 4, articles: 7, paginate: "2")
        Self.build(fs)
        // The oldest source yet: it goes last, onto page 4 (8 sources, 2 a page).
        fs.write("---\ntitle: Article old\npublished: 2026-01-01\n---\nNothing to say.\n", to: "site/content/articles/old.md")
        let result = Self.build(fs)
        #expect(!result.fullBuild)
        #expect(result.rendered.contains("articles/page/4/index.html"))
        for kept in ["articles/index.html", "articles/page/2/index.html", "articles/page/3/index.html",
                     "timeline/index.html", "timeline/page/2/index.html", "actors/ada/index.html", "actors/ada/page/2/index.html"] {
            #expect(!result.rendered.contains(kept), "\(kept) re-rendered")
        }
        IncrementalTests().expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func rewordingAMentionRerendersOnlyTheMentionsPageShowingIt() {
        let fs = Self.site(articles: 5, paginate: "{mentions: 2}")
        Self.build(fs)
        // Article 4 is alone on page 3 of Ada Corp's mentions (by title).
        fs.write(Fixture.text(fs, "site/content/articles/a4.md").replacingOccurrences(of: "Ada Corp said 4.", with: "Ada Corp said four."),
                 to: "site/content/articles/a4.md")
        let result = Self.build(fs)
        #expect(result.rendered.contains("actors/ada/page/3/index.html"))
        #expect(!result.rendered.contains("actors/ada/index.html") && !result.rendered.contains("actors/ada/page/2/index.html"))
        #expect(Fixture.text(fs, "out/actors/ada/page/3/index.html").contains("Ada Corp said four."))
        IncrementalTests().expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func aNewPageRerendersTheOthersForTheirNavigationOnly() {
        let fs = Self.site(events: 4, paginate: "2")
        Self.build(fs)
        fs.write("---\ntitle: Event late\ndate: 2026-03-01\n---\nLate.\n", to: "site/content/events/late.md")
        let result = Self.build(fs)
        #expect(result.rendered.contains("timeline/page/3/index.html"))
        #expect(Fixture.text(fs, "out/timeline/index.html").contains("page 1 of 3"))
        IncrementalTests().expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func aListThatLosesAPageLosesItsFile() throws {
        let fs = Self.site(articles: 5, paginate: "2")
        Self.build(fs)
        #expect(Self.exists(fs, "out/articles/page/3/index.html") && Self.exists(fs, "out/actors/ada/page/3/index.html"))
        try fs.remove("site/content/articles/a4.md")
        let result = Self.build(fs)
        #expect(!Self.exists(fs, "out/articles/page/3/index.html") && !Self.exists(fs, "out/actors/ada/page/3/index.html"))
        #expect(result.deleted.contains("articles/page/3/index.html"))
        IncrementalTests().expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func changingThePageSizeRemakesTheLists() {
        let fs = Self.site(events: 5, paginate: "2")
        Self.build(fs)
        fs.write("title: Paged\nbaseURL: https://example.org/\npaginate: 4\n", to: "site/briefgen.yml")
        Self.build(fs)
        #expect(Self.outputs(fs, under: "timeline/") == ["timeline/index.html", "timeline/page/2/index.html"])
        IncrementalTests().expectCleanBuildOutput(fs)
    }

    @Test func aLargeSitesSitemapIsAnIndexOfFilesOfAtMostTwoThousandPages() {
        var config = SiteConfig()
        config.baseURL = "https://example.org/"
        let pages = (0..<4500).map { PageSpec(kind: .note, document: "notes/n\($0)", output: "notes/n\($0)/index.html", urlPath: "notes/n\($0)/") }
        let index = SiteFeeds.sitemap(config: config, pages: pages)
        #expect(index.contains("<sitemapindex") && !index.contains("<url>"))
        #expect(index.components(separatedBy: "<sitemap>").count - 1 == 3)
        #expect(index.contains("<loc>https://example.org/sitemap-3.xml</loc>"))
        let parts = (1...3).map { SiteFeeds.sitemap(config: config, pages: pages, part: $0) }
        #expect(parts.map { $0.components(separatedBy: "<url>").count - 1 } == [2000, 2000, 500])
        #expect(parts[2].contains("notes/n4499/") && !parts[2].contains("notes/n3999/"))
        let outputs = BuildEngine.fixedJobs(assetPaths: [], pageCount: pages.count).map(\.output)
        #expect(outputs.contains("sitemap-3.xml") && !outputs.contains("sitemap-4.xml"))
        // A site of up to 2,000 pages keeps one sitemap.
        #expect(!BuildEngine.fixedJobs(assetPaths: [], pageCount: 2000).map(\.output).contains("sitemap-1.xml"))
        #expect(SiteFeeds.sitemap(config: config, pages: Array(pages.prefix(10))).contains("<urlset"))
    }

    @Test func feedsOfLongSourcesStopBeforeTheyGrowLarge() {
        let long = String(repeating: "Ada Corp wrote a long paragraph about export controls and suppliers. ", count: 140)
        var extra: [String: String] = [:]
        for i in 0..<30 {
            extra["site/content/articles/long\(i).md"] = "---\ntitle: Long \(i)\npublished: 2026-03-\(10 + i % 18)\n---\n\(long)\n"
        }
        let fs = Self.site(paginate: "50", extra: extra)
        Self.build(fs)
        for feed in ["articles/feed.xml", "articles/feed.json"] {
            let text = Fixture.text(fs, "out/" + feed)
            let items = text.components(separatedBy: feed.hasSuffix("xml") ? "<entry>" : "\"content_html\"").count - 1
            #expect(items >= 1 && items < 30, "\(feed): \(items) items")
            #expect(text.utf8.count < 200_000, "\(feed): \(text.utf8.count) bytes")
        }
    }

    // MARK: - Configuration, templates, languages

    @Test func aBadPageSizeIsAnErrorAtItsLine() {
        let fs = Self.site(paginate: "0")
        let result = Fixture.build(fs)
        #expect(!result.succeeded)
        #expect(result.diagnostics.map(\.description).contains {
            $0.hasPrefix("briefgen.yml:3:11: error: `paginate` must be a positive number of items per page")
        }, "\(result.diagnostics)")
    }

    @Test func anUnknownListUnderPaginateIsAWarningWithASuggestion() {
        let fs = Self.site(events: 1, paginate: "{timelin: 5}")
        let result = Self.build(fs)
        #expect(result.diagnostics.map(\.description).contains {
            $0.contains("warning: unknown list `timelin` under `paginate`; it is ignored (did you mean `timeline`?)")
        }, "\(result.diagnostics)")
    }

    @Test func anOverrideWithoutNavigationIsWarnedAbout() {
        let plain = "{{<layout}}{{$main}}{{#years}}{{year}}{{/years}}{{/main}}{{/layout}}\n"
        let fs = Self.site(events: 4, extra: ["site/templates/timeline.mustache": plain])
        let warned = Self.build(fs)
        #expect(warned.diagnostics.map(\.description).contains {
            $0.hasPrefix("templates/timeline.mustache:1:1: warning: template `timeline` shows no page navigation")
        }, "\(warned.diagnostics)")
        fs.write(plain.replacingOccurrences(of: "{{/years}}", with: "{{/years}}{{>pager}}"), to: "site/templates/timeline.mustache")
        let fine = Self.build(fs)
        #expect(!fine.diagnostics.contains { $0.message.contains("page navigation") })
        #expect(Fixture.text(fs, "out/timeline/index.html").contains("class=\"pager\""))
    }

    @Test func navigationSpeaksTheSitesLanguage() {
        let fs = Self.site(events: 7, paginate: "3")
        fs.write("title: Paged\nbaseURL: https://example.org/\nlanguage: fr\npaginate: 3\n", to: "site/briefgen.yml")
        Self.build(fs)
        let second = Fixture.text(fs, "out/timeline/page/2/index.html")
        #expect(second.contains("<nav class=\"pager\" aria-label=\"Pages de cette liste\">"))
        #expect(second.contains("page 2 sur 3"))
        #expect(second.contains("← Page précédente") && second.contains("Page suivante →"))
        #expect(second.contains("<title>Chronologie, page 2 sur 3 · Paged</title>"), "\(second.prefix(600))")
    }
}
