import ArgumentParser
import BriefgenKit
import Foundation

/// `briefgen build`: writes the site to the output folder.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the site into the output folder (public/ by default).")

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: "Where to write the site (default: SITE/public).")
    var output: String?

    @Flag(name: .long, help: "List each file written and the first changed input that caused it.")
    var explain = false

    @Flag(name: .long, help: "Also build from scratch in memory and fail if any output file differs.")
    var verifyIncremental = false

    @Flag(name: .long, help: "Ignore the build graph in .briefgen/ and rebuild everything.")
    var clean = false

    @Option(name: .long, help: "Write a JSON report of the build (pages, timings, diagnostics) to this file.")
    var report: String?

    func validate() throws {
        let directory = BuildOptions(siteRoot: siteOptions.site, outputDir: output).outputDir
        if let refusal = OutputWriter(fs: DiskFileSystem(), directory: directory).refusal() {
            throw ValidationError(refusal.description)
        }
    }

    func run() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        let options = siteOptions.buildOptions(output: output)
        // Without its header the graph is ignored, and rewritten by this build: never left
        // behind describing an older output.
        if clean, let cacheDir = options.cacheDir {
            try? GraphStore.discard(fs: DiskFileSystem(), directory: cacheDir)
        }
        var builder = Builder(options: options)
        builder.keepsOutputs = false  // only their paths are reported
        let bar = ProgressBar()
        builder.progress = { done, total in bar.update(done, total) }
        // The graph is held until `exit`, so it is never torn down (see the end of `run`).
        let (result, graph) = builder.build(keeping: nil, needGraph: false)
        defer { withExtendedLifetime(graph) {} }
        bar.finish()
        Report.diagnostics(result.diagnostics)
        if let report { try BuildReport.json(result).write(to: URL(fileURLWithPath: report)) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let issues = Report.summary(result.diagnostics)
        guard result.succeeded else {
            print("build failed: \(issues); \(options.outputDir) was left as it was")
            throw ExitCode(1)
        }
        if explain {
            for path in result.writtenPaths { print("wrote \(path): \(result.explanations[path] ?? "changed")") }
            for path in result.deleted { print("deleted \(path): its page no longer exists") }
        }
        let what = result.upToDate ? "up to date"
            : result.fullBuild ? "\(result.written) files written"
            : "\(result.written) files written, \(result.deleted.count) deleted, \(result.rendered.count) pages rendered"
        print("built \(result.pageCount) pages (\(what)) into \(options.outputDir) in \(Report.milliseconds(seconds))"
              + (issues.isEmpty ? "" : "; \(issues)"))
        if verifyIncremental {
            let differences = builder.verify()
            guard differences.isEmpty else {
                for path in differences.prefix(20) { print("verify: \(path) differs from a clean build") }
                print("verify-incremental failed: \(differences.count) file(s) differ from a clean build")
                throw ExitCode(1)
            }
            print("verified: output is identical to a clean build")
        }
        // Done: leave without tearing down the build graph's data structures, which on a large
        // site takes longer than writing the changed pages did.
        Foundation.exit(0)
    }
}

/// `briefgen check`: everything a build does but writing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check content and templates without writing anything.")

    @OptionGroup var siteOptions: SiteOptions

    func run() throws {
        let options = siteOptions.buildOptions(write: false)
        let result = Builder(options: options).build()
        Report.diagnostics(result.diagnostics)
        let issues = Report.summary(result.diagnostics)
        if result.succeeded {
            print("ok: \(result.pageCount) pages" + (issues.isEmpty ? "" : "; \(issues)"))
        } else {
            print("check failed: \(issues)")
            throw ExitCode(1)
        }
    }
}

/// A one-line progress bar on a terminal, shown only once a build has run for a second.
final class ProgressBar: @unchecked Sendable {
    // Safe: every mutable field is read and written under `lock`.
    private let lock = NSLock()
    private let start = DispatchTime.now().uptimeNanoseconds
    private var shown = false
    private let enabled = isatty(STDERR_FILENO) == 1

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        lock.withLock {
            guard DispatchTime.now().uptimeNanoseconds - start > 1_000_000_000 else { return }
            shown = true
            let width = 30
            let filled = width * done / total
            let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                + "] \(done)/\(total) pages"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    func finish() {
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
