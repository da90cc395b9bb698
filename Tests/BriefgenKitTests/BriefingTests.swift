import Foundation
import Testing
@testable import BriefgenKit

/// Issue 13: what a reader sees is what the sources and the notes say, in readable form.
@Suite struct BriefingTests {
    let links = LinkTable(documents: [
        Document.stub(.actor, "anthropic", title: "Anthropic"),
        Document.stub(.actor, "commerce", title: "US Commerce Department", aliases: ["Commerce Department"]),
        Document.stub(.article, "letter", title: "Experts urge a reversal"),
    ])

    @Test func excerptsAndSnippetsShowLinkLabelsNeverMarkup() {
        let renderer = MarkdownRenderer(links: links)
        let body = "The [[US Commerce Department]] acted ([[articles/letter#p2]]). [[anthropic|The company]] said Anthropic would comply."
        let out = renderer.render(.init(body: body, path: "content/notes/x.md", detectMentions: true))
        #expect(out.excerpt == "The US Commerce Department acted (Experts urge a reversal ¶2). The company said Anthropic would comply.")
        #expect(out.mentions.map(\.snippet) == ["The company said Anthropic would comply."])
    }

    @Test func siteSummariesFeedsAndMetaDescriptionsShowLabels() {
        let fs = Fixture.fileSystem()
        let result = Fixture.build(fs)
        #expect(!result.diagnostics.hasErrors)
        for path in ["out/index.html", "out/timeline/index.html", "out/feed.xml", "out/events/ban-imposed/index.html",
                     "out/actors/commerce/index.html"] {
            let text = Fixture.text(fs, path)
            #expect(!text.contains("[[US Commerce"), "\(path) shows link markup")
        }
        #expect(Fixture.text(fs, "out/events/ban-imposed/index.html")
            .contains("<meta name=\"description\" content=\"The US Commerce Department restricted exports (Ban story ¶1).\">"))
    }

    @Test func noFileOfTheSiteShowsLinkMarkup() {
        // Events and notes without `summary:` whose first paragraph links, in every output:
        // pages, the Atom and JSON feeds of events, sources and notes, the sitemap.
        let fs = Fixture.fileSystem([
            "site/content/notes/overview.md": "---\ntitle: Overview\n---\n[[Anthropic]] and the [[Commerce Department|department]] disagree about [[Claude Mythos 5]].\n",
            "site/content/articles/lift-story.md": "---\ntitle: Lift story\npublished: 2026-06-27\n---\nAnthropic's [[Mythos]] returned for some users.\n",
        ])
        let result = Fixture.build(fs)
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(result.outputs.count > 20)
        // The search index's JSON nests arrays (`[["actors",…`): there a link would show as `[[` and a letter.
        let markup = /\[\[[A-Za-z]/
        for (path, data) in result.outputs {
            #expect(!String(decoding: data, as: UTF8.self).contains(markup), "\(path) shows link markup")
        }
        #expect(Fixture.text(fs, "out/notes/feed.json").contains("Anthropic and the department disagree about Claude Mythos 5."))
    }

    @Test func sentencesDoNotEndAtAbbreviations() {
        let text = "It began after the U.S. Commerce Department acted, e.g. by letter to Mr. Amodei. Then it ended."
        let offset = text.unicodeScalars.count - "Amodei. Then it ended.".unicodeScalars.count
        #expect(Snippet.sentence(in: text, around: offset)
            == "It began after the U.S. Commerce Department acted, e.g. by letter to Mr. Amodei.")
        #expect(Snippet.sentence(in: text, around: text.unicodeScalars.count - 3) == "Then it ended.")
        #expect(Snippet.sentence(in: "“It ended.” Then Anthropic spoke.", around: 20) == "Then Anthropic spoke.")
    }

    static func event(_ slug: String, _ title: String, _ date: String, extra: String = "") -> (String, String?) {
        ("site/content/events/\(slug).md", "---\ntitle: \(title)\ndate: \(date)\n\(extra)---\nText.\n")
    }

    static func timelineOrder(_ fs: MemoryFileSystem) -> [String] {
        let html = Fixture.text(fs, "out/timeline/index.html")
        return html.components(separatedBy: "<li class=\"event").dropFirst().compactMap { item in
            item.range(of: "id=\"").map { range in String(item[range.upperBound...].prefix { $0 != "\"" }) }
        }
    }

    @Test func timelineFollowsAfterThenPrecisionThenTitle() {
        let fs = Fixture.fileSystem(Dictionary(uniqueKeysWithValues: [
            Self.event("april", "April event", "2026-04-20"),
            Self.event("sometime", "A year-only event", "2026"),
            Self.event("in-june", "A month-only event", "2026-06"),
            Self.event("cause", "Zed cause", "2026-06-10"),
            Self.event("effect", "Alpha effect", "2026-06-10", extra: "after: [[cause]]\n"),
            Self.event("later", "Later effect", "2026-06-12", extra: "after: [effect]\n"),
        ]))
        let result = Fixture.build(fs)
        #expect(!result.diagnostics.hasErrors)
        let order = Self.timelineOrder(fs)
        // "Alpha effect" follows "Zed cause" because it says so, although its title sorts first.
        #expect(order == ["april", "cause", "effect", "later", "partial-lift", "in-june", "ban-imposed", "sometime"])
        // Month-only events after the days of the month, by title; partial-lift (26 June) is a day.
        #expect(order.firstIndex(of: "partial-lift")! < order.firstIndex(of: "in-june")!)
        #expect(order.firstIndex(of: "partial-lift")! < order.firstIndex(of: "ban-imposed")!)
        // A year-only event after the months of its year, never before April.
        #expect(order.last == "sometime")
    }

    @Test func afterNamesAnEventOrIsAnErrorAtItsLine() {
        let fs = Fixture.fileSystem(Dictionary(uniqueKeysWithValues: [
            Self.event("x", "X", "2026-06", extra: "after: [[ban-imposd]]\n"),
            Self.event("y", "Y", "2026-06", extra: "after: [anthropic]\n"),
        ]))
        let messages = Fixture.build(fs).diagnostics.map(\.description)
        #expect(messages.contains("content/events/x.md:4:1: error: unknown event \"ban-imposd\" in `after` (did you mean \"ban-imposed\"?)"))
        #expect(messages.contains { $0.hasPrefix("content/events/y.md:4:1: error: `after` names \"anthropic\", which is actor actors/anthropic, not an event") })
    }

    @Test func feedNeverStampsAMonthOnlyEventWithADay() {
        let fs = Fixture.fileSystem()
        _ = Fixture.build(fs)
        let feed = Fixture.text(fs, "out/feed.xml")
        #expect(!feed.contains("2026-06-01"))
        #expect(feed.contains("<title>June 2026: Export ban imposed</title>"))
        #expect(feed.contains("<updated>2026-06-30T23:59:59Z</updated>"))
        #expect(feed.contains("<updated>2026-06-26T00:00:00Z</updated>"))
        #expect(PartialDate(year: 2024, month: 2).rfc3339 == "2024-02-29T23:59:59Z")
        #expect(PartialDate(year: 2026).rfc3339 == "2026-12-31T23:59:59Z")
    }

    @Test func notesAreNotQuotedAndSourcesQuoteWithoutDoubling() {
        let fs = Fixture.fileSystem([
            "site/content/articles/lift-story.md": "---\ntitle: Lift story\n---\n“By lifting the ban,” Anthropic said, “we return.”\n",
        ])
        _ = Fixture.build(fs)
        let page = Fixture.text(fs, "out/actors/anthropic/index.html")
        #expect(page.contains(">Anthropic and the Commerce Department disagree.</a>"))
        #expect(!page.contains("“Anthropic and the Commerce"))
        #expect(page.contains(">“‘By lifting the ban,’ Anthropic said, ‘we return.’”</a>"))
        #expect(!page.contains("““"))
    }

    @Test func headingLabelsPluralsAndOneH1() {
        let fs = Fixture.fileSystem([
            "site/content/articles/ban-story.md": """
            ---
            title: Ban story
            ---
            The Commerce Department told Anthropic to stop.

            ## What Does This Mean For Your Business?

            Check which AI suppliers you depend on.

            """,
            "site/content/notes/overview.md": "---\ntitle: Overview\n---\n# Overview again\n\nText.\n",
        ])
        _ = Fixture.build(fs)
        let article = Fixture.text(fs, "out/articles/ban-story/index.html")
        #expect(article.contains("<strong>What Does This Mean For Your Business?</strong> Check"))
        #expect(!article.contains("?:"))
        let home = Fixture.text(fs, "out/index.html")
        #expect(home.contains("2 events · 4 actors · 2 sources"))
        #expect(home.contains(">1 disputed fact</a>"))
        let note = Fixture.text(fs, "out/notes/overview/index.html")
        #expect(note.components(separatedBy: "<h1").count == 2)
        #expect(note.contains("<h2 id=\"overview-again\">"))
    }

    @Test func paragraphMarkersAreLinksShownAtEveryWidth() {
        let fs = Fixture.fileSystem()
        _ = Fixture.build(fs)
        let article = Fixture.text(fs, "out/articles/ban-story/index.html")
        #expect(article.contains("<p id=\"p1\"><a class=\"para\" href=\"#p1\" aria-label=\"Paragraph 1\">¶1</a>"))
        let css = Fixture.text(fs, "out/assets/style.css")
        #expect(!css.contains("display: none; } }"))
        #expect(!Fixture.text(fs, "out/notes/overview/index.html").contains("class=\"para\""))
    }

    @Test func disputedBadgeNamesTheQuestionAndLinksToIt() {
        let fs = Fixture.fileSystem()
        _ = Fixture.build(fs)
        let anchor = "ban-imposed--when-was-the-ban-imposed"
        for path in ["out/index.html", "out/timeline/index.html"] {
            #expect(Fixture.text(fs, path).contains(
                "<a class=\"badge badge-disputed\" href=\"/disputes/#\(anchor)\">disputed: When was the ban imposed?</a>"))
        }
        #expect(Fixture.text(fs, "out/disputes/index.html").contains("<div class=\"dispute\" id=\"\(anchor)\">"))
    }

    @Test func frontMatterSummariesShowLabels() {
        let fs = Fixture.fileSystem([
            "site/content/business/finance.md": "---\ntitle: Finance\nsummary: Banks using [[Anthropic]] and [[events/ban-imposed|the ban]].\n---\nText.\n",
        ])
        _ = Fixture.build(fs)
        #expect(Fixture.text(fs, "out/index.html").contains("<p>Banks using Anthropic and the ban.</p>"))
    }
}

