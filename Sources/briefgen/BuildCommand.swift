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

    func run() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        var options = BuildOptions(siteRoot: siteOptions.site, outputDir: output, baseURL: siteOptions.baseURL,
                                   includeDrafts: siteOptions.drafts)
        options.write = true
        var builder = Builder(options: options)
        let bar = ProgressBar()
        builder.progress = { done, total in bar.update(done, total) }
        let result = builder.build()
        bar.finish()
        Report.diagnostics(result.diagnostics)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let issues = Report.summary(result.diagnostics)
        if result.succeeded {
            print("built \(result.pageCount) pages (\(result.written) files) into \(options.outputDir) in \(Report.milliseconds(seconds))"
                  + (issues.isEmpty ? "" : "; \(issues)"))
        } else {
            print("build failed: \(issues); \(options.outputDir) was left as it was")
            throw ExitCode(1)
        }
    }
}

/// `briefgen check`: everything a build does but writing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check content and templates without writing anything.")

    @OptionGroup var siteOptions: SiteOptions

    func run() throws {
        let options = BuildOptions(siteRoot: siteOptions.site, baseURL: siteOptions.baseURL,
                                   includeDrafts: siteOptions.drafts, write: false)
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
