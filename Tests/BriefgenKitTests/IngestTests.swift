import Foundation
import Testing
@testable import BriefgenKit

@Suite struct ClutterRuleTests {
    @Test func placeholders() {
        #expect(Clutter.isPlaceholder("Loading latest headlines…"))
        #expect(Clutter.isPlaceholder("Loading article..."))
        #expect(Clutter.isPlaceholder("Please wait"))
        #expect(!Clutter.isPlaceholder("Loading of the ships continued through the night despite the strike at the port."))
    }

    @Test func navigationLines() {
        #expect(Clutter.isNavigation("Facebook"))
        #expect(Clutter.isNavigation("Home | News | Tech | Share"))
        #expect(Clutter.isNavigation("Share on X · LinkedIn · Email"))
        #expect(!Clutter.isNavigation("Facebook owner Meta fined by regulator"))
    }

    @Test func shoutedLabels() {
        #expect(Clutter.isShoutedLabel("BREAKING"))
        #expect(Clutter.isShoutedLabel("LIVE UPDATES"))
        #expect(!Clutter.isShoutedLabel("NCSC warns of attacks on UK councils"))
    }

    @Test func footersAndPromotion() {
        #expect(Clutter.isFooterStart("Related Articles"))
        #expect(Clutter.isFooterStart("You may also like"))
        #expect(Clutter.isPromotion("Join thousands of readers getting the best news straight to their inbox."))
        #expect(Clutter.isPromotion("Subscribe to our newsletter"))
        #expect(!Clutter.isPromotion("The minister said the subscription model for AI access was unfair to small firms across the country and should be reviewed."))
    }

    @Test func mastheadFragmentsBeforeHeadlineAreDropped() {
        let text = "Britain's Daily Portal\nAll Day Long\n\nRegulator Opens Inquiry Into Cloud Outage at Major Bank\nThe regulator said on Monday it would look into the outage.\n"
        let article = TextIngest.ingest(text)
        #expect(article.title == "Regulator Opens Inquiry Into Cloud Outage at Major Bank")
        #expect(article.dropped == ["Britain's Daily Portal", "All Day Long"])
        #expect(article.blocks == [.paragraph("The regulator said on Monday it would look into the outage.")])
    }

    @Test func footerBlockIsDroppedButLongTextAfterItIsKept() {
        let footer = TextIngest.ingest("A headline that is long enough here\nBody text.\nRelated Articles\nAnother story\nSign up now")
        #expect(footer.blocks == [.paragraph("Body text.")])
        let long = String(repeating: "word ", count: 60)
        let kept = TextIngest.ingest("A headline that is long enough here\nBody.\nRead more about it\n\(long)")
        #expect(kept.blocks.count == 3)
    }
}

@Suite struct StructureTests {
    @Test func subheadingsListsAndLabels() {
        let text = """
        Minister Sets Out Plan For Sovereign Compute
        The plan was published today.
        What Happened?
        Officials met on Tuesday and agreed three things.
        • First, a fund.
        - Second, a review.
        1. Step one.
        2) Step two.
        Next Steps
        They will report back in June.
        Key point: Key point: Expect new rules.
        Why it matters: Costs may rise.
        Note: this is not a heading.
        """
        let article = TextIngest.ingest(text)
        #expect(article.title == "Minister Sets Out Plan For Sovereign Compute")
        #expect(article.blocks == [
            .paragraph("The plan was published today."),
            .heading("What Happened?"),
            .paragraph("Officials met on Tuesday and agreed three things."),
            .bullet("First, a fund."), .bullet("Second, a review."),
            .numbered(1, "Step one."), .numbered(2, "Step two."),
            .heading("Next Steps"),
            .paragraph("They will report back in June."),
            .heading("Key point"), .paragraph("Expect new rules."),
            .heading("Why it matters"), .paragraph("Costs may rise."),
            .paragraph("Note: this is not a heading."),
        ])
    }

    @Test func longOpeningParagraphIsNotAHeadline() {
        let first = "The United Kingdom has asked for access to the models. Officials say talks continue and a decision is expected within weeks, according to people familiar with the matter."
        let article = TextIngest.ingest(first + "\nSecond paragraph.")
        #expect(article.title == nil)
        #expect(article.blocks.first == .paragraph(first))
        #expect(RawArticle.fallbackTitle(article) == "The United Kingdom has asked for access to the models")
    }

    @Test func paragraphsKeepTheirTextExactlyThroughMarkdown() {
        let tricky = "Prices rose 12% (*not* 15%) — see [[x]], `code`, <b>html</b> & 1. items; 3 > 2_a_b #tag ~~s~~ 'q' \"d\" \\ end."
        let article = IngestedArticle(title: nil, blocks: [.paragraph(tricky), .paragraph("2. Not a list")], dropped: [])
        let renderer = MarkdownRenderer(links: LinkTable(documents: []))
        let out = renderer.render(.init(body: article.markdown, path: "a.txt", untrusted: true))
        #expect(out.diagnostics.isEmpty)
        // cmark escapes the same characters as we do, except that it leaves ' alone.
        #expect(out.html.contains(Text.escapeHTML(tricky).replacingOccurrences(of: "&#39;", with: "'")))
        #expect(out.html.contains("2. Not a list"))
        #expect(!out.html.contains("<ol"))
    }
}

