import Foundation

/// Runs a build: loads the previous build graph, lets the engine decide what to recompute,
/// and writes only when there are no errors: changed files in place (each written then
/// renamed), or, for a clean build, a whole new output folder swapped in at once.
public struct Builder: Sendable {
    public var fs: FileSystem
    public var options: BuildOptions
    /// Called with (done, total) while pages render.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// The site's files when known without walking its folders (`serve`'s, kept by its watcher).
    var listing: SiteListing?
    /// Whether `BuildResult.outputs` keeps the bytes of the files written (true by default).
    /// `briefgen build` needs only their paths: the bytes of a full build (half a gigabyte at
    /// 10,000 articles) are then released once written, before the graph is stored.
    public var keepsOutputs = true

    public init(fs: FileSystem = DiskFileSystem(), options: BuildOptions) {
        self.fs = fs
        self.options = options
    }

    public func build() -> BuildResult { build(keeping: nil, needGraph: false).result }

    /// A build graph kept in memory between builds (the preview server's), so a rebuild reads
    /// nothing back from `.briefgen/`.
    public struct Graph: Sendable {
        var state: BuildState
        /// The model and templates of the build, when it ran in this process (not after a no-op).
        var model: SiteModel?
        var templates: TemplateSet?
        /// The page list when the build made it (nil: the previous graph's, unchanged).
        var pages: [PageSpec]?
        /// False after a rebuild that read only some documents of the graph on disk, whose state
        /// holds only those: such a graph is returned only to be released with the process, and
        /// is not built on.
        var complete = true
    }

    /// Builds, starting from `graph` when given (else from the graph on disk); returns the graph
    /// to pass to the next build. Without `needGraph` (a command that builds once), a rebuild
    /// reads the previous graph's documents per key, as nodes need them, and returns a graph
    /// not to build on.
    public func build(keeping graph: Graph?, needGraph: Bool = true) -> (result: BuildResult, graph: Graph?) {
        var result = BuildResult()
        var clock = StageClock()
        if let graph, graph.complete, graph.state.optionsKey == options.key,
           options.inMemory || fs.read(joinPath(options.outputDir, OutputWriter.marker)) != nil {
            let scan = InputScan(root: options.siteRoot, fs: fs, previous: graph.state.inputs, readAll: false, listing: listing)
            clock.lap("scan", into: &result)
            if scan.isUnchanged, graph.state.historyKey == historyKey {
                result.upToDate = true
                result.pageCount = graph.state.pageCount
                result.diagnostics = graph.state.allDiagnostics
                return (result, graph)
            }
            let next = finish(previous: graph.state, keptShape: graph.model.map { ($0.links, $0.index) }, scan: scan, result: &result, clock: &clock)
            return (result, next)
        }
        let next = buildFromDisk(&result, &clock, needGraph: needGraph)
        return (result, next)
    }

    private var historyKey: UInt64 {
        var historyHash = StableHash()
        historyHash.combine(String(options.history?.fingerprint ?? 0))
        historyHash.combine(String(options.sourceDateEpoch ?? 0))
        return historyHash.value
    }

    private func buildFromDisk(_ result: inout BuildResult, _ clock: inout StageClock, needGraph: Bool) -> Graph? {
        let store = options.cacheDir.map { GraphStore(fs: fs, directory: $0) }
        var stored: BuildState?
        // A preview in memory has no output folder: the graph need not describe one.
        let marker = options.inMemory ? nil : joinPath(options.outputDir, OutputWriter.marker)
        switch store?.open(optionsKey: options.key, outputMarker: marker) {
        case .success(let head): stored = head
        case .failure(.unreadable(let reason)): result.diagnostics.append(cacheWarning(reason))
        case .failure(.absent), nil: break
        }
        var scan = InputScan(root: options.siteRoot, fs: fs, previous: stored?.inputs ?? [:], readAll: stored == nil, listing: listing)
        clock.lap("scan", into: &result)
        if let stored, scan.isUnchanged, stored.historyKey == historyKey, !options.inMemory {
            // Nothing changed: the graph is up to date. Report the stored diagnostics again.
            result.upToDate = true
            result.pageCount = stored.pageCount
            result.diagnostics = stored.allDiagnostics
            return nil
        }
        var previous: BuildState?
        var tables: Background<BuildState.Tables?>?
        if var head = stored, let store {
            // A graph kept in memory afterwards holds every document: read whole (on all cores).
            // Otherwise documents are read per key, as the engine's nodes need them.
            if needGraph {
                do {
                    (head.documents, head.bodies) = try store.everything()
                    result.graphDocumentsRead = store.documentsRead
                } catch {
                    result.diagnostics.append(cacheWarning("damaged or truncated"))
                    scan = InputScan(root: options.siteRoot, fs: fs, previous: [:], readAll: true)
                    clock.lap("load", into: &result)
                    return finish(previous: nil, scan: scan, result: &result, clock: &clock)
                }
            }
            // The slice and output tables decode on the other core from here on.
            if !options.inMemory { tables = Background { try? store.tables() } }
            previous = head
        }
        clock.lap("load", into: &result)
        return finish(previous: previous, previousIsWhole: needGraph, store: previous == nil ? nil : store, tables: tables,
                      scan: scan, result: &result, clock: &clock)
    }

