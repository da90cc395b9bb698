import Foundation
import Testing
@testable import BriefgenKit

/// Builds the five real seed articles (copied from ../shared/seeds at run time, never
/// committed) with the example briefing's actors. Skipped, with the reason shown, when the
/// seeds are absent (a clone without ../shared); `BRIEFGEN_SEEDS` points at another folder.
@Suite struct SeedArticlesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seeds = ProcessInfo.processInfo.environment["BRIEFGEN_SEEDS"].map { URL(fileURLWithPath: $0) }
        ?? repository.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    static let seedsPresent = DiskFileSystem().isDirectory(seeds.path)

    static func site() throws -> (MemoryFileSystem, [String]) {
        let fs = MemoryFileSystem(["site/briefgen.yml": "title: Seeds\n"])
        let disk = DiskFileSystem()
        for actor in disk.files(under: repository.appendingPathComponent("content/actors").path) {
            // Front matter only: the example's bodies cite the example's own source cards.
            let text = String(decoding: disk.read(repository.appendingPathComponent("content/actors/\(actor)").path)!, as: UTF8.self)
            let frontMatter = text.components(separatedBy: "\n---\n").first! + "\n---\n"
            fs.write(frontMatter, to: "site/content/actors/\(actor)")
        }
        let names = disk.files(under: seeds.path).filter { $0.hasSuffix(".txt") }
        for name in names {
            try fs.write(disk.read(seeds.appendingPathComponent(name).path)!, to: "site/content/articles/\(name)")
        }
        return (fs, names.map { Text.slugify(String($0.dropLast(4))) })
    }

    @Test(.enabled(if: seedsPresent, "the seed articles are absent (../shared/seeds, or BRIEFGEN_SEEDS); skipped"))
    func seedsBuildIntoCleanSourcePagesWithMentionsAndBusinessSections() throws {
        let (fs, slugs) = try Self.site()
        try #require(slugs.count == 5, "expected the five seed articles in \(Self.seeds.path)")
        let result = Fixture.build(fs)
        #expect(result.succeeded, "\(result.diagnostics)")
        for slug in slugs {
            let page = Fixture.text(fs, "out/articles/\(slug)/index.html")
            let body = page.components(separatedBy: "<div class=\"prose article-text\">").last ?? ""
            for clutter in ["Facebook", "BREAKING", "Loading", "Related Articles", "Join thousands", "News Portal",
                            "Around The Clock", "Get the news"] {
                #expect(!body.contains(clutter), "\(slug) keeps clutter \"\(clutter)\"")
            }
            #expect(body.contains("<p id=\"p1\">"))
        }
        // Mentions land on the right actor pages, linked to the paragraph.
        let mentions: [(String, String)] = [
            ("katie-moussouris", "003"), ("howard-lutnick", "002"), ("kanishka-narayan", "000"),
            ("ian-thornton-trump", "002"), ("ico", "003"), ("zhipu-ai", "002"), ("dsit", "001"), ("techuk", "004"),
        ]
        for (actor, seed) in mentions {
            let slug = slugs.first { $0.hasPrefix(seed) }!
            let page = Fixture.text(fs, "out/actors/\(actor)/index.html")
            #expect(page.contains("href=\"/articles/\(slug)/#p"), "\(actor) lacks a mention in \(slug)")
        }
        // The ICO is named twice in one article (name and acronym); "POLITICO" elsewhere is not a mention.
        let ico = Fixture.text(fs, "out/actors/ico/index.html")
        #expect(ico.contains("2 mentions"))
        #expect(!ico.contains("/articles/\(slugs.first { $0.hasPrefix("002") }!)/"))
        // Business sections with citations to their paragraphs.
        let business = Fixture.text(fs, "out/business/index.html")
        for heading in ["What Does This Mean For Your Business?", "What this means for you", "Why this matters"] {
            #expect(business.contains(heading + " — <a href=\"/articles/"), "missing section \(heading)")
        }
        EndToEndTests.assertAllLinksResolve(result.outputs, base: "/")
    }

    @Test func exampleBriefingBuildsWithoutWarnings() {
        // Without the cache: a `.briefgen/` left in the checkout by another version is not the content's fault.
        let result = Builder(options: BuildOptions(siteRoot: Self.repository.path, write: false, useCache: false)).build()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.pageCount > 50)
    }
}
