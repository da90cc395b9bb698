import Foundation
import Testing
@testable import BriefgenKit

/// The one engine verifies the previous graph's slices by the nodes they read: a node made
/// again to the value it had keeps its old revision, and no slice reading it is computed again.
@Suite struct GraphRevisionTests {
    let incremental = IncrementalTests()

    /// How many slices of the graph on disk read the whole site (computed on every rebuild).
    func siteSlices(_ fs: MemoryFileSystem) throws -> Int {
        let options = BuildOptions(siteRoot: "site", outputDir: "out")
        let store = GraphStore(fs: fs, directory: "site/.briefgen")
        guard case .success = store.open(optionsKey: options.key, outputMarker: nil) else {
            Issue.record("no graph")
            return -1
        }
        return try store.tables().slices.all.count { SliceKey($0).node == .site }
    }

    /// A slice's name gives back its kind and argument, and whether it is fingerprinted where
    /// read is told from its name's first bytes as its kind says.
    @Test func aSliceNameParsesToItsKindAndArgument() {
        for kind in SliceKind.allCases {
            for argument in ["actors/anthropic", "timeline@2", "a:b", "é/ü", ""] {
                let name = Slice.name(kind, argument)
                #expect(Slice.parse(name)?.kind == kind && Slice.parse(name)?.argument == argument, "\(name)")
                #expect(SliceKind.fingerprintedWhereRead(name) == kind.fingerprintedWhereRead, "\(name)")
            }
            #expect(Slice.parse(kind.rawValue)?.kind == kind && Slice.parse(kind.rawValue)?.argument == "")
            #expect(!SliceKind.fingerprintedWhereRead(kind.rawValue), "a name without a colon is no slice of a document")
        }
        for name in ["", ":", "x:y", "pgx:actors/a", "ampm:x", "sec", "p:g"] {
            #expect(!SliceKind.fingerprintedWhereRead(name), "\(name)")
        }
        #expect(Slice.parse("nokind:x") == nil && Slice.parse("") == nil)
    }

    @Test func everySliceOfOneDocumentReadsANodeOfThatDocument() {
        // A slice of the whole site is computed on every rebuild: one per document that were
        // (an event's disputes were, 2,000 of them at 10,000 articles) costs every body edit.
        for kind in SliceKind.allCases where kind.scope == .document || kind.scope == .crossDocument {
            #expect(SliceKey(Slice.name(kind, "events/x")).node != .site, "\(kind)")
        }
        #expect(SliceKey(Slice.disputes("events/x")).node == .meta)
    }

    /// Slices that walk what one page shows are fingerprinted by the job that rendered the
    /// page, the rest in a pass afterwards: either way the graph holds what `Slice.fingerprint`
    /// makes of the model (a wrong one would leave a page stale after a later edit).
    @Test func everyFingerprintRecordedByACleanBuildIsTheSlicesOwn() throws {
        let fs = Fixture.fileSystem()
        let options = BuildOptions(siteRoot: "site", outputDir: "out")
        let (result, graph) = Builder(fs: fs, options: options).build(keeping: nil)
        #expect(result.succeeded)
        let model = try #require(graph?.model)
        let store = GraphStore(fs: fs, directory: "site/.briefgen")
        guard case .success = store.open(optionsKey: options.key, outputMarker: nil) else {
            Issue.record("no graph")
            return
        }
        let tables = try store.tables()
        let names = tables.slices.all
        var walked = 0
        for (number, name) in names.enumerated() {
            guard let (kind, _) = Slice.parse(name), kind != .template, kind != .file, kind != .pages else { continue }
            if kind.fingerprintedWhereRead { walked += 1 }
            #expect(tables.sliceFingerprints[number] == Slice.fingerprint(name, in: model), "\(name)")
        }
        #expect(walked > 10, "the fixture's list pages, backlinks and named actors")
    }

    @Test func aBodyMadeAgainToTheSameSummaryComputesNoSliceOfItsDocument() throws {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        let site = try siteSlices(fs)
        // A blank line more at the end: the file changed, its parse and HTML did not.
        incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.\n", "returned for some users.\n\n\n")
        let result = Fixture.build(fs)
        #expect(result.succeeded)
        #expect(result.parsed == ["content/articles/lift-story.md"])
        #expect(result.bodiesRendered == ["articles/lift-story"])
        #expect(result.indexReused)
        // Only the slices of the whole site were computed: not its title, body or excerpt, not
        // the mentions of the actors it names.
        #expect(result.slicesComputed == site)
        #expect(result.rendered.isEmpty && result.outputs.isEmpty)
    }

    @Test func aBodyEditComputesTheSlicesOfThatBodyAndNoOther() throws {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        let site = try siteSlices(fs)
        // Words the article has already: the search index keeps its files.
        incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.", "returned for some users. Returned.")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.indexReused)
        // Its body slices, and the mentions that read differently (two actors at most), were
        // computed again; a few at most beyond the site's.
        #expect(result.slicesComputed > site && result.slicesComputed <= site + 12, "\(result.slicesComputed) vs \(site)")
        incremental.expectCleanBuildOutput(fs, rendered: result.rendered)
    }
}
