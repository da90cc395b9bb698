import Foundation
import Synchronization

/// The build graph at work: runs the stages over the site, reusing from the previous build
/// every result whose inputs did not change, and cutting off early when a recomputed result
/// is the same as before (documents whose metadata is unchanged keep the previous link table;
/// bodies that link to and mention the same pages keep the previous index; a page whose slices
/// all have their old fingerprints is not re-rendered).
///
/// Nodes and their dependencies:
/// - input files → parsed documents (per file, with its sidecar)
/// - all documents' metadata → link table → body summaries (per document)
/// - documents + summaries → site index → slices (a title, an actor's mentions, the timeline…)
/// - slices read + template (with its partials) → page bytes → written file
///
/// The previous graph is `previous` (held in memory), or read from `store` as needed. After
/// edits to bodies only, `runBodyEdit` (`BuildEngine+BodyEdit.swift`) takes the link table and
/// index as they were and reads no other document unless a page shows it.
struct BuildEngine {
    let fs: FileSystem
    let options: BuildOptions
    /// The previous build's graph; nil for a clean build.
    let previous: BuildState?
    /// Where the previous graph is kept, for what `previous` does not hold (nil: nothing kept).
    var store: GraphStore? = nil
    var progress: (@Sendable (Int, Int) -> Void)?
    /// The previous build's slice and output tables, still being decoded (nil: in `previous`).
    var pendingTables: Background<BuildState.Tables?>?
    /// The previous build's link table and site index when they are still in memory (a preview
    /// server's graph); otherwise they are read from `index.bin` when the build can reuse them.
    var keptShape: (links: LinkTable, index: SiteIndex)?

    /// What the build decided.
    struct Outcome {
        var state = BuildState()
        /// Files to write (all of them for a clean build), by output path.
        var files: [String: Data] = [:]
        var deleted: [String] = []
        /// What pages were made from, kept by a preview server for its fast path.
        var model: SiteModel?
        var templates: TemplateSet?
        /// The previous build's tables turned out damaged: the build must start over clean.
        var damagedTables = false
        /// The link table and site index when made anew, on their way to the store.
        var shape: GraphStore.PreparedShape?
        /// The previous graph with its tables, when the build started from one.
        var startedFrom: BuildState?
        /// Whether `state` holds every document (else the store keeps the unchanged ones).
        var holdsEveryDocument = true
        /// A slice or an output appeared or went away: the tables file is written whole.
        var tablesReshaped = true
    }

    var root: String { options.siteRoot }

