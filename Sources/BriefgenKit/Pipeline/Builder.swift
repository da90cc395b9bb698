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

    public static let cacheFile = "build-graph.bin"

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
        /// False after a body-edit rebuild, whose state holds only the documents it read: such
        /// a graph is returned only to be released with the process, and is not built on.
        var complete = true
    }

    /// Builds, starting from `graph` when given (else from the cache on disk); returns the graph
    /// to pass to the next build. Without `needGraph` (a command that builds once), a rebuild
    /// after body edits reads only the edited documents from the cache and returns no graph.
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
        let stored = loadHead(&result)
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
        if var head = stored {
            do {
                let readTables: @Sendable () -> BuildState.Tables? = { [self, head] in try? self.loadTables(head) }
                if !needGraph, head.historyKey == historyKey {
                    // Tried on copies: when it does not apply, the general engine starts afresh.
                    var attempt = result, attemptClock = clock
                    let engine = BuildEngine(fs: fs, options: options, previous: head)
                    if let outcome = engine.runBodyEdit(scan: scan, stored: head, loadTables: readTables, tables: &tables,
                                                        result: &attempt, clock: &attemptClock) {
                        result = attempt
                        clock = attemptClock
                        var graph = commit(outcome, previous: head, scan: scan, result: &result, clock: &clock)
                        // Returned so that the caller decides when to release it (`briefgen build`
                        // exits without: tearing down the slice tables took a tenth of the rebuild).
                        graph?.complete = false
                        return graph
                    }
                }
                // Shards decode on all cores, then merge; the slice and output tables decode on the
                // other core from then on, while this one goes through the mostly serial stages.
                let cacheDir = options.cacheDir ?? ".briefgen"
                let parts = Array(0..<BuildState.shardCount).parallelMap { [fs] shard in
                    BuildEngine.readShard(shard, cacheDir: cacheDir, fs: fs)
                }
                result.cacheShardsRead = parts.count
                if tables == nil, !options.inMemory { tables = Background(readTables) }
                head.documents.reserveCapacity(parts.reduce(0) { $0 + ($1?.documents.count ?? 0) })
                head.bodies.reserveCapacity(parts.reduce(0) { $0 + ($1?.bodies.count ?? 0) })
                for part in parts {
                    guard let part else { throw CacheError.corrupt }
                    head.documents.merge(part.documents) { a, _ in a }
                    head.bodies.merge(part.bodies) { a, _ in a }
                }
                previous = head
            } catch {
                result.diagnostics.append(cacheWarning("damaged or truncated"))
                scan = InputScan(root: options.siteRoot, fs: fs, previous: [:], readAll: true)
                tables = nil
            }
        }
        clock.lap("load", into: &result)
        return finish(previous: previous, tables: tables, scan: scan, result: &result, clock: &clock)
    }

    /// Runs the engine and writes the outputs and the cache; returns the new graph on success.
    private func finish(previous: BuildState?, tables: Background<BuildState.Tables?>? = nil, keptShape: (links: LinkTable, index: SiteIndex)? = nil,
                        scan: InputScan, result: inout BuildResult, clock: inout StageClock) -> Graph? {
        var engine = BuildEngine(fs: fs, options: options, previous: previous)
        engine.progress = progress
        engine.pendingTables = tables
        engine.keptShape = keptShape
        let outcome = engine.run(scan: scan, result: &result, clock: &clock)
        if outcome.damagedTables {
            // The tables failed to decode after the build had started from the cache: start over clean.
            result = BuildResult()
            result.diagnostics.append(cacheWarning("damaged or truncated"))
            let fullScan = InputScan(root: options.siteRoot, fs: fs, previous: [:], readAll: true)
            return finish(previous: nil, scan: fullScan, result: &result, clock: &clock)
        }
        return commit(outcome, previous: previous, scan: scan, result: &result, clock: &clock)
    }

    /// Writes what a build decided (outputs, then the cache) when it has no errors; returns the
    /// new graph on success.
    func commit(_ outcome: BuildEngine.Outcome, previous: BuildState?, scan: InputScan,
                result: inout BuildResult, clock: inout StageClock) -> Graph? {
        var outcome = outcome
        result.fullBuild = previous == nil
        result.diagnostics = dedupe(result.diagnostics).sortedForOutput()
        // Replayed by up-to-date builds: a warning about the cache itself was for this build only.
        let cachePath = joinPath(options.cacheDir ?? ".briefgen", Self.cacheFile)
        outcome.state.allDiagnostics = result.diagnostics.filter { $0.location.file != cachePath }
        outcome.state.pageCount = result.pageCount
        outcome.state.historyKey = historyKey
        if options.inMemory { return result.diagnostics.hasErrors ? nil : Graph(state: outcome.state, model: outcome.model, templates: outcome.templates) }
        guard !result.diagnostics.hasErrors, options.write else { return nil }
        do {
            // The header goes first: a build killed from here on leaves no graph to trust, so
            // the next build is a full one and never takes the output for the old graph's.
            if let cacheDir = options.cacheDir { try fs.remove(joinPath(cacheDir, Self.cacheFile)) }
            let writer = OutputWriter(fs: fs, directory: options.outputDir)
            if previous == nil {
                try writer.replaceAll(with: outcome.files)
            } else {
                try writer.update(changed: outcome.files, deleted: outcome.deleted)
            }
            result.outputs = outcome.files
            result.deleted = outcome.deleted
            clock.lap("write", into: &result)
            if options.cacheDir != nil {
                // Shards holding a document that was parsed, re-rendered or removed; all after a full build.
                var dirty = Set<Int>()
                if previous == nil { dirty = Set(0..<BuildState.shardCount) }
                let documents = outcome.model?.index.documents ?? DocumentStore()
                let touched = Set(result.parsed).union(scan.removed)
                    .union(result.bodiesRendered.compactMap { documents[$0]?.path })
                for path in touched { dirty.insert(BuildState.shard(of: path)) }
                // A document's path is an input's path: with no input removed, no document was.
                if let old = previous, !scan.removed.isEmpty {
                    for path in old.documents.keys where outcome.state.documents[path] == nil { dirty.insert(BuildState.shard(of: path)) }
                }
                // The site index first: the header written last names its fingerprint.
                if let indexFile = outcome.indexFile {
                    let bytes = indexFile.value
                    outcome.state.indexHash = Checksum.of(bytes)
                    try fs.write(Data(bytes), to: joinPath(options.cacheDir!, BuildState.indexFile))
                }
                // The slice and output tables: their changes in the journal when they fit, else
                // whole under a new token (encoded on the other core while the shards are).
                var tablesPart: Background<[UInt8]>?
                if previous != nil, outcome.state.journalFits(reshaped: outcome.tablesReshaped) {
                    let journal = outcome.state.encodedJournal()
                    outcome.state.journalHash = Checksum.of(journal)
                    try fs.write(Data(journal), to: joinPath(options.cacheDir!, BuildState.journalFile))
                } else {
                    outcome.state.tablesToken = UInt64.random(in: 1...UInt64.max)
                    outcome.state.journalHash = 0
                    outcome.state.journaledSlices = []
                    outcome.state.journaledOutputs = []
                    let state = outcome.state
                    tablesPart = Background { state.encodedTables() }
                }
                let shards = dirty.sorted()
                let encodedShards = outcome.state.encodedShards(shards)
                for (shard, bytes) in zip(shards, encodedShards) { try fs.write(Data(bytes), to: shardPath(shard)) }
                if let tablesPart {
                    try fs.write(Data(tablesPart.value), to: joinPath(options.cacheDir!, BuildState.tablesFile))
                }
                // The header last: it names the index, tables and journal files it goes with.
                try fs.write(Data(outcome.state.encodedHead()), to: joinPath(options.cacheDir!, Self.cacheFile))
            }
        } catch {
            let failure = OutputError(error, writing: options.outputDir)
            result.diagnostics.append(.error(SourceLocation(file: options.outputDir, line: 0, column: 0),
                                             failure.message, hint: failure.hint))
            return nil
        }
        clock.lap("cache", into: &result)
        return Graph(state: outcome.state, model: outcome.model, templates: outcome.templates)
    }

    /// Every output file of a clean build of the site (nothing read from or written to the cache).
    public func cleanOutputs() -> (files: [String: Data], diagnostics: [Diagnostic]) {
        var options = self.options
        options.cacheDir = nil
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

    /// The previous build graph's header and a reader positioned on the rest, or nil (with one
    /// warning when a cache exists but cannot be used).
    private func loadHead(_ result: inout BuildResult) -> BuildState? {
        guard let cacheDir = options.cacheDir, let data = fs.readShared(joinPath(cacheDir, Self.cacheFile)) else { return nil }
        // A previous site must still be there, marked as ours, for an incremental update.
        guard options.inMemory || fs.read(joinPath(options.outputDir, OutputWriter.marker)) != nil else { return nil }
        do {
            let state = try BuildState.decodeHead(data)
            return state.optionsKey == options.key ? state : nil
        } catch {
            let reason = if case CacheError.foreign(let what) = error { what } else { "damaged or truncated" }
            result.diagnostics.append(cacheWarning(reason))
            return nil
        }
    }

    /// The slice and output tables of the build whose header is `head`, with their journal.
    private func loadTables(_ head: BuildState) throws -> BuildState.Tables {
        guard let cacheDir = options.cacheDir, let bytes = fs.readShared(joinPath(cacheDir, BuildState.tablesFile)) else {
            throw CacheError.corrupt
        }
        let journal = head.journalHash == 0 ? nil : fs.readShared(joinPath(cacheDir, BuildState.journalFile))
        return try BuildState.decodeTables(bytes, journal: journal, head: head)
    }

    private func shardPath(_ shard: Int) -> String {
        BuildState.shardPath(shard, cacheDir: options.cacheDir ?? ".briefgen")
    }

    private func cacheWarning(_ reason: String) -> Diagnostic {
        .warning(SourceLocation(file: joinPath(options.cacheDir ?? ".briefgen", Self.cacheFile), line: 0, column: 0),
                 "build cache ignored (\(reason)); doing a full build",
                 hint: "it will be rewritten; delete .briefgen/ if this repeats")
    }

    private func dedupe(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}

/// Measures the stages of a build with a monotonic clock.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap(_ stage: String, into result: inout BuildResult) {
        let now = DispatchTime.now().uptimeNanoseconds
        result.timings.append((stage, Double(now - last) / 1e9))
        last = now
    }
}
