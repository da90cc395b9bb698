import Foundation
import Testing
@testable import BriefgenKit

/// What a build reads and publishes besides pages: files beside content (case 4 of "Trust the
/// output"), root-relative URLs under the base path, and nothing from outside the site (case 5).
@Suite struct PublishedFilesTests {
    static let png = "\u{89}PNG\r\n\u{1A}\nchart"

    @Test func rootRelativeLinksAndImagesGetTheBasePath() {
        let fs = Fixture.fileSystem(["site/content/notes/overview.md": """
            ---
            title: Overview
            ---
            ![x](/assets/chart.png) and [a](/timeline/), [b](https://example.com/x), [c](#p1), [d](//cdn.example/x).

            """])
        let result = Fixture.build(fs, baseURL: "https://example.org/brief/")
        #expect(result.succeeded, "\(result.diagnostics)")
        let page = Fixture.text(fs, "out/notes/overview/index.html")
        #expect(page.contains("src=\"/brief/assets/chart.png\""), "\(page)")
        #expect(page.contains("href=\"/brief/timeline/\""))
        #expect(page.contains("href=\"https://example.com/x\""))
        #expect(page.contains("href=\"#p1\""))
        #expect(page.contains("href=\"//cdn.example/x\""))
    }

    @Test func filesBesideContentArePublishedBesideTheirPage() {
        let fs = Fixture.fileSystem([
            "site/content/notes/chart.png": Self.png,
            "site/content/notes/img/map.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>",
            "site/content/articles/report.pdf": "%PDF-1.4 report",
            "site/content/notes/overview.md": """
            ---
            title: Overview
            ---
            ![Chart](chart.png) ![Map](./img/map.svg) and [the report](../articles/report.pdf#page=2).

            """,
        ])
        let result = Fixture.build(fs, baseURL: "https://example.org/brief/")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(Fixture.text(fs, "out/notes/chart.png") == Self.png)
        #expect(fs.read("out/notes/img/map.svg") != nil)
        #expect(fs.read("out/articles/report.pdf") != nil)
        let page = Fixture.text(fs, "out/notes/overview/index.html")
        #expect(page.contains("src=\"/brief/notes/chart.png\""), "\(page)")
        #expect(page.contains("src=\"/brief/notes/img/map.svg\""))
        #expect(page.contains("href=\"/brief/articles/report.pdf#page=2\""))
        // Removed: the image is now a missing file, reported where it is written.
        try? fs.remove("site/content/notes/chart.png")
        let second = Fixture.build(fs, baseURL: "https://example.org/brief/")
        #expect(second.diagnostics.map(\.description) == [
            "content/notes/overview.md:4:1: error: no file content/notes/chart.png for \"chart.png\" (files beside content are published with their page: put it beside the Markdown file, or fix the path)",
        ])
        #expect(Fixture.text(fs, "out/notes/chart.png") == Self.png, "the previous output is kept")
    }

    @Test func aMissingFileLinkIsAnErrorAtItsLocation() {
        let fs = Fixture.fileSystem(["site/content/notes/overview.md": "---\ntitle: Overview\n---\nSee\nthe [slides](deck.pdf) and ![](../../outside.png).\n"])
        #expect(Fixture.build(fs).diagnostics.map(\.description) == [
            "content/notes/overview.md:5:5: error: no file content/notes/deck.pdf for \"deck.pdf\" (files beside content are published with their page: put it beside the Markdown file, or fix the path)",
            "content/notes/overview.md:5:28: error: \"../../outside.png\" leaves the content folder (link to files inside content/)",
        ])
    }

    @Test func anSVGThatCouldRunScriptIsNotPublished() {
        let fs = Fixture.fileSystem(["site/content/notes/evil.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"])
        let result = Fixture.build(fs)
        #expect(result.diagnostics.map(\.description) == [
            "content/notes/evil.svg:1:1: error: SVG file could run script (script, event handler or javascript: URL); it is not published (remove the script, or convert the image to PNG)",
        ])
        #expect(fs.read("out/notes/evil.svg") == nil)
    }

    /// A full build's scan reads and hashes files on all cores: every input is hashed as
    /// when read alone, and what the files say is reported in path order.
    @Test func aScanOfManyFilesHashesEachAndReportsInPathOrder() {
        var overrides: [String: String?] = [:]
        for n in 0..<150 {
            overrides["site/content/notes/n\(n / 10)\(n % 10 + 10).md"] = "---\ntitle: Note \(n)\n---\nText \(n).\n"
        }
        overrides["site/content/notes/a.svg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"
        overrides["site/content/notes/z.svg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
        let fs = Fixture.fileSystem(overrides)
        let scan = InputScan(root: "site", fs: fs, previous: [:], readAll: true)
        #expect(scan.inputs.count > 150)
        for (path, input) in scan.inputs {
            #expect(input.hash == Checksum.of(fs.read("site/" + path)!), "\(path)")
            #expect(scan.data[path] == fs.read("site/" + path))
        }
        #expect(scan.changed == Set(scan.inputs.keys))
        #expect(scan.diagnostics.map(\.location.file) == ["content/notes/a.svg", "content/notes/z.svg"])
    }

    /// Once the documents are parsed, the scan lets go of their files' bytes (its copies share
    /// them); a file published as it is keeps its bytes for its copy.
    @Test func aBuildLetsGoOfParsedFilesButNotOfFilesPublishedAsTheyAre() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        let fs = Fixture.fileSystem(["site/content/notes/chart.svg": svg])
        let scan = InputScan(root: "site", fs: fs, previous: [:], readAll: true)
        let documents = scan.contentPaths
        #expect(!documents.isEmpty)
        #expect(documents.allSatisfy { scan.data[$0] != nil })
        var result = BuildResult()
        var clock = StageClock()
        let options = BuildOptions(siteRoot: "site", outputDir: "out", write: false)
        let outcome = BuildEngine(fs: fs, options: options, previous: nil).run(scan: scan, result: &result, clock: &clock)
        #expect(!result.diagnostics.hasErrors)
        #expect(documents.allSatisfy { scan.data[$0] == nil })
        #expect(scan.data["content/notes/chart.svg"] != nil)
        #expect(outcome.files["notes/chart.svg"] == Data(svg.utf8))
    }

    // MARK: - Symbolic links (on disk)

    static func temporarySite() throws -> (root: String, outside: String) {
        let base = NSTemporaryDirectory() + "briefgen-links-\(UUID().uuidString)"
        let fm = FileManager.default
        for folder in ["site/content/notes", "site/templates/assets", "site/other", "outside/dir"] {
            try fm.createDirectory(atPath: base + "/" + folder, withIntermediateDirectories: true)
        }
        try "title: Links\n".write(toFile: base + "/site/briefgen.yml", atomically: true, encoding: .utf8)
        try "---\ntitle: Home note\n---\nText.\n".write(toFile: base + "/site/content/notes/home.md", atomically: true, encoding: .utf8)
        try "secret\n".write(toFile: base + "/outside/secret.txt", atomically: true, encoding: .utf8)
        try "---\ntitle: Outside\n---\nSecret.\n".write(toFile: base + "/outside/note.md", atomically: true, encoding: .utf8)
        try "---\ntitle: Outside too\n---\nSecret.\n".write(toFile: base + "/outside/dir/n.md", atomically: true, encoding: .utf8)
        try "---\ntitle: Inside\n---\nLinked within the site.\n".write(toFile: base + "/site/other/inside.md", atomically: true, encoding: .utf8)
        return (base + "/site", base + "/outside")
    }

    @Test func symbolicLinksLeavingTheSiteAreRefusedAndNothingIsPublished() throws {
        let (root, outside) = try Self.temporarySite()
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root + "/templates/assets/leak.txt", withDestinationPath: outside + "/secret.txt")
        try fm.createSymbolicLink(atPath: root + "/content/notes/outside.md", withDestinationPath: outside + "/note.md")
        try fm.createSymbolicLink(atPath: root + "/content/notes/dir", withDestinationPath: outside + "/dir")
        try fm.createSymbolicLink(atPath: root + "/content/notes/inside.md", withDestinationPath: "../../other/inside.md")
        let options = BuildOptions(siteRoot: root, outputDir: root + "/public")
        let result = Builder(fs: DiskFileSystem(), options: options).build()
        let realOutside = DiskFileSystem().realPath(outside)!
        #expect(result.diagnostics.map(\.description) == [
            "content/notes/dir:1:1: error: symbolic link to \(realOutside)/dir, outside the site folder; it is not read or published (copy the file into the site instead of linking to it)",
            "content/notes/outside.md:1:1: error: symbolic link to \(realOutside)/note.md, outside the site folder; it is not read or published (copy the file into the site instead of linking to it)",
            "templates/assets/leak.txt:1:1: error: symbolic link to \(realOutside)/secret.txt, outside the site folder; it is not read or published (copy the file into the site instead of linking to it)",
        ])
        #expect(!fm.fileExists(atPath: root + "/public"))
        // Without the links leaving the site, the link inside it is built.
        for link in ["templates/assets/leak.txt", "content/notes/outside.md", "content/notes/dir"] { try fm.removeItem(atPath: root + "/" + link) }
        let second = Builder(fs: DiskFileSystem(), options: options).build()
        #expect(second.succeeded, "\(second.diagnostics)")
        #expect(fm.fileExists(atPath: root + "/public/notes/inside/index.html"))
        #expect(!fm.fileExists(atPath: root + "/public/assets/leak.txt"))
    }

    @Test func aLinkAddedToABuiltSiteFailsTheNextBuild() throws {
        let (root, outside) = try Self.temporarySite()
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let options = BuildOptions(siteRoot: root, outputDir: root + "/public")
        #expect(Builder(fs: DiskFileSystem(), options: options).build().succeeded)
        try FileManager.default.createSymbolicLink(atPath: root + "/templates/assets/leak.txt", withDestinationPath: outside + "/secret.txt")
        let result = Builder(fs: DiskFileSystem(), options: options).build()
        #expect(!result.succeeded && !result.upToDate)
        #expect(!FileManager.default.fileExists(atPath: root + "/public/assets/leak.txt"))
    }

    @Test func aLinkLoopInsideTheSiteEndsTheWalk() throws {
        let (root, _) = try Self.temporarySite()
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        try FileManager.default.createSymbolicLink(atPath: root + "/content/notes/loop", withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: root + "/content/up", withDestinationPath: "..")
        let result = Builder(fs: DiskFileSystem(), options: BuildOptions(siteRoot: root, outputDir: root + "/public")).build()
        #expect(result.succeeded, "\(result.diagnostics)")
    }
}
