import Foundation

/// What to build and where.
public struct BuildOptions: Sendable {
    /// The site folder (holding `briefgen.yml`, `content/`, `templates/`).
    public var siteRoot: String
    /// Where the site is written; `public` inside the site by default.
    public var outputDir: String
    /// Overrides `baseURL` from `briefgen.yml`.
    public var baseURL: String?
    /// Includes documents marked `draft: true`.
    public var includeDrafts = false
    /// False for `briefgen check`: everything but writing.
    public var write = true

    public init(siteRoot: String = ".", outputDir: String? = nil, baseURL: String? = nil,
                includeDrafts: Bool = false, write: Bool = true) {
        self.siteRoot = siteRoot
        self.outputDir = outputDir ?? joinPath(siteRoot, "public")
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.write = write
    }
}

/// What a build did.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// Output files by path below the output folder (empty when the build failed).
    public var outputs: [String: Data] = [:]
    public var pageCount = 0
    public var written = 0
    /// Seconds per stage, in the order they ran.
    public var timings: [(stage: String, seconds: Double)] = []

    public var succeeded: Bool { !diagnostics.hasErrors }

    public init() {}
}