/// Issue 13: status first, claims weighed by their sources, changes readers care about.
@Suite struct StatusAndWeightTests {
    static let config = """
    title: Test Briefing
    baseURL: https://example.org/
    author: The desk
    as_of: 2026-06
    status:
      - Access is back for some users ([[Anthropic]]).
      - Nothing changes for UK law yet.
    disclaimer: General information, not legal advice.
    changes: noted

    """

    @Test func homeLeadsWithStatusStoryAndEveryPageCitesItself() {
        let fs = Fixture.fileSystem([
            "site/briefgen.yml": Self.config,
            "site/content/notes/story.md": "---\ntitle: The story in two minutes\nstory: true\n---\nIt began in June.\n",
        ])
        let result = Fixture.build(fs)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
        let home = Fixture.text(fs, "out/index.html")
        let status = home.range(of: "As of <time datetime=\"2026-06\">June 2026</time></h2>")
        let story = home.range(of: "<h2 id=\"story\"><a href=\"/notes/story/\">The story in two minutes</a></h2>")
        let latest = home.range(of: "id=\"latest\"")
        #expect(status != nil && story != nil && latest != nil)
        if let status, let story, let latest {
            #expect(status.lowerBound < story.lowerBound && story.lowerBound < latest.lowerBound)
        }
        #expect(home.contains("<li>Access is back for some users (Anthropic).</li>"))
        #expect(home.contains("By The desk"))
        #expect(home.contains("<p>It began in June.</p>") || home.contains("It began in June."))
        let actor = Fixture.text(fs, "out/actors/anthropic/index.html")
        #expect(actor.contains("As of <time datetime=\"2026-06\">June 2026</time>"))
        #expect(actor.contains("<strong>Cite this page:</strong> “Anthropic”, Test Briefing, <a href=\"https://example.org/actors/anthropic/\">https://example.org/actors/anthropic/</a>, as of June 2026."))
        #expect(actor.contains("<p class=\"disclaimer\">General information, not legal advice.</p>"))
        #expect(home.contains("<strong>Cite this page:</strong> Test Briefing, <a href=\"https://example.org/\">"))
    }

