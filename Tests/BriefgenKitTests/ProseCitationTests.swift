import Foundation
import Testing
@testable import BriefgenKit

/// A paragraph of the site's own writing that cites sources says how many distinct sources it
/// rests on; sources themselves carry no such mark.
@Suite struct ProseCitationTests {
    static let note = """
    ---
    title: Weighing
    ---
    The ban came first [[ban-story#p1]], as [[ban-story]] says again.

    Access returned for some, by two accounts: [[ban-story]] and [[lift-story]].

    Nothing cited here.

    """

    @Test func eachCitingParagraphSaysHowManySourcesItRestsOn() {
        let fs = Fixture.fileSystem(["site/content/notes/weighing.md": Self.note])
        #expect(Fixture.build(fs).succeeded)
        let html = Fixture.text(fs, "out/notes/weighing/index.html")
        #expect(html.contains("says again.\n <span class=\"weight single\">single source</span></p>"))
        #expect(html.contains("</a>.\n <span class=\"weight\">reported by 2 sources</span></p>"))
        #expect(html.contains("<p id=\"p3\">\nNothing cited here.\n</p>"))
    }

    @Test func aSourceCitingAnotherIsNotWeighed() {
        let fs = Fixture.fileSystem(["site/content/articles/reply.md": "---\ntitle: Reply\n---\nAs [[ban-story#p1]] put it.\n"])
        #expect(Fixture.build(fs).succeeded)
        #expect(!Fixture.text(fs, "out/articles/reply/index.html").contains("class=\"weight"))
    }

    @Test func theMarkIsInTheSitesLanguage() {
        let fs = Fixture.fileSystem(["site/content/notes/weighing.md": Self.note,
                                     "site/briefgen.yml": "title: Dossier\nbaseURL: https://example.org/\nlanguage: fr\n"])
        #expect(Fixture.build(fs).succeeded)
        let html = Fixture.text(fs, "out/notes/weighing/index.html")
        #expect(html.contains(">source unique</span></p>") && html.contains(">rapporté par 2 sources</span></p>"))
    }
}

/// "Where the sources differ" from values marked on the sources themselves.
@Suite struct SourceFactTests {
    @Test func sourcesGivingDifferentValuesAreListedEachWithItsOwn() {
        let fs = Fixture.fileSystem([
            "site/content/articles/ban-story.md": "---\ntitle: Ban story\nfacts: {ban began: early June}\n---\nText.\n",
            "site/content/articles/lift-story.md": "---\ntitle: Lift story\nfacts: {Ban  Began: late May}\n---\nText.\n",
        ])
        let result = Fixture.build(fs)
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(!result.diagnostics.contains { $0.message.contains("facts") })
        let page = Fixture.text(fs, "out/disputes/index.html")
        #expect(page.contains(#"<li><strong>early June</strong> <span class="muted">—</span> <a href="/articles/ban-story/">Ban story</a> </li>"#))
        #expect(page.contains(#"<li><strong>late May</strong> <span class="muted">—</span> <a href="/articles/lift-story/">Lift story</a> </li>"#))
    }
}