    /// Runs the engine and writes the outputs and the graph; returns the new graph on success.
    /// `store` is the previous graph's when the build starts from it.
    private func finish(previous: BuildState?, previousIsWhole: Bool = true, store: GraphStore? = nil,
                        tables: Background<BuildState.Tables?>? = nil, keptShape: (links: LinkTable, index: SiteIndex)? = nil,
                        scan: InputScan, result: inout BuildResult, clock: inout StageClock) -> Graph? {
        let store = store ?? options.cacheDir.map { GraphStore(fs: fs, directory: $0) }
        var engine = BuildEngine(fs: fs, options: options, previous: previous, store: previous == nil ? nil : store)
        engine.keepsOutputs = keepsOutputs
        engine.previousIsWhole = previousIsWhole
        engine.progress = progress
        engine.pendingTables = tables
        engine.keptShape = keptShape
        if options.write, !options.inMemory {
            engine.beforeSwap = { try store?.invalidate() }
            if previous == nil, let store { engine.shardsAfterSwap = { store.writeShards(of: $0) } }
        }
        let outcome = engine.run(scan: scan, result: &result, clock: &clock)
        if !previousIsWhole, let store { result.graphDocumentsRead = store.documentsRead }
        if outcome.damagedGraph || (previous != nil && !previousIsWhole && store?.readFailed == true) {
            // Part of the graph failed to read after the build had started from it: start over clean.
            result = BuildResult()
            result.diagnostics.append(cacheWarning("damaged or truncated"))
            let fullScan = InputScan(root: options.siteRoot, fs: fs, previous: [:], readAll: true)
            return finish(previous: nil, scan: fullScan, result: &result, clock: &clock)
        }
        return commit(consume outcome, previous: previous, store: store, scan: scan, result: &result, clock: &clock)
    }