@Suite struct HTMLExtractTests {
    let page = """
    <!doctype html><html><head><title>Regulator fines bank | Daily Example</title>
    <meta property="og:title" content="Regulator fines bank over AI outage">
    <script>var x = "<p>not text</p>";</script><style>p { color: red }</style></head>
    <body><header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
    <div class="ad-slot">Buy now</div>
    <main><article>
      <h1>Regulator fines bank over AI outage</h1>
      <p>The regulator fined the bank &pound;2m on Monday.</p>
      <div class="share-bar">Share on Facebook</div>
      <h2>What this means for your business</h2>
      <p>Firms should test <a href="/x">fallbacks</a> for AI&nbsp;services.</p>
      <ul><li>Map suppliers</li><li>Test exits</li></ul>
      <p>Loading…</p>
      <aside>Related: other story</aside>
    </article></main>
    <footer>© Daily Example. Subscribe to our newsletter.</footer>
    <script>track()</script></body></html>
    """

    @Test func extractsTitleAndMainTextWithoutChrome() {
        let article = HTMLExtract.extract(page)
        #expect(article.title == "Regulator fines bank over AI outage")
        #expect(article.blocks == [
            .paragraph("The regulator fined the bank £2m on Monday."),
            .heading("What this means for your business"),
            .paragraph("Firms should test fallbacks for AI services."),
            .bullet("Map suppliers"), .bullet("Test exits"),
        ])
        let all = article.blocks.map(\.text).joined()
        for clutter in ["Home", "Buy now", "Share", "track", "not text", "Related", "Subscribe", "color"] {
            #expect(!all.contains(clutter), "kept \(clutter)")
        }
    }

    @Test func densestBlockWhenThereIsNoArticleElement() {
        let html = "<body><div id=menu><p>Home</p></div><div class=content><p>First real paragraph of the story here.</p><p>Second real paragraph with more words in it.</p></div><div><p>x</p></div></body>"
        let article = HTMLExtract.extract(html)
        #expect(article.blocks.map(\.text) == ["First real paragraph of the story here.", "Second real paragraph with more words in it."])
    }

    @Test func titleFallsBackToTitleElementLongestPart() {
        #expect(HTMLExtract.extract("<title>Site | A much longer headline here</title><p>x</p>").title == "A much longer headline here")
    }

    @Test func htmlArticleBecomesADocumentWithSidecarMetadata() {
        let (document, diagnostics) = RawArticle.parse(path: "content/articles/fine.html", text: page, ext: "html",
                                                       sidecar: "outlet: Daily Example\npublished: 2026-06-29\nauthour: x\n",
                                                       sidecarPath: "content/articles/fine.yml")
        #expect(document?.title == "Regulator fines bank over AI outage")
        #expect(document?.fields.outlet == "Daily Example")
        #expect(document?.fields.published?.iso == "2026-06-29")
        #expect(diagnostics.map(\.description) == [
            "content/articles/fine.yml:3:1: warning: unknown key `authour` for article sidecars; it is ignored (did you mean `author`?)",
        ])
    }
}

