import Foundation
import Testing
@testable import BriefgenKit

/// A file system that refuses writes below a folder with an error, as a full or read-only
/// disk does; everything else goes to the tree in memory.
final class FailingFileSystem: FileSystem {
    let base: MemoryFileSystem
    let prefix: String
    let error: POSIXErrorCode
    /// Writes that succeed before they start failing.
    let allowed: Int
    /// Files that are listed but cannot be read.
    nonisolated(unsafe) var unreadable: Set<String> = []  // Safe: set before the build, then only read.
    private let count = NSLock()
    nonisolated(unsafe) private var writes = 0  // Safe: only read and written under `count`.

    init(_ base: MemoryFileSystem, failingUnder prefix: String, with error: POSIXErrorCode, after allowed: Int = 0) {
        self.base = base
        self.prefix = prefix
        self.error = error
        self.allowed = allowed
    }

    private func check(_ path: String) throws {
        guard path.hasPrefix(prefix) else { return }
        let done = count.withLock { writes += 1; return writes }
        if done > allowed { throw POSIXError(error) }
    }

    func read(_ path: String) -> Data? { unreadable.contains(path) ? nil : base.read(path) }
    func files(under directory: String) -> [String] { base.files(under: directory) }
    func isDirectory(_ path: String) -> Bool { base.isDirectory(path) }
    func write(_ data: Data, to path: String) throws {
        try check(path)
        try base.write(data, to: path)
    }
    func remove(_ path: String) throws { try base.remove(path) }
    func move(_ source: String, to destination: String) throws { try base.move(source, to: destination) }
    func stamp(_ path: String) -> FileStamp? { base.stamp(path) }
    func exchange(_ first: String, _ second: String) throws { try base.exchange(first, second) }
    func link(_ source: String, to destination: String) throws {
        try check(destination)
        try base.link(source, to: destination)
    }
    func removeEmptyFolder(_ path: String) -> Bool { base.removeEmptyFolder(path) }
}

/// The catalogue's sites that need a disk, a failing file system or a large input.
@Suite struct BadInputDiskTests {
    static func snapshot(_ fs: MemoryFileSystem) -> [String: Data] { BadInputCatalogueTests.snapshot(fs) }

