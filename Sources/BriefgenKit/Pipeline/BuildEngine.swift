import Foundation
import Synchronization

/// The build graph at work: one engine for every build (`build`, `check`, `serve`), in the
/// manner of salsa or Shake. Each node is computed again only when a node it reads changed
/// in this revision, and a node computed again to the value it had keeps its old revision, so
/// nothing reading it runs (`GraphRevision`):
/// - `meta(doc)` per content file (with its sidecar) reads the file's hash;
/// - the link table reads every `meta`; the site index reads every `meta` and `body`;
/// - `body(doc)` reads its document, the Markdown settings and mention names (`bodyKey`) and
///   what the link table says of the pages it links to, labels or mentions (`LinkChanges`);
/// - each slice (a title, an actor's mentions, the timeline…) reads `meta`, `body`, the index
///   entries about one page, the link table or the whole site (`SliceKey.Node`);
/// - `page(output)` reads the slices it read last time and its template.
///
/// The previous graph (`previous`) is held in memory (a preview server's) or read from `store`
/// per key, only where a node must be verified: the previous parse of a file parsed again, the
/// previous summary of a body rendered again, the documents a re-rendered page shows. Only
/// when the link table or the index must be made anew is every document read, all at once.
struct BuildEngine {
    let fs: FileSystem
    let options: BuildOptions
    /// The previous build's graph; nil for a clean build.
    let previous: BuildState?
    /// Where the previous graph is kept, for what `previous` does not hold (nil: nothing kept).
    var store: GraphStore? = nil
    /// Whether `previous` holds every document and body summary of the previous graph (one
    /// kept in memory, or read whole); else they are read from `store` as nodes need them.
    var previousIsWhole = true
    var progress: (@Sendable (Int, Int) -> Void)?
    /// The previous build's slice and output tables, still being decoded (nil: in `previous`).
    var pendingTables: Background<BuildState.Tables?>?
    /// The previous build's link table and site index when they are still in memory (a preview
    /// server's graph); otherwise they are read from `index.bin` when the build can reuse them.
    var keptShape: (links: LinkTable, index: SiteIndex)?
    /// Whether the outcome keeps the bytes of outputs placed in staging as they were made.
    var keepsOutputs = true
    /// Runs before a clean build's finished site is swapped in, right after its pages (the
    /// builder invalidates the graph on disk first); nil: the builder swaps it in at the end.
    var beforeSwap: (@Sendable () throws -> Void)?
    /// Starts writing a clean build's graph shards once its site is swapped in (the builder's
    /// store), while the pages' records are made; nil: the builder's commit writes them.
    var shardsAfterSwap: (@Sendable (BuildState) -> GraphStore.ShardsWrite)?

    /// What the build decided.
    struct Outcome {
        var state = BuildState()
        /// Files to write (all of them for a clean build), by output path; those placed in
        /// staging as they were made (`replacement`) only when the builder keeps outputs.
        var files: [String: Data] = [:]
        /// Every output whose bytes changed (all of them for a clean build), to be written.
        var changedOutputs: [String] = []
        /// A clean build's replacement of the output folder, begun before the pages were made
        /// and fed as each was (nil: the outputs are written after the build).
        var replacement: Result<OutputReplacement, any Error>?
        /// That replacement already swapped in (`beforeSwap`), or why it could not be.
        var swapped: Result<Void, any Error>?
        var deleted: [String] = []
        /// What pages were made from, kept by a preview server.
        var model: SiteModel?
        var templates: TemplateSet?
        /// The page list when made in this build (nil: the previous build's, unchanged).
        var pages: [PageSpec]?
        /// Part of the previous graph turned out damaged: the build must start over clean.
        var damagedGraph = false
        /// The link table and site index when made anew, on their way to the store.
        var shape: GraphStore.PreparedShape?
        /// A clean build's graph shards, on their way to the store (`shardsAfterSwap`).
        var shards: GraphStore.ShardsWrite?
        /// The previous graph with its tables, when the build started from one.
        var startedFrom: BuildState?
        /// Whether `state` holds every document (else the store keeps the unchanged ones).
        var holdsEveryDocument = true
        /// A slice or an output appeared or went away: the tables file is written whole.
        var tablesReshaped = true
        /// The outputs made in this build: when it started from a previous graph
        /// (`startedFrom`, set with it), the only records that can differ from that graph's.
        var remadeOutputs: [String] = []
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

