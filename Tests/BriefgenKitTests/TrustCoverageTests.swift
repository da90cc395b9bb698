import Foundation
import Testing
@testable import BriefgenKit

/// Issue 13 items that had no test of their own: `new actor --kind` from the command line, and
/// `/changes/` leaving out commits that touch no content.
@Suite struct TrustCoverageTests {
    @Test(.enabled(if: BriefgenBinary.present, "the briefgen binary is not built (.build/debug/briefgen); skipped"))
    func newActorTakesItsKindFromTheCommandLine() throws {
        let folder = try CommandLineTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try CommandLineTests.run(["new", "site", "brief"], in: folder).code == 0)
        let site = folder + "/brief"
        let made = try CommandLineTests.run(["new", "actor", "Ofcom", "--kind", "government", "--site", site], in: folder)
        #expect(made.code == 0, "\(made.err)")
        #expect(try String(contentsOfFile: site + "/content/actors/ofcom.md", encoding: .utf8).contains("kind: government"))
        let wrong = try CommandLineTests.run(["new", "actor", "Someone", "--kind", "goverment", "--site", site], in: folder)
        #expect(wrong.code != 0)
        #expect(wrong.err.contains("unknown actor kind `goverment`"), "\(wrong.err)")
        #expect(!FileManager.default.fileExists(atPath: site + "/content/actors/someone.md"))
    }

    @Test func commitsTouchingNoContentAreNotChanges() throws {
        let site = try GitSite(prefix: "briefgen-dev")
        defer { site.remove() }
        let (root, disk) = (site.root, site.disk)
        try disk.write(Data("echo bench\n".utf8), to: joinPath(root, "scripts/bench.sh"))
        try disk.write(Data("{{<layout}}{{$main}}{{/main}}{{/layout}}\n".utf8), to: joinPath(root, "templates/404.mustache"))
        try site.git("add", "-A")
        try site.git("commit", "-qm", "Synthetic site and briefgen-bench")
        #expect(site.build().succeeded)
        let page = site.text("public/changes/index.html")
        #expect(page.contains("First briefing"))
        #expect(!page.contains("Synthetic site"))
        let feed = site.text("public/changes.xml")
        #expect(!feed.contains("Synthetic site"))
    }
}