    @Test(arguments: [(POSIXErrorCode.ENOSPC, "the disk is full"), (.EROFS, "permission denied")], [0, 3])
    func aFailingDiskIsAClearErrorAndTheOldOutputStays(failure: (code: POSIXErrorCode, says: String), after: Int) {
        let memory = Fixture.fileSystem()
        #expect(Fixture.build(memory).succeeded)
        let before = Self.snapshot(memory)
        // Every page changes (a new site title), and writes start failing after `after` files.
        memory.write("title: Renamed Briefing\nbaseURL: https://example.org/\n", to: "site/briefgen.yml")
        let fs = FailingFileSystem(memory, failingUnder: "out", with: failure.code, after: after)
        let result = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out")).build()
        #expect(!result.succeeded)
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors == ["out: error: cannot write the site to out: \(failure.says) (\(failure.code == .ENOSPC ? "free some space and build again" : "make it writable or choose another --output"); out was left as it was)"])
        #expect(Self.snapshot(memory) == before, "the previous output is untouched")
        // A clean build (no cache) into a full disk too.
        try? memory.remove("site/.briefgen")
        let clean = Builder(fs: FailingFileSystem(memory, failingUnder: "out", with: failure.code, after: after),
                            options: BuildOptions(siteRoot: "site", outputDir: "out", useCache: false)).build()
        #expect(!clean.succeeded)
        #expect(Self.snapshot(memory) == before)
    }

    @Test(arguments: [0, 1])
    func aGraphThatCannotBeSavedLeavesTheNewSiteAndAWarningNotAFalseError(after: Int) {
        let memory = Fixture.fileSystem()
        #expect(Fixture.build(memory).succeeded)
        memory.write("title: Renamed Briefing\nbaseURL: https://example.org/\n", to: "site/briefgen.yml")
        // The output folder is written; the graph's files fail once `after` of them are.
        let fs = FailingFileSystem(memory, failingUnder: "site/.briefgen", with: .ENOSPC, after: after)
        let result = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out")).build()
        #expect(result.succeeded, "the site was written: not a failed build")
        #expect(result.diagnostics.map(\.description)
                == ["site/.briefgen: warning: cannot save the build graph to site/.briefgen: the disk is full (the site in out is complete; the next build is a full one)"])
        #expect(Fixture.text(memory, "out/index.html").contains("Renamed Briefing"))
        let next = Fixture.build(memory)
        #expect(next.succeeded && next.fullBuild, "no graph was left to trust")
    }

    @Test func aTenMegabyteArticleBuilds() {
        // A long paste: 10,000 paragraphs of plain prose, one in a hundred naming an actor.
        let paragraph = String(repeating: "The department said the exports of frontier models must stop at once. ", count: 15)
        let body = (0..<10_000).map { $0 % 100 == 0 ? "Anthropic replied. " + paragraph : paragraph }.joined(separator: "\n\n")
        #expect(body.utf8.count > 10_000_000)
        let fs = Fixture.fileSystem(["site/content/articles/huge.md": "---\ntitle: Huge\n---\n" + body + "\n"])
        let result = Fixture.build(fs)
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(Fixture.text(fs, "out/articles/huge/index.html").contains("<p id=\"p10000\">"))
    }

    @Test func deeplyNestedListsAndQuotesBuildWithoutACrash() {
        let lists = (0..<2_000).map { String(repeating: "  ", count: $0) + "- level \($0)" }.joined(separator: "\n")
        let quotes = String(repeating: ">", count: 5_000) + " deep"
        let brackets = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let emphasis = String(repeating: "*a ", count: 10_000)
        let fs = Fixture.fileSystem(["site/content/notes/deep.md": "---\ntitle: Deep\n---\n\(lists)\n\n\(quotes)\n\n\(brackets)\n\n\(emphasis)\n"])
        let result = Fixture.build(fs)
        #expect(result.succeeded, "\(result.diagnostics.prefix(3))")
        #expect(Fixture.text(fs, "out/notes/deep/index.html").contains("level 1999"))
    }

    // MARK: - On disk

    static func diskSite() throws -> String {
        let root = NSTemporaryDirectory() + "briefgen-bad-\(UUID().uuidString)"
        for (path, text) in Fixture.files {
            let full = root + "/" + path.dropFirst("site/".count)
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func aBuildKilledWhileWritingTheGraphLeavesNoTemporaryBehindTheNextBuild() throws {
        let root = try Self.diskSite()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let options = BuildOptions(siteRoot: root, outputDir: root + "/public")
        #expect(Builder(fs: DiskFileSystem(), options: options).build().succeeded)
        // What a build killed between writing a graph file and renaming it leaves (its header
        // removed first), beside the temporary of a build still running (this process).
        let cache = root + "/.briefgen"
        let abandoned = cache + "/tables.bin.new-\(Int32.max)-1f"
        let running = cache + "/tables.bin.new-\(getpid())-2f"
        try Data("half".utf8).write(to: URL(fileURLWithPath: abandoned))
        try Data("half".utf8).write(to: URL(fileURLWithPath: running))
        try GraphStore.discard(fs: DiskFileSystem(), directory: cache)
        let next = Builder(fs: DiskFileSystem(), options: options).build()
        #expect(next.succeeded && next.fullBuild)
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: running), "a running build's temporary is its own")
    }

    static let isRoot = getuid() == 0

    @Test(.enabled(if: !isRoot, "running as root, which reads and writes any file: permissions cannot be tested"))
    func anUnreadableFileIsALocatedError() throws {
        let root = try Self.diskSite()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let options = BuildOptions(siteRoot: root, outputDir: root + "/public")
        #expect(Builder(fs: DiskFileSystem(), options: options).build().succeeded)
        chmod(root + "/content/notes/overview.md", 0)
        defer { chmod(root + "/content/notes/overview.md", 0o644) }
        let result = Builder(fs: DiskFileSystem(), options: options).build()
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description)
                == ["content/notes/overview.md:1:1: error: file cannot be read (check that it is readable: chmod u+r)"])
    }

    @Test func anUnreadableFileIsALocatedErrorThroughTheFileSystem() {
        let memory = Fixture.fileSystem()
        #expect(Fixture.build(memory).succeeded)
        let before = Self.snapshot(memory)
        memory.write("---\ntitle: Overview\nrelated: [anthropic]\n---\nEdited.\n", to: "site/content/notes/overview.md")
        let fs = FailingFileSystem(memory, failingUnder: "nowhere", with: .EIO)
        fs.unreadable = ["site/content/notes/overview.md"]
        let result = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out")).build()
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description)
                == ["content/notes/overview.md:1:1: error: file cannot be read (check that it is readable: chmod u+r)"])
        #expect(Self.snapshot(memory) == before)
    }

    @Test(.enabled(if: !isRoot, "running as root, which reads and writes any file: permissions cannot be tested"))
    func aReadOnlyOutputFolderIsAClearError() throws {
        let root = try Self.diskSite()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let options = BuildOptions(siteRoot: root, outputDir: root + "/public")
        #expect(Builder(fs: DiskFileSystem(), options: options).build().succeeded)
        try "title: Renamed\n".write(toFile: root + "/briefgen.yml", atomically: true, encoding: .utf8)
        chmod(root + "/public", 0o555)
        defer { chmod(root + "/public", 0o755) }
        let result = Builder(fs: DiskFileSystem(), options: options).build()
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description).first?
            .hasPrefix("\(root)/public: error: cannot write the site to \(root)/public: permission denied") == true, "\(result.diagnostics)")
    }
}
