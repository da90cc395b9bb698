import BriefgenKit
import Foundation
import Synchronization
import Testing
@testable import BriefgenServe

/// The preview serves from memory: it writes nothing, renders pages when asked for them, drops
/// deleted ones, and recovers from a failed rebuild with an incremental one.
extension PreviewServerTests {
    /// Every file under `root` with its bytes.
    static func files(under root: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: joinPath(root, path)) { files[path] = data }
        }
        return files
    }

    /// Reads an event stream until a `build` (or `errors`) event has arrived whole.
    static func next(_ event: String, on stream: RawHTTP) -> String {
        stream.read(until: { $0.contains("event: \(event)") && $0.contains("\n\n", after: "event: \(event)") })
    }

    @Test func nothingIsWrittenUnderTheSite() async throws {
        try await Self.withServer { server, root in
            let before = Self.files(under: root)
            let port = await server.port
            for page in ["/", "/notes/overview/", "/feed.xml", "/assets/style.css"] {
                #expect(try RawHTTP.get(page, port: port).status == 200, "\(page)")
            }
            let events = try RawHTTP(port: port)
            events.send("/__briefgen/events")
            _ = events.read(until: { $0.contains(": connected") })
            let note = "---\ntitle: Overview\n---\nAnthropic is in the news again.\n"
            try Data(note.utf8).write(to: URL(fileURLWithPath: joinPath(root, "content/notes/overview.md")))
            #expect(Self.next("build", on: events).contains("notes\\/overview"))
            #expect(try RawHTTP.get("/notes/overview/", port: port).body.contains("in the news again"))
            var expected = before
            expected["content/notes/overview.md"] = Data(note.utf8)
            #expect(Self.files(under: root) == expected)
        }
    }

    @Test func aPageIsServedFromTheGraphBuildLeftBeforeTheSiteIsRendered() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefgen-warm-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (path, text) in Self.site { try DiskFileSystem().write(Data(text.utf8), to: joinPath(root, path)) }
        // `briefgen build` first: public/ and .briefgen/, which serve reads and never writes.
        var options = BuildOptions(siteRoot: root)
        options.history = ChangeHistory.git(siteRoot: root)
        #expect(Builder(options: options).build().succeeded)
        let built = Self.files(under: joinPath(root, "public")), graph = Self.files(under: joinPath(root, ".briefgen"))
        let first = Mutex<BuildResult?>(nil)
        let server = PreviewServer(options: .init(siteRoot: root, port: 0))
        try await server.start { note in
            if case .built(let result, _) = note { first.withLock { $0 = $0 ?? result } }
        }
        // Loaded from the graph: nothing parsed, no body rendered, no page rendered yet.
        let loaded = try #require(first.withLock { $0 })
        #expect(loaded.parsed.isEmpty && loaded.bodiesRendered.isEmpty && !loaded.fullBuild)
        #expect(await server.rendered.held == 0)
        let page = try RawHTTP.get("/actors/anthropic/", port: await server.port)
        #expect(page.status == 200 && page.body.contains("An AI company."))
        let rendered = await server.rendered
        #expect(rendered.held == 1 && rendered.of > 10)
        try Data("---\nname: Anthropic\n---\nAn AI lab.\n".utf8)
            .write(to: URL(fileURLWithPath: joinPath(root, "content/actors/anthropic.md")))
        var shown = false
        for _ in 0..<200 where !shown {
            try await Task.sleep(nanoseconds: 25_000_000)
            shown = try RawHTTP.get("/actors/anthropic/", port: await server.port).body.contains("An AI lab.")
        }
        #expect(shown)
        await server.stop()
        #expect(Self.files(under: joinPath(root, "public")) == built)
        #expect(Self.files(under: joinPath(root, ".briefgen")) == graph)
    }

    @Test func aTabThatSaysItsPageIsToldWhenItChanges() async throws {
        try await Self.withServer { server, root in
            // A tab open since before the server started: it asks for events only, naming its page.
            let events = try RawHTTP(port: await server.port)
            events.send("/__briefgen/events?page=%2Fnotes%2Foverview%2F")
            _ = events.read(until: { $0.contains(": connected") })
            #expect(await server.rendered.held == 1)
            let note = "---\ntitle: Overview\n---\nAnthropic, in a tab left open.\n"
            try Data(note.utf8).write(to: URL(fileURLWithPath: joinPath(root, "content/notes/overview.md")))
            #expect(Self.next("build", on: events).contains(#""changed":["\/notes\/overview\/"]"#))
        }
    }

    @Test func anAssetSwappedForALinkLeavingTheSiteIsNeverServed() async throws {
        try await Self.withServer { server, root in
            let secret = root + "-secret.txt"
            defer { try? FileManager.default.removeItem(atPath: secret) }
            try Data("secret password\n".utf8).write(to: URL(fileURLWithPath: secret))
            try DiskFileSystem().write(Data("plain\n".utf8), to: joinPath(root, "templates/assets/notes.txt"))
            let port = await server.port
            var served = false
            for _ in 0..<200 where !served {
                try await Task.sleep(nanoseconds: 25_000_000)
                served = await server.site?.contains("assets/notes.txt") == true
            }
            #expect(served)
            // Not yet asked for, then swapped for a link to a file outside the site.
            try FileManager.default.removeItem(atPath: joinPath(root, "templates/assets/notes.txt"))
            try FileManager.default.createSymbolicLink(atPath: joinPath(root, "templates/assets/notes.txt"), withDestinationPath: secret)
            for _ in 0..<20 {
                let response = try RawHTTP.get("/assets/notes.txt", port: port)
                #expect(!response.body.contains("secret password"))
                try await Task.sleep(nanoseconds: 25_000_000)
            }
        }
    }

    @Test func aDeletedPageIsNotFoundAfterTheRebuild() async throws {
        try await Self.withServer { server, root in
            let port = await server.port
            #expect(try RawHTTP.get("/events/ban/", port: port).status == 200)
            let events = try RawHTTP(port: port)
            events.send("/__briefgen/events")
            _ = events.read(until: { $0.contains(": connected") })
            try FileManager.default.removeItem(atPath: joinPath(root, "content/events/ban.md"))
            let event = Self.next("build", on: events)
            #expect(event.contains(#""deleted":["\/events\/ban\/"]"#), "\(event)")
            let gone = try RawHTTP.get("/events/ban/", port: port)
            #expect(gone.status == 404 && gone.body.contains("Page not found"))
        }
    }

    @Test func aNewDocumentAndAFolderGoneAreSeen() async throws {
        try await Self.withServer { server, root in
            let port = await server.port
            #expect(try RawHTTP.get("/events/ban/", port: port).status == 200)
            #expect(try RawHTTP.get("/notes/fresh/", port: port).status == 404)
            let events = try RawHTTP(port: port)
            events.send("/__briefgen/events")
            _ = events.read(until: { $0.contains(": connected") })
            try Data("---\ntitle: Fresh\n---\nA new note.\n".utf8)
                .write(to: URL(fileURLWithPath: joinPath(root, "content/notes/fresh.md")))
            #expect(Self.next("build", on: events).contains("notes\\/fresh"))
            #expect(try RawHTTP.get("/notes/fresh/", port: port).body.contains("A new note."))
            try FileManager.default.removeItem(atPath: joinPath(root, "content/events"))
            var gone = false
            for _ in 0..<200 where !gone {
                try await Task.sleep(nanoseconds: 25_000_000)
                gone = try RawHTTP.get("/events/ban/", port: port).status == 404
            }
            #expect(gone)
        }
    }

    @Test func theSaveAfterAFailedRebuildRebuildsIncrementally() async throws {
        let results = Mutex<[BuildResult]>([])
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefgen-recover-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (path, text) in Self.site { try DiskFileSystem().write(Data(text.utf8), to: joinPath(root, path)) }
        let server = PreviewServer(options: .init(siteRoot: root, port: 0))
        try await server.start { note in
            if case .built(let result, _) = note { results.withLock { $0.append(result) } }
        }
        let port = await server.port
        #expect(try RawHTTP.get("/notes/overview/", port: port).status == 200)
        let events = try RawHTTP(port: port)
        events.send("/__briefgen/events")
        _ = events.read(until: { $0.contains(": connected") })
        let note = joinPath(root, "content/notes/overview.md")
        try Data("---\ntitle: [Overview\n---\nBroken front matter.\n".utf8).write(to: URL(fileURLWithPath: note))
        #expect(Self.next("errors", on: events).contains("overview.md"))
        #expect(try RawHTTP.get("/notes/overview/", port: port).body.contains("Anthropic is in the news."))
        try Data("---\ntitle: Overview\n---\nAnthropic, fixed.\n".utf8).write(to: URL(fileURLWithPath: note))
        let fixed = Self.next("build", on: events)
        #expect(fixed.contains("notes\\/overview"), "\(fixed)")
        #expect(try RawHTTP.get("/notes/overview/", port: port).body.contains("Anthropic, fixed."))
        // From the last good site's graph: the fixed file parsed again, nothing else.
        let last = try #require(results.withLock { $0.last })
        #expect(!last.fullBuild && last.parsed == ["content/notes/overview.md"], "\(last.parsed)")
        #expect(try RawHTTP.get("/__briefgen/status", port: port).body == #"{"errors":[]}"#)
        await server.stop()
    }
}
