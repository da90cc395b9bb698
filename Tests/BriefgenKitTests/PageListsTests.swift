import Foundation
import Testing
@testable import BriefgenKit

/// The lists pages show: an actor's mentions per source, backlinks grouped by kind, and what a
/// build keeps of the files it wrote.
@Suite struct PageListsTests {
    private func model() throws -> SiteModel {
        var builder = Builder(fs: Fixture.fileSystem(), options: BuildOptions(siteRoot: "site", outputDir: "out"))
        builder.options.inMemory = true
        let (result, graph) = builder.build(keeping: nil)
        #expect(result.succeeded)
        return try #require(graph?.model)
    }

    @Test func mentionsInOneSourceAreThatSourcesStretchOfTheActorsMentions() throws {
        let index = try model().index
        let ids = index.documents.heldIDs.sorted()
        var found = 0
        for actor in ids where actor.hasPrefix("actors/") {
            let all = index.mentions(of: actor)
            for source in ids {
                let one = index.mentions(of: actor, in: source)
                #expect(one == all.filter { $0.source == source }, "\(actor) in \(source)")
                found += one.count
            }
            #expect(index.mentions(of: actor, in: "articles/nothing-here").isEmpty)
        }
        #expect(found > 3)
        #expect(index.mentions(of: "actors/nobody", in: "articles/ban-story").isEmpty)
    }

    @Test func mentionsFoundForManySourcesAtOnceAreEachSourcesOwn() throws {
        let index = try model().index
        let ids = index.documents.heldIDs.sorted()
        // Shuffled, with a repeat and sources that are not on the site: each place answers for its own source.
        var sources = ids.reversed() + ["articles/nothing-here"] + ids.prefix(2) + ["actors/nobody"]
        sources.swapAt(0, sources.count / 2)
        var found = 0
        for actor in ids.filter({ $0.hasPrefix("actors/") }) + ["actors/nobody"] {
            let together = index.mentions(of: actor, in: sources)
            #expect(together.count == sources.count)
            for (source, one) in zip(sources, together) {
                var seen: [SiteIndex.MentionRef] = []
                one.forEach { seen.append(.init(source: source, paragraph: $0.pointee.paragraph, snippet: $0.pointee.snippet, text: $0.pointee.text)) }
                #expect(one.count == seen.count)
                #expect(seen == index.mentions(of: actor).filter { $0.source == source }, "\(actor) in \(source)")
                found += seen.count
            }
        }
        #expect(found > 3)
    }

    @Test func aSourcesMentionCountIsHowManyMentionsItsWalkGives() throws {
        let index = try model().index
        let ids = index.documents.heldIDs.sorted()
        var counted = 0
        for actor in ids where actor.hasPrefix("actors/") {
            for source in ids + ["articles/nothing-here"] {
                var told = -1
                var seen: [SiteIndex.MentionRef] = []
                index.forEachMention(of: actor, in: source, counted: { told = $0 }) {
                    seen.append(.init(source: source, paragraph: $0.pointee.paragraph, snippet: $0.pointee.snippet, text: $0.pointee.text))
                }
                #expect(told == seen.count && seen == index.mentions(of: actor, in: source), "\(actor) in \(source)")
                counted += told
            }
        }
        #expect(counted > 3)
    }

    @Test func backlinksWalkedInPlaceAreTheListedBacklinks() throws {
        let index = try model().index
        var walked = 0
        for id in index.documents.heldIDs.sorted() {
            var seen: [SiteIndex.Backlink] = []
            index.forEachBacklink(of: id) { seen.append(.init(source: $0, reason: $1, paragraph: nil)) }
            #expect(seen == index.backlinks(of: id), "\(id)")
            walked += seen.count
        }
        #expect(walked > 3)
    }

