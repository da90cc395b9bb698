@testable import BriefgenKit
import Foundation
import Testing

/// The preview's listing of the site, kept up to date from the watcher's paths, is what a walk
/// of the folders finds.
@Suite struct SiteListingTests {
    static func same(_ a: SiteListing, _ b: SiteListing) -> Bool {
        a.content.map(\.path) == b.content.map(\.path) && a.content.map(\.stamp) == b.content.map(\.stamp)
            && a.templates.map(\.path) == b.templates.map(\.path) && a.templates.map(\.stamp) == b.templates.map(\.stamp)
    }

    @Test func updatedFromChangedPathsEqualsAWalk() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefgen-listing-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fs = DiskFileSystem()
        for path in ["content/notes/a.md", "content/notes/b.md", "content/events/x.md", "content/events/y.md",
                     "templates/home.mustache", "briefgen.yml"] {
            try fs.write(Data(path.utf8), to: joinPath(root, path))
        }
        let before = SiteListing(root: root, fs: fs)
        // A file changed, one new, one deleted, a folder gone, a folder new with files in it.
        try fs.write(Data("changed, longer".utf8), to: joinPath(root, "content/notes/a.md"))
        try fs.write(Data("new".utf8), to: joinPath(root, "content/notes/c.md"))
        try FileManager.default.removeItem(atPath: joinPath(root, "content/notes/b.md"))
        try FileManager.default.removeItem(atPath: joinPath(root, "content/events"))
        try fs.write(Data("t".utf8), to: joinPath(root, "templates/assets/site.css"))
        let changed: Set<String> = ["content/notes/a.md", "content/notes/c.md", "content/notes/b.md", "content/events",
                                    "templates/assets", "briefgen.yml"]
        let updated = before.updated(with: changed, root: root, fs: fs)
        #expect(Self.same(updated, SiteListing(root: root, fs: fs)), "\(updated.content.map(\.path)) \(updated.templates.map(\.path))")
        #expect(updated.content.map(\.path) == ["notes/a.md", "notes/c.md"])
        // Files changed only: stamps replaced where they are.
        try fs.write(Data("changed again, longer still".utf8), to: joinPath(root, "content/notes/c.md"))
        let again = updated.updated(with: ["content/notes/c.md"], root: root, fs: fs)
        #expect(Self.same(again, SiteListing(root: root, fs: fs)))
    }
}
