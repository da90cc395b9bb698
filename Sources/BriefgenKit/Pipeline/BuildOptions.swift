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
    /// Where the build graph is kept between builds (`.briefgen` in the site); nil for a clean build.
    public var cacheDir: String?
    /// Git history of `content/`, for the "what changed" page and feed; nil outside a repository.
    public var history: ChangeHistory?
    /// `SOURCE_DATE_EPOCH`: the time to use where a date is needed and the content gives none.
    public var sourceDateEpoch: Int?
    /// `serve`: the build stops at the site model (pages are rendered on request) and writes nothing.
    public var inMemory = false

    public init(siteRoot: String = ".", outputDir: String? = nil, baseURL: String? = nil,
                includeDrafts: Bool = false, write: Bool = true, useCache: Bool = true) {
        self.siteRoot = siteRoot
        self.outputDir = outputDir ?? joinPath(siteRoot, "public")
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.write = write
        self.cacheDir = useCache ? joinPath(siteRoot, ".briefgen") : nil
    }

    /// Settings that change every output: a graph made with others is not reused. The output
    /// folder is named by its absolute path, so that `briefgen build` in the site's folder and
    /// `briefgen build --site ~/briefing` from elsewhere share the graph (named as typed, each
    /// made the other's graph foreign: a full build at every switch).
    var key: String {
        "base=\(baseURL ?? "")|drafts=\(includeDrafts)|out=\(URL(fileURLWithPath: outputDir).standardizedFileURL.path)"
    }
}

/// What a build did.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// Bytes of every file written by this build, by path below the output folder
    /// (every file of the site after a full build; only changed ones after an incremental one).
    /// Empty when the builder does not keep them (`Builder.keepsOutputs`).
    public var outputs: [String: Data] = [:]
    /// Every file written by this build, by path below the output folder, sorted.
    public var writtenPaths: [String] = []
    /// Output files deleted because their page no longer exists.
    public var deleted: [String] = []
    /// Why each written file was written (`--explain`): the first changed input behind it.
    public var explanations: [String: String] = [:]
    /// Pages rendered (not necessarily written), by output path.
    public var rendered: [String] = []
    /// Files of the search index made again (not necessarily written), by output path.
    public var renderedIndexFiles: [String] = []
    /// Documents whose search record was made: every one when the index is made whole, those
    /// whose metadata, words, links or mentions changed when it is updated, none when kept.
    public var searchRecordsMade = 0
    /// True when the page list was the previous build's (no document came or went, no old URL
    /// is given, and every paginated list takes as many pages as before).
    public var pageListKept = false
    /// Content files parsed, and documents whose Markdown was rendered.
    public var parsed: [String] = []
    public var bodiesRendered: [String] = []
    /// Bodies whose HTML a page needed and the graph does not keep, rendered on demand.
    public var bodiesFetched: [String] = []
    /// True when nothing had to be recomputed at all.
    public var upToDate = false
    /// True when the whole output folder was replaced.
    public var fullBuild = false
    /// True when the site index was the previous build's: no document's metadata changed, and
    /// every re-rendered body links to and mentions the same pages as before.
    public var indexReused = false
    /// True when the link table and the site index were the previous build's updated in place
    /// for the documents that changed (their ids and keys kept): no other document was read.
    public var indexUpdated = false
    /// Documents of the previous build graph read back (parses with their body summaries):
    /// all of them, except on a rebuild that needs only a few.
    public var graphDocumentsRead = 0
    /// Slices of the previous build whose fingerprint was computed again (a node they read
    /// changed in this revision); the others kept theirs unread.
    public var slicesComputed = 0
    /// Of those, the slices of paginated lists (a page's items, the page count, an item's page).
    public var listPagesComputed = 0
    public var pageCount = 0
    /// Wall and CPU (every thread's) seconds per stage, in the order they ran.
    public var timings: [(stage: String, seconds: Double, cpuSeconds: Double)] = []

    public var succeeded: Bool { !diagnostics.hasErrors }
    public var written: Int { writtenPaths.count }

    public init() {}
}
