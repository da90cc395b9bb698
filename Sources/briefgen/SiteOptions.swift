import ArgumentParser
import BriefgenKit
import Foundation

/// Options shared by `build` and `check`.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder (holding briefgen.yml and content/).")
    var site: String = "."

    @Option(name: .long, help: "Overrides baseURL from briefgen.yml, e.g. https://example.org/brief/.")
    var baseURL: String?

    @Flag(name: .long, help: "Include documents marked `draft: true`.")
    var drafts = false

    func validate() throws {
        if let problem = SiteFolder.problem(root: site, fs: DiskFileSystem()) { throw ValidationError(problem) }
        if let baseURL, let problem = SiteConfig.baseURLProblem(baseURL) {
            throw ValidationError("--base-url \(problem)")
        }
    }
}

extension SiteOptions {
    /// Build options with the site's git history and SOURCE_DATE_EPOCH from the environment.
    func buildOptions(output: String? = nil, write: Bool = true) -> BuildOptions {
        var options = BuildOptions(siteRoot: site, outputDir: output, baseURL: baseURL, includeDrafts: drafts, write: write)
        options.history = ChangeHistory.git(siteRoot: site)
        options.sourceDateEpoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }
        return options
    }
}

/// Prints diagnostics as `file:line:col: severity: message`, the way editors and CI read them,
/// and also as workflow commands when running in GitHub Actions, so they annotate the commit.
enum Report {
    static func diagnostics(_ diagnostics: [Diagnostic]) {
        let github = ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true"
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
            if github { FileHandle.standardOutput.write(Data((diagnostic.githubAnnotation + "\n").utf8)) }
        }
    }

    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }

    static func milliseconds(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }
}
