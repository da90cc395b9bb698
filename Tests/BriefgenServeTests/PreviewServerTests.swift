import BriefgenKit
import Foundation
import Testing
@testable import BriefgenServe

/// Starts the preview server on a free port over a small site on disk.
@Suite(.serialized) struct PreviewServerTests {
    static let site: [String: String] = [
        "briefgen.yml": "title: Preview test\n",
        "content/actors/anthropic.md": "---\nname: Anthropic\n---\nAn AI company.\n",
        "content/notes/overview.md": "---\ntitle: Overview\n---\nAnthropic is in the news.\n",
        "content/events/ban.md": "---\ntitle: Ban\ndate: 2026-06\nactors: [anthropic]\n---\nThe ban.\n",
    ]

    static func withServer(polling: Bool = false, _ body: (PreviewServer, String) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefgen-serve-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fs = DiskFileSystem()
        for (path, text) in site { try fs.write(Data(text.utf8), to: joinPath(root, path)) }
        let server = PreviewServer(options: .init(siteRoot: root, port: 0, forcePolling: polling))
        try await server.start()
        do {
            try await body(server, root)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func servesPagesWithLiveReloadAndTheSite404() async throws {
        try await Self.withServer { server, root in
            let port = await server.port
            let home = try RawHTTP.get("/", port: port)
            #expect(home.status == 200)
            #expect(home.headers.lowercased().contains("content-type: text/html"))
            #expect(home.body.contains("<script src=\"/__briefgen/live.js\" defer></script>\n</body>"))
            let actor = try RawHTTP.get("/actors/anthropic/", port: port)
            #expect(actor.status == 200 && actor.body.contains("An AI company."))
            let css = try RawHTTP.get("/assets/style.css", port: port)
            #expect(css.status == 200 && css.headers.lowercased().contains("text/css"))
            let missing = try RawHTTP.get("/no/such/page/", port: port)
            #expect(missing.status == 404 && missing.body.contains("Page not found"))
            let script = try RawHTTP.get("/__briefgen/live.js", port: port)
            #expect(script.status == 200 && script.body.contains("EventSource"))
            // Served from memory: no output folder, no build graph on disk.
            #expect(!FileManager.default.fileExists(atPath: joinPath(root, "public")))
            #expect(!FileManager.default.fileExists(atPath: joinPath(root, ".briefgen")))
        }
    }

    @Test func traversalIsRefused() async throws {
        try await Self.withServer { server, root in
            let port = await server.port
            // Files in the site folder that are no output, reachable only by escaping the site.
            try Data("secret".utf8).write(to: URL(fileURLWithPath: joinPath(root, "secret.txt")))
            try FileManager.default.createSymbolicLink(atPath: joinPath(root, "link"), withDestinationPath: "/etc")
            for target in ["/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd",
                           "/%252e%252e/secret.txt", "/actors/..%2f..%2fsecret.txt", "/link/passwd", "/..%5csecret.txt"] {
                let response = try RawHTTP.get(target, port: port)
                #expect([400, 403, 404].contains(response.status), "\(target) → \(response.status)")
                #expect(!response.body.contains("secret") || response.body.contains("Page not found"), "\(target)")
                #expect(!response.body.contains("root:"), "\(target)")
            }
        }
    }

    @Test func anEditSendsTheChangedURLOverServerSentEvents() async throws {
        try await Self.withServer { server, root in
            // The page open in a browser (only pages someone has opened are rendered and announced).
            #expect(try RawHTTP.get("/notes/overview/", port: await server.port).status == 200)
            let events = try RawHTTP(port: await server.port)
            events.send("/__briefgen/events")
            _ = events.read(until: { $0.contains(": connected") })
            let note = joinPath(root, "content/notes/overview.md")
            try Data("---\ntitle: Overview\n---\nAnthropic is in the news again.\n".utf8).write(to: URL(fileURLWithPath: note))
            let text = events.read(until: { $0.contains("event: build") && $0.contains("\n\n", after: "event: build") })
            #expect(text.contains("event: build"))
            #expect(text.contains(#""changed":["\/notes\/overview\/""#) || text.contains("\\/notes\\/overview\\/"))
            #expect(await server.connections == 1)
        }
    }

    @Test func aBrokenFileShowsTheOverlayAndAFixClearsIt() async throws {
        try await Self.withServer(polling: true) { server, root in
            let port = await server.port
            let events = try RawHTTP(port: port)
            events.send("/__briefgen/events")
            _ = events.read(until: { $0.contains(": connected") })
            let note = joinPath(root, "content/notes/overview.md")
            try Data("---\ntitle: Overview\n---\nSee [[Anthropc]].\n".utf8).write(to: URL(fileURLWithPath: note))
            let failed = events.read(until: { $0.contains("event: errors") && $0.contains("\n\n", after: "event: errors") })
            #expect(failed.contains("content\\/notes\\/overview.md:4:5"))
            #expect(failed.contains("See [[Anthropc]]."))  // the offending line, for the overlay
            let status = try RawHTTP.get("/__briefgen/status", port: port)
            #expect(status.body.contains("unknown link target"))
            // The last good site is still served.
            #expect(try RawHTTP.get("/notes/overview/", port: port).body.contains("Anthropic is in the news."))
            try Data("---\ntitle: Overview\n---\nSee [[Anthropic]].\n".utf8).write(to: URL(fileURLWithPath: note))
            let fixed = events.read(until: { $0.contains("event: build") && $0.contains("\n\n", after: "event: build") })
            #expect(fixed.contains("event: build"))
            #expect(try RawHTTP.get("/__briefgen/status", port: port).body == #"{"errors":[]}"#)
        }
    }

    @Test func aTakenPortIsAClearError() async throws {
        try await Self.withServer { server, root in
            let taken = await server.port
            let second = PreviewServer(options: .init(siteRoot: root, port: taken))
            do {
                try await second.start()
                Issue.record("second server started on a taken port")
                await second.stop()
            } catch let error as ServeError {
                #expect("\(error)".contains("port \(taken) on 127.0.0.1 is already in use"))
            }
        }
    }

    @Test func aSymbolicLinkLeavingTheSiteIsNeverServed() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("briefgen-leak-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        let fs = DiskFileSystem()
        let root = base + "/site"
        for (path, text) in Self.site { try fs.write(Data(text.utf8), to: joinPath(root, path)) }
        try fs.write(Data("secret password\n".utf8), to: base + "/secret.txt")
        try FileManager.default.createDirectory(atPath: root + "/templates/assets", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/templates/assets/leak.txt", withDestinationPath: base + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/content/notes/leak.md", withDestinationPath: base + "/secret.txt")
        let server = PreviewServer(options: .init(siteRoot: root, port: 0))
        try await server.start()
        let port = await server.port
        let status = try RawHTTP.get("/__briefgen/status", port: port).body
        #expect(status.contains("outside the site folder"), "\(status)")
        for path in ["/assets/leak.txt", "/notes/leak/"] {
            let response = try RawHTTP.get(path, port: port)
            #expect(response.status != 200 && !response.body.contains("secret password"), "\(path)")
        }
        await server.stop()
    }

    @Test func safePathMapsFoldersAndRefusesEscapes() throws {
        let outputs: Set<String> = ["index.html", "a/index.html", "feed.xml"]
        func resolve(_ path: String, base: String = "/") -> SafePath.Resolution {
            SafePath.resolve(path, basePath: base, exists: outputs.contains)
        }
        #expect(resolve("/a/") == .output("a/index.html"))
        #expect(resolve("/a") == .output("a/index.html"))
        #expect(resolve("/") == .output("index.html"))
        #expect(resolve("/feed.xml?x=1") == .output("feed.xml"))
        #expect(resolve("/b/") == .notFound)
        #expect(resolve("/../a") == .forbidden)
        #expect(resolve("/%2e%2e/a") == .forbidden)
        #expect(resolve("/a%00.html") == .forbidden)
        // Below the base path of `baseURL`, and nothing outside it.
        #expect(resolve("/brief/a/", base: "/brief/") == .output("a/index.html"))
        #expect(resolve("/brief/", base: "/brief/") == .output("index.html"))
        #expect(resolve("/a/", base: "/brief/") == .notFound)
    }
}

extension String {
    /// True when `needle` occurs after the first `marker`.
    func contains(_ needle: String, after marker: String) -> Bool {
        guard let start = range(of: marker) else { return false }
        return self[start.upperBound...].contains(needle)
    }
}