    /// Runs the stages over `scan` (made against `previous`'s inputs).
    func run(scan: InputScan, result: inout BuildResult, clock: inout StageClock) -> Outcome {
        var outcome = Outcome()
        outcome.state.optionsKey = options.key
        var old = previous ?? BuildState()
        outcome.state.inputs = scan.inputs

        var siteDiagnostics = scan.diagnostics
        // Config.
        let (config, configDiagnostics) = siteConfig(scan)
        siteDiagnostics += configDiagnostics

        // Templates depend on nothing the next stages make: read and parsed on the other core.
        let templateJob = Background { [self, old] in templateSet(scan, old: old) }

        // Documents: reuse a parse whose file and sidecar hash the same.
        let (documents, changedDocs, reparsed, sameMetadata) = parseDocuments(
            scan: scan, old: old, outcome: &outcome, result: &result, diagnostics: &siteDiagnostics)
        let (selected, selectDiagnostics) = Stages.select(documents, includeDrafts: options.includeDrafts)
        siteDiagnostics += selectDiagnostics + NameCollisions.check(selected)
        // Files that failed to parse: links that may name them are not reported again.
        let failed = FailedTargets(paths: Set(result.diagnostics.lazy.filter { $0.severity == .error }.map(\.location.file)),
                                   read: { scan.bytes($0, root: root, fs: fs) })
        clock.lap("parse", into: &result)

        // Link table, then bodies: a body is re-rendered when its document or the table changed.
        // Made from metadata only: the previous build's when every document kept its metadata.
        let shape = sameMetadata ? previousShape(selected: selected, old: old) : nil
        let links = shape?.links ?? LinkTable(documents: selected)
        clock.lap("links", into: &result)
        // Checked on the other core while bodies and the index are made.
        let referenceCheck = Background { SiteIndex.validateReferences(selected, links: links, failed: failed) }
        let renderer = MarkdownRenderer(links: links, basePath: config.basePath, failed: failed,
                                        assets: Set(scan.contentAssetPaths))
        let bodyKey = Self.bodyKey(patterns: links.mentionPatterns, config: config, assets: scan.contentAssetPaths)
        outcome.state.bodyKey = bodyKey
        // What changed in the link table: nothing when it is the previous one; everything
        // when the settings changed or there is no previous table to compare with.
        let changes: LinkChanges?
        if previous == nil || old.bodyKey != bodyKey {
            changes = nil
        } else if shape != nil {
            changes = LinkChanges()
        } else {
            changes = (keptShape?.links ?? store?.shape()?.links).map { LinkChanges(from: $0, to: links) }
        }
        // Documents whose file changed, appeared or went away, as they were and as they are.
        var changedIDs = Set(reparsed.map(\.id))
        for path in changedDocs.union(scan.removed) {
            if let id = old.documents[path]?.document?.id { changedIDs.insert(id) }
        }
        let (stale, kept) = staleBodies(selected: selected, old: old, changes: changes, changedIDs: changedIDs)
        let fresh = stale.parallelMap { doc -> (String, RenderedBody) in
            let full = doc.body.isEmpty && !changedDocs.contains(doc.path) ? Self.reparse(doc, root: root, fs: fs) ?? doc : doc
            return (doc.id, Stages.renderBody(full, renderer: renderer, config: config))
        }
        var bodies = kept
        for (id, body) in fresh {
            var summary = body
            summary.html = ""
            bodies[id] = summary
        }
        // Every citation against its target's anchors, as they are now (also when only the target changed).
        siteDiagnostics += AnchorCheck.check(bodies: bodies) { Self.search(selected, id: $0)?.path }
        var known: [String: String] = [:]
        for (id, body) in fresh { known[id] = body.html }
        result.bodiesRendered = fresh.map(\.0).sorted()
        clock.lap("bodies", into: &result)
        outcome.state.bodies = bodies
        // Sorted with the rest at the end of the build.
        for body in bodies.values where !body.diagnostics.isEmpty { result.diagnostics += body.diagnostics }
        let index = siteIndex(selected: selected, bodies: bodies, links: links, old: old,
                              reusable: fresh.allSatisfy { id, body in
                                  old.bodies[id].map { SiteIndex.sameLinksAndMentions($0, body) } ?? false
                              } ? shape?.index : nil,
                              outcome: &outcome, result: &result)
        siteDiagnostics += referenceCheck.value
        clock.lap("index", into: &result)

        // Templates: each template's fingerprint covers the partials it includes.
        let (templates, templateDiagnostics, templateKey) = templateJob.value
        outcome.state.templateKey = templateKey
        outcome.state.templateLint = templates.unknownVariables
        siteDiagnostics += templateDiagnostics
        outcome.state.templates = templates.fingerprints
        clock.lap("templates", into: &result)

        let bodyStore = BodyStore(known: known) { [fs, root] id in
            guard let doc = index.documents[id] else { return "" }
            let full = BuildEngine.reparse(doc, root: root, fs: fs) ?? doc
            return Stages.renderBody(full, renderer: renderer, config: config).html
        }
        let model = SiteModel(config: config, links: links, index: index, bodies: bodyStore,
                              history: options.history, sourceDateEpoch: options.sourceDateEpoch)
        // Pages, with a redirect at each old URL (`moved_from`) that no other output has (the
        // parts of a large sitemap, `sitemap-N.xml`, are files no old page URL can name).
        let (pages, redirectDiagnostics) = PageSpec.site(
            documents: selected, lists: model.lists, otherOutputs: Set(Self.fixedJobs(assetPaths: scan.assetPaths, pageCount: 0).map(\.output)))
        siteDiagnostics += redirectDiagnostics
        if templateDiagnostics.hasErrors {
            outcome.state.siteDiagnostics = siteDiagnostics
            result.diagnostics += siteDiagnostics
            return outcome
        }
        siteDiagnostics += templates.unknownVariables
        outcome.state.siteDiagnostics = siteDiagnostics
        result.diagnostics += siteDiagnostics

        result.pageCount = pages.count
        if options.inMemory { (outcome.model, outcome.templates) = (model, templates); return outcome }
        if let pendingTables {
            guard let tables = pendingTables.value else {
                outcome.damagedTables = true
                return outcome
            }
            old.apply(tables)
        }
        var unchanged = UnchangedSlices(
            previous: previous, old: old, selected: index.documents, changedPaths: changedDocs, removedPaths: scan.removed,
            rerendered: Set(fresh.map(\.0)), linksChanged: changes.map { !$0.resolution.isEmpty } ?? true, links: links)
        for (_, body) in fresh { unchanged.addTargets(of: body) }
        outcome.model = model
        outcome.templates = templates
        clock.lap("model", into: &result)
        renderOutputs(pages: .all(pages), model: model, templates: templates, scan: scan, old: old, changedDocs: changedDocs,
                      unchanged: unchanged, outcome: &outcome, result: &result, clock: &clock)
        result.bodiesFetched = bodyStore.renderedOnDemand
        return outcome
    }

