import Foundation
import Testing
@testable import BriefgenKit

@Suite struct EndToEndTests {
    /// Every `href`/`src` under the base path, as (page, target path, fragment).
    static func internalLinks(_ outputs: [String: Data], base: String) -> [(String, String, String?)] {
        var result: [(String, String, String?)] = []
        let pattern = try! NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        for (path, data) in outputs where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let url = String(html[Range(match.range(at: 1), in: html)!])
                if url.hasPrefix("#") {
                    result.append((path, path, String(url.dropFirst())))
                    continue
                }
                guard url.hasPrefix(base) else { continue }
                var rest = String(url.dropFirst(base.count))
                var fragment: String?
                if let hash = rest.firstIndex(of: "#") {
                    fragment = String(rest[rest.index(after: hash)...])
                    rest = String(rest[..<hash])
                }
                let file = rest.isEmpty || rest.hasSuffix("/") ? rest + "index.html" : rest
                result.append((path, file, fragment))
            }
        }
        return result
    }

    static func assertAllLinksResolve(_ outputs: [String: Data], base: String) {
        let links = internalLinks(outputs, base: base)
        #expect(links.count > 50)
        for (page, file, fragment) in links {
            guard let target = outputs[file] else {
                Issue.record("\(page) links to missing \(file)")
                continue
            }
            if let fragment, !fragment.isEmpty {
                let html = String(decoding: target, as: UTF8.self)
                #expect(html.contains("id=\"\(fragment)\""), "\(page) links to missing #\(fragment) in \(file)")
            }
        }
    }

    @Test func fixtureSiteBuildsAndEveryInternalLinkResolves() {
        let fs = Fixture.fileSystem()
        let result = Fixture.build(fs)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        for path in ["index.html", "timeline/index.html", "actors/index.html", "actors/anthropic/index.html",
                     "articles/index.html", "articles/ban-story/index.html", "events/ban-imposed/index.html",
                     "business/index.html", "business/finance/index.html", "notes/index.html",
                     "notes/overview/index.html", "disputes/index.html", "404.html", "sitemap.xml", "robots.txt",
                     "feed.xml", "assets/style.css"] {
            #expect(result.outputs[path] != nil, "missing \(path)")
            #expect(fs.read("out/" + path) != nil)
        }
        Self.assertAllLinksResolve(result.outputs, base: "/")
    }

    @Test func subpathHostingPrefixesEveryLink() {
        let fs = Fixture.fileSystem()
        let result = Fixture.build(fs, baseURL: "https://example.org/brief/")
        #expect(result.succeeded)
        Self.assertAllLinksResolve(result.outputs, base: "/brief/")
        let home = Fixture.text(fs, "out/index.html")
        #expect(home.contains("href=\"/brief/assets/style.css\""))
        #expect(!home.contains("href=\"/actors/"))
        #expect(Fixture.text(fs, "out/sitemap.xml").contains("<loc>https://example.org/brief/actors/anthropic/</loc>"))
        #expect(Fixture.text(fs, "out/robots.txt").contains("Sitemap: https://example.org/brief/sitemap.xml"))
    }

    @Test func actorPageShowsSummaryEventsMentionsCoMentionsAndBacklinks() {
        let fs = Fixture.fileSystem()
        _ = Fixture.build(fs)
        let page = Fixture.text(fs, "out/actors/anthropic/index.html")
        #expect(page.contains("An AI company."))
        #expect(page.contains("href=\"/events/ban-imposed/\">Export ban imposed</a>"))
        #expect(page.contains("href=\"/articles/ban-story/#p1\">“The Commerce Department told Anthropic to stop.”"))
        #expect(page.contains("Often mentioned alongside"))
        #expect(page.contains("<h3>Business</h3>"))  // finance links here
        #expect(page.contains("<h3>Notes</h3>"))     // overview mentions it
        // Events in date order: June 2026 (month) before 26 June 2026.
        let ban = page.range(of: "Export ban imposed")!.lowerBound, lift = page.range(of: "Partial lift")!.lowerBound
        #expect(ban < lift)
        // ICO is mentioned once (the acronym), not for "icon".
        let ico = Fixture.text(fs, "out/actors/ico/index.html")
        #expect(ico.contains("1 mention"))
    }

    @Test func actorPageListsEveryMentionPassage() {
        let body = (1...5).map { "Paragraph \($0) names Anthropic." }.joined(separator: "\n\n")
        let fs = Fixture.fileSystem(["site/content/articles/many.md": "---\ntitle: Many\n---\n\(body)\n"])
        _ = Fixture.build(fs)
        let page = Fixture.text(fs, "out/actors/anthropic/index.html")
        for n in 1...5 { #expect(page.contains("href=\"/articles/many/#p\(n)\">“Paragraph \(n) names Anthropic.”")) }
        #expect(page.contains("<summary class=\"muted\">2 more passages</summary>"))
        // Three passages shown, the other two folded away, in the order of the text.
        let folded = page.range(of: "<details>")!.lowerBound
        let places = (1...5).map { page.range(of: "Paragraph \($0) names")!.lowerBound }
        #expect(places == places.sorted())
        #expect(places[2] < folded && folded < places[3])
    }

    @Test func mentionListsShowEachPassageOnceAndArticlesNameTheirActorsWithCounts() {
        let fs = Fixture.fileSystem([
            // Anthropic twice in one sentence (one passage, two mentions), the ICO only in front matter.
            "site/content/articles/twice.md": "---\ntitle: Twice\nactors: [ico]\n---\nAnthropic met Anthropic's \"critics\".\n",
            "site/content/notes/aside.md": "---\ntitle: Aside\n---\nWe think Anthropic will appeal.\n",
        ])
        _ = Fixture.build(fs)
        let actor = Fixture.text(fs, "out/actors/anthropic/index.html")
        let passage = "Anthropic met Anthropic&#39;s ‘critics’."
        #expect(actor.components(separatedBy: passage).count == 2)  // once, its quotation marks nested
        #expect(actor.contains("href=\"/articles/twice/#p1\">“\(passage)”</a>"))
        #expect(actor.contains("2 mentions"))
        // A note's words are its own: not quoted.
        #expect(actor.contains("href=\"/notes/aside/#p1\">We think Anthropic will appeal.</a>"))
        // The article lists the actors it names, most named first, with counts; one only in
        // its front matter is listed without a count.
        let article = Fixture.text(fs, "out/articles/twice/index.html")
        let named = article.components(separatedBy: "id=\"named\"").last ?? ""
        #expect(named.contains("<a href=\"/actors/anthropic/\">Anthropic</a> <span class=\"muted\">(2)</span>"))
        #expect(named.contains("<a href=\"/actors/ico/\">"))
        #expect(!named.contains("(0)"))
        #expect(named.range(of: "/actors/anthropic/")!.lowerBound < named.range(of: "/actors/ico/")!.lowerBound)
    }

    @Test func timelineShowsRealPrecisionAndGroups() {
        let fs = Fixture.fileSystem()
        _ = Fixture.build(fs)
        let page = Fixture.text(fs, "out/timeline/index.html")
        #expect(page.contains("<h2 id=\"y2026\">2026</h2>"))
        #expect(page.contains("<h3 id=\"m2026-06\">June 2026</h3>"))
        #expect(page.contains(">June 2026</time>"))
        #expect(page.contains("month only"))
        #expect(page.contains(">26 June 2026</time>"))
        #expect(page.contains("badge-disputed"))
    }

    @Test func sourceDisputesBusinessAndHomePages() {
        let fs = Fixture.fileSystem()
        _ = Fixture.build(fs)
        let source = Fixture.text(fs, "out/articles/ban-story/index.html")
        #expect(source.contains("Example News"))
        #expect(source.contains("Events citing this source"))
        #expect(source.contains("rel=\"nofollow noopener noreferrer\""))
        #expect(Fixture.text(fs, "out/articles/lift-story/index.html").contains("Outlet unknown"))
        let disputes = Fixture.text(fs, "out/disputes/index.html")
        #expect(disputes.contains("When was the ban imposed?"))
        #expect(disputes.contains("November 2025"))
        #expect(disputes.contains("href=\"/articles/lift-story/\" title=\"Lift story\">Lift story</a>"))
        let business = Fixture.text(fs, "out/business/index.html")
        #expect(business.contains("What the sources say it means for you"))
        #expect(business.contains("Check which AI suppliers you depend on."))
        #expect(business.contains("href=\"/articles/ban-story/#p2\""))
        let finance = Fixture.text(fs, "out/business/finance/index.html")
        #expect(finance.contains("<li>Plan a fallback</li>"))
        let home = Fixture.text(fs, "out/index.html")
        #expect(home.contains("Latest events") && home.contains("Key actors") && home.contains("What it means for you"))
        let feed = Fixture.text(fs, "out/feed.xml")
        #expect(feed.contains("<updated>2026-06-26T00:00:00Z</updated>"))
        #expect(!Fixture.text(fs, "out/404.html").isEmpty)
    }

    @Test func unknownFrontMatterReferenceIsAnErrorAtTheKey() {
        let fs = Fixture.fileSystem(["site/content/events/x.md": "---\ntitle: X\ndate: 2026\nactors: [anthropc]\n---\n"])
        let result = Fixture.build(fs)
        let error = result.diagnostics.first { $0.location.file == "content/events/x.md" }
        #expect(error?.description == "content/events/x.md:4:1: error: unknown actor \"anthropc\" in `actors` (did you mean \"Anthropic\"?)")
    }

    @Test func draftsAreLeftOutUnlessAsked() {
        let fs = Fixture.fileSystem(["site/content/notes/wip.md": "---\ntitle: WIP\ndraft: true\n---\n"])
        #expect(Fixture.build(fs).outputs["notes/wip/index.html"] == nil)
        let drafts = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out", includeDrafts: true)).build()
        #expect(drafts.outputs["notes/wip/index.html"] != nil)
    }
}
