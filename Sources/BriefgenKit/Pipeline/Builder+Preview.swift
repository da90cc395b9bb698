import Foundation
import Synchronization

/// The site as `serve` holds it: the graph of the last good build, up to the site model, from
/// which any output is rendered on request by the engine's own function (`BuildEngine.make`).
/// Nothing is written: not the output folder, not `.briefgen/`.
public struct PreviewSite: Sendable {
    let graph: Builder.Graph
    let model: SiteModel
    let templates: TemplateSet
    let jobs: [String: OutputJob]
    /// Which list of outputs `jobs` is: shared by the sites that kept the page list of the site
    /// it was made for, so that `difference(from:)` knows them equal without comparing 18,000 keys.
    private let jobList: JobList
    let pages: [PageSpec]
    let fingerprints: FingerprintMemo
    let root: String
    let fs: FileSystem
    /// The files the site was built from, kept up to date from the watcher's word.
    var listing: SiteListing

    /// Whether the site has this output (`actors/anthropic/index.html`, `feed.xml`).
    public func contains(_ output: String) -> Bool { job(output) != nil }

    /// How an output is made. The search index's files come and go with the words of bodies:
    /// they are looked up in the index, made only when one is first asked for.
    func job(_ output: String) -> OutputJob? {
        if let job = jobs[output] { return job }
        guard SearchIndex.isIndexFile(output), model.searchIndex.outputs.contains(output) else { return nil }
        return .search
    }

    /// How many outputs the site has.
    public var outputCount: Int { jobs.count }

    /// Outputs of `old` this site no longer has, and outputs it has that `old` had not.
    public func difference(from old: PreviewSite) -> (gone: [String], new: [String]) {
        if jobList === old.jobList { return ([], []) }
        return (old.jobs.keys.filter { jobs[$0] == nil }.sorted(), jobs.keys.filter { old.jobs[$0] == nil }.sorted())
    }

    /// The identity of a list of outputs (`jobList`).
    private final class JobList: Sendable {}

    /// The path the site is served below (`/`, or the path of `baseURL`).
    public var basePath: String { model.config.basePath }

    /// The site of `graph`; its list of outputs is `previous`'s when the build kept the page
    /// list of the graph it started from (`previous.graph`), as the build engine decides.
    init?(graph: Builder.Graph, listing: SiteListing, root: String, fs: FileSystem, previous: PreviewSite?) {
        guard let model = graph.model, let templates = graph.templates else { return nil }
        self.listing = listing
        self.graph = graph
        self.model = model
        self.templates = templates
        self.root = root
        self.fs = fs
        if graph.pages == nil, let previous {
            (pages, jobs, jobList) = (previous.pages, previous.jobs, previous.jobList)
        } else {
            jobList = JobList()
            let pages = graph.pages ?? PageSpec.all(documents: model.index.documents.heldValues.sorted { $0.id < $1.id }, lists: model.lists)
            self.pages = pages
            let assetPaths = graph.state.inputs.keys.filter {
                $0.hasPrefix("templates/assets/") || ($0.hasPrefix("content/") && ContentAssets.isAsset($0))
            }
            var jobs = Dictionary(uniqueKeysWithValues: BuildEngine.fixedJobs(assetPaths: assetPaths.sorted(), pageCount: pages.lazy.filter(SiteFeeds.isListed).count))
            for page in pages { jobs[page.output] = .page(page) }
            self.jobs = jobs
        }
        fingerprints = FingerprintMemo(BuildEngine.fingerprinter(
            model: model, templates: graph.state.templates, pageList: BuildEngine.pageListFingerprint(self.pages),
            inputs: graph.state.inputs))
    }

    /// Renders one output, or nil when the site has no such output.
    public func render(_ output: String) -> PreviewOutput? {
        guard let job = job(output) else { return nil }
        let pages = self.pages
        let (data, slices) = BuildEngine.make(job, output: output, model: model, templates: templates, pages: { pages }) {
            // Read long after the scan: a file since swapped for a link leaving the site is not.
            guard let real = fs.realPath(joinPath(root, $0)), let site = fs.realPath(root), real.hasPrefix(site + "/") else { return nil }
            return fs.read(real)
        }
        return PreviewOutput(data: data, reads: slices.names.map { ($0, fingerprints[$0]) })
    }

    /// Whether `output` comes out the same from this site: every slice it read has the
    /// fingerprint it had when it was rendered.
    public func isCurrent(_ output: PreviewOutput) -> Bool {
        output.reads.allSatisfy { fingerprints[$0.slice] == $0.fingerprint }
    }
}