@Suite struct ImportTests {
    @Test func planPicksAFreeSlugAndListsWhatItFound() {
        let links = LinkTable(documents: [Document.stub(.actor, "anthropic", title: "Anthropic")])
        let text = "Anthropic Wins Appeal Against Regulator\nOn 26 June 2026 Anthropic met Jane Example and Acme Widgets in London.\nLoading…"
        let plan = Importer.plan(fileName: "raw.txt", text: text, taken: ["anthropic-wins-appeal-against-regulator"], links: links)
        #expect(plan.slug == "anthropic-wins-appeal-against-regulator-2")
        #expect(plan.articlePath == "content/articles/anthropic-wins-appeal-against-regulator-2.txt")
        #expect(plan.sidecar.contains("title: \"Anthropic Wins Appeal Against Regulator\""))
        #expect(plan.sidecar.contains("26 June 2026"))
        #expect(plan.sidecar.contains("actors: [anthropic]"))
        #expect(plan.sidecar.contains("#   - Jane Example"))
        #expect(plan.sidecar.contains("#   - Acme Widgets"))
        #expect(plan.sidecar.contains("#   - Loading…"))
        // The sidecar is valid YAML with only known keys.
        let (_, diagnostics) = RawArticle.parse(path: plan.articlePath, text: text, ext: "txt", sidecar: plan.sidecar,
                                                sidecarPath: plan.sidecarPath)
        #expect(diagnostics.isEmpty)
    }

    @Test func dateFinderFindsWrittenDates() {
        #expect(DateFinder.candidates(in: "In early June the order came; the letter is dated June 26, and 2026-06-30 too.")
            == ["early June", "June 26", "2026-06-30"])
    }
}

@Suite struct SidecarTests {
    @Test func sidecarsAreReadWithTheirArticleAndLoneOnesWarn() {
        let fs = Fixture.fileSystem([
            "site/content/articles/raw.txt": "Regulator Opens Inquiry Into Cloud Outage\nThe regulator said it would look into it.\n",
            "site/content/articles/raw.yml": "outlet: Daily Example\npublished: 2026-06-30\n",
            "site/content/articles/orphan.yml": "outlet: Nobody\n",
        ])
        let result = Fixture.build(fs)
        #expect(result.succeeded)
        let page = Fixture.text(fs, "out/articles/raw/index.html")
        #expect(page.contains("<dd>Daily Example</dd>") && page.contains("30 June 2026"))
        #expect(result.diagnostics.map(\.description) == [
            "content/articles/orphan.yml:1:1: warning: sidecar has no .txt or .html article beside it; it is ignored (name it like its article: NAME.txt and NAME.yml)",
        ])
        // Editing only the sidecar re-parses its article.
        fs.write("outlet: Weekly Example\n", to: "site/content/articles/raw.yml")
        let second = Fixture.build(fs)
        #expect(second.parsed == ["content/articles/raw.txt"])
        #expect(Fixture.text(fs, "out/articles/raw/index.html").contains("<dd>Weekly Example</dd>"))
    }
}

@Suite struct IngestMetadataTests {
    static let page = """
    <html><head><title>Ignored | Site</title>
    <meta property="og:title" content="Export curbs hit UK labs">
    <meta property="og:site_name" content="Example Times">
    <meta name="author" content="Jane Writer">
    <meta property="article:published_time" content="2026-06-27T08:30:00Z">
    <link rel="canonical" href="https://times.example/curbs">
    </head><body><article><h1>Export curbs hit UK labs</h1>
    <p>By Jane Writer</p>
    <p>UK laboratories lost access to two models on Friday.</p>
    <p>Officials gave no reason.</p>
    </article></body></html>
    """

    @Test func htmlPagesGiveOutletAuthorDateAndAddressAndTheBylineIsNotParagraphOne() {
        let article = HTMLExtract.extract(Self.page)
        #expect(article.outlet == "Example Times")
        #expect(article.author == "Jane Writer")
        #expect(article.published == PartialDate(year: 2026, month: 6, day: 27))
        #expect(article.url == "https://times.example/curbs")
        #expect(article.blocks.first == .paragraph("UK laboratories lost access to two models on Friday."))
        let (document, _) = RawArticle.parse(path: "content/articles/curbs.html", text: Self.page, ext: "html",
                                             sidecar: "outlet: The Example Times\n", sidecarPath: "content/articles/curbs.yml")
        #expect(document?.fields.outlet == "The Example Times")  // the sidecar wins
        #expect(document?.fields.author == "Jane Writer")
        let plan = Importer.plan(fileName: "curbs.html", text: Self.page, taken: [], links: LinkTable(documents: []))
        #expect(plan.sidecar.contains("outlet: \"Example Times\""))
        #expect(plan.sidecar.contains("published: 2026-06-27"))
        #expect(plan.sidecar.contains("url: \"https://times.example/curbs\""))
    }

    @Test func aTextBylineBecomesTheAuthor() {
        let article = TextIngest.ingest("Export curbs hit UK labs\nBy Jane Writer and Sam Lee\nUK laboratories lost access on Friday.\n")
        #expect(article.author == "Jane Writer and Sam Lee")
        #expect(article.blocks == [.paragraph("UK laboratories lost access on Friday.")])
        // A sentence that starts with "By" is text.
        #expect(TextIngest.ingest("Headline of the piece\nBy lifting the ban, the US changed course.\n").blocks.count == 1)
    }

