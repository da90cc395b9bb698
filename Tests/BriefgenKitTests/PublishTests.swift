import Foundation
import Testing
@testable import BriefgenKit

@Suite struct PublishTests {
    @Test func githubAnnotationsEscapeAndCarryTheLocation() {
        let d = Diagnostic.error(SourceLocation(file: "content/a,b:c.md", line: 8, column: 9), "bad 100%\nvalue", hint: "fix it")
        #expect(d.githubAnnotation == "::error file=content/a%2Cb%3Ac.md,line=8,col=9,title=briefgen::bad 100%25%0Avalue (fix it)")
        let w = Diagnostic.warning(SourceLocation(file: "briefgen.yml", line: 2, column: 1), "unknown key")
        #expect(w.githubAnnotation == "::warning file=briefgen.yml,line=2,col=1,title=briefgen::unknown key")
    }

    @Test func reportJSONFollowsItsSchema() throws {
        let fs = Fixture.fileSystem(["site/content/notes/odd.md": "---\ntitle: Odd\ncolour: red\n---\n"])
        let result = Fixture.build(fs)
        let object = try #require(try JSONSerialization.jsonObject(with: BuildReport.json(result)) as? [String: Any])
        #expect(Set(object.keys) == ["version", "succeeded", "pages", "written", "skipped", "deleted", "upToDate",
                                     "fullBuild", "indexReused", "timings", "errors", "warnings"])
        #expect(object["version"] as? Int == 1)
        #expect(object["succeeded"] as? Bool == true)
        #expect(object["pages"] as? Int == result.pageCount)
        #expect((object["written"] as? [String])?.contains("index.html") == true)
        let timings = try #require(object["timings"] as? [[String: Any]])
        #expect(timings.allSatisfy { $0["stage"] is String && $0["ms"] is Double && $0["cpuMs"] is Double })
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(warnings.count == 1)
        #expect(warnings[0]["file"] as? String == "content/notes/odd.md")
        #expect(warnings[0]["line"] as? Int == 3)
        #expect(warnings[0]["column"] as? Int == 1)
        #expect(warnings[0]["hint"] is NSNull)
    }

    @Test func subpathHostingCoversFeedsChangesAnd404() {
        let fs = Fixture.fileSystem()
        var options = BuildOptions(siteRoot: "site", outputDir: "out", baseURL: "https://example.org/brief/")
        options.history = ChangeHistory(commits: [.init(hash: "abc", time: 1_782_000_000, subject: "Add notes",
                                                        files: [.init(status: "A", path: "content/notes/overview.md")])])
        let result = Builder(fs: fs, options: options).build()
        #expect(result.succeeded)
        EndToEndTests.assertAllLinksResolve(result.outputs, base: "/brief/")
        #expect(Fixture.text(fs, "out/404.html").contains("href=\"/brief/timeline/\""))
        #expect(Fixture.text(fs, "out/feed.xml").contains("https://example.org/brief/events/ban-imposed/"))
        #expect(Fixture.text(fs, "out/changes.xml").contains("https://example.org/brief/changes/#cabc"))
        #expect(Fixture.text(fs, "out/changes/index.html").contains("href=\"/brief/notes/overview/\">Overview</a>"))
    }

    @Test func isoDatesFromEpochSeconds() {
        #expect(ChangeHistory.isoDate(0) == "1970-01-01")
        #expect(ChangeHistory.isoDate(1_782_000_000) == "2026-06-21")
        #expect(ChangeHistory.isoDate(951_782_400) == "2000-02-29")
    }

    /// A real repository: commit, build, edit and commit again, rebuild incrementally.
    @Test func changeDigestFollowsGitHistory() throws {
        let site = try GitSite(prefix: "briefgen-git")
        defer { site.remove() }
        let (root, disk) = (site.root, site.disk)
        #expect(site.build().succeeded)
        let note = joinPath(root, "content/notes/overview.md")
        try disk.write(Data((String(decoding: disk.read(note)!, as: UTF8.self) + "\nMore.\n").utf8), to: note)
        try site.git("commit", "-qam", "Expand the overview")
        let second = site.build()
        #expect(second.succeeded && !second.fullBuild)
        let page = String(decoding: disk.read(joinPath(root, "public/changes/index.html"))!, as: UTF8.self)
        let expand = try #require(page.range(of: "Expand the overview"))
        let first = try #require(page.range(of: "First briefing"))
        #expect(expand.lowerBound < first.lowerBound)  // newest first
        #expect(page.contains("<time datetime=\"2026-06-01\">2026-06-01</time>"))
        #expect(page.contains("href=\"/notes/overview/\">Overview</a> <span class=\"muted\">changed</span>"))
        let feed = String(decoding: disk.read(joinPath(root, "public/changes.xml"))!, as: UTF8.self)
        #expect(feed.contains("<title>Expand the overview</title>"))
        #expect(feed.contains("<updated>2026-06-01T10:00:00Z</updated>"))
        // Built before committing, then committed: no file changed, but the digest must refresh.
        try disk.write(Data("---\ntitle: Later\n---\nText.\n".utf8), to: joinPath(root, "content/notes/later.md"))
        #expect(site.build().succeeded)
        try site.git("add", "-A")
        try site.git("commit", "-qm", "Add a later note")
        let third = site.build()
        #expect(!third.upToDate)
        // The notes' feeds are stamped with the commit that last changed each note.
        #expect(third.outputs.keys.sorted() == ["changes.xml", "changes/index.html", "notes/feed.json", "notes/feed.xml"])
    }
}