    /// Writes what a build decided (outputs, then the graph) when it has no errors; returns the
    /// new graph on success.
    func commit(_ outcome: consuming BuildEngine.Outcome, previous: BuildState?, store: GraphStore?, scan: InputScan,
                result: inout BuildResult, clock: inout StageClock) -> Graph? {
        result.fullBuild = previous == nil
        // Shards started after the swap are written before this returns, whatever fails.
        let shards = outcome.shards
        defer { shards?.wait() }
        result.diagnostics = dedupe(result.diagnostics).sortedForOutput()
        // Replayed by up-to-date builds: a warning about the graph itself was for this build only.
        let storeLocation = store?.location
        outcome.state.allDiagnostics = result.diagnostics.filter { $0.location.file != storeLocation }
        outcome.state.pageCount = result.pageCount
        outcome.state.historyKey = historyKey
        if options.inMemory {
            return result.diagnostics.hasErrors ? nil : Graph(state: outcome.state, model: outcome.model, templates: outcome.templates,
                                                              pages: outcome.pages, complete: outcome.holdsEveryDocument)
        }
        guard !result.diagnostics.hasErrors, options.write else { return nil }
        var siteWritten = false
        do {
            // The graph is invalidated first: a build killed from here on leaves no graph to
            // trust, so the next build is a full one and never takes the output for the old graph's
            // (a clean build whose site is already swapped in did so before the swap).
            try store?.invalidate()
            let writer = OutputWriter(fs: fs, directory: options.outputDir)
            if let swapped = outcome.swapped {
                try swapped.get()
            } else if let replacement = outcome.replacement {
                try replacement.get().finish()
            } else if previous == nil {
                try writer.replaceAll(with: outcome.files)
            } else {
                try writer.update(changed: outcome.files, deleted: outcome.deleted)
            }
            result.writtenPaths = outcome.changedOutputs.sorted()
            // Written: the bytes are released here unless the caller keeps them (the only other
            // reference, the engine's, ended with the pages stage).
            result.outputs = keepsOutputs ? outcome.files : [:]
            // Not purged back to the system: the graph's encoding below reuses what the pages freed
            // (README, "Performance rounds": purging cost more wall time than it saved memory).
            outcome.files = [:]
            result.deleted = outcome.deleted
            siteWritten = true
            clock.lap("write", into: &result)
            if let store {
                // Documents that were parsed, re-rendered or removed.
                let documents = outcome.model?.index.documents ?? DocumentStore()
                var changed = Set(result.parsed).union(scan.removed)
                    .union(result.bodiesRendered.compactMap { documents[$0]?.path })
                // A document's path is an input's path: with no input removed, no document was.
                if let old = previous, !scan.removed.isEmpty {
                    for path in old.documents.keys where outcome.state.documents[path] == nil { changed.insert(path) }
                }
                outcome.state = try store.commit(GraphStore.Update(
                    state: outcome.state, previous: outcome.startedFrom, changedPaths: changed, shape: outcome.shape,
                    tablesReshaped: outcome.tablesReshaped, holdsEveryDocument: outcome.holdsEveryDocument,
                    remadeOutputs: outcome.remadeOutputs, shardsWritten: outcome.shards))
            }
        } catch where siteWritten {
            // The site is this build's and whole; only its graph is missing (invalidated above),
            // so the next build is a full one.
            let cache = store?.directory ?? options.outputDir
            let reason = (error as? OutputError)?.message ?? OutputError.cause(of: error).reason
            result.diagnostics.append(.warning(SourceLocation(file: cache, line: 0, column: 0),
                                               "cannot save the build graph to \(cache): \(reason)",
                                               hint: "the site in \(options.outputDir) is complete; the next build is a full one"))
            return nil
        } catch {
            let failure = OutputError(error, writing: options.outputDir)
            result.diagnostics.append(.error(SourceLocation(file: options.outputDir, line: 0, column: 0),
                                             failure.message, hint: failure.hint))
            return nil
        }
        clock.lap("cache", into: &result)
        // Returned also when it does not hold every document, for the caller to decide when to
        // release it (`briefgen build` exits without: tearing down the slice tables took a
        // tenth of a one-edit rebuild).
        return Graph(state: outcome.state, model: outcome.model, templates: outcome.templates, pages: outcome.pages,
                     complete: outcome.holdsEveryDocument)
    }

    /// Every output file of a clean build of the site (nothing read from or written to the graph on disk).
    public func cleanOutputs() -> (files: [String: Data], diagnostics: [Diagnostic]) {
        var options = self.options
        options.cacheDir = nil
        options.write = false  // its files are returned, not written
        var result = BuildResult()
        var clock = StageClock()
        let scan = InputScan(root: options.siteRoot, fs: fs, previous: [:], readAll: true)
        let outcome = BuildEngine(fs: fs, options: options, previous: nil).run(scan: scan, result: &result, clock: &clock)
        return (outcome.files, result.diagnostics)
    }

    /// Files of the output folder that differ from a clean build (missing, extra or changed).
    public func verify() -> [String] {
        let (expected, diagnostics) = cleanOutputs()
        guard !diagnostics.hasErrors else { return ["(the clean build failed)"] }
        let present = Set(fs.files(under: options.outputDir)).subtracting([OutputWriter.marker])
        var differences: [String] = []
        for path in present.union(expected.keys).sorted()
        where fs.read(joinPath(options.outputDir, path)) != expected[path] {
            differences.append(path)
        }
        return differences
    }

    private func cacheWarning(_ reason: String) -> Diagnostic {
        .warning(SourceLocation(file: joinPath(options.cacheDir ?? ".briefgen", GraphStore.headFile), line: 0, column: 0),
                 "build cache ignored (\(reason)); doing a full build",
                 hint: "it will be rewritten; delete .briefgen/ if this repeats")
    }

    private func dedupe(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}

/// Measures the stages of a build with a monotonic clock, and the CPU time the process spent
/// in each (every thread's, user and system): a stage whose CPU time is near its wall time ran
/// on one core while the other waited.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastCPU = StageClock.cpuSeconds()

    mutating func lap(_ stage: String, into result: inout BuildResult) {
        let now = DispatchTime.now().uptimeNanoseconds, cpu = Self.cpuSeconds()
        result.timings.append((stage, Double(now - last) / 1e9, cpu - lastCPU))
        last = now
        lastCPU = cpu
    }

    /// The CPU time the process has used so far, in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
