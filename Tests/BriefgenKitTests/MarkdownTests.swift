import Foundation
import Testing
@testable import BriefgenKit

@Suite struct MarkdownTests {
    let renderer = MarkdownRenderer(links: LinkTable(documents: []))

    func html(_ body: String, untrusted: Bool = true, allowHTML: Bool = false) -> String {
        renderer.render(.init(body: body, path: "content/articles/a.md", allowHTML: allowHTML, untrusted: untrusted)).html
    }

    /// The counts kept with a body follow its mentions: set whole, or changed in place (as
    /// the build graph's reader appends them), never stale.
    @Test func mentionCountsFollowTheMentions() {
        func counts(_ body: RenderedBody) -> [String] { body.mentionCounts.map { "\($0.actor)×\($0.count)" } }
        var body = RenderedBody()
        body.mentions = [Mention(actor: "actors/b", text: "B", paragraph: 1, snippet: "B."),
                         Mention(actor: "actors/a", text: "A", paragraph: 1, snippet: "A."),
                         Mention(actor: "actors/b", text: "B", paragraph: 2, snippet: "B again.")]
        #expect(counts(body) == ["actors/a×1", "actors/b×2"])
        let before = body
        body.mentions.append(Mention(actor: "actors/a", text: "A", paragraph: 3, snippet: "A again."))
        #expect(counts(body) == ["actors/a×2", "actors/b×2"])
        #expect(counts(before) == ["actors/a×1", "actors/b×2"])
        body.mentions = []
        #expect(counts(body).isEmpty)
    }

    @Test func gfmExtensionsAreOn() {
        let out = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ www.example.org\n\n- [x] done\n")
        #expect(out.contains("<table>"))
        #expect(out.contains("<del>gone</del>"))
        #expect(out.contains("href=\"http://www.example.org\""))
        #expect(out.contains("type=\"checkbox\""))
    }

    /// cmark parses without validating UTF-8 (a `String` is valid): a NUL still becomes U+FFFD,
    /// and text of every script comes through as written.
    @Test func nulBytesAreReplacedAndOtherTextKept() {
        let nul = html("a\u{0}b\n\n\u{0}")
        #expect(nul.contains("</a>\na\u{FFFD}b\n</p>") && nul.contains("¶2</a>\n\u{FFFD}\n</p>") && !nul.utf8.contains(0))
        #expect(html("Zoë 東京 🇪🇺 \u{FFFD}", untrusted: false).contains(">\nZoë 東京 🇪🇺 \u{FFFD}\n</p>"))
    }

    @Test func tagfilterAndSafeModeDropRawHTMLInArticles() {
        let out = html("Hi <script>alert(1)</script> <b>x</b>\n\n<iframe src=x></iframe>\n")
        #expect(!out.contains("<script"))
        #expect(!out.contains("<b>"))
        #expect(!out.contains("<iframe"))
    }

    @Test func notesMayOptIntoRawHTMLButTagfilterStillApplies() {
        let out = html("<b>bold</b> <script>x</script>\n", untrusted: false, allowHTML: true)
        #expect(out.contains("<b>bold</b>"))
        #expect(!out.contains("<script>"))
    }

    @Test func dangerousURLsAreNeutralised() {
        let out = html("[a](javascript:alert(1)) [b](data:text/html,x) [c](JaVa\tScRiPt:x) ![i](data:image/png;base64,AA) [ok](https://x.org/a:b) [rel](/p:q)")
        #expect(!out.lowercased().contains("javascript"))
        #expect(!out.contains("data:"))
        #expect(out.contains("href=\"https://x.org/a:b\" rel=\"nofollow noopener noreferrer\""))
        #expect(out.contains("href=\"/p:q\""))
    }

    @Test func headingsGetStableUniqueIDsAnchorsAndTOC() {
        let body = "## Why this matters\n\ntext\n\n## Why this matters\n\n### P1\n\nmore\n"
        let out = renderer.render(.init(body: body, path: "x.md"))
        #expect(out.html.contains("<h2 id=\"why-this-matters\">"))
        #expect(out.html.contains("<h2 id=\"why-this-matters-1\">"))
        #expect(out.html.contains("href=\"#why-this-matters\""))
        #expect(out.html.contains("<h3 id=\"p1-1\">"))  // never collides with paragraph ids
        #expect(out.toc.map(\.id) == ["why-this-matters", "why-this-matters-1", "p1-1"])
    }

