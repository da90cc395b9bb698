import Foundation
import Testing
@testable import BriefgenKit

/// The site index updated in place for changed documents (`SiteIndex.updating`) is the index
/// made from every document: tables, co-mentions, ordered lists and key actors alike.
@Suite struct IndexUpdateTests {
    let incremental = IncrementalTests()

    /// The index of a clean build of `fs` (in memory, every document held).
    func index(_ fs: MemoryFileSystem) -> (SiteIndex, LinkTable) {
        var options = BuildOptions(siteRoot: "site", outputDir: "out")
        options.cacheDir = nil
        let builder = Builder(fs: fs, options: options)
        let (result, graph) = builder.build(keeping: nil)
        #expect(result.succeeded)
        return (graph!.model!.index, graph!.model!.links)
    }

    static func metadata(_ document: Document) -> Document { document.withoutBody() }

    /// Every field of the index the pages read, comparable.
    static func summary(_ index: SiteIndex) -> [String] {
        var lines: [String] = []
        lines.append("ids \(index.numbers.ids)")
        lines.append("backlinks \(index.backlinkTable.starts) \(index.backlinkTable.values.map { [$0.source, $0.detail] })")
        lines.append("mentions \(index.mentionTable.starts) \(index.mentionTable.values.map { [$0.source, $0.detail] })")
        for key in index.coMentions.keys.sorted() { lines.append("co \(key) \(index.coMentions[key]!.map { "\($0.actor)=\($0.count)" })") }
        for key in index.eventsByActor.keys.sorted() { lines.append("eventsByActor \(key) \(index.eventsByActor[key]!)") }
        for key in index.eventsBySource.keys.sorted() { lines.append("eventsBySource \(key) \(index.eventsBySource[key]!)") }
        for kind in DocumentKind.allCases { lines.append("kind \(kind) \(index.idsByKind[kind] ?? [])") }
        lines.append("timeline \(index.timeline)")
        lines.append("articlesByDate \(index.articlesByDate)")
        lines.append("keyActors \(index.keyActors)")
        lines.append("disputes \(index.disputeCount)")
        lines.append("titleOrder \(index.titleOrder)")
        lines.append("factHolders \(index.factHolders) \(index.orderedFactHolders)")
        return lines
    }

    /// Edits `path` with `change`, then checks the previous index updated for the documents in
    /// `ids` against the index made anew.
    func check(_ path: String, ids: [String], _ change: (MemoryFileSystem) -> Void) {
        let fs = Fixture.fileSystem()
        let (before, _) = index(fs)
        change(fs)
        let (after, links) = index(fs)
        let changes = ids.map { id in
            SiteIndex.Change(id: id, before: Self.metadata(before.documents[id]!), beforeBody: before.bodies[id],
                             after: Self.metadata(after.documents[id]!), afterBody: after.bodies[id])
        }
        let updated = before.updating(changes, documents: after.documents, bodies: after.bodies, links: links)
        #expect(updated != nil)
        guard let updated else { return }
        #expect(Self.summary(updated) == Self.summary(after), "\(path)")
    }

    @Test func aRetitledArticleMovesInTheOrderedLists() {
        check("articles/lift-story", ids: ["articles/lift-story"]) { fs in
            incremental.replace(fs, "site/content/articles/lift-story.md", "title: Lift story", "title: A lift story")
        }
    }

    @Test func aNewMentionAddsItsEdgesAndCoMentions() {
        check("articles/lift-story", ids: ["articles/lift-story"]) { fs in
            incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.",
                                "returned for some users. The ICO and the Commerce Department said nothing.")
        }
    }

    @Test func aMentionRemovedTakesItsEdgesAndCoMentionsOut() {
        check("articles/ban-story", ids: ["articles/ban-story"]) { fs in
            incremental.replace(fs, "site/content/articles/ban-story.md", "The ICO said nothing; an icon did.", "Nobody else spoke.")
        }
    }

    @Test func aRedatedEventMovesInTheTimeline() {
        check("events/partial-lift", ids: ["events/partial-lift"]) { fs in
            incremental.replace(fs, "site/content/events/partial-lift.md", "date: 2026-06-26", "date: 2026-05-02")
        }
    }

    /// Newest first, a month-only date before the days of its month (after them on the timeline).
    @Test func aSourceRedatedToAMonthGoesBeforeTheDaysOfThatMonth() {
        check("two", ids: ["articles/ban-story", "articles/lift-story"]) { fs in
            incremental.replace(fs, "site/content/articles/lift-story.md", "title: Lift story", "title: Lift story\npublished: 2026-06-20")
            incremental.replace(fs, "site/content/articles/ban-story.md", "published: 2026-06-05", "published: 2026-06")
        }
        let fs = Fixture.fileSystem()
        incremental.replace(fs, "site/content/articles/lift-story.md", "title: Lift story", "title: Lift story\npublished: 2026-06-20")
        incremental.replace(fs, "site/content/articles/ban-story.md", "published: 2026-06-05", "published: 2026-06")
        #expect(index(fs).0.articlesByDate == ["articles/ban-story", "articles/lift-story"])
    }

    @Test func aSourceGivingFactsJoinsTheFactHolders() {
        check("articles/lift-story", ids: ["articles/lift-story"]) { fs in
            incremental.replace(fs, "site/content/articles/lift-story.md", "title: Lift story", "title: Lift story\nfacts: {extent: in full}")
        }
    }

    @Test func twoDocumentsAtOnce() {
        check("two", ids: ["articles/ban-story", "articles/lift-story"]) { fs in
            incremental.replace(fs, "site/content/articles/lift-story.md", "title: Lift story", "title: Zed story")
            incremental.replace(fs, "site/content/articles/ban-story.md", "title: Ban story", "title: A ban story")
        }
    }
}
