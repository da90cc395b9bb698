import Foundation
import Testing
@testable import BriefgenKit

/// Renamed pages keep their old URLs (`moved_from:`, as Hugo's `aliases:`): a redirect page at
/// each, left out of the sitemap; old slugs still name the page in links, with a warning.
@Suite struct MovedFromTests {
    static let partialLift = """
        ---
        title: Partial lift
        date: 2026-06-26
        actors: [anthropic]
        sources: [lift-story]
        moved_from: [lift-partial, /2026/06/lift.html, /old/lift]
        ---
        Some access returned.

        """

    @Test func eachOldURLGetsARedirectPageLeftOutOfTheSitemap() {
        let fs = Fixture.fileSystem(["site/content/events/partial-lift.md": Self.partialLift])
        let result = Fixture.build(fs)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let expected = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Page moved: Partial lift · Test Briefing</title>
            <link rel="canonical" href="https://example.org/events/partial-lift/">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url=https://example.org/events/partial-lift/">
            </head>
            <body>
            <p>This page has moved to <a href="/events/partial-lift/">Partial lift</a>.</p>
            </body>
            </html>
            """
        for path in ["out/events/lift-partial/index.html", "out/2026/06/lift.html", "out/old/lift/index.html"] {
            #expect(Fixture.text(fs, path) == expected, "\(path)")
        }
        #expect(!Fixture.text(fs, "out/events/lift-partial/index.html").contains("<script"))
        let sitemap = Fixture.text(fs, "out/sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/events/partial-lift/</loc>"))
        #expect(!sitemap.contains("lift-partial") && !sitemap.contains("lift.html") && !sitemap.contains("old/lift"))
    }

    @Test func aRedirectUnderABasePathKeepsIt() {
        let fs = Fixture.fileSystem(["site/content/events/partial-lift.md": Self.partialLift])
        #expect(Fixture.build(fs, baseURL: "https://example.org/brief/").succeeded)
        let page = Fixture.text(fs, "out/events/lift-partial/index.html")
        #expect(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=https://example.org/brief/events/partial-lift/\">"))
        #expect(page.contains("<a href=\"/brief/events/partial-lift/\">Partial lift</a>"))
    }

    @Test func anOldSlugInALinkOrReferenceNamesThePageWithAWarning() {
        let fs = Fixture.fileSystem([
            "site/content/events/partial-lift.md": Self.partialLift,
            "site/content/notes/overview.md": "---\ntitle: Overview\nrelated: [lift-partial]\n---\nSee [[lift-partial]] and [[events/lift-partial|the lift]].\n",
        ])
        let result = Fixture.build(fs)
        #expect(result.succeeded)
        #expect(result.diagnostics.map(\.description) == [
            "content/notes/overview.md:3:1: warning: `related` names \"lift-partial\", an old name of events/partial-lift, which moved (did you mean \"partial-lift\"?)",
            "content/notes/overview.md:5:5: warning: link target \"lift-partial\" is an old name of events/partial-lift, which moved (did you mean \"partial-lift\"?)",
            "content/notes/overview.md:5:26: warning: link target \"events/lift-partial\" is an old name of events/partial-lift, which moved (did you mean \"partial-lift\"?)",
        ])
        let note = Fixture.text(fs, "out/notes/overview/index.html")
        #expect(note.contains("<a class=\"xref xref-event\" href=\"/events/partial-lift/\">Partial lift</a>"))
        #expect(note.contains("<a class=\"xref xref-event\" href=\"/events/partial-lift/\">the lift</a>"))
    }

    @Test func warningsAboutReferencesAreStillReportedAfterABodyEditElsewhere() {
        // A rebuild after a body edit reads the previous graph per key and checks no front
        // matter again: the warnings of front-matter references are the previous build's.
        let fs = Fixture.fileSystem([
            "site/content/events/partial-lift.md": Self.partialLift,
            "site/content/notes/overview.md": "---\ntitle: Overview\nrelated: [lift-partial]\n---\nSee the lift.\n",
            "site/content/notes/other.md": "---\ntitle: Other\n---\nFirst words.\n",
        ])
        let first = Fixture.build(fs).diagnostics.map(\.description)
        #expect(first.count == 1)
        IncrementalTests().replace(fs, "site/content/notes/other.md", "First words.", "First words. Words.")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.bodiesRendered == ["notes/other"])
        #expect(result.diagnostics.map(\.description) == first)
    }

    @Test func aPageWithTheOldSlugWinsOverTheOldName() {
        let fs = Fixture.fileSystem([
            "site/content/events/partial-lift.md": Self.partialLift,
            "site/content/notes/lift-partial.md": "---\ntitle: Lift notes\n---\nNotes.\n",
            "site/content/notes/overview.md": "---\ntitle: Overview\n---\nSee [[lift-partial]].\n",
        ])
        let result = Fixture.build(fs)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(Fixture.text(fs, "out/notes/overview/index.html").contains("<a class=\"xref xref-note\" href=\"/notes/lift-partial/\">Lift notes</a>"))
    }

    @Test func aPageTakingAnOldSlugLaterTakesItsLinksToo() {
        let fs = Fixture.fileSystem([
            "site/content/events/partial-lift.md": Self.partialLift,
            "site/content/notes/overview.md": "---\ntitle: Overview\n---\nSee [[lift-partial]].\n",
        ])
        #expect(Fixture.build(fs).diagnostics.count == 1)
        fs.write("---\ntitle: Lift notes\n---\nNotes.\n", to: "site/content/notes/lift-partial.md")
        let result = Fixture.build(fs)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(Fixture.text(fs, "out/notes/overview/index.html").contains("<a class=\"xref xref-note\" href=\"/notes/lift-partial/\">Lift notes</a>"))
        IncrementalTests().expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func unknownOldSlugsAreNeverSuggested() {
        let fs = Fixture.fileSystem([
            "site/content/events/partial-lift.md": Self.partialLift,
            "site/content/notes/overview.md": "---\ntitle: Overview\n---\nSee [[lift-partia]].\n",
        ])
        let errors = TrustTests.errors(Fixture.build(fs))
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("content/notes/overview.md:4:5: error: unknown link target \"lift-partia\"") == true)
        #expect(errors.first?.contains("lift-partial") == false, "\(errors)")
    }

    // MARK: Incremental

    @Test func addingAnOldURLWritesOnlyItsRedirectAndRemovingItDeletesOnlyThat() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        let path = "site/content/events/partial-lift.md"
        let original = Fixture.text(fs, path)
        fs.write(original.replacingOccurrences(of: "sources: [lift-story]\n", with: "sources: [lift-story]\nmoved_from: [lift]\n"), to: path)
        let added = Fixture.build(fs)
        #expect(added.succeeded && !added.fullBuild, "\(added.diagnostics)")
        #expect(Set(added.outputs.keys) == ["events/lift/index.html"])
        #expect(added.deleted.isEmpty)
        IncrementalTests().expectCleanBuildOutput(fs, rendered: added.rendered)
        fs.write(original, to: path)
        let removed = Fixture.build(fs)
        #expect(removed.outputs.isEmpty)
        #expect(removed.deleted == ["events/lift/index.html"])
        IncrementalTests().expectCleanBuildOutput(fs, rendered: removed.rendered)
    }

    @Test func aRenamedDocumentsOldPageBecomesItsRedirect() throws {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        let text = Fixture.text(fs, "site/content/events/partial-lift.md")
        try fs.remove("site/content/events/partial-lift.md")
        fs.write(text.replacingOccurrences(of: "sources: [lift-story]\n", with: "sources: [lift-story]\nmoved_from: [partial-lift]\n"),
                 to: "site/content/events/mythos-back-for-some.md")
        let result = Fixture.build(fs)
        #expect(result.succeeded && !result.fullBuild, "\(result.diagnostics)")
        #expect(result.deleted.isEmpty)
        #expect(result.outputs.keys.contains("events/mythos-back-for-some/index.html"))
        let old = Fixture.text(fs, "out/events/partial-lift/index.html")
        #expect(old.contains("<a href=\"/events/mythos-back-for-some/\">Partial lift</a>"))
        #expect(old.contains("noindex"))
        #expect(!Fixture.text(fs, "out/sitemap.xml").contains("events/partial-lift/"))
        IncrementalTests().expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func retitlingAMovedPageRewritesItsRedirects() {
        let fs = Fixture.fileSystem(["site/content/events/partial-lift.md": Self.partialLift])
        #expect(Fixture.build(fs).succeeded)
        let path = "site/content/events/partial-lift.md"
        fs.write(Fixture.text(fs, path).replacingOccurrences(of: "title: Partial lift", with: "title: Mythos back for some"), to: path)
        let result = Fixture.build(fs)
        #expect(result.outputs.keys.contains("events/lift-partial/index.html"))
        #expect(Fixture.text(fs, "out/old/lift/index.html").contains(">Mythos back for some</a>"))
        IncrementalTests().expectCleanBuildOutput(fs, rendered: result.rendered)
    }
}
