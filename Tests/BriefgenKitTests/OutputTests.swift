import Synchronization
import Foundation
import Testing
@testable import BriefgenKit

@Suite struct OutputTests {
    @Test func failingBuildLeavesPreviousOutputUntouched() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        // An update, so that staging holds a copy of the site and its behind list.
        fs.write("---\ntitle: Overview\n---\nThe overview, edited.\n", to: "site/content/notes/overview.md")
        #expect(Fixture.build(fs).succeeded)
        #expect(fs.read("out.staging/" + OutputWriter.behindFile) != nil)
        let before = Fixture.text(fs, "out/index.html")
        let staging = fs.files(under: "out.staging").map { fs.read("out.staging/" + $0) }
        fs.write("---\nname: Broken\n", to: "site/content/actors/broken.md")
        let failed = Fixture.build(fs)
        #expect(!failed.succeeded)
        #expect(Fixture.text(fs, "out/index.html") == before)
        // Nor is the staging copy of the site touched.
        #expect(fs.files(under: "out.staging").map { fs.read("out.staging/" + $0) } == staging)
    }

    @Test func successfulBuildReplacesOutputWholeAndRemovesStalePages() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        #expect(fs.read("out/notes/overview/index.html") != nil)
        try? fs.remove("site/content/notes/overview.md")
        #expect(Fixture.build(fs).succeeded)
        #expect(fs.read("out/notes/overview/index.html") == nil)
        // The previous site stays beside it as the next build's staging copy, marked as such.
        #expect(fs.files(under: "out.old").isEmpty && fs.read("out.staging/.briefgen-behind") != nil)
    }

    @Test func refusesToReplaceAFolderBriefgenDidNotWrite() {
        let fs = Fixture.fileSystem(["out/my-notes.txt": "precious"])
        let result = Fixture.build(fs)
        #expect(!result.succeeded)
        #expect(Fixture.text(fs, "out/my-notes.txt") == "precious")
    }

    @Test func outputPathsStayInside() {
        #expect(OutputWriter.isContained("actors/a/index.html"))
        #expect(!OutputWriter.isContained("../x"))
        #expect(!OutputWriter.isContained("a/../../x"))
        #expect(!OutputWriter.isContained("/etc/passwd"))
        #expect(!OutputWriter.isContained("a//b"))
        #expect(!OutputWriter.isContained(""))
        #expect(!OutputWriter.isContained("a/"))
        #expect(!OutputWriter.isContained("./a"))
        #expect(!OutputWriter.isContained("a/.."))
        #expect(!OutputWriter.isContained("a\\b"))
        #expect(OutputWriter.isContained(".well-known/x"))
        #expect(OutputWriter.isContained("a/..b/...c/.d"))
        #expect(OutputWriter.isContained("x"))
        // A separator followed by a combining mark is still a separator (read as bytes).
        #expect(!OutputWriter.isContained("../\u{301}x"))
        #expect(!OutputWriter.isContained("a//\u{301}b"))
        let backslashMarked = "a\\" + "\u{301}"
        #expect(!OutputWriter.isContained(backslashMarked))
    }

    @Test func duplicateURLsNameBothFiles() {
        let fs = Fixture.fileSystem(["site/content/notes/dup.md": "---\ntitle: D\nslug: overview\n---\n"])
        let result = Fixture.build(fs)
        #expect(result.diagnostics.contains {
            $0.severity == .error && $0.message.contains("content/notes/dup.md") && $0.message.contains("content/notes/overview.md")
        })
    }

    @Test func buildsAreReproducible() {
        let a = Fixture.fileSystem(), b = Fixture.fileSystem()
        let first = Fixture.build(a), second = Fixture.build(b)
        #expect(first.outputs == second.outputs)
        #expect(!first.outputs.isEmpty)
    }

    @Test func aCleanBuildPlacesEachFileAsItIsMadeAndVerifyingWritesNothing() {
        let fs = Fixture.fileSystem()
        var builder = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out"))
        builder.keepsOutputs = false
        let result = builder.build()
        #expect(result.succeeded)
        #expect(result.outputs.isEmpty, "the bytes went to staging as they were made, none are held")
        let clean = builder.cleanOutputs().files
        var written: [String: Data] = [:]
        for path in fs.files(under: "out") where path != OutputWriter.marker { written[path] = fs.read("out/" + path) }
        #expect(written == clean)
        #expect(Set(result.writtenPaths) == Set(clean.keys))
        // A first build moves staging in and leaves no copy of the site (the first update makes it).
        #expect(fs.files(under: "out.staging").isEmpty)
        // Verifying makes a clean build without writing.
        #expect(builder.verify().isEmpty)
        #expect(fs.files(under: "out.staging").isEmpty)
    }

    @Test func aPlacedFileIsInStagingWhenPlaceReturnsAndInTheOutputOnlyAfterFinish() throws {
        let fs = MemoryFileSystem([:])
        let replacement = try OutputWriter(fs: fs, directory: "out").beginReplacing(paths: ["a.html", "b/index.html"])
        replacement.place(Data("a".utf8), at: "a.html")
        #expect(fs.read("out.staging/a.html") == Data("a".utf8), "written by the thread that placed it, before place returned")
        replacement.place(Data("b".utf8), at: "b/index.html")
        #expect(fs.read("out/a.html") == nil)
        try replacement.finish()
        #expect(fs.read("out/a.html") == Data("a".utf8))
        #expect(fs.read("out/b/index.html") == Data("b".utf8))
    }

    /// Each worker of `parallelMap` starts on a stretch of its own; one that runs out takes the
    /// back half of the longest stretch left, so two workers never take neighbouring elements
    /// until the stretches are nearly done.
    @Test func parallelWorkersTakeStretchesOfTheirOwnAndStealTheBackHalfOfTheLongest() {
        let stretches = Stretches(count: 10, workers: 2)
        #expect(stretches.next(for: 0) == 0)
        #expect(stretches.next(for: 1) == 5)
        #expect((0..<4).compactMap { _ in stretches.next(for: 0) } == [1, 2, 3, 4])
        // Worker 0 is out; worker 1 has 6...9 left and gives up its back half.
        #expect(stretches.next(for: 0) == 8)
        #expect(stretches.next(for: 1) == 6)
        #expect(stretches.next(for: 0) == 9)
        #expect(stretches.next(for: 1) == 7)
        #expect(stretches.next(for: 0) == nil)
        #expect(stretches.next(for: 1) == nil)
        // Every element once, in order, whatever the cores.
        let values = Array(0..<1000)
        #expect(values.parallelMap { $0 * 2 } == values.map { $0 * 2 })
    }

    /// The cores take the site-wide pages (home, the first page of each index) before the rest,
    /// which keep their path order; pages 2… of an index and a document's pages are not site-wide.
    @Test func siteWidePagesAreHandedOutFirst() {
        let home = PageSpec.list("", .home), actors = PageSpec.list("actors/", .actors)
        let actor = PageSpec.page(id: "actors/anthropic")!
        let later = PageSpec.page(output: "timeline/page/2/index.html")!
        let jobs: [(String, OutputJob)] = [(actor.output, .page(actor)), (actors.output, .page(actors)), ("feed.xml", .robots),
                                           (home.output, .page(home)), (later.output, .page(later))]
        #expect(BuildEngine.siteWideFirst(jobs).map(\.0)
            == ["actors/index.html", "index.html", "actors/anthropic/index.html", "feed.xml", "timeline/page/2/index.html"])
    }

    /// `parallelMap(threads:)` keeps as many calls in flight as it is given threads, more than
    /// there are cores (reads waiting on the disk), and keeps order; `onThreads` returns the
    /// first failure and hands out no more work after it.
    @Test func threadedMapHasAllItsThreadsInFlightAndKeepsOrder() {
        let inFlight = Atomic<Int>(0)
        let allMet = Atomic<Int>(0)
        let values = Array(0..<64)
        let doubled = values.parallelMap(threads: 8, chunk: 1) { value -> Int in
            if value < 8 {
                // Each of the first eight calls waits (at most five seconds) until all eight are
                // running at once: on one thread per core they never would be.
                inFlight.add(1, ordering: .sequentiallyConsistent)
                let deadline = Date().addingTimeInterval(5)
                while inFlight.load(ordering: .sequentiallyConsistent) < 8, Date() < deadline { usleep(1000) }
                if inFlight.load(ordering: .sequentiallyConsistent) >= 8 { allMet.add(1, ordering: .sequentiallyConsistent) }
            }
            return value * 2
        }
        #expect(doubled == values.map { $0 * 2 })
        #expect(allMet.load(ordering: .sequentiallyConsistent) == 8)
        let calls = Atomic<Int>(0)
        let failure = onThreads(10_000, threads: 4, chunk: 1) { index in
            calls.add(1, ordering: .relaxed)
            if index > 100 { usleep(1000) }  // without the stop, the others would do all the rest
            return index == 3 ? 5 : 0
        }
        #expect(failure == 5)
        #expect(calls.load(ordering: .relaxed) < 10_000)
        // One thread, or none asked: every call in place, in order, up to the first failure.
        for threads in [0, 1] {
            let done = Mutex<[Int]>([])
            #expect(onThreads(10, threads: threads, chunk: 4) { index in done.withLock { $0.append(index) }; return index == 6 ? 9 : 0 } == 9)
            #expect(done.withLock { $0 } == Array(0...6))
        }
    }

    /// A file system that notes when the graph is invalidated or written and when the site is swapped in.
    final class OrderedDisk: ForwardingFileSystem {
        let base = Fixture.fileSystem()
        private let noted = Mutex<[String]>([])
        var events: [String] { noted.withLock { $0 } }
        func clear() { noted.withLock { $0 = [] } }
        private func note(_ event: String) { noted.withLock { if $0.last != event { $0.append(event) } } }

        func remove(_ path: String) throws {
            if path.hasSuffix(GraphStore.headFile) { note("graph invalidated") }
            try base.remove(path)
        }
        func writeDerived(_ data: Data, to path: String) throws {
            if path.hasPrefix("site/.briefgen/") { note("graph written") }
            try base.writeDerived(data, to: path)
        }
        func move(_ source: String, to destination: String) throws {
            if destination == "out" { note("site swapped in") }
            try base.move(source, to: destination)
        }
        func exchange(_ first: String, _ second: String) throws {
            note("site swapped in")
            try base.exchange(first, second)
        }
    }

    @Test func aCleanBuildSwapsItsSiteInEarlyButNeverWhileTheOldGraphIsValid() throws {
        let fs = OrderedDisk()
        let builder = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out"))
        // The first build moves staging in; the second (the graph discarded, as `--clean` does)
        // exchanges it with the site.
        for build in 0..<2 {
            if build == 1 { try GraphStore.discard(fs: fs.base, directory: "site/.briefgen") }
            fs.clear()
            #expect(builder.build().succeeded)
            // Swapped in as soon as the pages are made, before the graph is recorded and
            // written, yet never while the old graph could be taken for it.
            let events = fs.events
            let swap = try #require(events.firstIndex(of: "site swapped in"))
            #expect(events[..<swap].contains("graph invalidated"), "\(events)")
            #expect(!events[..<swap].contains("graph written"), "\(events)")
            #expect(events.last == "graph written", "\(events)")
            // No copy of the site is made: after the first build there is no staging folder;
            // after the second it holds the first site, which was not a copy (no behind list).
            #expect(fs.base.files(under: "out.staging").isEmpty == (build == 0))
            #expect(fs.base.read("out.staging/" + OutputWriter.behindFile) == nil)
        }
    }

    @Test func checkWritesNothing() {
        let fs = Fixture.fileSystem()
        let result = Fixture.build(fs, write: false)
        #expect(result.succeeded)
        #expect(fs.files(under: "out").isEmpty)
    }
}

