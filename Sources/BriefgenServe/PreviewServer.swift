import BriefgenKit
import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// `briefgen serve`: builds the site incrementally into a private folder, serves it, watches
/// the sources, rebuilds on save and tells open pages what changed over Server-Sent Events.
/// A failed rebuild keeps the last good site and shows the errors in an overlay.
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

    /// Something the server reports as it works (for the terminal).
    public enum Note: Sendable {
        case built(BuildResult, seconds: Double)
        case failed([Diagnostic])
        /// A page written and announced ahead of the rebuild.
        case previewed(url: String, seconds: Double)
    }

    let options: Options
    let hub = EventHub()
    private var server: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    private var heartbeat: Task<Void, Never>?
    private var watcher: SiteWatcher?
    private(set) var buildNumber = 0
    private var pendingPaths = Set<String>()
    /// The build graph of the last good build, kept in memory so a rebuild reads nothing back.
    private var graph: Builder.Graph?
    private var building = false
    private var pending = false
    private(set) var errors: [Diagnostic] = []
    private(set) var ready = false
    private var notes: (@Sendable (Note) -> Void)?
    public private(set) var port: UInt16 = 0

    public init(options: Options) {
        self.options = options
    }

    var outputDir: String { joinPath(options.siteRoot, ".briefgen/preview/site") }
    var baseURL: String { "http://\(options.host.contains(":") ? "[\(options.host)]" : options.host):\(port)/" }

    /// Binds the port, builds the site, starts watching. Throws `ServeError` when the port is taken.
    public func start(notes: (@Sendable (Note) -> Void)? = nil) async throws {
        self.notes = notes
        let address: any SocketAddress = options.host.contains(":")
            ? try sockaddr_in6.inet6(ip6: options.host, port: options.port)
            : try sockaddr_in.inet(ip4: options.host == "localhost" ? "127.0.0.1" : options.host, port: options.port)
        let handler = PreviewHandler(server: self, files: SafePath(root: ensureOutputDir()))
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
        await rebuild()
        ready = true
        let site = options.siteRoot
        watcher = SiteWatcher(root: site, forcePolling: options.forcePolling) { [weak self] paths in
            Task { await self?.changed(paths) }
        }
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

    /// Stops watching, ends the event streams and closes the server.
    public func stop() async {
        watcher?.stop()
        heartbeat?.cancel()
        await hub.finishAll()
        await server?.stop(timeout: 1)
        serverTask?.cancel()
    }

    private func ensureOutputDir() -> String {
        try? FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
        return outputDir
    }

    /// A change on disk: wait for the burst to settle, then rebuild (once more if saves came meanwhile).
    func changed(_ paths: Set<String> = []) async {
        pendingPaths.formUnion(paths)
        if building {
            pending = true
            return
        }
        building = true
        try? await Task.sleep(nanoseconds: UInt64(options.settle * 1e9))
        repeat {
            pending = false
            pendingPaths = []
            await rebuild()
        } while pending
        building = false
    }

    /// Builds now and tells open pages (except about files `fastPreview` already sent, unchanged since).
    func rebuild(alreadySent: [String: Data] = [:]) async {
        var build = BuildOptions(siteRoot: options.siteRoot, outputDir: outputDir, baseURL: baseURL,
                                 includeDrafts: options.includeDrafts)
        build.cacheDir = joinPath(options.siteRoot, ".briefgen/preview")
        build.history = ChangeHistory.git(siteRoot: options.siteRoot)
        let builder = Builder(options: build)
        let start = DispatchTime.now().uptimeNanoseconds
        let previous = graph
        // On a Dispatch thread, not the cooperative pool: requests keep being served during a rebuild.
        let (result, next) = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: builder.build(keeping: previous))
            }
        }
        if let next { graph = next }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        buildNumber += 1
        if result.succeeded {
            let hadErrors = !errors.isEmpty
            errors = []
            var event = BuildEvent(build: buildNumber, result: result)
            let repeats = Set(alreadySent.filter { result.outputs[$0.key] == $0.value }.keys.map(BuildEvent.url))
            event.changed.removeAll { repeats.contains($0) }
            if !event.changed.isEmpty || !event.deleted.isEmpty || hadErrors {
                await hub.broadcast(event: "build", data: event.json)
            }
            notes?(.built(result, seconds: seconds))
        } else {
            if !alreadySent.isEmpty {
                // A page was written ahead of a build that then failed: the graph no longer
                // describes the folder, so the next build starts afresh.
                graph = nil
                try? DiskFileSystem().remove(joinPath(outputDir, OutputWriter.marker))
            }
            errors = result.diagnostics.filter { $0.severity == .error }
            await hub.broadcast(event: "errors", data: statusJSON)
            notes?(.failed(result.diagnostics))
        }
    }

    /// `{"errors": [...]}` for the overlay.
    var statusJSON: String { ErrorReport(diagnostics: errors, siteRoot: options.siteRoot).json }

    func subscribe() async -> AsyncStream<Data> { await hub.subscribe() }
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

/// Serves the preview folder, the live-reload script, the event stream and the error status.
struct PreviewHandler: HTTPHandler {
    let server: PreviewServer
    let files: SafePath

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
            let stream = await server.subscribe()
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
        switch files.resolve(request.path) {
        case .forbidden:
            return HTTPResponse(statusCode: .forbidden, body: Data("forbidden\n".utf8))
        case .notFound:
            let page = files.root + "/404.html"
            let body = FileManager.default.contents(atPath: page).map(LiveReload.inject) ?? Data("not found\n".utf8)
            return HTTPResponse(statusCode: .notFound, headers: HTTPHeaders([.contentType: "text/html; charset=utf-8",
                                                                 .cacheControl: "no-store"]), body: body)
        case .file(let path):
            guard var data = FileManager.default.contents(atPath: path) else {
                return HTTPResponse(statusCode: .notFound)
            }
            let type = SafePath.contentType(path)
            if type.hasPrefix("text/html") { data = LiveReload.inject(into: data) }
            return HTTPResponse(statusCode: .ok, headers: HTTPHeaders([.contentType: type, .cacheControl: "no-store"]),
                                body: request.method == .HEAD ? Data() : data)
        }
    }
}
