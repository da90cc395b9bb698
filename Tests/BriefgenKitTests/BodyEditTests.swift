import Foundation
import Testing
@testable import BriefgenKit

/// The one engine reads of the previous graph only what its nodes need: after body edits, the
/// edited documents and those the re-rendered pages show; every document when the link table
/// or the index is made anew. Either way the output is a clean build's.
@Suite struct BodyEditTests {
    let incremental = IncrementalTests()

    /// The fixture with 300 more notes.
    func largeSite() -> MemoryFileSystem {
        var extra: [String: String?] = [:]
        for n in 0..<300 { extra["site/content/notes/extra-\(n).md"] = "---\ntitle: Extra \(n)\n---\nNothing to see.\n" }
        let fs = Fixture.fileSystem(extra)
        #expect(Fixture.build(fs).succeeded)
        return fs
    }

    @Test func bodyEditReadsOnlyTheDocumentsItShows() {
        let fs = largeSite()
        // A paragraph of words the article already has: its search terms stay the same.
        incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.",
                            "returned for some users.\n\nFor some users.")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.indexReused)
        #expect(result.parsed == ["content/articles/lift-story.md"])
        #expect(result.rendered == ["articles/lift-story/index.html"])
        // Itself and the few documents its page names, of 310.
        #expect(result.graphDocumentsRead > 0 && result.graphDocumentsRead < 20, "\(result.graphDocumentsRead)")
        incremental.expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func aTitleEditAndANewMentionReadOnlyTheEditedDocumentForTheLinkTableAndIndex() {
        // The link table and the index are updated in place: the edited document's entries are
        // taken out and put back; the other 309 documents are not read to make them. (The 300
        // more documents are actors here: the home page, which a title edit re-renders, shows
        // every note.)
        var extra: [String: String?] = [:]
        for n in 0..<300 { extra["site/content/actors/extra-\(n).md"] = "---\nname: Extra Actor \(n)\n---\nNothing to see.\n" }
        let fs = Fixture.fileSystem(extra)
        #expect(Fixture.build(fs).succeeded)
        incremental.replace(fs, "site/content/articles/lift-story.md", "title: Lift story", "title: Lifting story")
        let retitled = Fixture.build(fs)
        #expect(retitled.succeeded && retitled.indexUpdated && !retitled.indexReused)
        #expect(retitled.parsed == ["content/articles/lift-story.md"])
        #expect(retitled.graphDocumentsRead > 0 && retitled.graphDocumentsRead < 20, "\(retitled.graphDocumentsRead)")
        incremental.expectCleanBuildOutput(fs, rendered: retitled.rendered)
        incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.",
                            "returned for some users. The ICO said nothing.")
        let mentioned = Fixture.build(fs)
        #expect(mentioned.succeeded && mentioned.indexUpdated && mentioned.bodiesRendered == ["articles/lift-story"])
        // (No read count: the actor list, re-rendered for its co-mention counts, reads every actor.)
        #expect(Fixture.text(fs, "out/actors/ico/index.html").contains("The ICO said nothing."))
        incremental.expectCleanBuildOutput(fs, rendered: mentioned.rendered)
    }

    @Test func editsThatChangeKeysReadEveryDocument() {
        // A new alias changes what names resolve to: the link table and index are made anew.
        let fs = largeSite()
        incremental.replace(fs, "site/content/actors/ico.md", "aliases: [ICO]", "aliases: [ICO, Info Office]")
        let renamed = Fixture.build(fs)
        #expect(renamed.succeeded && !renamed.indexUpdated && renamed.graphDocumentsRead == 310)
        incremental.expectCleanBuildOutput(fs, rendered: renamed.rendered)
    }

    @Test func newWordsBesideAMentionRerenderThatActorsPage() {
        let fs = largeSite()
        // "Anthropic's Mythos returned for some users.": both mentions read differently now.
        incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.", "returned for some users, for some.")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.indexReused && result.graphDocumentsRead < 20)
        #expect(result.rendered.contains("actors/anthropic/index.html"))
        #expect(Fixture.text(fs, "out/actors/anthropic/index.html").contains("for some users, for some."))
        incremental.expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func newWordsReadOnlyTheEditedDocumentForTheSearchIndex() {
        // A word the article did not have changes the search index: its record is made again,
        // before and after, and the files of its new word; no other document is read.
        let fs = largeSite()
        incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.", "returned for some users, quietly.")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.indexReused && result.bodiesRendered == ["articles/lift-story"])
        #expect(result.graphDocumentsRead < 20, "\(result.graphDocumentsRead)")
        #expect(result.searchRecordsMade == 1)
        #expect(result.rendered.contains("actors/anthropic/index.html"))
        #expect(result.renderedIndexFiles.contains { $0.hasPrefix("search/t/") })
        incremental.expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    /// The fixture with ten notes naming the ICO, whose mention list then takes six pages.
    func pagedMentionSite() -> MemoryFileSystem {
        var extra: [String: String?] = ["site/briefgen.yml": "title: Test Briefing\nbaseURL: https://example.org/\npaginate:\n  mentions: 2\n"]
        for n in 0..<10 { extra["site/content/notes/case-\(n).md"] = "---\ntitle: Case \(n)\n---\nA case came in.\n\nThe ICO looked at case \(n) today.\n" }
        let fs = Fixture.fileSystem(extra)
        #expect(Fixture.build(fs).succeeded)
        return fs
    }

    @Test func aMentionReadingDifferentlyVerifiesOnlyTheListPageHoldingItsSource() throws {
        let fs = pagedMentionSite()
        let icoPages = fs.files(under: "out/actors/ico").filter { $0.hasSuffix("index.html") }
        #expect(icoPages.count >= 6, "\(icoPages)")
        // Words beside the mention: its snippet reads differently, the same actors are named
        // (and the excerpt, the first paragraph, is the same: the list of notes is kept; the
        // words are the note's own: the search index keeps its files).
        incremental.replace(fs, "site/content/notes/case-5.md", "looked at case 5 today.", "looked at case 5 today, the case.")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.indexReused)
        // Of the ICO's pages, only the one listing case 5 is made again (and its own page).
        let rendered = result.rendered.filter { $0.hasPrefix("actors/ico/") }
        #expect(rendered.count == 1, "\(rendered)")
        #expect(result.rendered.contains("notes/case-5/index.html"))
        // Only that page's slice of the list, and the note's own: no other page of the list,
        // not its page count or where each source is.
        #expect(result.listPagesComputed == 1, "\(result.listPagesComputed)")
        incremental.expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func warningsOfOtherFilesAndOfTheEditedOneAreStillReported() {
        let fs = Fixture.fileSystem(["site/content/notes/odd.md": "---\ntitle: Odd\ncolour: red\n---\nFirst.\n",
                                     "site/content/notes/plain.md": "---\ntitle: Plain\nshade: blue\n---\nFirst.\n"])
        let first = Fixture.build(fs)
        #expect(first.diagnostics.count == 2)
        incremental.replace(fs, "site/content/notes/plain.md", "First.", "Second.")
        let second = Fixture.build(fs)
        #expect(second.succeeded && second.indexReused && second.graphDocumentsRead < 20)
        #expect(second.diagnostics == first.diagnostics)
    }

    @Test func graphKeepingBuildsReadTheWholeGraph() {
        let fs = largeSite()
        incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.", "returned, again.")
        let builder = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out"))
        let (result, graph) = builder.build(keeping: nil)
        #expect(result.succeeded && result.graphDocumentsRead == 310)
        #expect(graph?.state.documents.count == 310)
    }
}