        // `meta(doc)`: files whose input changed are parsed again and compared with their
        // previous parse, read per key.
        let parses = parseChanged(scan: scan, old: old, diagnostics: &siteDiagnostics)
        let reparsed = Dictionary(parses.reparsed.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let changedDocs = Set(reparsed.keys)
        result.parsed = parses.reparsed.map(\.path)
        // Files that failed to parse: links that may name them are not reported again (a kept
        // graph has no errors, so only files parsed again can have failed).
        let failed = FailedTargets(paths: Set(parses.reparsed.flatMap(\.diagnostics).filter { $0.severity == .error }.map(\.location.file)),
                                   read: { scan.bytes($0, root: root, fs: fs) })
        // Nothing reads a document's file after its parse (a body made again from the file
        // reads it anew): the scan's copies of them are let go.
        scan.forgetContentBytes()
        var holdsEveryDocument = previous == nil || previousIsWhole
        // Every selected document, once some node needs them all (the link table or the index
        // made anew): the previous graph is then read whole.
        var selected: [Document]?
        var metadataDiagnostics: [Diagnostic] = []
        func everyDocument() -> [Document]? {
            if let selected { return selected }
            if previous != nil, !holdsEveryDocument {
                guard let store, let whole = try? store.everything() else { return nil }
                (old.documents, old.bodies) = whole
                holdsEveryDocument = true
            }
            var documents: [Document] = []
            documents.reserveCapacity(parses.paths.count)
            for path in parses.paths {
                if let parse = reparsed[path] {
                    if let document = parse.document { documents.append(document) }
                } else if let document = old.documents[path]?.document {
                    documents.append(document)
                }
            }
            let (chosen, selectDiagnostics) = Stages.select(documents, includeDrafts: options.includeDrafts)
            metadataDiagnostics = selectDiagnostics + NameCollisions.check(chosen)
            selected = chosen
            return chosen
        }
        clock.lap("parse", into: &result)

        // The link table reads every document's metadata: when none changed, it is the
        // previous one, read with the index from `index.bin` (or kept in memory).
        let shape = parses.sameMetadata ? previousShape() : nil
        // Only titles or short names changed: the previous table with them, in place.
        let retitled = shape == nil ? retitledShape(parses: parses) : nil
        let links: LinkTable
        if let shape {
            links = shape.links
        } else if let retitled {
            links = retitled.links
        } else {
            guard let all = everyDocument() else { return damaged(outcome) }
            links = LinkTable(documents: all)
        }
        clock.lap("links", into: &result)
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
        } else if let retitled {
            changes = retitled.changes
        } else {
            changes = (keptShape?.links ?? store?.shape()?.links).map { LinkChanges(from: $0, to: links) }
        }
        // `body(doc)`: made again when its document changed, or a page it reads resolves
        // differently. With the link table unchanged, only the documents parsed again.
        let stale: [Document]
        let previousBody = { (id: String) -> RenderedBody? in
            previous == nil ? nil : holdsEveryDocument ? old.bodies[id] : store?.body(of: id)
        }
        if let changes, changes.resolution.isEmpty, changes.labels.isEmpty, selected == nil {
            stale = parses.reparsed.compactMap(\.document).filter { options.includeDrafts || !$0.draft }
        } else if let changes, changes.resolution.isEmpty, let retitled, selected == nil,
                  let showing = bodiesShowing(changes, index: retitled.shape.index, except: Set(parses.reparsed.compactMap(\.document?.id)),
                                              previousBody: previousBody) {
            // Retitled pages: the bodies showing their titles as link labels, found by backlinks.
            stale = parses.reparsed.compactMap(\.document) + showing
        } else {
            guard let all = everyDocument() else { return damaged(outcome) }
            // Documents whose file changed, appeared or went away, as they were and as they are.
            var changedIDs = Set(parses.reparsed.compactMap(\.document?.id))
            for parse in parses.reparsed { if let id = parse.before?.document?.id { changedIDs.insert(id) } }
            for path in parses.removed { if let id = old.documents[path]?.document?.id { changedIDs.insert(id) } }
            stale = staleBodies(selected: all, old: old, changes: changes, changedIDs: changedIDs)
        }
        // Each body's HTML and plain text are taken out of its summary where it was made, on
        // every core, while the summary has no other owner: taken out afterwards, on one thread,
        // each summary's shared box was copied (ten thousand copies at 10,000 articles).
        let fresh = stale.parallelMap { doc -> (id: String, summary: RenderedBody, html: String, text: [UInt8]) in
            let full = !doc.hasBody && !changedDocs.contains(doc.path) ? Self.reparse(doc, root: root, fs: fs) ?? doc : doc
            var summary = Stages.renderBody(full, renderer: renderer, config: config)
            let (html, text) = (summary.html, summary.plainText)
            summary.html = ""
            summary.plainText = []
            return (doc.id, summary, html, text)
        }
        var summaries: [String: RenderedBody] = [:]
        var known: [String: String] = [:]
        var texts: [String: [UInt8]] = [:]
        summaries.reserveCapacity(fresh.count)
        known.reserveCapacity(fresh.count)
        texts.reserveCapacity(fresh.count)
        for body in fresh {
            summaries[body.id] = body.summary
            known[body.id] = body.html
            texts[body.id] = body.text
        }
        result.bodiesRendered = fresh.map(\.id).sorted()
        let previousBodies = Dictionary(fresh.map { ($0.id, previousBody($0.id)) }, uniquingKeysWith: { a, _ in a })
        clock.lap("bodies", into: &result)

