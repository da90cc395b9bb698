import Foundation
import Testing
@testable import BriefgenKit

/// The page list node's early cutoff: an edit to metadata keeps the previous page list when no
/// document came or went, no old URL is given and every paginated list takes as many pages as
/// before; else the list is made again. Each test ends equal to a clean build.
@Suite struct PageListNodeTests {
    @Test func aTitleEditKeepsThePageListThoughItReordersAnActorsMentions() {
        let fs = PaginationTests.site(articles: 5, paginate: "{mentions: 2}")
        PaginationTests.build(fs)
        // Article 0 goes last in Ada Corp's mentions (by title): pages change, not their number.
        IncrementalTests().replace(fs, "site/content/articles/a0.md", "title: Article 0", "title: Article Z")
        let result = PaginationTests.build(fs)
        #expect(!result.fullBuild && result.pageListKept)
        #expect(result.rendered.contains("actors/ada/page/3/index.html"))
        #expect(Fixture.text(fs, "out/actors/ada/page/3/index.html").contains(">Article Z<"))
        IncrementalTests().expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func aMentionThatTakesAnotherPageMakesTheListAgain() {
        let note = "---\ntitle: A note\n---\nNothing yet.\n"
        let fs = PaginationTests.site(articles: 4, paginate: "{mentions: 2}", extra: ["site/content/notes/n.md": note])
        PaginationTests.build(fs)
        #expect(!PaginationTests.exists(fs, "out/actors/ada/page/3/index.html"))
        IncrementalTests().replace(fs, "site/content/notes/n.md", "Nothing yet.", "Ada Corp said more.")
        let result = PaginationTests.build(fs)
        #expect(!result.fullBuild && !result.pageListKept)
        #expect(PaginationTests.exists(fs, "out/actors/ada/page/3/index.html"))
        IncrementalTests().expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func anOldURLGivenMakesTheListAgain() {
        let fs = PaginationTests.site(articles: 2)
        PaginationTests.build(fs)
        IncrementalTests().replace(fs, "site/content/articles/a1.md", "title: Article 1", "title: Article 1\nmoved_from: [old/a1]")
        let result = PaginationTests.build(fs)
        #expect(!result.fullBuild && !result.pageListKept)
        #expect(PaginationTests.exists(fs, "out/old/a1/index.html"))
        IncrementalTests().expectCleanBuildOutput(fs, rendered: result.rendered)
    }
}
