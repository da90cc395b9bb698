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
    let pages: [PageSpec]
    let fingerprints: FingerprintMemo
    let root: String
    let fs: FileSystem

    /// Whether the site has this output (`actors/anthropic/index.html`, `feed.xml`).
    public func contains(_ output: String) -> Bool { jobs[output] != nil }

    /// How many outputs the site has.
    public var outputCount: Int { jobs.count }

    /// Outputs of `old` this site no longer has, and outputs it has that `old` had not.
    public func difference(from old: PreviewSite) -> (gone: [String], new: [String]) {
        (old.jobs.keys.filter { jobs[$0] == nil }.sorted(), jobs.keys.filter { old.jobs[$0] == nil }.sorted())
    }

    /// The path the site is served below (`/`, or the path of `baseURL`).
    public var basePath: String { model.config.basePath }

    /// The site of `graph`; its list of outputs is `previous`'s when `sameShape` says the
    /// documents kept their metadata (so their pages) and no input came or went.
    init?(graph: Builder.Graph, root: String, fs: FileSystem, previous: PreviewSite?, sameShape: Bool) {
        guard let model = graph.model, let templates = graph.templates else { return nil }
        self.graph = graph
        self.model = model
        self.templates = templates
        self.root = root
        self.fs = fs
        if let previous, sameShape, previous.graph.state.inputs.count == graph.state.inputs.count,
           graph.state.inputs.keys.allSatisfy({ previous.graph.state.inputs[$0] != nil }) {
            (pages, jobs) = (previous.pages, previous.jobs)
        } else {
            let pages = PageSpec.all(documents: Array(model.index.documents.held.values))
            self.pages = pages
            let assetPaths = graph.state.inputs.keys.filter {
                $0.hasPrefix("templates/assets/") || ($0.hasPrefix("content/") && ContentAssets.isAsset($0))
            }
            var jobs = Dictionary(uniqueKeysWithValues: BuildEngine.fixedJobs(assetPaths: assetPaths.sorted()))
            for page in pages { jobs[page.output] = .page(page) }
            self.jobs = jobs
        }
        fingerprints = FingerprintMemo(BuildEngine.fingerprinter(
            model: model, templates: graph.state.templates, pageList: BuildEngine.pageListFingerprint(self.pages),
            inputs: graph.state.inputs))
    }

    /// Renders one output, or nil when the site has no such output.
    public func render(_ output: String) -> PreviewOutput? {
        guard let job = jobs[output] else { return nil }
        let pages = self.pages
        let (data, slices) = BuildEngine.make(job, output: output, model: model, templates: templates, pages: { pages }) {
            fs.read(joinPath(root, $0))
        }
        return PreviewOutput(data: data, reads: slices.map { ($0, fingerprints[$0]) })
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
    /// else from `.briefgen/` as the last `build` left it (read only). Returns the site to
    /// serve, or nil when the build has errors (the caller keeps serving `site`).
    public func preview(keeping site: PreviewSite?) -> (result: BuildResult, site: PreviewSite?) {
        var builder = self
        builder.options.inMemory = true
        builder.options.write = false
        var (result, graph) = builder.build(keeping: site?.graph)
        if result.upToDate, let site { return (result, site) }
        var clock = StageClock()
        let next = graph.flatMap {
            PreviewSite(graph: $0, root: options.siteRoot, fs: fs, previous: site, sameShape: result.indexReused)
        }
        clock.lap("outputs", into: &result)
        return (result, next)
    }
}
