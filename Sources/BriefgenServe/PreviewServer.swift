import BriefgenKit
import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// `briefgen serve`: serves the site from memory. It loads the build graph (`.briefgen/` as the
/// last `build` left it, read only) up to the site model, renders each output the first time it
/// is asked for and keeps it, watches the sources, rebuilds on save and tells open pages what
/// changed over Server-Sent Events. Nothing is written: no output folder, no `.briefgen/`.
/// A failed rebuild keeps the last good site and shows the errors in an overlay; the next good
/// save rebuilds from that site's graph.
public actor PreviewServer {
    /// Where and what to serve.
    public struct Options: Sendable {
        public var siteRoot: String
        public var host: String
        /// 0 picks a free port (tests).
        public var port: UInt16
        public var includeDrafts: Bool
        /// Poll file stamps instead of using inotify.
        public var forcePolling: Bool
        /// How long to wait after a change for the rest of a burst of saves.
        public var settle: Double

        public init(siteRoot: String, host: String = "127.0.0.1", port: UInt16 = 8000, includeDrafts: Bool = false,
                    forcePolling: Bool = false, settle: Double = 0.03) {
            self.siteRoot = siteRoot
            self.host = host
            self.port = port
            self.includeDrafts = includeDrafts
            self.forcePolling = forcePolling
            self.settle = settle
        }
    }

    /// Something the server reports as it works (for the terminal). After a rebuild the
    /// result's `outputs` and `deleted` are the outputs held in memory that changed or went away.
    public enum Note: Sendable {
        case built(BuildResult, seconds: Double)
        case failed([Diagnostic])
    }

    /// An output held in memory: as rendered (with what it read) and as served (with the
    /// live-reload script in HTML).
    struct Held {
        var output: PreviewOutput
        var served: Data

        init(_ output: PreviewOutput, name: String) {
            self.output = output
            served = SafePath.contentType(name).hasPrefix("text/html") ? LiveReload.inject(into: output.data) : output.data
        }
    }

    let options: Options
    let hub = EventHub()
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    private var heartbeat: Task<Void, Never>?
    private var watcher: SiteWatcher?
    private(set) var buildNumber = 0
    /// Paths changed since the last rebuild started, and since the site held was built (nil:
    /// not known, so the next rebuild walks the site's folders).
    private var pendingPaths: Set<String>? = []
    private var unbuilt: Set<String>? = []
    /// The last good build, up to the site model: what outputs are rendered from.
    private(set) var site: PreviewSite?
    /// Outputs rendered so far, by output path; the rest are rendered when asked for.
    private(set) var held: [String: Held] = [:]
    /// Requests that came before the first build finished.
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var started = false
    private var building = false
    private var pending = false
    private(set) var errors: [Diagnostic] = []
    private(set) var ready = false
    private var notes: (@Sendable (Note) -> Void)?
    private var history: HistoryCache
    public private(set) var port: UInt16 = 0

    public init(options: Options) {
        self.options = options
        history = HistoryCache(siteRoot: options.siteRoot)
    }

    /// The base URL given to builds: none, so that `serve` reads the graph `build` left.
    var baseURL: String? { nil }

    /// Binds the port, loads the site, starts watching. Throws `ServeError` when the port is taken.
    public func start(notes: (@Sendable (Note) -> Void)? = nil) async throws {
        self.notes = notes
        let address: any SocketAddress = options.host.contains(":")
            ? try sockaddr_in6.inet6(ip6: options.host, port: options.port)
            : try sockaddr_in.inet(ip4: options.host == "localhost" ? "127.0.0.1" : options.host, port: options.port)
        let handler = PreviewHandler(server: self)
        #if canImport(Glibc) && canImport(CSystemLinux)
        let server = HTTPServer(address: address, timeout: 3600, pool: SocketPool(queue: EPollQueue()), logger: .disabled,
                                handler: handler)
        #else
        let server = HTTPServer(address: address, timeout: 3600, logger: .disabled, handler: handler)
        #endif
        self.server = server
        let failure = Mutex<String?>(nil)
        serverTask = Task {
            do { try await server.run() } catch {
                failure.withLock { $0 = "\(error)" }
                throw error
            }
        }
        // Listening, or the reason it could not (a taken port fails at once, not after a timeout).
        for _ in 0..<500 {
            if await server.isListening { break }
            if let reason = failure.withLock({ $0 }) {
                throw ServeError.cannotListen(host: options.host, port: options.port, reason: reason)
            }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        guard await server.isListening else {
            throw ServeError.cannotListen(host: options.host, port: options.port, reason: "timed out")
        }
        if case .ip4(_, let bound)? = await server.listeningAddress { port = bound }
        if case .ip6(_, let bound)? = await server.listeningAddress { port = bound }
        // Watching from before the first build: a save while it runs is built after it.
        building = true
        watcher = SiteWatcher(root: options.siteRoot, forcePolling: options.forcePolling) { [weak self] paths in
            Task { await self?.changed(paths) }
        }
        await rebuild()
        started = true
        for continuation in waiting { continuation.resume() }
        waiting = []
        ready = true
        building = false
        if pending { Task { await self.changed(nil) } }
        heartbeat = Task { [hub] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 15_000_000_000)
                await hub.heartbeat()
            }
        }
    }

    /// True while a rebuild runs or is queued.
    public var isBusy: Bool { building }

    /// How files are watched ("inotify" or "polling").
    public var watchMechanism: String { watcher?.mechanism ?? "none" }

    /// Open event streams (browser tabs).
    public var connections: Int { get async { await hub.count } }

    /// Outputs rendered and held in memory, and outputs the site has.
    public var rendered: (held: Int, of: Int) { (held.count, site?.outputCount ?? 0) }

    /// Stops watching, ends the event streams and closes the server.
    public func stop() async {
        watcher?.stop()
        heartbeat?.cancel()
        await hub.finishAll()
        await server?.stop(timeout: 1)
        serverTask?.cancel()
    }

    /// A change on disk: wait for the burst to settle, then rebuild (once more if saves came meanwhile).
    func changed(_ paths: Set<String>? = nil) async {
        if let paths, !paths.isEmpty { pendingPaths?.formUnion(paths) } else if paths != nil { pendingPaths = nil }
        if building {
            pending = true
            return
        }
        building = true
        try? await Task.sleep(nanoseconds: UInt64(options.settle * 1e9))
        repeat {
            pending = false
            let batch = pendingPaths
            pendingPaths = []
            await rebuild(changed: batch)
        } while pending
        building = false
    }

    /// Builds now (up to the site model), re-renders the held outputs whose slices changed and
    /// tells open pages about those whose bytes changed or that went away.
    func rebuild(changed: Set<String>? = nil) async {
        var build = BuildOptions(siteRoot: options.siteRoot, baseURL: baseURL, includeDrafts: options.includeDrafts)
        build.history = history.current(siteRoot: options.siteRoot)
        let builder = Builder(options: build)
        let start = DispatchTime.now().uptimeNanoseconds
        let previous = site
        // Every path changed since the site held was built: a failed build's are looked at again.
        let paths = unbuilt.flatMap { unbuilt in changed.map { unbuilt.union($0) } }
        // On a Dispatch thread, not the cooperative pool: requests keep being served during a rebuild.
        let (result, next) = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: builder.preview(keeping: previous, changed: paths))
            }
        }
        buildNumber += 1
        unbuilt = next == nil ? paths : []
        guard let next else {
            errors = result.diagnostics.filter { $0.severity == .error }
            await hub.broadcast(event: "errors", data: statusJSON)
            notes?(.failed(result.diagnostics))
            return
        }
        let hadErrors = !errors.isEmpty
        errors = []
        var announced = result
        let refreshStart = DispatchTime.now().uptimeNanoseconds
        var event = BuildEvent(build: buildNumber, basePath: next.basePath)
        if let previous, !result.upToDate {
            // Held outputs (those rendered while the build ran too, from the previous site).
            let (gone, new) = next.difference(from: previous)
            for output in gone { held[output] = nil }
            for (name, entry) in held where !next.isCurrent(entry.output) {
                guard let output = next.render(name) else { continue }
                if output != entry.output { announced.outputs[name] = output.data }
                held[name] = Held(output, name: name)
            }
            announced.deleted = gone
            event.record(changed: announced.outputs.keys.sorted(), deleted: gone, added: new)
        } else if previous == nil {
            held = [:]
            event.everything = true
        }
        // The previous site is released after the pages are told (freeing its graph took a
        // fifth of a body edit's rebuild).
        let released = site
        site = next
        announced.timings.append(("refresh", Double(DispatchTime.now().uptimeNanoseconds - refreshStart) / 1e9, 0))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if !event.changed.isEmpty || !event.deleted.isEmpty || hadErrors {
            await hub.broadcast(event: "build", data: event.json)
        }
        withExtendedLifetime(released) {}
        notes?(.built(announced, seconds: seconds))
    }

    /// An output for a request: held, or rendered now from the last good site and kept.
    func output(_ requestPath: String) async -> Response {
        if !started { await withCheckedContinuation { waiting.append($0) } }
        guard let site else { return .unbuilt }
        if requestPath == "/", site.basePath != "/" { return .redirect(site.basePath) }
        switch SafePath.resolve(requestPath, basePath: site.basePath, exists: site.contains) {
        case .forbidden:
            return .forbidden
        case .notFound:
            return .notFound(held("404.html", in: site)?.served)
        case .output(let name):
            guard let entry = held(name, in: site) else { return .notFound(nil) }
            return .found(entry.served, type: SafePath.contentType(name))
        }
    }

    private func held(_ name: String, in site: PreviewSite) -> Held? {
        if let entry = held[name] { return entry }
        guard let output = site.render(name) else { return nil }
        let entry = Held(output, name: name)
        held[name] = entry
        return entry
    }

    /// What the server answers for a page or file of the site.
    enum Response {
        case found(Data, type: String)
        case notFound(Data?)
        case redirect(String)
        case forbidden
        /// The site has not built once yet: a page that waits for the first good build.
        case unbuilt
    }

    /// `{"errors": [...]}` for the overlay.
    var statusJSON: String { ErrorReport(diagnostics: errors, siteRoot: options.siteRoot).json }

    /// An event stream; a page that says which it is (`?page=/notes/x/`) is rendered and held,
    /// so that a change to it is announced (a tab left open across a restart of the server).
    func subscribe(page: String?) async -> AsyncStream<Data> {
        if let page { _ = await output(page) }
        return await hub.subscribe()
    }
}

