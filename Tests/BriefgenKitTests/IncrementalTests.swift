import Foundation
import Testing
@testable import BriefgenKit

/// What an edit re-runs, and above all what it does not (render counts, as Hugo's
/// AssertRenderCountPage): each test builds the fixture, edits one thing, rebuilds.
@Suite struct IncrementalTests {
    func rebuild(with files: [String: String] = [:], after edit: (MemoryFileSystem) -> Void) -> (BuildResult, MemoryFileSystem) {
        let fs = Fixture.fileSystem(files)
        let first = Fixture.build(fs)
        #expect(first.succeeded && first.fullBuild, "\(first.diagnostics)")
        edit(fs)
        let second = Fixture.build(fs)
        #expect(second.succeeded, "\(second.diagnostics)")
        #expect(!second.fullBuild)
        expectCleanBuildOutput(fs, rendered: second.rendered)
        return (second, fs)
    }

    /// Whatever was skipped, the output folder equals a clean build of the same site.
    func expectCleanBuildOutput(_ fs: MemoryFileSystem, rendered: [String] = []) {
        let clean = MemoryFileSystem()
        for path in fs.files(under: "site") where !path.hasPrefix(".briefgen/") {
            clean.write(Fixture.text(fs, "site/" + path), to: "site/" + path)
        }
        let reference = Fixture.build(clean)
        for (path, data) in reference.outputs {
            #expect(fs.read("out/" + path) == data, "\(path) differs from a clean build: \(rendered)")
        }
        #expect(Set(fs.files(under: "out")) == Set(clean.files(under: "out")))
    }

    func replace(_ fs: MemoryFileSystem, _ path: String, _ old: String, _ new: String) {
        let text = Fixture.text(fs, path)
        precondition(text.contains(old), "\(path) lacks \(old)")
        fs.write(text.replacingOccurrences(of: old, with: new), to: path)
    }

    @Test func overridingABuiltInAssetReplacesItAndRemovingTheOverrideRestoresIt() {
        let (result, fs) = rebuild { fs in fs.write("body { color: red; }\n", to: "site/templates/assets/style.css") }
        #expect(Fixture.text(fs, "out/assets/style.css") == "body { color: red; }\n")
        #expect(result.outputs.keys.contains("assets/style.css"))
        try? fs.remove("site/templates/assets/style.css")
        #expect(Fixture.build(fs).succeeded)
        #expect(Fixture.text(fs, "out/assets/style.css") == DefaultTheme.assets["style.css"])
        expectCleanBuildOutput(fs)
    }

    @Test func noChangeRerunsNothing() {
        let (result, _) = rebuild { _ in }
        #expect(result.upToDate)
        #expect(result.rendered.isEmpty && result.parsed.isEmpty && result.outputs.isEmpty)
    }

    @Test func touchingAFileWithoutChangingItRendersNothing() {
        let (result, _) = rebuild { fs in fs.write(Fixture.text(fs, "site/content/notes/overview.md"), to: "site/content/notes/overview.md") }
        #expect(result.parsed == [])
        #expect(result.rendered.isEmpty)
    }

    @Test func bodyOnlyEditRerendersTheArticleAndNotPagesShowingItsTitle() {
        let (result, _) = rebuild { fs in
            replace(fs, "site/content/articles/lift-story.md", "returned for some users.", "returned for some users.\n\nMore detail, naming no one.")
        }
        #expect(result.parsed == ["content/articles/lift-story.md"])
        #expect(result.bodiesRendered == ["articles/lift-story"])
        #expect(result.rendered == ["articles/lift-story/index.html"])
        // The sources' JSON Feed carries each source's text; the Atom feed lists dated sources only.
        // (The search index's files holding its new words are tested in SearchIndexIncrementalTests.)
        #expect(Set(result.outputs.keys.filter { !SearchIndex.isIndexFile($0) }) == ["articles/lift-story/index.html", "articles/feed.json"])
        // The event and timeline that list this source by title were not re-rendered.
        #expect(!result.rendered.contains("events/partial-lift/index.html"))
        #expect(!result.rendered.contains("timeline/index.html"))
    }