    @Test func eventsAndDisputeSidesShowHowManySourcesCarryThem() {
        let fs = Fixture.fileSystem([
            "site/content/events/partial-lift.md": """
            ---
            title: Partial lift
            date: 2026-06-26
            sources: [lift-story, ban-story]
            ---
            Some access returned.

            """,
        ])
        _ = Fixture.build(fs)
        let timeline = Fixture.text(fs, "out/timeline/index.html")
        #expect(timeline.contains("<span class=\"badge badge-weight single\">single source</span>"))
        #expect(timeline.contains("<span class=\"badge badge-weight\">reported by 2 sources</span>"))
        let disputes = Fixture.text(fs, "out/disputes/index.html")
        #expect(disputes.contains("What rests on a single source"))
        #expect(disputes.contains("When was the ban imposed?</a> early June 2026 <span class=\"muted\">—</span>"))
        #expect(!disputes.contains(">Partial lift</a>"))
    }

    @Test func paragraphsOfOneSourceCountOnceAndReadAsCitations() {
        let fs = Fixture.fileSystem([
            "site/content/events/partial-lift.md": """
            ---
            title: Partial lift
            date: 2026-06-26
            sources: [lift-story#p1, ban-story#p1]
            disputed:
              - question: How far?
                answers:
                  - says: In part
                    sources: [ban-story#p1, ban-story#p2]
                  - says: Fully
                    sources: [lift-story#p1, ban-story]
            ---
            Some access returned.

            """,
        ])
        _ = Fixture.build(fs)
        let page = Fixture.text(fs, "out/events/partial-lift/index.html")
        #expect(page.contains(">Ban story ¶1</a></li><li><a href=\"/articles/ban-story/#p2\" title=\"Ban story\">Ban story ¶2</a></li></ul> <span class=\"badge badge-weight single\">single source</span>"))
        #expect(page.contains("<span class=\"badge badge-weight\">reported by 2 sources</span>"))
    }

