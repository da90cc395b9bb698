#if canImport(Glibc)
import Glibc
#endif
import BriefgenKit
import BriefgenServe
import Foundation

/// `briefgen-bench serve ARTICLES CLIENTS`: the preview server on a generated site. Prints the
/// time from start to the first page with `.briefgen/` warm from a `build`, the time from a file
/// write to the SSE event for a one-article edit of an open page, and how many event streams and
/// page requests the server served while it rebuilt.
enum ServeBench {
    static func connect(_ port: UInt16) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return fd
    }

    static func send(_ fd: Int32, _ target: String) {
        let request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        _ = request.withCString { Glibc.send(fd, $0, strlen($0), 0) }
    }

    /// Reads from `fd` until `marker` arrives; returns false on timeout.
    static func wait(_ fd: Int32, for marker: String, timeout: Double) -> Bool {
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 5) > 0 else { continue }
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return false }
            received.append(contentsOf: chunk[0..<n])
            if String(decoding: received, as: UTF8.self).contains(marker) { return true }
        }
        return false
    }

    /// Runs blocking socket work on a Dispatch thread: blocking the cooperative pool would stall
    /// the very server being measured (a browser is another process and blocks nothing).
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// Changes a word in an article's first paragraph, running `measure` right after the write.
    static func edit<T>(root: String, article: Int, measure: () async -> T) async throws -> T {
        let path = joinPath(root, "content/articles/article-\(article).md")
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        try Data(text.replacingOccurrences(of: " risk ", with: " risks ").utf8).write(to: URL(fileURLWithPath: path))
        return await measure()
    }

    /// Requests `target` on a new connection; true when a whole HTML page came back.
    static func page(_ port: UInt16, _ target: String) -> Bool {
        let fd = connect(port)
        defer { close(fd) }
        send(fd, target)
        return wait(fd, for: "</html>", timeout: 30)
    }

    static func run(root: String, clients: Int) async throws {
        // `.briefgen/` warm, as a writer has it after `briefgen build`.
        let warm = DispatchTime.now().uptimeNanoseconds
        let built = Builder(options: BuildOptions(siteRoot: root)).build()
        print("serve: briefgen build first, \(ms(Double(DispatchTime.now().uptimeNanoseconds - warm) / 1e9))"
              + (built.succeeded ? "" : " FAILED"))
        let server = PreviewServer(options: .init(siteRoot: root, port: 0, settle: 0.005))
        let started = DispatchTime.now().uptimeNanoseconds
        let (rebuilds, finished) = AsyncStream<String>.makeStream()
        try await server.start { note in
            // Rebuilds that found nothing changed (a second event for the same save) are not shown.
            if case .built(let result, let seconds) = note, !result.upToDate {
                finished.yield("rebuild \(ms(seconds)): "
                               + result.timings.map { "\($0.stage) \(ms($0.seconds))" }.joined(separator: ", "))
            }
        }
        let port = await server.port
        let first = await offPool { page(port, "/articles/article-1/") }
        let firstPage = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        var rebuildLog = rebuilds.makeAsyncIterator()
        print("serve: start → first page (warm .briefgen/) \(first ? ms(firstPage) : "failed"); "
              + "\(await rebuildLog.next() ?? ""); watching with \(await server.watchMechanism)")
        let streams = (0..<clients).map { _ in connect(port) }
        for fd in streams { send(fd, "/__briefgen/events") }
        for fd in streams { _ = await offPool { wait(fd, for: ": connected", timeout: 10) } }
        print("serve: \(await server.connections) event streams open")
        // Latency: one edit at a time, the machine otherwise idle (as when a writer saves).
        var latencies: [Double] = []
        for round in 1...5 {
            // The page open in the browser, as when a writer edits what they look at.
            _ = await offPool { page(port, "/articles/article-\(round * 7)/") }
            let fd = streams[0]
            let seconds = try await edit(root: root, article: round * 7) {
                await offPool { () -> Double? in
                    let start = DispatchTime.now().uptimeNanoseconds
                    return wait(fd, for: "event: build", timeout: 30)
                        ? Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 : nil
                }
            }
            latencies.append(seconds ?? .infinity)
            let rest = Array(streams.dropFirst())
            let all = await offPool { 1 + rest.filter { wait($0, for: "event: build", timeout: 5) }.count }
            let full = await rebuildLog.next() ?? ""
            while await server.isBusy { try await Task.sleep(nanoseconds: 20_000_000) }
            let everyone = streams
            _ = await offPool { everyone.map { wait($0, for: "\u{0}", timeout: 0.2) } }
            print("serve: edit \(round): write → SSE event (save → reload) \(seconds.map(ms) ?? "timed out"); \(all)/\(clients) streams got it")
            print("        then \(full)")
        }
        let sorted = latencies.sorted()
        print("serve: save → reload event, median \(ms(sorted[sorted.count / 2])), worst \(ms(sorted.last!))")

        // Load: while a rebuild runs, keep requesting pages over new connections.
        let loadStart = DispatchTime.now().uptimeNanoseconds
        async let pages = offPool { () -> Int in
            var served = 0
            while DispatchTime.now().uptimeNanoseconds - loadStart < 1_500_000_000 {
                let fd = connect(port)
                send(fd, "/notes/note-0/")
                if wait(fd, for: "</html>", timeout: 2) { served += 1 }
                close(fd)
            }
            return served
        }
        let path = joinPath(root, "content/articles/article-50.md")
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        try Data(text.replacingOccurrences(of: "title: Synthetic", with: "title: Retitled").utf8).write(to: URL(fileURLWithPath: path))
        let full = await rebuildLog.next() ?? ""
        print("serve: during a title-edit rebuild (\(full.prefix(while: { $0 != ":" }))), \(await pages) page requests answered in 1.5 s "
              + "and \(await server.connections) of \(clients) event streams stayed open")
        for fd in streams { close(fd) }
        await server.stop()
    }
}
