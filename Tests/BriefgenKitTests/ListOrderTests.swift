import Foundation
import Testing
@testable import BriefgenKit

/// A retitled page or a new mention verifies only what it can change: a retitled source keeps
/// the index entries of the actors it names (the same sources mention them, the same way), so
/// only the order of their mention lists is checked, page by page, against the previous order;
/// a body naming one more actor changes that actor's entries, not those of the actors it named
/// already. Either way the output is a clean build's.
@Suite struct ListOrderTests {
    let incremental = IncrementalTests()

    /// `BodyEditTests.pagedMentionSite` (ten notes naming the ICO, two to a page: its sources
    /// on the first page, then the notes in title order) with a note naming no actor.
    func site() -> MemoryFileSystem {
        let fs = BodyEditTests().pagedMentionSite()
        fs.write("---\ntitle: Quiet\n---\nNothing to see.\n", to: "site/content/notes/quiet.md")
        #expect(Fixture.build(fs).succeeded)
        return fs
    }

    /// The later pages of the ICO's mention list that list one of `notes`.
    func icoPages(listing notes: [String], _ fs: MemoryFileSystem) -> Set<String> {
        Set(fs.files(under: "out/actors/ico/page").filter { page in notes.contains { Fixture.text(fs, "out/actors/ico/page/" + page).contains("notes/\($0)/") } }
            .map { "actors/ico/page/" + $0 })
    }

    /// List pages verified by a retitle of a note naming no actor: those of the site's indexes.
    func indexListPages(_ fs: MemoryFileSystem) -> Int {
        incremental.replace(fs, "site/content/notes/quiet.md", "title: Quiet", "title: Quiet again")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.indexUpdated)
        return result.listPagesComputed
    }

    @Test func aRetitledSourceKeepingItsPlaceVerifiesNoPageOfTheMentionLists() {
        let fs = site()
        let indexes = indexListPages(fs)
        incremental.replace(fs, "site/content/notes/case-5.md", "title: Case 5", "title: Case 5 again")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.indexUpdated)
        // Of the ICO's list, only its page count is verified: each page holds the items it held.
        #expect(result.listPagesComputed == indexes + 1, "\(result.listPagesComputed) vs \(indexes)")
        // Made again: the later page listing it, which shows its title (and the first page, which does too).
        let later = result.rendered.filter { $0.hasPrefix("actors/ico/page/") }
        #expect(Set(later) == icoPages(listing: ["case-5"], fs), "\(later)")
        incremental.expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func aRetitledSourceMovingInTheListVerifiesThePagesBetweenItsPlaces() {
        let fs = site()
        let indexes = indexListPages(fs)
        // Case 9 goes after case 6: the pages from case 7's to case 9's list other notes now;
        // the pages before hold what they held.
        let between = icoPages(listing: ["case-7", "case-8", "case-9"], fs)
        #expect(between.count == 2, "\(between)")
        incremental.replace(fs, "site/content/notes/case-9.md", "title: Case 9", "title: Case 6b")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.indexUpdated)
        #expect(result.listPagesComputed == indexes + 1 + between.count, "\(result.listPagesComputed) vs \(indexes)")
        let later = Set(result.rendered.filter { $0.hasPrefix("actors/ico/page/") })
        #expect(later == between, "\(later.sorted())")
        incremental.expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func aNewMentionVerifiesTheListOfTheActorItNamesNotOfThoseItNamedAlready() {
        let fs = site()
        let pages = fs.files(under: "out/actors/ico").filter { $0.hasSuffix("index.html") }
        // Case 5 names the ICO already; now Anthropic too.
        incremental.replace(fs, "site/content/notes/case-5.md", "looked at case 5 today.", "looked at case 5 today. Anthropic said nothing.")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.indexUpdated)
        // The ICO's mentions from case 5 read as before: none of its list pages is verified or
        // made again but for the co-mentions (its first page).
        let rendered = result.rendered.filter { $0.hasPrefix("actors/ico/") }
        #expect(rendered.count <= 1, "\(rendered) of \(pages)")
        let anthropic = fs.files(under: "out/actors/anthropic").filter { $0.hasSuffix("index.html") }.count
        #expect(result.listPagesComputed <= anthropic + 1, "\(result.listPagesComputed) (Anthropic: \(anthropic) pages)")
        // The new passage is on one of Anthropic's mention pages (notes come after sources).
        let anthropicPages = fs.files(under: "out/actors/anthropic").filter { $0.hasSuffix("index.html") }
        #expect(anthropicPages.contains { Fixture.text(fs, "out/actors/anthropic/" + $0).contains("notes/case-5/") })
        incremental.expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func aMentionRemovedVerifiesTheListOfThatActor() {
        let fs = site()
        incremental.replace(fs, "site/content/notes/case-5.md", "The ICO looked at case 5 today.", "Someone looked at case 5 today.")
        let result = Fixture.build(fs)
        #expect(result.succeeded)
        #expect(!Fixture.text(fs, "out/actors/ico/page/3/index.html").contains("notes/case-5/"))
        incremental.expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func aRetitledNoteVerifiesTheNotesListNotTheListsOfOtherKinds() {
        // The timeline, sources, business and disputes lists read events' and articles'
        // metadata: a note's title is not among it.
        let fs = site()
        let verified = indexListPages(fs)
        #expect(verified == 2, "\(verified)")  // the notes list's page count and its one page
        incremental.expectCleanBuildOutput(fs)
    }

    @Test func businessSectionsAreCountedWithTheIndexAcrossBuilds() {
        // The business index lists the sections of every source, counted with the index: a body
        // edit adding one (the index itself kept) counts it, and a later retitle, which lists
        // them again without reading every body, finds it.
        let fs = PaginationTests.site(articles: 4, paginate: "{business: 1}")
        PaginationTests.build(fs)
        #expect(PaginationTests.outputs(fs, under: "business/").count == 2)
        incremental.replace(fs, "site/content/articles/a3.md", "Ada Corp said 3.", "Ada Corp said 3.\n\n## What this means for you\n\nWatch item 3.")
        let added = PaginationTests.build(fs)
        #expect(added.indexReused)
        #expect(PaginationTests.outputs(fs, under: "business/").count == 3)
        incremental.expectCleanBuildOutput(fs, rendered: added.rendered)
        incremental.replace(fs, "site/content/articles/a0.md", "title: Article 0", "title: Article zero")
        let retitled = PaginationTests.build(fs)
        #expect(retitled.indexUpdated)
        incremental.expectCleanBuildOutput(fs, rendered: retitled.rendered)
    }
}
