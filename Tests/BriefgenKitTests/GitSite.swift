import BriefgenKit
import Foundation
import Testing

/// The fixture site copied to disk as a git repository with one commit, "First briefing", for
/// tests of the content history; removed by `remove()`.
struct GitSite {
    let root: String
    let disk = DiskFileSystem()

    init(prefix: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        for (path, text) in Fixture.files where path.hasPrefix("site/") {
            try disk.write(Data(text.utf8), to: joinPath(root, String(path.dropFirst(5))))
        }
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-qm", "First briefing")
    }

    /// Runs git in the site with a fixed author and date.
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

    /// Builds the site with its git history, as `briefgen build` does.
    func build() -> BuildResult {
        var options = BuildOptions(siteRoot: root)
        options.history = ChangeHistory.git(siteRoot: root)
        return Builder(options: options).build()
    }

    /// A file of the site as text, empty when missing.
    func text(_ path: String) -> String { String(decoding: disk.read(joinPath(root, path)) ?? Data(), as: UTF8.self) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
