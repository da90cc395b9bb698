#if canImport(Glibc)
import Glibc
#endif
import BriefgenKit
import Foundation
import Testing
@testable import BriefgenServe

extension PreviewServerTests {
    /// The preview server under load, on loopback: 500 connections open at once (450 page
    /// requests, 50 event streams) while a note is saved 100 times in a second. No event stream
    /// misses an event, no descriptor leaks, and every page served is a page of a complete build.
    /// Nested in `PreviewServerTests`, so it never runs beside the other server tests.
    @Suite struct Load {
        static let pages = ["/", "/notes/overview/", "/actors/anthropic/", "/timeline/", "/events/ban/"]
        static let streams = 50, requests = 450, saves = 100

        static func note(_ revision: Int, title: String = "Overview") -> String {
            "---\ntitle: \(title)\n---\nAnthropic is in the news, revision \(revision).\n"
        }

        /// Open descriptors of this process.
        static func openDescriptors() -> Int { descriptors().count }

        /// Descriptors in `now` beyond those in `before`, counted by what they are.
        static func added(_ now: [String], to before: [String]) -> [String: Int] {
            var counts: [String: Int] = [:]
            for name in now { counts[name, default: 0] += 1 }
            for name in before { counts[name, default: 0] -= 1 }
            return counts.filter { $0.value > 0 }
        }