/// One output rendered for the preview, with the fingerprints of the slices it read.
public struct PreviewOutput: Sendable, Equatable {
    public let data: Data
    let reads: [(slice: String, fingerprint: UInt64)]

    public static func == (a: PreviewOutput, b: PreviewOutput) -> Bool { a.data == b.data }
}

/// Slice fingerprints of one site, each computed once: the outputs a preview holds read many
/// of the same slices (the site's title, the actor list).
final class FingerprintMemo: Sendable {
    private let fingerprinter: SliceFingerprinter
    private let known = Mutex<[String: UInt64]>([:])

    init(_ fingerprinter: SliceFingerprinter) { self.fingerprinter = fingerprinter }

    subscript(slice: String) -> UInt64 {
        if let fingerprint = known.withLock({ $0[slice] }) { return fingerprint }
        let fingerprint = fingerprinter.compute(slice)
        known.withLock { $0[slice] = fingerprint }
        return fingerprint
    }
}

extension Builder {
    /// `serve`'s build: the incremental build up to the site model, from `site` when given,
    /// else from `.briefgen/` as the last `build` left it (read only). `changed` lists every
    /// path changed since `site` was built, as a watcher reports them (nil: not known; the
    /// site's folders are walked). Returns the site to serve, or nil when the build has errors
    /// (the caller keeps serving `site`).
    public func preview(keeping site: PreviewSite?, changed: Set<String>? = nil) -> (result: BuildResult, site: PreviewSite?) {
        var builder = self
        builder.options.inMemory = true
        builder.options.write = false
        let listing = site.flatMap { site in changed.map { site.listing.updated(with: $0, root: options.siteRoot, fs: fs) } }
            ?? SiteListing(root: options.siteRoot, fs: fs)
        builder.listing = listing
        var (result, graph) = builder.build(keeping: site?.graph)
        if result.upToDate, var site {
            site.listing = listing
            return (result, site)
        }
        var clock = StageClock()
        let next = graph.flatMap {
            PreviewSite(graph: $0, listing: listing, root: options.siteRoot, fs: fs, previous: site)
        }
        clock.lap("outputs", into: &result)
        return (result, next)
    }
}

extension SiteListing {
    /// This listing after changes to `paths` (site-relative, as a watcher reports them): a
    /// changed file is stat'ed again, a file or folder gone is dropped with all below it, and a
    /// folder or link that appeared has its top folder walked again.
    func updated(with paths: Set<String>, root: String, fs: FileSystem) -> SiteListing {
        guard fs is DiskFileSystem else { return SiteListing(root: root, fs: fs) }
        var next = self
        for top in ["content", "templates"] {
            let changes = paths.compactMap { path -> String? in
                path == top ? "" : path.hasPrefix(top + "/") ? String(path.dropFirst(top.count + 1)) : nil
            }
            guard !changes.isEmpty else { continue }
            let folder = joinPath(root, top)
            let entries = top == "content" ? content : templates
            let updated = Self.update(entries, changes: changes, folder: folder) ?? fs.stampedFiles(under: folder)
            if top == "content" { next.content = updated } else { next.templates = updated }
        }
        return next
    }

    /// The entries after `changes`, or nil when the folder must be walked again.
    private static func update(_ entries: [(path: String, stamp: FileStamp)], changes: [String],
                               folder: String) -> [(path: String, stamp: FileStamp)]? {
        // A change to the folder itself, or a site with linked folders: walked again.
        if changes.contains("") || entries.contains(where: { $0.stamp.throughLink }) { return nil }
        var entries = entries
        var table: [String: FileStamp]?
        for path in changes {
            let full = joinPath(folder, path)
            var info = stat()
            if lstat(full, &info) != 0 {
                // Gone: the file, or a folder and everything below it.
                var all = table ?? Dictionary(entries.map { ($0.path, $0.stamp) }, uniquingKeysWith: { a, _ in a })
                all[path] = nil
                let below = path + "/"
                for key in all.keys where key.hasPrefix(below) { all[key] = nil }
                table = all
            } else if info.st_mode & S_IFMT == S_IFREG {
                let stamp = DiskFileSystem.stamp(of: info)
                if table == nil, let index = entries.firstIndex(where: { $0.path == path }) {
                    entries[index].stamp = stamp
                } else {
                    var all = table ?? Dictionary(entries.map { ($0.path, $0.stamp) }, uniquingKeysWith: { a, _ in a })
                    all[path] = stamp
                    table = all
                }
            } else {
                return nil  // a folder or a link appeared: what it holds is listed by a walk
            }
        }
        return table.map { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } } ?? entries
    }
}