/// Why the preview cannot start.
public enum ServeError: Error, CustomStringConvertible {
    case cannotListen(host: String, port: UInt16, reason: String)

    public var description: String {
        switch self {
        case let .cannotListen(host, port, reason):
            let inUse = reason.contains("98") || reason.lowercased().contains("in use")
            return inUse
                ? "port \(port) on \(host) is already in use; stop the other server or choose another with --port \(port &+ 1)"
                : "cannot listen on \(host):\(port): \(reason)"
        }
    }
}

/// Serves the site held in memory, the live-reload script, the event stream and the error status.
struct PreviewHandler: HTTPHandler {
    let server: PreviewServer

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([.init("Allow"): "GET, HEAD"]))
        }
        switch request.path {
        case LiveReload.scriptPath:
            return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "text/javascript; charset=utf-8",
                                                           .cacheControl: "no-store"]),
                                body: Data(LiveReload.script.utf8))
        case LiveReload.statusPath:
            return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: "application/json", .cacheControl: "no-store"]),
                                body: Data(await server.statusJSON.utf8))
        case LiveReload.eventsPath:
            let stream = await server.subscribe(page: request.query.first { $0.name == "page" }?.value)
            return HTTPResponse(statusCode: .ok,
                                headers: HTTPHeaders([.contentType: "text/event-stream", .cacheControl: "no-store",
                                          .init("X-Accel-Buffering"): "no"]),
                                body: HTTPBodySequence(from: SSEBytes(stream: stream)))
        default:
            break
        }
        // The raw target too: a client that does not normalise "/../" must not get past it.
        let raw = request.target.rawValue
        if raw.split(separator: "?").first.map({ $0.contains("/../") || $0.hasSuffix("/..") }) ?? false {
            return HTTPResponse(statusCode: .forbidden, body: Data("forbidden\n".utf8))
        }
        let html = HTTPHeaders([.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"])
        switch await server.output(request.path) {
        case .forbidden:
            return HTTPResponse(statusCode: .forbidden, body: Data("forbidden\n".utf8))
        case .redirect(let location):
            return HTTPResponse(statusCode: .found, headers: HTTPHeaders([.location: location]))
        case .unbuilt:
            let page = "<!doctype html><title>briefgen</title><body><p>The site does not build yet.</p></body>"
            return HTTPResponse(statusCode: .serviceUnavailable, headers: html,
                                body: LiveReload.inject(into: Data(page.utf8)))
        case .notFound(let page):
            return HTTPResponse(statusCode: .notFound, headers: html, body: page ?? Data("not found\n".utf8))
        case .found(let data, let type):
            return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: type, .cacheControl: "no-store"]),
                                body: request.method == .HEAD ? Data() : data)
        }
    }
}
