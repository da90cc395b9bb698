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
