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
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefgen-dev-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let disk = DiskFileSystem()
        for (path, text) in Fixture.files where path.hasPrefix("site/") {
            try disk.write(Data(text.utf8), to: joinPath(root, String(path.dropFirst(5))))
        }
        func git(_ args: String...) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", root, "-c", "user.name=T", "-c", "user.email=t@example.org"] + args
            p.environment = ["GIT_AUTHOR_DATE": "2026-06-01T10:00:00Z", "GIT_COMMITTER_DATE": "2026-06-01T10:00:00Z",
                             "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(args)")
        }
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-qm", "First briefing")
        try disk.write(Data("echo bench\n".utf8), to: joinPath(root, "scripts/bench.sh"))
        try disk.write(Data("{{<layout}}{{$main}}{{/main}}{{/layout}}\n".utf8), to: joinPath(root, "templates/404.mustache"))
        try git("add", "-A")
        try git("commit", "-qm", "Synthetic site and briefgen-bench")
        var options = BuildOptions(siteRoot: root)
        options.history = ChangeHistory.git(siteRoot: root)
        #expect(Builder(options: options).build().succeeded)
        let page = String(decoding: disk.read(joinPath(root, "public/changes/index.html")) ?? Data(), as: UTF8.self)
        #expect(page.contains("First briefing"))
        #expect(!page.contains("Synthetic site"))
        let feed = String(decoding: disk.read(joinPath(root, "public/changes.xml")) ?? Data(), as: UTF8.self)
        #expect(!feed.contains("Synthetic site"))
    }
}