        // The site index reads every `meta` and `body`: the previous one when no document's
        // metadata changed and each body made again links to and mentions the same pages.
        let reusable = shape != nil && summaries.allSatisfy { id, body in
            (previousBodies[id] ?? nil).map { SiteIndex.sameLinksAndMentions($0, body) } ?? false
        }
        var index: SiteIndex
        var bodies: [String: RenderedBody]?
        // The cross-document checks when the index is updated in place.
        var inPlaceChecks: [Diagnostic]?
        let base = shape ?? retitled?.shape
        if let shape, reusable, selected == nil {
            // Nothing else is read: other documents and summaries come from the previous graph
            // when a page shows them.
            result.indexReused = true
            index = shape.index.reusing(documents: reusedDocuments(shape: shape, old: old, fresh: parses.reparsed),
                                        bodies: reusedBodies(shape: shape, old: old, fresh: summaries))
            outcome.state.documents = old.documents
            outcome.state.bodies = old.bodies
            for (id, summary) in summaries { outcome.state.bodies[id] = summary }
        } else if let base, selected == nil,
                  let (updated, pairs) = indexUpdatedInPlace(base, changes: changes, links: links, parses: parses, old: old, summaries: summaries,
                                                             previousBodies: previousBodies, previousBody: previousBody) {
            // Documents kept their ids and keys: the index with their entries taken out and put
            // back, no other document read.
            result.indexUpdated = true
            index = updated
            outcome.state.documents = old.documents
            outcome.state.bodies = old.bodies
            for (id, summary) in summaries {
                outcome.state.bodies[id] = summary
                // A body made again without its file: its parse goes to the store beside it.
                if let path = index.documents[id]?.path, !changedDocs.contains(path),
                   outcome.state.documents[path] == nil, let cached = previousRecord(at: path, old: old) {
                    outcome.state.documents[path] = cached
                }
            }
            let retitledDocuments = pairs.filter { $0.before != $0.after }.map(\.after)
            inPlaceChecks = retitledDocuments.isEmpty ? nil
                : old.metadataDiagnostics + SiteIndex.validateReferences(retitledDocuments, links: links, failed: failed)
        } else {
            guard let all = everyDocument() else { return damaged(outcome) }
            // Every selected document's summary: made again, or the previous one.
            var every: [String: RenderedBody] = [:]
            every.reserveCapacity(all.count)
            for doc in all { every[doc.id] = summaries[doc.id] ?? old.bodies[doc.id] }
            bodies = every
            if let shape, reusable {
                result.indexReused = true
                index = shape.index.reusing(documents: DocumentStore(Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })),
                                            bodies: DocumentStore(every))
            } else {
                index = SiteIndex(documents: all, bodies: every, links: links)
                if options.cacheDir != nil, options.write { outcome.shape = GraphStore.prepareShape(index: index, links: links) }
            }
            outcome.state.documents = old.documents
            outcome.state.bodies = every
        }
        // The bodies made again give their business sections to the counts the index keeps: the
        // site shape is written again when the index was updated in place or a count changed.
        let businessSectionsCounted = index.countBusinessSections(of: summaries)
        if options.cacheDir != nil, options.write, outcome.shape == nil, result.indexUpdated || businessSectionsCounted {
            outcome.shape = GraphStore.prepareShape(index: index, links: links,
                                                    shards: bodies == nil && keptShape == nil ? store?.shapeShards() : nil)
        }
        // Documents parsed again, and those gone.
        for parse in parses.reparsed {
            outcome.state.documents[parse.path] = BuildState.CachedDocument(
                inputHash: parse.hash, document: parse.document.map(Self.metadata), diagnostics: parse.diagnostics)
        }
        for path in parses.removed { outcome.state.documents[path] = nil }
        outcome.holdsEveryDocument = holdsEveryDocument

        // Diagnostics of every document's parse and body: the previous build's for files not
        // parsed or rendered again.
        if let bodies {
            var content: [Diagnostic] = []
            for cached in outcome.state.documents.values { content += cached.diagnostics }
            for body in bodies.values { content += body.diagnostics }
            outcome.state.contentDiagnostics = content
        } else {
            var files = changedDocs.union(scan.changed).union(scan.removed)
            for path in changedDocs { if let sidecar = parses.sidecarOf[path] { files.insert(sidecar) } }
            outcome.state.contentDiagnostics = old.contentDiagnostics.filter { !files.contains($0.location.file) }
                + parses.reparsed.flatMap(\.diagnostics) + summaries.values.flatMap(\.diagnostics)
        }
        result.diagnostics += outcome.state.contentDiagnostics
        // The checks across the documents' metadata: made with the index, or (no metadata
        // changed) the previous build's, completed below by the old URLs' checks.
        var crossChecks: [Diagnostic]? = inPlaceChecks
        // Citations against their targets' anchors: every one after the index was made anew;
        // else those of the bodies made again, and those citing a body whose anchors changed.
        if let bodies, let all = selected {
            siteDiagnostics += AnchorCheck.check(sources: bodies.keys, body: { bodies[$0] }) { Self.search(all, id: $0)?.path }
            crossChecks = metadataDiagnostics + SiteIndex.validateReferences(all, links: links, failed: failed)
        } else {
            var sources = Set(summaries.keys)
            for (id, summary) in summaries {
                guard let before = previousBodies[id] ?? nil else { continue }
                if before.paragraphCount != summary.paragraphCount || before.anchors != summary.anchors {
                    for link in index.backlinks(of: id) where link.reason == .link { sources.insert(link.source) }
                }
            }
            siteDiagnostics += AnchorCheck.check(sources: sources.sorted(), body: { index.bodies[$0] }) { index.documents[$0]?.path }
        }
        clock.lap("index", into: &result)

        // What changed in this revision, for the slices to verify.
        var revision = GraphRevision(incremental: previous != nil, linkTableChanged: changes.map { !$0.resolution.isEmpty } ?? true)
        revision.settingsChanged = !scan.changed.union(scan.removed).allSatisfy { $0.hasPrefix("content/") }
        if previous != nil {
            var gone = Set<String>()
            // An actor's mention list as the previous index ordered it (its sources by title).
            let previousOrder = base.map { base in { (actor: String) in base.index.mentioningSourcesByTitle(of: actor) } }
            for parse in parses.reparsed {
                let (before, after) = (parse.before?.document, parse.document.map(Self.metadata))
                if before?.id == after?.id {
                    if let id = after?.id, before != after {
                        revision.metaChanged(id: id, before: before, after: after,
                                             bodies: [previousBodies[id] ?? nil, summaries[id]].compactMap { $0 }, links: links,
                                             previousOrder: previousOrder)
                    }
                    continue
                }
                if let before {
                    revision.metaChanged(id: before.id, before: before, after: nil, bodies: [previousBody(before.id)].compactMap { $0 }, links: links)
                    gone.insert(before.id)
                }
                if let after { revision.metaChanged(id: after.id, before: nil, after: after, bodies: [summaries[after.id]].compactMap { $0 }, links: links) }
            }
            for path in parses.removed {
                guard let before = old.documents[path]?.document else { continue }
                revision.metaChanged(id: before.id, before: before, after: nil, bodies: [previousBody(before.id)].compactMap { $0 }, links: links)
                gone.insert(before.id)
            }
            for (id, summary) in summaries {
                let before = previousBodies[id] ?? nil
                if before != summary { revision.bodyChanged(id: id, before: before, after: summary) }
            }
            for id in gone where bodies?[id] == nil && summaries[id] == nil {
                if let before = previousBody(id) { revision.bodyChanged(id: id, before: before, after: nil) }
            }
        }

        // Templates: each template's fingerprint covers the partials it includes.
        let (templates, templateDiagnostics, templateKey) = templateJob.value
        outcome.state.templateKey = templateKey
        outcome.state.templateLint = templates.unknownVariables
        siteDiagnostics += templateDiagnostics
        outcome.state.templates = templates.fingerprints
        clock.lap("templates", into: &result)

        let bodyStore = BodyStore(known: known, texts: texts, renderBody: { [fs, root, index] id -> (html: String, text: [UInt8]?) in
            guard let doc = index.documents[id] else { return ("", nil) }
            let full = BuildEngine.reparse(doc, root: root, fs: fs) ?? doc
            let body = Stages.renderBody(full, renderer: renderer, config: config)
            return (body.html, body.plainText)
        })
        let model = SiteModel(config: config, links: links, index: index, bodies: bodyStore,
                              history: options.history, sourceDateEpoch: options.sourceDateEpoch)
        // The page list reads every document's id and the lengths of the paginated lists: the
        // previous one when no document's metadata changed, only content files changed and no
        // body gained or lost a business section (the business index's pages count them).
        // The previous build's slice and output tables, decoded on the other core, once needed.
        var tablesApplied = pendingTables == nil
        func applyTables() -> Bool {
            guard !tablesApplied, let pendingTables else { return true }
            guard let tables = pendingTables.value else { return false }
            old.apply(tables)
            tablesApplied = true
            return true
        }
        let pages: PageList
        let contentOnly = scan.changed.union(scan.removed).allSatisfy({ $0.hasPrefix("content/") && !ContentAssets.isAsset($0) })
        if selected == nil, !result.indexUpdated, let previous, !revision.businessSectionsChanged, contentOnly {
            pages = .previous(pageCount: previous.pageCount)
            result.pageListKept = true
        } else if let previous, selected != nil || result.indexUpdated, !revision.businessSectionsChanged, contentOnly,
                  !revision.settingsChanged, let listed = listedDocuments(selected: selected, index: index, parses: parses),
                  let previousIDs = previousShape()?.ids, applyTables(),
                  keepsPageList(listed, lists: model.lists, index: index, parses: parses,
                                previousIDs: previousIDs, previousOutputs: Array(old.outputs.keys)) {
            // Metadata changed, but not the documents, their old URLs or the lists' lengths.
            pages = .previous(pageCount: previous.pageCount)
            result.pageListKept = true
        } else {
            guard let all = everyDocument() else { return damaged(outcome) }
            // With a redirect at each old URL (`moved_from`) that no other output has (the parts
            // of a large sitemap, `sitemap-N.xml`, are files no old page URL can name).
            let (made, redirectDiagnostics) = PageSpec.site(
                documents: all, lists: model.lists, otherOutputs: Set(Self.fixedJobs(assetPaths: scan.assetPaths, pageCount: 0).map(\.output)))
            // Made with the other checks, or else the same as the previous build's (among them);
            // after an index updated in place, the checks across every document, now read.
            if result.indexUpdated { crossChecks = metadataDiagnostics + SiteIndex.validateReferences(all, links: links, failed: failed) }
            crossChecks? += redirectDiagnostics
            pages = .made(made)
            outcome.pages = made
        }
        outcome.state.metadataDiagnostics = crossChecks ?? old.metadataDiagnostics
        siteDiagnostics += outcome.state.metadataDiagnostics
        result.pageCount = switch pages {
        case .made(let all): all.count
        case .previous(let count): count
        }
        if templateDiagnostics.hasErrors {
            outcome.state.siteDiagnostics = siteDiagnostics
            result.diagnostics += siteDiagnostics
            return outcome
        }
        siteDiagnostics += templates.unknownVariables
        outcome.state.siteDiagnostics = siteDiagnostics
        result.diagnostics += siteDiagnostics

        outcome.model = model
        outcome.templates = templates
        if options.inMemory { return outcome }
        guard applyTables() else { return damaged(outcome) }
        clock.lap("model", into: &result)
        // The search index reads every document's words, links and metadata: when none of them
        // changed, its files are the previous ones, and nothing else is read to know them.
        if let shape, selected == nil, revision.searchIndexKept {
            model.search.preset(SearchIndex(unchangedFiles: old.outputs.keys.filter(SearchIndex.isIndexFile), ids: shape.ids))
        } else if let updated = updatedSearchIndex(model: model, revision: revision, changes: changes, parses: parses, old: old,
                                                   summaries: summaries, previousBody: previousBody) {
            // Else the files holding a changed document's terms, entries or actors are made again.
            model.search.preset(updated)
            revision.searchIndexUpdated(remade: updated.remade ?? [])
        }
        renderOutputs(pages: pages, model: model, templates: templates, scan: scan, old: old, changedDocs: changedDocs,
                      revision: revision, outcome: &outcome, result: &result, clock: &clock)
        result.bodiesFetched = bodyStore.renderedOnDemand
        return outcome
    }
}