    /// The differing facts read the documents giving facts only: retitling a source that gives
    /// none leaves the disputes page alone; giving it facts brings the page back.
    @Test func differingFactsFollowTheDocumentsGivingFactsOnly() {
        let aside = ["site/content/articles/aside.md": "---\ntitle: Aside\npublished: 2026-06-07\n---\nText.\n"]
        let (retitled, _) = rebuild(with: aside) { fs in replace(fs, "site/content/articles/aside.md", "title: Aside", "title: An aside") }
        #expect(retitled.rendered.contains("articles/aside/index.html"))
        #expect(!retitled.rendered.contains("disputes/index.html"))
        let (factual, fs) = rebuild(with: aside) { fs in
            replace(fs, "site/content/articles/aside.md", "title: Aside", "title: Aside\nfacts: {extent of the lifting: in full}")
            replace(fs, "site/content/events/partial-lift.md", "date: 2026-06-26", "date: 2026-06-26\nfacts: {extent of the lifting: in part}")
        }
        #expect(factual.rendered.contains("disputes/index.html"))
        #expect(Fixture.text(fs, "out/disputes/index.html").contains("<strong>in full</strong>"))
    }

    @Test func titleEditRerendersPagesShowingTheTitleOnly() {
        let (result, fs) = rebuild { fs in replace(fs, "site/content/articles/lift-story.md", "title: Lift story", "title: Lifting story") }
        #expect(result.rendered.contains("articles/lift-story/index.html"))
        #expect(result.rendered.contains("events/partial-lift/index.html"))  // lists it as a source
        #expect(result.rendered.contains("articles/index.html"))
        #expect(result.rendered.contains("actors/anthropic/index.html"))  // its mentions list the source title
        #expect(!result.rendered.contains("actors/ico/index.html"))
        #expect(!result.rendered.contains("business/finance/index.html"))
        #expect(!result.rendered.contains("notes/overview/index.html"))
        #expect(Fixture.text(fs, "out/events/partial-lift/index.html").contains("Lifting story"))
    }

    @Test func titleEditRerendersOnlyBodiesShowingItAsALinkLabel() {
        let (result, fs) = rebuild { fs in replace(fs, "site/content/articles/ban-story.md", "title: Ban story", "title: Ban report") }
        // ban-imposed cites it with an unlabelled [[articles/ban-story#p1]]; no other body shows its title.
        #expect(result.bodiesRendered == ["articles/ban-story", "events/ban-imposed"])
        #expect(Fixture.text(fs, "out/events/ban-imposed/index.html").contains("Ban report ¶1"))
    }

    @Test func newMentionOfOneActorRerendersThatActorNotEveryActor() {
        let (result, fs) = rebuild { fs in
            replace(fs, "site/content/notes/overview.md", "disagree.", "disagree.\n\nThe ICO is watching.")
        }
        #expect(result.rendered.contains("actors/ico/index.html"))
        #expect(result.rendered.contains("notes/overview/index.html"))
        #expect(!result.rendered.contains("actors/mythos/index.html"))
        #expect(!result.rendered.contains("timeline/index.html"))
        #expect(!result.rendered.contains("events/ban-imposed/index.html"))
        #expect(Fixture.text(fs, "out/actors/ico/index.html").contains("The ICO is watching."))
    }

    @Test func newEventRerendersListsAndItsActorsOnly() {
        let (result, fs) = rebuild { fs in
            fs.write("---\ntitle: Letter published\ndate: 2026-07-01\nactors: [ico]\nsources: [ban-story]\n---\nA letter.\n",
                     to: "site/content/events/letter.md")
        }
        #expect(result.rendered.contains("events/letter/index.html"))
        #expect(result.rendered.contains("timeline/index.html"))
        #expect(result.rendered.contains("index.html"))
        #expect(result.rendered.contains("actors/ico/index.html"))
        #expect(result.rendered.contains("articles/ban-story/index.html"))  // cited by the new event
        #expect(!result.rendered.contains("actors/mythos/index.html"))
        #expect(!result.rendered.contains("notes/overview/index.html"))
        #expect(!result.rendered.contains("articles/lift-story/index.html"))
        #expect(Fixture.text(fs, "out/sitemap.xml").contains("events/letter/"))
        // No other body links to it, labels it or could mention it.
        #expect(result.bodiesRendered == ["events/letter"])
    }