    // MARK: - Documents

    /// The documents of the site, the paths parsed anew, the documents they gave, and whether
    /// every document's metadata is as in the previous build (same files, and each file parsed
    /// anew gave the same document but for its body).
    private func parseDocuments(scan: InputScan, old: BuildState, outcome: inout Outcome, result: inout BuildResult,
                                diagnostics: inout [Diagnostic]) -> ([Document], Set<String>, [Document], Bool) {
        let (paths, sidecarOf, sidecarWarnings) = Stages.pairSidecars(scan.contentPaths)
        diagnostics += sidecarWarnings
        var work: [(path: String, hash: UInt64, sidecar: String?, position: Int)] = []
        // In path order, re-parsed documents in their places: `select` then finds them sorted.
        var slots: [Document?] = []
        slots.reserveCapacity(paths.count)
        // Kept entries are the previous ones: start from the previous table (shared, not copied
        // entry by entry) and count the paths found in it to know whether any disappeared.
        outcome.state.documents = old.documents
        var found = 0
        for path in paths {
            let sidecar = sidecarOf[path]
            let hash = Self.inputHash(path, sidecar: sidecar, scan: scan)
            let cached = old.documents[path]
            if cached != nil { found += 1 }
            if let cached, cached.inputHash == hash {
                slots.append(cached.document)
            } else {
                work.append((path, hash, sidecar, slots.count))
                slots.append(nil)
            }
        }
        if found != old.documents.count {
            let current = Set(paths)
            for path in old.documents.keys where !current.contains(path) { outcome.state.documents[path] = nil }
        }
        let parsed = work.parallelMap { item in parseInput(item.path, sidecar: item.sidecar, scan: scan) ?? (nil, []) }
        var sameMetadata = previous != nil && found == old.documents.count
        for (item, (document, fileDiagnostics)) in zip(work, parsed) {
            var stored = document
            stored?.body = ""  // bodies are re-read when needed, not kept in the graph
            if sameMetadata, old.documents[item.path].map({ $0.document != stored }) ?? true { sameMetadata = false }
            outcome.state.documents[item.path] = BuildState.CachedDocument(
                inputHash: item.hash, document: stored, diagnostics: fileDiagnostics)
            slots[item.position] = document
        }
        let documents = slots.compactMap { $0 }
        for cached in outcome.state.documents.values where !cached.diagnostics.isEmpty { result.diagnostics += cached.diagnostics }
        result.parsed = work.map(\.path).sorted()
        return (documents, Set(work.map(\.path)), parsed.compactMap(\.0), sameMetadata)
    }

    /// The previous build's link table and index (documents and bodies aside), when every
    /// document kept its metadata: still in memory (a preview server's graph), or read back
    /// from `index.bin` and made for these very documents.
    private func previousShape(selected: [Document], old: BuildState) -> (links: LinkTable, index: SiteIndex)? {
        guard previous != nil else { return nil }
        if let keptShape { return keptShape }
        guard let shape = store?.shape(), shape.ids.elementsEqual(selected.lazy.map(\.id)) else { return nil }
        return (shape.links, shape.index)
    }