    @Test func numbersAndStoredTextHashAsTheirStringsDo() {
        for number in [0, 7, -7, 10, 99, 1_000_000, Int.max, Int.min] {
            var text = StableHash(), decimal = StableHash()
            text.combine(String(number))
            decimal.combine(decimal: number)
            #expect(text.value == decimal.value, "\(number)")
        }
        let bytes = Array("before — the sentence around a mention — after".utf8)
        let stored = StoredText(SharedBytes(copying: bytes), start: 7, count: bytes.count - 13)
        var text = StableHash(), inPlace = StableHash(), made = StableHash()
        text.combine(stored.string)
        stored.combine(into: &inPlace)
        StoredText(stored.string).combine(into: &made)
        #expect(text.value == inPlace.value && text.value == made.value)
    }

    @Test func anActorsMentioningDocumentsAreItsDistinctSources() throws {
        let index = try model().index
        var counted = 0
        for actor in index.documents.heldIDs.sorted() where actor.hasPrefix("actors/") {
            let sources = Set(index.mentions(of: actor).map(\.source))
            #expect(index.mentioningDocuments(of: actor) == sources.count, "\(actor)")
            #expect(index.mentioningSources(of: actor).count == sources.count, "\(actor)")
            counted += sources.count
        }
        #expect(counted > 1)
        #expect(index.mentioningDocuments(of: "actors/nobody") == 0)
    }

    @Test func backlinksAreGroupedByKindAndSayHowThePagePointsHere() throws {
        // A note that only names Anthropic in its text: its passage is in the mention list.
        let fs = Fixture.fileSystem(["site/content/notes/aside.md": "---\ntitle: Aside\n---\nAnthropic said little.\n"])
        #expect(Fixture.build(fs).succeeded)
        let page = Fixture.text(fs, "out/actors/anthropic/index.html")
        let section = try #require(page.range(of: "<section class=\"backlinks\"").map { String(page[$0.lowerBound...]) })
        // The mention list alone (the events' source links are elsewhere on the page).
        let listStart = try #require(page.range(of: "<ul class=\"mentions\">"))
        let mentions = String(page[listStart.lowerBound...])
        let mentionList = try #require(mentions.range(of: "</section>").map { String(mentions[..<$0.lowerBound]) })
        // Kinds in their order (sources, actors, events, business, notes); a page that links
        // here says so before one that lists. The two sources only name Anthropic in their
        // text: they are in the mention list, and no "Sources" group is left here.
        let headings = ["<h3>Actors</h3>", "<h3>Events</h3>", "<h3>Business</h3>", "<h3>Notes</h3>"]
        #expect(!section.contains("<h3>Sources</h3>"))
        #expect(mentionList.contains("/articles/ban-story/") && mentionList.contains("/articles/lift-story/"))
        let places = headings.compactMap { section.range(of: $0)?.lowerBound }
        #expect(places.count == headings.count && places == places.sorted())
        #expect(section.contains(#"<a href="/business/finance/">Finance</a> <span class="how">links here</span>"#))
        // The overview note names Anthropic and lists it as related: listed here as listing it.
        #expect(section.contains(#"<a href="/notes/overview/">Overview</a> <span class="how">lists</span>"#))
        // A page that only names the actor is in the mention list above, not here again.
        #expect(!section.contains("/notes/aside/"))
        #expect(mentionList.contains("/notes/aside/"))
        #expect(section.contains(#"<a href="/actors/mythos/">Claude Mythos 5</a> <span class="how">lists</span>"#))
    }

    @Test func aBuildThatDoesNotKeepOutputsStillListsWhatItWrote() throws {
        let fs = Fixture.fileSystem()
        var builder = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out"))
        builder.keepsOutputs = false
        let result = builder.build()
        #expect(result.succeeded && result.outputs.isEmpty)
        let onDisk = fs.files(under: "out").filter { $0 != OutputWriter.marker }.sorted()
        #expect(!onDisk.isEmpty && result.writtenPaths == onDisk && result.written == onDisk.count)
        // The same build keeping them: the same paths, with their bytes.
        let kept = Fixture.build(Fixture.fileSystem())
        #expect(kept.writtenPaths == onDisk && kept.outputs.keys.sorted() == onDisk)
        #expect(kept.outputs["actors/anthropic/index.html"] == fs.read("out/actors/anthropic/index.html"))
    }
}