/// The output swap on disk, where the staging copy shares files with the site by hard links and
/// folders can be left empty: what a full build or an update makes of whatever staging holds.
@Suite struct OutputSwapDiskTests {
    /// A disk that records the output folder as it was at the moment of each swap.
    final class WatchedDisk: ForwardingFileSystem {
        let base = DiskFileSystem()
        let watched: String
        private let lock = NSLock()
        nonisolated(unsafe) private var seen: [[String: Data]] = []  // Safe: only read and written under `lock`.
        var atSwaps: [[String: Data]] { lock.withLock { seen } }

        init(watching directory: String) { watched = directory }

        func exchange(_ first: String, _ second: String) throws {
            let before = (try? CrashSafetyTests.tree(URL(fileURLWithPath: watched))) ?? [:]
            lock.withLock { seen.append(before) }
            try base.exchange(first, second)
        }
    }

    static let version1: [String: Data] = [
        "index.html": Data("home 1".utf8), "404.html": Data("missing".utf8),
        "articles/a/index.html": Data("a".utf8), "articles/b/index.html": Data("b 1".utf8),
        "actors/x/index.html": Data("x".utf8), "gone/deep/index.html": Data("to be removed".utf8),
    ]
    /// A page changed, one removed with its folders, one added in new folders, the rest the same.
    static let version2: [String: Data] = {
        var files = version1
        files["articles/b/index.html"] = Data("b 2, longer".utf8)
        files["gone/deep/index.html"] = nil
        files["events/e/index.html"] = Data("e".utf8)
        return files
    }()