    /// The site index: the previous one with this build's documents and bodies when `reusable`
    /// (nothing it is made from changed), else made anew and encoded for the next build.
    private func siteIndex(selected: [Document], bodies: [String: RenderedBody], links: LinkTable, old: BuildState,
                           reusable: SiteIndex?, outcome: inout Outcome, result: inout BuildResult) -> SiteIndex {
        if let reusable {
            result.indexReused = true
            return reusable.reusing(documents: DocumentStore(Dictionary(selected.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })),
                                    bodies: DocumentStore(bodies))
        }
        let index = SiteIndex(documents: selected, bodies: bodies, links: links)
        if options.cacheDir != nil, options.write { outcome.shape = GraphStore.prepareShape(index: index, links: links) }
        return index
    }

    /// A content file parsed with its sidecar; nil when the file cannot be read.
    func parseInput(_ path: String, sidecar: String?, scan: InputScan) -> (Document?, [Diagnostic])? {
        guard let data = scan.bytes(path, root: root, fs: fs) else { return nil }
        let sidecarFile = sidecar.flatMap { path in scan.bytes(path, root: root, fs: fs).map { SiteSource.File(path: path, data: $0) } }
        return Stages.parseFile(SiteSource.File(path: path, data: data), sidecar: sidecarFile)
    }

    /// What a document's parse in the graph is keyed by: the hashes of its file and its sidecar.
    static func inputHash(_ path: String, sidecar: String?, scan: InputScan) -> UInt64 {
        var hash = StableHash()
        hash.combine(scan.inputs[path]?.hash ?? 0)
        hash.combine(sidecar.flatMap { scan.inputs[$0]?.hash } ?? 0)
        return hash.value
    }

    /// The document again with its body, read from its file.
    static func reparse(_ doc: Document, root: String, fs: FileSystem) -> Document? {
        guard let data = fs.read(joinPath(root, doc.path)) else { return nil }
        let stem = (doc.path as NSString).deletingPathExtension
        let sidecar = [stem + ".yml", stem + ".yaml"].lazy.compactMap { path in
            fs.read(joinPath(root, path)).map { SiteSource.File(path: path, data: $0) }
        }.first
        return Stages.parseFile(SiteSource.File(path: doc.path, data: data), sidecar: sidecar).0
    }

    /// The site's configuration, with the base URL given on the command line.
    func siteConfig(_ scan: InputScan) -> (SiteConfig, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let text = scan.bytes("briefgen.yml", root: root, fs: fs)
            .flatMap { SiteSource.decode($0, path: "briefgen.yml", diagnostics: &diagnostics) }
        var (config, more) = SiteConfig.parse(text)
        if let base = options.baseURL { config.baseURL = SiteConfig.normalizeBaseURL(base) }
        let override = scan.bytes(InputScan.stringsPath, root: root, fs: fs)
            .flatMap { SiteSource.decode($0, path: InputScan.stringsPath, diagnostics: &diagnostics) }
        let strings: [Diagnostic]
        (config.strings, strings) = Strings.make(language: config.language, override: override.map { (InputScan.stringsPath, $0) })
        return (config, diagnostics + more + strings)
    }

    /// The templates, their diagnostics and key; the variable check is skipped while the key
    /// is the previous build's.
    func templateSet(_ scan: InputScan, old: BuildState) -> (TemplateSet, [Diagnostic], UInt64) {
        var diagnostics: [Diagnostic] = []
        let overrides = templateOverrides(scan, diagnostics: &diagnostics)
        let key = TemplateSet.key(overrides: overrides)
        let (templates, found) = TemplateSet.make(
            overrides: overrides, knownUnknownVariables: previous != nil && old.templateKey == key ? old.templateLint : nil)
        return (templates, diagnostics + found, key)
    }

    /// What every rendered body depends on besides its own file and the pages it links to,
    /// labels or mentions: the Markdown settings, the content assets and the names mentions
    /// are matched on.
    static func bodyKey(patterns: [MentionMatcher.Pattern], config: SiteConfig, assets: [String]) -> UInt64 {
        var hash = StableHash()
        for path in assets { hash.combine(path) }
        hash.combine(String(patterns.count))
        for pattern in patterns { hash.combine(pattern.text); hash.combine(pattern.target) }
        hash.combine(config.basePath)
        hash.combine(String(config.allowHTMLInNotes))
        // Paragraphs that cite sources say how many, in the site's language.
        hash.combine(config.strings["weight_single"])
        hash.combine(config.strings["weight_many"])
        return hash.value
    }

    private func templateOverrides(_ scan: InputScan, diagnostics: inout [Diagnostic]) -> [String: (path: String, text: String)] {
        var overrides: [String: (path: String, text: String)] = [:]
        for path in scan.templatePaths {
            guard let data = scan.bytes(path, root: root, fs: fs),
                  let text = SiteSource.decode(data, path: path, diagnostics: &diagnostics) else { continue }
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            overrides[name] = (path, text)
        }
        return overrides
    }
}