    @Test func changesSkipOptedOutCommitsAndShowTheReadersLine() {
        let text = "\u{1e}aaa\u{1f}100\u{1f}Refactor the bench\u{1f}skip\n\nM\tcontent/notes/overview.md\n"
            + "\u{1e}bbb\u{1f}90\u{1f}Fix typo in ban event\u{1f}Corrected the date of the ban\n\nM\tcontent/events/ban-imposed.md\n"
            + "\u{1e}ccc\u{1f}80\u{1f}Dev work\u{1f}\n\nM\tcontent/notes/overview.md\n"
        let history = ChangeHistory.parse(text)
        #expect(history.commits.map(\.note) == ["skip", "Corrected the date of the ban", nil])
        #expect(history.listed(notedOnly: false).map(\.line) == ["Corrected the date of the ban", "Dev work"])
        #expect(history.listed(notedOnly: true).map(\.line) == ["Corrected the date of the ban"])
        let fs = Fixture.fileSystem(["site/briefgen.yml": StatusAndWeightTests.config])
        var options = BuildOptions(siteRoot: "site", outputDir: "out")
        options.history = history
        _ = Builder(fs: fs, options: options).build()
        let page = Fixture.text(fs, "out/changes/index.html")
        #expect(page.contains("Corrected the date of the ban"))
        #expect(!page.contains("Refactor the bench") && !page.contains("Dev work"))
        #expect(!Fixture.text(fs, "out/changes.xml").contains("Dev work"))
    }

    @Test func statusEditsInBriefgenYmlAreChangesToo() {
        let history = ChangeHistory.parse("\u{1e}ddd\u{1f}100\u{1f}New status\u{1f}Updated the key points\n\nM\tbriefgen.yml\n")
        let fs = Fixture.fileSystem()
        var options = BuildOptions(siteRoot: "site", outputDir: "out")
        options.history = history
        _ = Builder(fs: fs, options: options).build()
        #expect(Fixture.text(fs, "out/changes/index.html").contains("<a href=\"/\">Status and settings</a> <span class=\"muted\">changed</span>"))
    }
}

