import Foundation
import Testing
@testable import BriefgenKit

/// Real builds of a site on disk, killed with SIGKILL at many moments: `public/` is always
/// exactly the previous site or exactly the new one, the build graph in `.briefgen/` is whole
/// or absent (never files of two builds), and the next build equals a clean one.
/// The kill times vary; what is asserted holds at any of them.
@Suite(.serialized) struct CrashSafetyTests {
    /// The `briefgen` binary `swift build` made beside these tests, if any.
    static let binary: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for configuration in ["debug", "release"] {
            let url = root.appendingPathComponent(".build/\(configuration)/briefgen")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    /// The site before: a generated briefing.
    static let before = SyntheticSite.files(articles: 40, seed: 7)

    /// The site after: bodies edited, titles changed (list pages change), pages removed
    /// (their folders go) and added.
    static var after: [String: String] {
        var files = before
        for i in stride(from: 0, to: 40, by: 4) {
            files["content/articles/article-\(i).md"]! += "\nAn added paragraph about Actor Number \(i % 3).\n"
        }
        for i in [5, 20] {
            files["content/articles/article-\(i).md"] = files["content/articles/article-\(i).md"]!
                .replacingOccurrences(of: "title: Synthetic article \(i)\n", with: "title: Retitled article \(i)\n")
        }
        for i in [15, 26, 37] {
            files["content/articles/article-\(i).md"] = nil
            // Citations of it and events naming it as a source are rewritten.
            for (path, text) in files where path.hasPrefix("content/") {
                files[path] = text
                    .replacingOccurrences(of: "\\[\\[articles/article-\(i)#p[0-9]+\\]\\]", with: "(a removed source)",
                                          options: .regularExpression)
                    .replacingOccurrences(of: "article-\(i)]", with: "article-0]")
                    .replacingOccurrences(of: "article-\(i),", with: "article-0,")
            }
        }
        for (index, i) in [15, 26, 37].enumerated() {
            files["content/articles/fresh-\(index).md"] = "---\ntitle: Fresh \(index)\n---\nText citing [[articles/article-\(i + 1)#p1]].\n"
        }
        return files
    }

    @Test(.enabled(if: binary != nil, "briefgen is not built: run `swift build` first"))
    func killedBuildsLeaveTheOldOrTheNewSiteAndTheNextBuildIsClean() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefgen-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site"), public_ = site.appendingPathComponent("public")

        // The new site as a clean build makes it.
        let clean = root.appendingPathComponent("clean")
        try Self.write(Self.after, to: clean)
        try #require(Self.run(["build", "--site", clean.path]) == 0)
        let newSite = try Self.tree(clean.appendingPathComponent("public"))

        // The old site, its graph and staging copy, kept to restore before each kill.
        try Self.write(Self.before, to: site)
        try #require(Self.run(["build", "--site", site.path]) == 0)
        // An edit and its undoing, two updates: staging then holds a copy of the site behind by
        // a list, as after a writer's edits, which the killed builds catch up or replace.
        let edited = site.appendingPathComponent("content/articles/article-1.md")
        try Data((Self.before["content/articles/article-1.md"]! + "\nA passing paragraph.\n").utf8).write(to: edited)
        try #require(Self.run(["build", "--site", site.path]) == 0)
        try Data(Self.before["content/articles/article-1.md"]!.utf8).write(to: edited)
        try #require(Self.run(["build", "--site", site.path]) == 0)
        try #require(FileManager.default.fileExists(atPath: site.appendingPathComponent("public.staging/.briefgen-behind").path))
        let oldSite = try Self.tree(public_)
        #expect(Self.graph(site) == "whole")
        let differ = oldSite != newSite
        #expect(differ)
        let pristine = root.appendingPathComponent("pristine")
        try FileManager.default.createDirectory(at: pristine, withIntermediateDirectories: true)
        let kept = ["public", "public.staging", ".briefgen"]
        for name in kept { try Self.copy(site.appendingPathComponent(name), to: pristine.appendingPathComponent(name)) }
        try Self.write(Self.after, to: site, removing: Self.before)

        func restore() throws {
            for name in kept {
                try? FileManager.default.removeItem(at: site.appendingPathComponent(name))
                try Self.copy(pristine.appendingPathComponent(name), to: site.appendingPathComponent(name))
            }
            try? FileManager.default.removeItem(at: site.appendingPathComponent("public.old"))
        }

        // How long each kind of build takes uninterrupted, to spread the kills over it.
        var durations: [String: Double] = [:]
        for mode in ["incremental", "clean"] {
            try restore()
            let start = Date()
            try #require(Self.run(["build", "--site", site.path] + (mode == "clean" ? ["--clean"] : [])) == 0)
            durations[mode] = Date().timeIntervalSince(start)
            let built = try Self.tree(public_)
            let equal = built == newSite
            #expect(equal, "an uninterrupted \(mode) build: \(Self.difference(built, newSite, newSite))")
        }

        let kills = 20
        for k in 0..<kills {
            try restore()
            let mode = k % 3 == 2 ? "clean" : "incremental"
            // From the start to a little past the end, and a few right at the start. Where the kills
            // land depends on the machine's load, so which site a kill leaves is not asserted.
            let delay = durations[mode]! * 1.1 * Double(k) / Double(kills - 1) * (k % 4 == 1 ? 0.1 : 1)
            let process = try Self.start(["build", "--site", site.path] + (mode == "clean" ? ["--clean"] : []))
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let seen = try Self.tree(public_)
            if seen != oldSite && seen != newSite {
                let difference = Self.difference(seen, oldSite, newSite)
                Issue.record("kill \(k) (\(mode), after \(Int(delay * 1000)) ms): public/ is neither the old site nor the new one: \(difference)")
            }
            let graph = Self.graph(site)
            #expect(graph == "whole" || graph == "absent", "kill \(k) (\(mode), after \(Int(delay * 1000)) ms): the graph is \(graph)")
            #expect(Self.run(["build", "--site", site.path]) == 0, "the build after kill \(k)")
            let next = try Self.tree(public_)
            let equal = next == newSite
            #expect(equal, "kill \(k) (\(mode)): the next build differs from a clean one: \(Self.difference(next, newSite, newSite))")
            #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public.old").path))
        }
    }