    /// The tree a clean write of `files` makes: each file, each folder (as "path/"), the marker.
    static func expected(_ files: [String: Data]) -> [String: Data] {
        var tree = files
        tree[OutputWriter.marker] = Data("briefgen output; safe to delete\n".utf8)
        for folder in FolderTree.folders(holding: Array(files.keys)) { tree[folder + "/"] = Data() }
        return tree
    }

    static func inode(_ path: String) -> UInt? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt(info.st_ino) : nil
    }

    /// A fresh folder for one test.
    static func folder() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefgen-swap-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return root
    }

    /// Staging is a copy of `public` made of hard links but for the paths its behind list names
    /// (returned): every other file is the same file in both, and bringing the listed ones level
    /// (linked from `public`, or removed) leaves staging with the site's files.
    @discardableResult
    static func expectStagingIsACopyBehindByItsList(_ root: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String] {
        let site = try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public")).filter { !$0.key.hasSuffix("/") }
        var copy = try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public.staging")).filter { !$0.key.hasSuffix("/") }
        let list = try #require(copy.removeValue(forKey: OutputWriter.behindFile).flatMap(OutputWriter.behindPaths),
                                "a whole behind list", sourceLocation: sourceLocation)
        for path in list { copy[path] = site[path] }
        #expect(copy == site, sourceLocation: sourceLocation)
        for path in site.keys where !list.contains(path) {
            #expect(inode(root + "/public/" + path) == inode(root + "/public.staging/" + path), "\(path)", sourceLocation: sourceLocation)
        }
        return list
    }

    /// Has an update make the staging copy a full build does not leave (rewriting one page with
    /// its own bytes): staging is then the site but for that page.
    static func makeCopy(_ writer: OutputWriter) throws {
        try writer.update(changed: ["404.html": version1["404.html"]!], deleted: [])
    }

    /// A folder holding version 1 of a site in `public` and its staging copy, for `body`; removed after.
    static func withCopiedSite(_ body: (_ root: String, _ fs: WatchedDisk, _ writer: OutputWriter) throws -> Void) throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fs = WatchedDisk(watching: root + "/public")
        let writer = OutputWriter(fs: fs, directory: root + "/public")
        try writer.replaceAll(with: version1)
        try makeCopy(writer)
        try body(root, fs, writer)
    }

    /// A path added after the replacement began (a clean build's search files, made after its
    /// pages) is part of the new site: swapped in with the rest and named by the behind list.
    @Test func aPathAddedAfterTheReplacementBeganIsPartOfTheSite() throws {
        try Self.withCopiedSite { root, _, writer in
            let later = "search/x/1.json"
            var version2 = Self.version2
            version2[later] = Data("[1]".utf8)
            let replacement = try writer.beginReplacing(paths: version2.keys.filter { $0 != later })
            try replacement.add(paths: [later])
            #expect(throws: OutputError.self) { try replacement.add(paths: ["../outside.json"]) }
            for (path, data) in version2 { replacement.place(data, at: path) }
            try replacement.finish()
            #expect(try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public")) == Self.expected(version2))
            #expect(try Self.expectStagingIsACopyBehindByItsList(root).contains(later))
        }
    }

    @Test func aFullBuildOverTheCopyLeavesTheOldSiteUntilTheSwapAndKeepsUnchangedFiles() throws {
        try Self.withCopiedSite { root, fs, writer in
            #expect(try Self.expectStagingIsACopyBehindByItsList(root) == ["404.html"])
            let unchanged = Self.inode(root + "/public/articles/a/index.html")
            try writer.replaceAll(with: Self.version2)
            // Files shared with the old site were replaced in staging, never written through.
            #expect(fs.atSwaps.last == Self.expected(Self.version1))
            #expect(try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public")) == Self.expected(Self.version2))
            // Staging holds the old site, behind by what the build wrote and what it removed.
            let behind = try Self.expectStagingIsACopyBehindByItsList(root)
            #expect(Set(behind) == ["articles/b/index.html", "events/e/index.html", "gone/deep/index.html"])
            // A page whose bytes did not change is the same file: neither rewritten nor linked again.
            #expect(Self.inode(root + "/public/articles/a/index.html") == unchanged)
            // The next update brings staging level by that list before writing its own change.
            try writer.update(changed: ["index.html": Data("home 2".utf8)], deleted: [])
            var version3 = Self.version2
            version3["index.html"] = Data("home 2".utf8)
            #expect(fs.atSwaps.last == Self.expected(Self.version2))
            #expect(try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public")) == Self.expected(version3))
            #expect(try Self.expectStagingIsACopyBehindByItsList(root) == ["index.html"])
            #expect(!FileManager.default.fileExists(atPath: root + "/public.staging/gone"))
        }
    }

    /// What a build killed while writing staging leaves there: files not of the site, empty
    /// folders, a folder where the site has a file, a missing page, a page with other bytes.
    static func spoilStaging(_ root: String) throws {
        let staging = root + "/public.staging"
        try FileManager.default.removeItem(atPath: staging + "/.briefgen-behind")
        try FileManager.default.createDirectory(atPath: staging + "/empty/deeper", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: staging + "/junk", withIntermediateDirectories: true)
        try Data("junk".utf8).write(to: URL(fileURLWithPath: staging + "/junk/index.html"))
        try FileManager.default.createDirectory(atPath: staging + "/events/e/index.html/inside", withIntermediateDirectories: true)
        try FileManager.default.removeItem(atPath: staging + "/actors/x/index.html")
        try FileManager.default.removeItem(atPath: staging + "/index.html")
        try Data("half written".utf8).write(to: URL(fileURLWithPath: staging + "/index.html"))
    }

    @Test func aFullBuildMakesWhateverAKilledBuildLeftInStagingExact() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fs = WatchedDisk(watching: root + "/public")
        let writer = OutputWriter(fs: fs, directory: root + "/public")
        try writer.replaceAll(with: Self.version1)
        try Self.makeCopy(writer)
        try Self.spoilStaging(root)
        try writer.replaceAll(with: Self.version2)
        #expect(fs.atSwaps.last == Self.expected(Self.version1))
        #expect(try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public")) == Self.expected(Self.version2))
        // Staging, not a copy when the build began, holds the old site with no behind list: the
        // next update links the whole site into it again.
        #expect(!FileManager.default.fileExists(atPath: root + "/public.staging/" + OutputWriter.behindFile))
        try writer.update(changed: ["index.html": Data("home 2".utf8)], deleted: [])
        #expect(try Self.expectStagingIsACopyBehindByItsList(root) == ["index.html"])
    }

    @Test func anUpdateAfterAKilledBuildMakesTheCopyAgainFromWhatStagingHolds() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fs = WatchedDisk(watching: root + "/public")
        let writer = OutputWriter(fs: fs, directory: root + "/public")
        try writer.replaceAll(with: Self.version1)
        try Self.makeCopy(writer)
        try Self.spoilStaging(root)
        try writer.update(changed: ["articles/b/index.html": Data("b 2, longer".utf8), "events/e/index.html": Data("e".utf8)],
                          deleted: ["gone/deep/index.html"])
        #expect(fs.atSwaps.last == Self.expected(Self.version1))
        #expect(try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public")) == Self.expected(Self.version2))
        // The next update brings the copy level by its behind list.
        try writer.update(changed: ["index.html": Data("home 2".utf8)], deleted: [])
        var version3 = Self.version2
        version3["index.html"] = Data("home 2".utf8)
        #expect(try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public")) == Self.expected(version3))
        #expect(fs.atSwaps.last == Self.expected(Self.version2))
    }

    @Test func aBehindListLeftEmptyOrCutByAPowerLossIsNotTrusted() throws {
        for damage in [0, 5] {  // emptied; cut after a few bytes
            let root = try Self.folder()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let writer = OutputWriter(fs: DiskFileSystem(), directory: root + "/public")
            try writer.replaceAll(with: Self.version1)
            try writer.update(changed: ["articles/b/index.html": Data("b 2, longer".utf8)], deleted: [])
            // Staging lacks that page until the next build catches up by the list, which the
            // disk lost: what is left of it must not pass for a list of nothing.
            let behind = root + "/public.staging/" + OutputWriter.behindFile
            try Data(try Data(contentsOf: URL(fileURLWithPath: behind)).prefix(damage)).write(to: URL(fileURLWithPath: behind))
            try writer.update(changed: ["index.html": Data("home 2".utf8)], deleted: [])
            var expected = Self.version1
            expected["articles/b/index.html"] = Data("b 2, longer".utf8)
            expected["index.html"] = Data("home 2".utf8)
            #expect(try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public")) == Self.expected(expected), "damage \(damage)")
        }
    }

    /// True when every page of the file at `path` is in memory (`mincore`).
    static func resident(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return false }
        let length = Int(info.st_size)
        guard let map = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0), map != MAP_FAILED else { return false }
        defer { munmap(map, length) }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var pages = [UInt8](repeating: 0, count: (length + page - 1) / page)
        guard mincore(map, length, &pages) == 0 else { return false }
        return pages.allSatisfy { $0 & 1 == 1 }
    }

    @Test func aFileIsKeptOnlyWhenItsBytesAreInMemoryAndNeverReadBackFromTheDisk() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let disk = DiskFileSystem()
        let data = Data(repeating: UInt8(ascii: "x"), count: 200_000)
        try disk.write(data, to: root + "/page.html")
        // Flushed and dropped from memory, where the kernel allows it (not on tmpfs). Another
        // process's work can page the file in between the look and the placing, and a read that
        // may not wait still starts the kernel's read-ahead, which a fast virtual disk can finish
        // before the read gives up: many tries, of which one must agree (a file read back from
        // the disk would disagree every time).
        var outcomes: [(resident: Bool, kept: Bool)] = []
        for _ in 0..<30 {
            let fd = open(root + "/page.html", O_RDONLY)
            fsync(fd)
            _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED))
            close(fd)
            let wasResident = Self.resident(root + "/page.html")
            outcomes.append((wasResident, try disk.placeFile(data, at: "page.html", in: root, had: true)))
            if outcomes.last!.resident == outcomes.last!.kept { break }
        }
        #expect(outcomes.contains { $0.resident == $0.kept }, "kept exactly when the old bytes were in memory: \(outcomes)")
        #expect(disk.read(root + "/page.html") == data)
        // Once in memory (it was just read), the same bytes are kept.
        #expect(try disk.placeFile(data, at: "page.html", in: root, had: true))
    }

    @Test func aDerivedFileReplacesAHardLinkWithoutWritingThroughItAndMakesItsFolders() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let disk = DiskFileSystem()
        try disk.write(Data("seen by readers".utf8), to: root + "/public/page.html")
        try disk.link(root + "/public/page.html", to: root + "/staging/page.html")
        try disk.writeDerived(Data("next".utf8), to: root + "/staging/page.html")
        try disk.writeDerived(Data("new".utf8), to: root + "/staging/new/deeper/page.html")
        #expect(disk.read(root + "/public/page.html") == Data("seen by readers".utf8))
        #expect(disk.read(root + "/staging/page.html") == Data("next".utf8))
        #expect(disk.read(root + "/staging/new/deeper/page.html") == Data("new".utf8))
        #expect(Self.inode(root + "/staging/page.html") != Self.inode(root + "/public/page.html"))
        #expect(disk.files(under: root + "/staging") == ["new/deeper/page.html", "page.html"], "no temporary file left")
    }

    @Test func foldersAreMadeByTheFirstFileWrittenInThemWhateverThreadGetsThereFirst() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Deep folders shared by many files, placed by several threads at once in any order (as
        // the renderers place pages): each folder made once, by whichever thread needs it
        // first, and no other folder made.
        var site: [String: Data] = [:]
        for n in 0..<300 {
            site["actors/a\(n % 7)/page/\(n)/index.html"] = Data("page \(n)".utf8)
            site["search/x/\(n).json"] = Data("{}".utf8)
        }
        site["index.html"] = Data("home".utf8)
        let writer = OutputWriter(fs: DiskFileSystem(), directory: root + "/public")
        let replacement = try writer.beginReplacing(paths: Array(site.keys))
        let files = site.sorted { $0.key.hasSuffix("7/index.html") && !$1.key.hasSuffix("7/index.html") }
        DispatchQueue.concurrentPerform(iterations: files.count) { replacement.place(files[$0].value, at: files[$0].key) }
        try replacement.finish()
        let tree = try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public"))
        #expect(tree == Self.expected(site))
        #expect(!FileManager.default.fileExists(atPath: root + "/public.staging"), "moved in whole")
    }

    /// By whole paths, and relative to the folder held open (as the renderers place pages).
    @Test(arguments: [false, true])
    func placingAFileMakesTheFoldersItLacksFromManyThreadsAtOnce(throughOpenFolder: Bool) throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let disk = DiskFileSystem()
        let folder = throughOpenFolder ? disk.openFolder(root) : nil
        #expect((folder != nil) == throughOpenFolder)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 64) { n in
            let path = "a/b\(n % 4)/c/d\(n % 2)/\(n).html"
            do {
                #expect(try !disk.placeFile(Data("\(n)".utf8), at: path, in: root, through: folder, had: false))
            } catch {
                failures.withLock { $0.append("\(path): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(disk.files(under: root).count == 64)
        #expect(disk.read(root + "/a/b3/c/d1/63.html") == Data("63".utf8))
        // A file placed again is kept when it holds the same bytes, replaced (not written
        // through) when it does not.
        #expect(try disk.placeFile(Data("63".utf8), at: "a/b3/c/d1/63.html", in: root, through: folder, had: true))
        #expect(try !disk.placeFile(Data("new".utf8), at: "a/b3/c/d1/63.html", in: root, through: folder, had: true))
        #expect(disk.read(root + "/a/b3/c/d1/63.html") == Data("new".utf8))
        // A folder that cannot be made is an error, not a retry forever.
        try disk.write(Data("a file".utf8), to: root + "/blocked")
        #expect(throws: (any Error).self) {
            try disk.placeFile(Data("x".utf8), at: "blocked/x/y.html", in: root, through: folder, had: false)
        }
        // A folder where the site now has a page is replaced by the page.
        try disk.write(Data("inside".utf8), to: root + "/page/inner.html")
        #expect(try !disk.placeFile(Data("page".utf8), at: "page", in: root, through: folder, had: false))
        #expect(disk.read(root + "/page") == Data("page".utf8))
    }

    /// The staging copy is made on several threads, each with top-level folders of its own (so
    /// no two make folders in one parent below the root): every path in exactly one group, no
    /// top-level folder in two, the heaviest (files and folders) alone when it outweighs the rest.
    @Test func theStagingCopyIsSplitByTopLevelFolderIntoGroupsOfAboutEvenWeight() {
        let paths = (0..<30).map { "articles/a\($0)/index.html" } + (0..<10).map { "actors/b\($0)/page/2/index.html" }
            + (0..<12).map { "search/t\($0).json" } + ["index.html", "feed.xml"]
        func tops(_ group: [String]) -> Set<String> {
            Set(group.map { path in path.firstIndex(of: "/").map { String(path[..<$0]) } ?? "" })
        }
        let twoTrees = FolderTree.subtreeGroups(paths, count: 2)
        let two = twoTrees.map(\.files)
        #expect(two.count == 2)
        #expect(two.flatMap { $0 }.sorted() == paths.sorted())
        #expect(tops(two[0]).isDisjoint(with: tops(two[1])))
        // articles weigh 30 files + 31 folders; actors 10 + 31, search 12 + 1, the root's files 2.
        #expect(Set(two.map(tops)) == [["articles"], ["actors", "search", ""]])
        // Each tree's folders are those its files need, parents before children.
        for tree in twoTrees {
            #expect(Set(tree.folders) == Set(FolderTree.folders(holding: tree.files)))
            #expect(tree.folders.enumerated().allSatisfy { place, folder in
                tree.folders[..<place].contains { folder.hasPrefix($0 + "/") } || !folder.contains("/") })
        }
        #expect(FolderTree.subtreeGroups(paths, count: 1).map { $0.files.sorted() } == [paths.sorted()])
        let many = FolderTree.subtreeGroups(paths, count: 8).map(\.files)
        #expect(many.count == 4)
        #expect(Set(many.map(tops)) == [["articles"], ["actors"], ["search"], [""]])
        #expect(FolderTree.subtreeGroups([], count: 2).isEmpty)
    }

    /// A page whose path becomes a folder (and back) between builds: an update removes before it
    /// writes, and staging is brought level by its behind list removing before it links.
    @Test func aFileThatBecomesAFolderAndBackIsWrittenAndCaughtUp() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = OutputWriter(fs: DiskFileSystem(), directory: root + "/public")
        func data(_ text: String) -> Data { Data(text.utf8) }
        func expectSite(_ files: [String: String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            #expect(try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public")) == Self.expected(files.mapValues(data)),
                    sourceLocation: sourceLocation)
        }
        try writer.replaceAll(with: ["index.html": data("home"), "x": data("a file")])
        try writer.update(changed: ["index.html": data("home 2")], deleted: [])  // makes the copy
        try writer.update(changed: ["x/index.html": data("a page")], deleted: ["x"])
        try expectSite(["index.html": "home 2", "x/index.html": "a page"])
        try writer.update(changed: ["x": data("a file again")], deleted: ["x/index.html"])
        try expectSite(["index.html": "home 2", "x": "a file again"])
        try writer.update(changed: ["index.html": data("home 3")], deleted: [])
        try expectSite(["index.html": "home 3", "x": "a file again"])
        try Self.expectStagingIsACopyBehindByItsList(root)
        // A full build over the copy turns it into a folder again; the next update catches up.
        try writer.replaceAll(with: ["index.html": data("home 3"), "x/index.html": data("a page")])
        try writer.update(changed: ["index.html": data("home 4")], deleted: [])
        try expectSite(["index.html": "home 4", "x/index.html": "a page"])
        #expect(try Self.expectStagingIsACopyBehindByItsList(root) == ["index.html"])
    }

    /// A first build leaves no staging copy (publishing from CI never uses one); the first update
    /// makes it, then swaps, and staging is the previous site behind by that update's pages.
    @Test func aFirstFullBuildLeavesNoCopyAndTheFirstUpdateMakesIt() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = OutputWriter(fs: DiskFileSystem(), directory: root + "/public")
        try writer.replaceAll(with: Self.version2)
        #expect(try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public")) == Self.expected(Self.version2))
        #expect(!FileManager.default.fileExists(atPath: root + "/public.staging"))
        try writer.update(changed: ["index.html": Data("home 2".utf8)], deleted: ["actors/x/index.html"])
        var version3 = Self.version2
        version3["index.html"] = Data("home 2".utf8)
        version3["actors/x/index.html"] = nil
        #expect(try CrashSafetyTests.tree(URL(fileURLWithPath: root + "/public")) == Self.expected(version3))
        #expect(try Self.expectStagingIsACopyBehindByItsList(root) == ["index.html", "actors/x/index.html"])
    }
}