@Suite struct UnstatedYearTests {
    @Test func aYearNoSourceStatesIsNeverShown() {
        let fs = Fixture.fileSystem([
            "site/content/events/partial-lift.md": "---\ntitle: Partial lift\ndate: 2026-06-26\nyear_stated: false\n---\nSome access returned.\n",
            "site/content/events/ban-imposed.md": "---\ntitle: Export ban imposed\ndate: 2026-06\nyear_stated: false\n---\nText.\n",
        ])
        let result = Fixture.build(fs)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let timeline = Fixture.text(fs, "out/timeline/index.html")
        #expect(!timeline.contains("2026</"), "a year shown as the sources' date")
        #expect(timeline.contains(">Year not stated in the sources</h2>"))
        #expect(PartialDate(year: 2026, precision: .approximate, yearStated: false).display == "Date not stated")
        #expect(timeline.contains(">26 June</time>") && timeline.contains(">June</time>"))
        #expect(timeline.contains("<span class=\"badge\">year not stated</span>"))
        #expect(timeline.contains("<span class=\"badge\">month only, year not stated</span>"))
        let feed = Fixture.text(fs, "out/feed.xml")
        #expect(feed.contains("<title>26 June: Partial lift</title>"))
    }
}

@Suite struct BusinessActionTests {
    @Test func actionsCarryOwnerWhenPriorityAndRule() {
        let fs = Fixture.fileSystem([
            "site/content/business/finance.md": """
            ---
            title: Finance
            actions:
              - List AI suppliers
              - do: Map every process that calls a frontier model
                owner: Head of operational resilience
                when: Before the next self-assessment
                priority: high
                rule: PRA SS1/21 operational resilience
                ownr: typo
            ---
            Text.

            """,
        ])
        let result = Fixture.build(fs)
        #expect(result.diagnostics.map(\.description) == [
            "content/business/finance.md:10:5: warning: unknown action key `ownr`; it is ignored (did you mean `owner`?)",
        ])
        let page = Fixture.text(fs, "out/business/finance/index.html")
        #expect(page.contains("<li>List AI suppliers</li>"))
        #expect(page.contains("<span class=\"badge priority priority-high\">high priority</span> Map every process that calls a frontier model"))
        #expect(page.contains("<dt>Who</dt><dd>Head of operational resilience</dd><dt>When</dt><dd>Before the next self-assessment</dd><dt>Rule or guidance</dt><dd>PRA SS1/21 operational resilience</dd>"))
    }
}

@Suite struct DifferingFactsTests {
    @Test func eventsGivingDifferentValuesForAMarkedFactAreListed() {
        let fs = Fixture.fileSystem([
            "site/content/events/partial-lift.md": """
            ---
            title: Partial lift
            date: 2026-06-26
            sources: [lift-story]
            facts: {Extent of the lifting: in part}
            ---
            Some access returned.

            """,
            "site/content/events/full-lift.md": """
            ---
            title: Full lift reported
            date: 2026-07
            sources: [ban-story]
            facts: {extent of the lifting: In full, signatories: "76"}
            ---
            Text.

            """,
            "site/content/events/other.md": "---\ntitle: Other\ndate: 2026-07\nfacts: {signatories: \" 76 \"}\n---\nText.\n",
        ])
        let result = Fixture.build(fs)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
        let page = Fixture.text(fs, "out/disputes/index.html")
        #expect(page.contains("<h2 id=\"sources-differ-heading\">Where the sources differ</h2>"))
        #expect(page.contains("<h3>Extent of the lifting</h3>"))
        #expect(page.contains("<li><strong>in part</strong> <span class=\"muted\">—</span> <a href=\"/events/partial-lift/\">Partial lift</a> (<ul class=\"inline\"><li><a href=\"/articles/lift-story/\" title=\"Lift story\">Lift story</a></li></ul>) </li>"))
        #expect(page.contains("<strong>In full</strong>"))
        // The same value, however written, is agreement, not a difference.
        #expect(!page.contains("<h3>signatories</h3>"))
    }

    @Test func factsMustMapNamesToValues() {
        let fs = Fixture.fileSystem(["site/content/events/x.md": "---\ntitle: X\ndate: 2026\nfacts: [a, b]\n---\nText.\n"])
        #expect(Fixture.build(fs).diagnostics.map(\.description).contains(
            "content/events/x.md:4:8: error: `facts` must map a fact to a value (facts: {ban began: early June})"))
    }
}