    @Test func emptyFilesAndFilesAlreadyImportedAreRefused() {
        let data = Data("Headline\nBody.\n".utf8)
        #expect(Importer.refusal(fileName: "a.txt", data: Data(" \n".utf8), existing: []) == "a.txt is empty; nothing imported")
        #expect(Importer.refusal(fileName: "a.txt", data: data, existing: [("content/articles/headline.txt", data)])
            == "a.txt is already imported as content/articles/headline.txt; nothing imported")
        #expect(Importer.refusal(fileName: "a.txt", data: data, existing: []) == nil)
    }
}

@Suite struct ShortArticleTests {
    @Test func aTwoLineArticleKeepsItsHeadlineAndBody() {
        let article = TextIngest.ingest("Export curbs eased\nThe US restored access for some users on Friday.\n")
        #expect(article.title == "Export curbs eased")
        #expect(article.blocks == [.paragraph("The US restored access for some users on Friday.")])
    }
}

@Suite struct NameFinderTests {
    @Test func oneWordNamesFullNamesAndNoRolesOrHeadings() {
        let text = """
        Shares in Anthropic fell. The deal with Anthropic and OpenAI was reported, and OpenAI said nothing.
        Then Chinese firms and more Chinese labs followed.
        Bill Connor, CEO of Jitterbit, spoke. The Department for Science, Innovation and Technology replied.
        """
        let names = NameFinder.names(in: text)
        #expect(names.contains("Anthropic") && names.contains("OpenAI"))
        #expect(names.contains("Department for Science, Innovation and Technology") || names.contains("Department for Science Innovation and Technology"))
        #expect(!names.contains("Department for Science"))
        #expect(!names.contains("CEO of Jitterbit"))
        #expect(names.contains("Bill Connor"))
        #expect(!names.contains("Chinese"))
        let plan = Importer.plan(fileName: "a.txt", text: "Headline words for the test\nCyber Security Industry Pushback\nAnthropic and OpenAI met. Later Anthropic and OpenAI spoke.\n",
                                 taken: [], links: LinkTable(documents: []))
        #expect(!plan.sidecar.contains("Cyber Security Industry Pushback"))
    }
}

@Suite struct FallbackTitleTests {
    @Test func aTitleFromTheFirstSentenceEndsAtAClauseNotMidPhrase() {
        let long = TextIngest.ingest("""
        The government has suddenly ended its curbs on exporting powerful computer models made by one small firm, a step that surprised many observers in London and beyond this week. More text follows here.
        A second paragraph.
        """)
        #expect(RawArticle.fallbackTitle(long)
            == "The government has suddenly ended its curbs on exporting powerful computer models made by one small firm")
    }
}

@Suite struct HTMLParsingTests {
    /// Pages are read as browsers read them (WHATWG parsing through gumbo): every named entity,
    /// entities without their semicolon, misnested and unclosed tags.
    @Test func pagesAreReadAsBrowsersReadThem() {
        let page = """
        <html><body><article><h1>Caf&eacute; news</h1>
        <p>Prices rose by &frac12; a point &hearts; said Tom &amp Jerry
        <p>Second <b>bold <i>both</b> italic</i> end
        <script>var s = "</article><p>Injected</p>";</script>
        <div>Third</article> tail
        """
        let article = HTMLExtract.extract(page)
        #expect(article.title == "Café news")
        #expect(article.blocks.map(\.text).contains("Prices rose by ½ a point ♥ said Tom & Jerry"))
        #expect(article.blocks.map(\.text).contains("Second bold both italic end"))
        #expect(!article.blocks.map(\.text).joined().contains("Injected"))
    }

    /// gumbo keeps no global state: pages parsed on all cores at once come out as parsed one by one.
    @Test func parallelParsingMatchesSerial() {
        let pages = (0..<400).map { i in
            "<html><head><meta property=\"og:site_name\" content=\"Site \(i)\"></head><body><article><h1>Title \(i)</h1>"
                + (0..<20).map { "<p>Paragraph \($0) of page \(i) &amp; more <b>bold<i>x</b>y</i></p>" }.joined() + "</article></body></html>"
        }
        let serial = pages.map(HTMLExtract.extract)
        let parallel = pages.parallelMap(HTMLExtract.extract)
        #expect(parallel == serial)
    }
}