    @Test func deletingAnEventNoBodyLinksToRendersNoBody() {
        let (result, _) = rebuild { fs in try? fs.remove("site/content/events/partial-lift.md") }
        #expect(result.bodiesRendered == [])
        #expect(result.deleted.contains("events/partial-lift/index.html"))
        #expect(!result.rendered.contains("notes/overview/index.html"))
    }

    @Test func aDocumentTakingAKeyRerendersTheBodiesLinkingToWhatTheKeyNamed() {
        // `[[Anthropic]]` in finance names the actor; a note with that slug shares the key
        // "anthropic" from now on (the actor still wins it), so finance's body is made again.
        let (result, _) = rebuild { fs in fs.write("---\ntitle: About Anthropic\n---\nA note.\n", to: "site/content/notes/anthropic.md") }
        #expect(result.bodiesRendered.contains("business/finance"))
        #expect(result.bodiesRendered.contains("notes/anthropic"))
        #expect(!result.bodiesRendered.contains("articles/lift-story"))
    }

    @Test func templateEditRerendersPagesUsingThatTemplateOnly() {
        let (result, fs) = rebuild { fs in
            fs.write("{{<layout}}{{$main}}<h1 class=\"n\">{{note.title}}</h1>{{{body}}}{{/main}}{{/layout}}",
                     to: "site/templates/note.mustache")
        }
        #expect(result.rendered == ["notes/overview/index.html"])
        #expect(result.bodiesRendered.isEmpty)
        #expect(result.bodiesFetched == ["notes/overview"])  // its HTML is not cached, so rendered on demand
        #expect(Fixture.text(fs, "out/notes/overview/index.html").contains("<h1 class=\"n\">"))
        #expect(result.explanations["notes/overview/index.html"] == "templates/note.mustache changed (template note)")
    }

    @Test func layoutEditRerendersEveryPage() {
        let (result, _) = rebuild { fs in
            fs.write(DefaultTheme.templates["layout"]!.replacingOccurrences(of: "Skip to content", with: "Skip"),
                     to: "site/templates/layout.mustache")
        }
        #expect(result.rendered.count == result.pageCount)
    }

    @Test func configEditRerendersPagesReadingConfig() {
        let (result, fs) = rebuild { fs in replace(fs, "site/briefgen.yml", "title: Test Briefing", "title: New Name") }
        #expect(result.rendered.count == result.pageCount)  // every page shows the site title
        #expect(result.bodiesRendered.isEmpty)  // no Markdown summary depends on the title
        #expect(result.bodiesFetched.count == 10)  // the pages' HTML bodies, which the cache does not keep
        #expect(Fixture.text(fs, "out/index.html").contains("New Name"))
        #expect(result.explanations["index.html"] == "briefgen.yml changed")
    }

    @Test func removedAndRenamedFilesDeleteTheirPages() {
        let (result, fs) = rebuild { fs in
            let text = Fixture.text(fs, "site/content/notes/overview.md")
            try? fs.remove("site/content/notes/overview.md")
            fs.write(text, to: "site/content/notes/summary.md")
        }
        #expect(result.deleted == ["notes/overview/index.html"])
        #expect(fs.read("out/notes/overview/index.html") == nil)
        #expect(fs.read("out/notes/summary/index.html") != nil)
    }

    @Test func warningsOfUnchangedFilesAreReportedOnEveryBuild() {
        let fs = Fixture.fileSystem(["site/content/notes/odd.md": "---\ntitle: Odd\ncolour: red\n---\n"])
        let first = Fixture.build(fs)
        #expect(first.diagnostics.count == 1)
        let second = Fixture.build(fs)
        #expect(second.upToDate)
        #expect(second.diagnostics == first.diagnostics)
        fs.write("---\ntitle: Other\n---\n", to: "site/content/notes/other.md")
        let third = Fixture.build(fs)
        #expect(!third.upToDate && third.diagnostics == first.diagnostics)
    }