        /// What each open descriptor is (`socket:[…]`, `anon_inode:inotify`, a path).
        static func descriptors() -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            return names.map { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)) ?? "?" }
        }

        /// The bytes each page is served with after a complete build of the site with `note`.
        static func completeBuild(note: String, baseURL: String?) -> [String: String] {
            var files = PreviewServerTests.site.mapValues { $0 }
            files["content/notes/overview.md"] = note
            let fs = MemoryFileSystem(Dictionary(uniqueKeysWithValues: files.map { ("site/" + $0.key, $0.value) }))
            let result = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out", baseURL: baseURL)).build()
            var served: [String: String] = [:]
            for page in pages {
                let output = page == "/" ? "index.html" : String(page.dropFirst()) + "index.html"
                if let data = result.outputs[output] {
                    served[page] = String(decoding: LiveReload.inject(into: data), as: UTF8.self)
                }
            }
            return served
        }

        /// Runs `work` on a thread of its own: blocking socket reads must not hold the cooperative
        /// pool the server runs on.
        static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
            await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: work()) }.start()
            }
        }

        /// `event: build` messages of a stream (chunked), as their build numbers, and the last one's data.
        static func buildEvents(_ text: String) -> (numbers: [Int], last: String?) {
            var numbers: [Int] = [], last: String?
            for part in text.components(separatedBy: "event: build\ndata: ").dropFirst() {
                let data = String(part.prefix { $0 != "\n" })
                if let json = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any],
                   let number = json["build"] as? Int {
                    numbers.append(number)
                    last = data
                }
            }
            return (numbers, last)
        }

        @Test func fiveHundredConnectionsAndAHundredSavesInASecond() async throws {
            // 500 client sockets and the server's 500: keep well inside the descriptor limit.
            var limit = rlimit()
            getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            if limit.rlim_cur < 4096 {
                limit.rlim_cur = min(4096, limit.rlim_max)
                setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            }
            try #require(limit.rlim_cur >= 1200, "the descriptor limit (ulimit -n) is \(limit.rlim_cur); 1,200 are needed")
            // A server started and stopped first, so that descriptors opened once per process
            // (the event loop's, Dispatch's) are counted before.
            try await PreviewServerTests.withServer { _, _ in }
            let before = Self.openDescriptors()
            let beforeList = Self.descriptors()

            try await PreviewServerTests.withServer { server, root in
                let port = await server.port
                let baseURL = await server.baseURL
                let note = joinPath(root, "content/notes/overview.md")
                let events = Handed(try (0..<Self.streams).map { _ in try RawHTTP(port: port) }).value
                for stream in events { stream.send("/__briefgen/events") }
                for stream in events { _ = stream.read(until: { $0.contains(": connected") }) }
                let clients = Handed(try (0..<Self.requests).map { _ in try RawHTTP(port: port) })
                let streams = Handed(events)
                #expect(await server.connections == Self.streams)

                // Saves as editors make them (a temporary file renamed over the note), 100 in a
                // second, while the 450 open connections each ask for a page, in ten waves.
                let saver = Task.detached {
                    await Self.onThread {
                        for revision in 1...Self.saves {
                            let temporary = joinPath(root, "content/notes/.overview.md.swp")
                            _ = FileManager.default.createFile(atPath: temporary, contents: Data(Self.note(revision).utf8))
                            rename(temporary, note)
                            usleep(10_000)
                        }
                    }
                }
                let responses: [(page: String, status: Int, body: String)] = await Self.onThread {
                    var responses: [(String, Int, String)] = []
                    for wave in 0..<10 {
                        let batch = Array(clients.value[(wave * 45)..<((wave + 1) * 45)])
                        for (index, client) in batch.enumerated() { client.send(Self.pages[(wave + index) % Self.pages.count]) }
                        for (index, client) in batch.enumerated() {
                            let (status, body) = client.response()
                            responses.append((Self.pages[(wave + index) % Self.pages.count], status, body))
                        }
                        usleep(100_000)
                    }
                    return responses
                }
                await saver.value

                // A last save that only a full rebuild can show (a new title), then wait for it.
                try Data(Self.note(Self.saves, title: "Overview final").utf8).write(to: URL(fileURLWithPath: note), options: .atomic)
                var settled = false
                for _ in 0..<600 where !settled {
                    try await Task.sleep(nanoseconds: 50_000_000)
                    let shown = (try? RawHTTP.get("/notes/overview/", port: port).body.contains("Overview final")) == true
                    let busy = await server.isBusy
                    settled = shown && !busy
                }
                try #require(settled, "the server never finished the last rebuild")
                // A last event of the test's own: a stream that has it has everything sent before.
                let last = 1_000_000
                await server.hub.broadcast(event: "build", data: #"{"build":1000000}"#)

                // Every page served is byte for byte a page of a complete build of some revision.
                let complete: [String: Set<String>] = await Self.onThread {
                    var complete: [String: Set<String>] = [:]
                    let notes = [PreviewServerTests.site["content/notes/overview.md"]!] + (1...Self.saves).map { Self.note($0) }
                    for text in notes {
                        for (page, body) in Self.completeBuild(note: text, baseURL: baseURL) {
                            complete[page, default: []].insert(body)
                        }
                    }
                    return complete
                }
                #expect(responses.count == Self.requests)
                for (page, status, body) in responses {
                    #expect(status == 200, "\(page) → \(status)")
                    #expect(complete[page]?.contains(body) == true, "\(page) is not a page of any complete build (\(body.utf8.count) bytes):\n\(body.prefix(200))…\(body.suffix(200))")
                }

                // Every stream got every event, the last build's included.
                let texts = await Self.onThread {
                    streams.value.map { stream in
                        stream.read(until: { Self.buildEvents($0).numbers.last == last }, timeout: 10)
                    }
                }
                let first = Self.buildEvents(texts[0])
                #expect(first.numbers.last == last)
                // The final change, the new title, reached every stream.
                let final = texts[0].components(separatedBy: "event: build\ndata: ").dropLast().last ?? ""
                #expect(final.contains(#"\/notes\/overview\/"#) && final.contains(#""\/""#), "\(final)")
                for (index, text) in texts.enumerated() {
                    #expect(Self.buildEvents(text).numbers == first.numbers, "stream \(index) differs: \(Self.buildEvents(text).numbers)")
                }
                #expect(await server.connections == Self.streams)
            }
            // Everything closed (the clients with their sockets, the server stopped): no descriptor left.
            var after = Self.openDescriptors()
            for _ in 0..<100 where after > before {
                try await Task.sleep(nanoseconds: 50_000_000)
                after = Self.openDescriptors()
            }
            #expect(after <= before, "\(after - before) descriptors leaked: \(Self.added(Self.descriptors(), to: beforeList))")
        }
    }
}
