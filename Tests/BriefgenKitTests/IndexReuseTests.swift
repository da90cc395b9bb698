import Foundation
import Testing
@testable import BriefgenKit

/// Early cutoff on the site index: a rebuild takes the previous build's index (kept in memory,
/// or read back from `.briefgen/index.bin`) only when nothing the index depends on changed.
@Suite struct IndexReuseTests {
    let incremental = IncrementalTests()
    let indexPath = "site/.briefgen/" + BuildState.indexFile

    @Test func bodyEditThatLinksAndMentionsTheSamePagesReusesTheIndex() {
        let (result, _) = incremental.rebuild { fs in
            incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.",
                                "returned for some users.\n\nMore detail, naming no one.")
        }
        #expect(result.indexReused)
        #expect(result.rendered == ["articles/lift-story/index.html"])
    }

    @Test func newMentionRebuildsTheIndexAndTheActorPage() {
        let (result, fs) = incremental.rebuild { fs in
            incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.",
                                "returned for some users.\n\nThe ICO said nothing.")
        }
        #expect(!result.indexReused)
        #expect(result.rendered.contains("actors/ico/index.html"))
        #expect(Fixture.text(fs, "out/actors/ico/index.html").contains("The ICO said nothing."))
    }

    @Test func metadataEditRebuildsTheIndex() {
        let (result, _) = incremental.rebuild { fs in
            incremental.replace(fs, "site/content/articles/lift-story.md", "title: Lift story", "title: Lifting story")
        }
        #expect(!result.indexReused)
    }

    @Test func addedOrRemovedDocumentRebuildsTheIndex() {
        let (added, _) = incremental.rebuild { fs in
            fs.write("---\nname: Ofcom\n---\nThe UK communications regulator.\n", to: "site/content/actors/ofcom.md")
        }
        #expect(!added.indexReused)
        let (removed, _) = incremental.rebuild { fs in try? fs.remove("site/content/notes/overview.md") }
        #expect(!removed.indexReused)
    }

    @Test func keptGraphReusesTheIndexInMemory() {
        let fs = Fixture.fileSystem()
        let builder = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out"))
        let (_, graph) = builder.build(keeping: nil)
        // The file is not read when the index is still in memory.
        try? fs.remove(indexPath)
        incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.",
                            "returned for some users, again.")
        let (result, _) = builder.build(keeping: graph)
        #expect(result.succeeded && result.indexReused)
        incremental.expectCleanBuildOutput(fs, rendered: result.rendered)
    }

    @Test func damagedOrMissingIndexFileIsMadeAgainWithoutAWarning() {
        for damage in ["missing", "truncated", "flipped", "stale"] {
            let fs = Fixture.fileSystem()
            #expect(Fixture.build(fs).succeeded)
            let bytes = fs.read(indexPath)!
            switch damage {
            case "missing": try? fs.remove(indexPath)
            case "truncated": try? fs.write(bytes.prefix(bytes.count / 2), to: indexPath)
            case "flipped":
                var flipped = bytes
                flipped[flipped.count / 2] ^= 0x5A
                try? fs.write(flipped, to: indexPath)
            default:
                // An index file from another build of the site (as if the header had not been
                // written after it): its checksum is not the one the header names.
                let other = Fixture.fileSystem(["site/content/actors/ofcom.md": "---\nname: Ofcom\n---\nA regulator.\n"])
                #expect(Fixture.build(other).succeeded)
                try? fs.write(other.read(indexPath)!, to: indexPath)
            }
            incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.",
                                "returned for some users, again.")
            let result = Fixture.build(fs)
            #expect(result.succeeded && !result.indexReused && result.diagnostics.isEmpty, "\(damage): \(result.diagnostics)")
            incremental.expectCleanBuildOutput(fs, rendered: result.rendered)
            // Made anew, so the next body edit reuses it again.
            incremental.replace(fs, "site/content/articles/lift-story.md", "again.", "once more.")
            #expect(Fixture.build(fs).indexReused, "\(damage)")
        }
    }

    /// Every byte of the file changed in turn, with the header's checksum made to match: the
    /// decoder checks each number and name, so it gives a shape or nil, never a crash.
    @Test func decodingAnyAlteredShapeFileNeverCrashes() throws {
        let fs = Fixture.fileSystem()
        let (_, graph) = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out")).build(keeping: nil)
        let model = try #require(graph?.model)
        let index = model.index
        let bytes = SiteShape.encoded(index: index, links: model.links)
        func decode(_ bytes: [UInt8]) -> SiteShape? {
            SiteShape.decode(SharedBytes(copying: bytes), expected: Checksum.of(bytes))
        }
        let shape = try #require(decode(bytes))
        let ids = shape.ids
        #expect(ids == index.numbers.ids && ids.count == 10)  // the fixture's content files
        // The link table, read in place, resolves every key and name as the one it was made from.
        let links = shape.links
        #expect(links.frozen != nil && links.fingerprint == model.links.fingerprint)
        #expect(links.mentionPatterns == model.links.mentionPatterns)
        #expect(links.allTargets.count == model.links.allTargets.count)
        for (key, _) in model.links.allKeys { #expect(links.resolve(key) == model.links.resolve(key), "\(key)") }
        for target in model.links.allTargets { #expect(links.target(target.id) == target) }
        #expect(links.target("actors/nobody") == nil && links.ids(forKey: "zzz") == nil && links.ids(forKey: "") == nil)
        #expect(shape.shards == ids.map { Int32(BuildState.shard(of: index.documents[$0]!.path)) })
        let decoded = shape.index.reusing(documents: index.documents, bodies: index.bodies)
        #expect(decoded.timeline == index.timeline && decoded.keyActors == index.keyActors)
        #expect(decoded.idsByKind == index.idsByKind && decoded.articlesByDate == index.articlesByDate)
        #expect(decoded.eventsByActor == index.eventsByActor && decoded.eventsBySource == index.eventsBySource)
        #expect(decoded.disputeCount == index.disputeCount)
        for id in ids {
            #expect(decoded.backlinks(of: id) == index.backlinks(of: id))
            #expect(decoded.mentions(of: id) == index.mentions(of: id))
            #expect(decoded.coMentions[id]?.map(\.actor) == index.coMentions[id]?.map(\.actor))
        }
        // The checksum the header names must match.
        #expect(SiteShape.decode(SharedBytes(copying: bytes), expected: 1) == nil)
        for position in bytes.indices {
            for value: UInt8 in [0x00, 0x7F, 0xFF] where bytes[position] != value {
                var altered = bytes
                altered[position] = value
                guard let shape = decode(altered) else { continue }
                let index = shape.index.reusing(documents: index.documents, bodies: index.bodies)
                for id in shape.ids {
                    _ = (index.backlinks(of: id), index.mentions(of: id), shape.links.resolve(id))
                }
                _ = (shape.links.allKeys, shape.links.allTargets, shape.links.suggestion(for: "anthropc"))
            }
        }
    }
}