    // MARK: - Helpers

    /// "whole" when the site's build graph opens and every file its header names reads back,
    /// "absent" when there is none, else "damaged".
    static func graph(_ site: URL) -> String {
        let options = BuildOptions(siteRoot: site.path)
        let store = GraphStore(fs: DiskFileSystem(), directory: options.cacheDir!)
        switch store.open(optionsKey: options.key, outputMarker: joinPath(options.outputDir, OutputWriter.marker)) {
        case .failure(.absent): return "absent"
        case .failure(.unreadable(let reason)): return "damaged (\(reason))"
        case .success(let head):
            let whole = (try? store.everything()) != nil && (try? store.tables()) != nil && (head.indexHash == 0 || store.shape() != nil)
            return whole ? "whole" : "damaged (a file does not match the header)"
        }
    }

    static func write(_ files: [String: String], to root: URL, removing old: [String: String] = [:]) throws {
        for path in old.keys where files[path] == nil { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if (try? Data(contentsOf: url)) != Data(text.utf8) { try Data(text.utf8).write(to: url) }
        }
    }

    static func copy(_ source: URL, to destination: URL) throws {
        guard FileManager.default.fileExists(atPath: source.path) else { return }
        try FileManager.default.copyItem(at: source, to: destination)
    }

    /// Every folder (as "path/") and file (with its bytes) below `root`.
    static func tree(_ root: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let walk = FileManager.default.enumerator(atPath: root.path) else { return [:] }
        for case let path as String in walk {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if isDirectory.boolValue { result[path + "/"] = Data() } else {
                result[path] = try Data(contentsOf: root.appendingPathComponent(path))
            }
        }
        return result
    }

    static func difference(_ seen: [String: Data], _ a: [String: Data], _ b: [String: Data]) -> String {
        func diff(_ x: [String: Data], _ y: [String: Data]) -> [String] {
            Set(x.keys).union(y.keys).filter { x[$0] != y[$0] }.sorted()
        }
        let fromA = diff(seen, a), fromB = diff(seen, b)
        return "\(fromA.count) paths differ from the old site (\(fromA.prefix(5))), \(fromB.count) from the new (\(fromB.prefix(5)))"
    }

    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = binary!
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func run(_ arguments: [String]) -> Int32 {
        guard let process = try? start(arguments) else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
