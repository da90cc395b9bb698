import ArgumentParser
import BriefgenKit
import BriefgenServe
import Foundation

/// `briefgen serve`: a preview that rebuilds on save and reloads the browser.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Preview the site, rebuilding and reloading open pages on every save.")

    @Option(name: .long, help: "The site folder.")
    var site: String = "."

    @Option(name: .long, help: "Port to listen on.")
    var port: UInt16 = 8000

    @Option(name: .long, help: "Address to listen on; anything but loopback exposes your drafts to the network.")
    var host: String = "127.0.0.1"

    @Flag(name: .long, help: "Open the preview in the default browser.")
    var open = false

    @Flag(name: .long, help: "Include documents marked `draft: true`.")
    var drafts = false

    @Flag(name: .long, help: "Poll for changes instead of using inotify.")
    var poll = false

    func validate() throws {
        if let problem = SiteFolder.problem(root: site, fs: DiskFileSystem()) { throw ValidationError(problem) }
    }

    func run() async throws {
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            FileHandle.standardError.write(Data("warning: serving on \(host): anyone who can reach this machine can read the preview, drafts included\n".utf8))
        }
        let server = PreviewServer(options: .init(siteRoot: site, host: host, port: port, includeDrafts: drafts,
                                                  forcePolling: poll))
        do {
            try await server.start { note in
                switch note {
                case .built(let result, let seconds):
                    Report.diagnostics(result.diagnostics)
                    if !result.upToDate {
                        say("rebuilt in \(Report.milliseconds(seconds)): \(result.written) file\(result.written == 1 ? "" : "s") changed")
                    }
                case .failed(let diagnostics):
                    Report.diagnostics(diagnostics)
                    say("build failed: \(Report.summary(diagnostics)); still serving the last good site")
                }
            }
        } catch let error as ServeError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(await server.port)/"
        say("serving \(site) at \(url) (watching with \(await server.watchMechanism)); press Ctrl-C to stop")
        if open { openBrowser(url) }
        await waitForInterrupt()
        say("\nstopping")
        await server.stop()
    }

    private func openBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }

    /// Returns on SIGINT or SIGTERM.
    private func waitForInterrupt() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = OnceFlag()
            for sig in [SIGINT, SIGTERM] {
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .main)
                source.setEventHandler {
                    if once.set() { continuation.resume() }
                }
                source.resume()
                SignalSources.keep(source)
            }
        }
    }
}

/// Keeps signal sources alive for the life of the process.
enum SignalSources {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    // Safe: only called from `waitForInterrupt`, before any signal can arrive, on one task.
    static func keep(_ source: any DispatchSourceSignal) { sources.append(source) }
}

/// True the first time only.
final class OnceFlag: @unchecked Sendable {
    // Safe: the flag is only read and written under `lock`.
    private let lock = NSLock()
    private var done = false

    func set() -> Bool {
        lock.withLock {
            defer { done = true }
            return !done
        }
    }
}

/// Prints a line straight away, also when stdout is a pipe (the preview runs for hours).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