    @Test func paragraphsAreNumberedAndExcerptIsFirstParagraph() {
        let out = renderer.render(.init(body: "First *para*.\n\nSecond.\n\n- item\n", path: "x.md"))
        #expect(out.html.contains("<p id=\"p1\">"))
        #expect(out.html.contains("<p id=\"p3\">"))
        #expect(out.excerpt == "First para.")
        #expect(out.paragraphCount == 3)
    }

    /// Headings of plain ASCII are compared as bytes, others trimmed and lower-cased as text:
    /// both ways agree on case, punctuation and white space at the ends.
    @Test func businessHeadingsMatchWhateverTheirCaseAndPunctuation() {
        for heading in ["What This Means For Your Business:", "WHY IT MATTERS", "The bottom line.", "  What to do",
                        "\u{201C}Why it matters\u{201D}", "(Implications for suppliers)", "Why it matters \u{2014} Zo\u{00EB}"] {
            #expect(BusinessSections.isBusinessHeading(heading), "\(heading)")
        }
        for heading in ["Whatever happened", "What to", "Implications", "Why", "A what to do list", "Caf\u{00E9} what to do", ""] {
            #expect(!BusinessSections.isBusinessHeading(heading), "\(heading)")
        }
    }

    @Test func businessSectionsAreFoundUnderMatchingHeadings() {
        let body = "Intro.\n\n## What does this mean for your business?\n\nCheck suppliers.\n\nPlan.\n\n## Other\n\nNo.\n"
        let out = renderer.render(.init(body: body, path: "x.md"))
        #expect(out.businessSections.count == 1)
        #expect(out.businessSections[0].paragraphs == [2, 3])
        #expect(out.businessSections[0].text == "Check suppliers.\n\nPlan.")
    }

    @Test func codeIsLeftAlone() {
        let links = LinkTable(documents: [Document.stub(.actor, "anthropic", title: "Anthropic")])
        let r = MarkdownRenderer(links: links)
        let out = r.render(.init(body: "`[[nope]]` and `Anthropic`\n\n```\n[[nope]]\n```\n", path: "x.md", detectMentions: true))
        #expect(out.diagnostics.isEmpty)
        #expect(out.mentions.isEmpty)
    }
}

extension Document {
    static func stub(_ kind: DocumentKind, _ slug: String, title: String, aliases: [String] = []) -> Document {
        var fields = Fields()
        fields.aliases = aliases
        return Document(kind: kind, slug: slug, path: "content/\(kind.folder)/\(slug).md", title: title, summary: nil,
                        draft: false, body: "", bodyLine: 1, fields: fields, keyLocations: [:])
    }
}

@Suite struct MarkdownParallelTests {
    /// cmark-gfm is not thread-safe while parsing: parallel output must equal serial output.
    @Test func parallelRenderingMatchesSerial() {
        let links = LinkTable(documents: [Document.stub(.actor, "anthropic", title: "Anthropic", aliases: ["Claude maker"])])
        let renderer = MarkdownRenderer(links: links)
        let inputs: [MarkdownRenderer.Input] = (0..<3000).map { i in
            .init(body: """
            # Doc \(i)

            ~~struck \(i)~~ and www.example\(i % 7).org and **bold** [[anthropic]] Anthropic.

            | a | b |
            |---|---|
            | \(i) | ~~x~~ |

            - [ ] task https://example.org/\(i)
            """, path: "d\(i).md", detectMentions: true)
        }
        let serial = inputs.map { renderer.render($0).html }
        let parallel = inputs.parallelMap { renderer.render($0).html }
        #expect(serial == parallel)
        #expect(serial[5].contains("<del>struck 5</del>"))
        #expect(serial[5].contains("href=\"http://www.example5.org\""))
    }
}
