import Testing
@testable import BriefgenKit

@Suite struct CrossLinkTests {
    let links = LinkTable(documents: [
        Document.stub(.actor, "anthropic", title: "Anthropic", aliases: ["Anthropic PBC"]),
        Document.stub(.actor, "commerce", title: "US Commerce Department", aliases: ["Commerce Department"]),
        Document.stub(.event, "ban-imposed", title: "Ban imposed"),
        Document.stub(.article, "anthropic", title: "An article sharing a slug"),
    ])

    func target(_ raw: String) -> String? {
        if case .found(let target, _, _) = links.resolve(raw) { return target.id }
        return nil
    }

    /// A name with an accent resolves whether it is written composed ("é", one scalar) or with
    /// a combining accent ("e" and U+0301), as `String` equality takes them for the same text.
    @Test func accentedNamesResolveComposedOrNot() {
        let composed = "Soci\u{E9}t\u{E9} G\u{E9}n\u{E9}rale", decomposed = "Socie\u{301}te\u{301} Ge\u{301}ne\u{301}rale"
        let table = LinkTable(documents: [Document.stub(.actor, "societe-generale", title: composed)])
        for written in [composed, decomposed] {
            guard case .found(let target, _, _) = table.resolve(written) else {
                Issue.record("\(written.unicodeScalars.count) scalars: not resolved")
                continue
            }
            #expect(target.id == "actors/societe-generale")
        }
    }

    @Test func resolvesBySlugKindSlugNameAndAlias() {
        #expect(target("ban-imposed") == "events/ban-imposed")
        #expect(target("events/ban-imposed") == "events/ban-imposed")
        #expect(target("us commerce department") == "actors/commerce")
        #expect(target("COMMERCE DEPARTMENT") == "actors/commerce")
        #expect(target("articles/anthropic") == "articles/anthropic")
        #expect(target("anthropic") == "actors/anthropic")  // actors win a shared bare slug
    }

    @Test func keepsFragments() {
        guard case .found(_, let fragment, _) = links.resolve("articles/anthropic#p7") else {
            Issue.record("not found")
            return
        }
        #expect(fragment == "p7")
    }

    @Test func unknownTargetIsAnErrorAtLineAndColumnWithSuggestion() {
        let renderer = MarkdownRenderer(links: links)
        let out = renderer.render(.init(body: "Intro.\n\nSee the `x` and [[Anthropc]].", path: "content/notes/x.md", bodyLine: 10))
        #expect(out.diagnostics.map(\.description) == [
            "content/notes/x.md:12:17: error: unknown link target \"Anthropc\" (did you mean \"Anthropic\"?)",
        ])
    }

    @Test func rendersLinksWithLabelsAndFragments() {
        let renderer = MarkdownRenderer(links: links, basePath: "/brief/")
        let out = renderer.render(.init(body: "[[ban-imposed|the ban]] and [[articles/anthropic#p2]]", path: "x.md"))
        #expect(out.html.contains("href=\"/brief/events/ban-imposed/\">the ban</a>"))
        // A paragraph citation without a label reads "Short name ¶N", with the full title on hover.
        #expect(out.html.contains("href=\"/brief/articles/anthropic/#p2\" title=\"An article sharing a slug, paragraph 2\">An article sharing a…¶2</a>".replacingOccurrences(of: "…¶", with: "… ¶")))
        #expect(out.links.map(\.target) == ["events/ban-imposed", "articles/anthropic"])
    }

    @Test func anActorAlreadyCrossLinkedGetsNoMentionLinkButStillCounts() {
        let renderer = MarkdownRenderer(links: links)
        let out = renderer.render(.init(body: "See [[anthropic]].\n\nLater, Anthropic replied.", path: "x.md", detectMentions: true))
        #expect(!out.html.contains("class=\"mention\""))
        #expect(out.mentions.map(\.actor) == ["actors/anthropic"])
    }

    @Test func mentionsAreRecordedWithParagraphAndSentenceAndLinkedOnce() {
        let renderer = MarkdownRenderer(links: links)
        let body = "Intro.\n\nThe Commerce Department acted. Then Anthropic objected, and Anthropic PBC sued."
        let out = renderer.render(.init(body: body, path: "x.md", detectMentions: true))
        #expect(out.mentions.map(\.actor) == ["actors/commerce", "actors/anthropic", "actors/anthropic"])
        #expect(out.mentions[1].paragraph == 2)
        #expect(out.mentions[1].snippet == "Then Anthropic objected, and Anthropic PBC sued.")
        #expect(out.mentions[2].text == "Anthropic PBC")  // the longer alias wins
        #expect(out.html.components(separatedBy: "class=\"mention\"").count == 3)  // first per actor only
    }
}