    @Test func removingADraftThatSharesAPagesIdKeepsThatPagesBody() {
        // The body shortcut drops the summaries of ids whose file changed or went away; here the
        // id is still made by another file, and the build must notice and take the long way.
        let fs = Fixture.fileSystem(["site/content/actors/anthropic-old.md": """
            ---
            name: Anthropic (old notes)
            slug: anthropic
            draft: true
            ---
            Old notes.

            """])
        #expect(Fixture.build(fs).succeeded)
        try? fs.remove("site/content/actors/anthropic-old.md")
        let second = Fixture.build(fs)
        #expect(second.succeeded && !second.fullBuild, "\(second.diagnostics)")
        expectCleanBuildOutput(fs, rendered: second.rendered)
        #expect(Fixture.text(fs, "out/actors/anthropic/index.html").contains("Mythos"))
    }

    @Test func corruptTruncatedOrForeignCacheGivesOneWarningAndACorrectFullBuild() {
        // "tables" and "journal" damage only the slice and output tables, which are decoded in
        // the background after the build has started from the cache: it must start over, clean.
        // "header" and "shard" change one byte inside the header or the edited document's record
        // in its shard, which the checksums the header keeps (its own at its end) tell.
        for damage in ["truncate", "end", "garbage", "foreign", "tables", "journal", "header", "shard"] {
            let fs = Fixture.fileSystem()
            #expect(Fixture.build(fs).succeeded)
            if damage == "journal" {
                // An edit whose changes go to the journal of the tables.
                replace(fs, "site/content/notes/overview.md", "disagree.", "disagree, still.")
                #expect(Fixture.build(fs).succeeded)
            }
            let shard = BuildState.shardPath(BuildState.shard(of: "content/notes/overview.md"), cacheDir: "site/.briefgen")
            let file = ["tables": BuildState.tablesFile, "journal": BuildState.journalFile][damage] ?? GraphStore.headFile
            let path = damage == "shard" ? shard : "site/.briefgen/" + file
            let bytes = try! #require(fs.read(path), "\(damage)")
            switch damage {
            case "truncate", "tables": try? fs.write(bytes.prefix(bytes.count / 2), to: path)
            case "end": try? fs.write(bytes.prefix(bytes.count - 3), to: path)
            case "garbage": try? fs.write(Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }), to: path)
            case "journal", "header", "shard":
                var flipped = bytes
                // In a shard, inside the edited document's record (each record has its checksum).
                let record = damage != "shard" ? nil : try! BuildState.shardRecords(SharedBytes(copying: [UInt8](bytes)), expected: nil)
                    .first { $0.path == "content/notes/overview.md" }
                flipped[damage == "journal" ? flipped.count - 1 : record.map { ($0.start + $0.end) / 2 } ?? flipped.count / 2] ^= 0x01
                try? fs.write(flipped, to: path)
            default: fs.write("{\"some\": \"other tool\"}", to: path)
            }
            replace(fs, "site/content/notes/overview.md", damage == "journal" ? "disagree, still." : "disagree.", "disagree strongly.")
            let result = Fixture.build(fs)
            #expect(result.fullBuild, "\(damage)")
            #expect(result.diagnostics.count == 1 && result.diagnostics[0].message.hasPrefix("build cache ignored"), "\(damage)")
            #expect(Fixture.text(fs, "out/notes/overview/index.html").contains("disagree strongly."))
            let again = Fixture.build(fs)
            #expect(again.upToDate)  // the cache was rewritten
            #expect(again.diagnostics.isEmpty, "the warning was for the build that ignored the cache: \(damage)")
        }
    }

    @Test func failedIncrementalBuildLeavesOutputAndCacheAlone() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        let before = Fixture.text(fs, "out/notes/overview/index.html")
        replace(fs, "site/content/notes/overview.md", "disagree.", "disagree with [[nobody]].")
        #expect(!Fixture.build(fs).succeeded)
        #expect(Fixture.text(fs, "out/notes/overview/index.html") == before)
        replace(fs, "site/content/notes/overview.md", "[[nobody]]", "[[anthropic]]")
        let fixed = Fixture.build(fs)
        #expect(fixed.succeeded && fixed.outputs["notes/overview/index.html"] != nil)
    }
}
