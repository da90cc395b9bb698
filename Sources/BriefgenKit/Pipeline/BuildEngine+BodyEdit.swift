import Foundation

/// The rebuild after edits to the bodies of existing documents, the edit made most often,
/// which reads nothing of the other documents: not their parses, not their body summaries.
///
/// It applies when only content files changed, none was added or removed, every changed
/// document parses to the same metadata as before, and its new body links to and mentions
/// the same pages in the same order. Then the link table, the site index and every other
/// document are the previous build's, by construction: the table and the index come from
/// the graph store (`GraphStore.shape()`), other documents and summaries from the store when
/// a page asks for them, and the outputs are compared and rendered as by the general engine.
/// Anything else, or any check failing on the way, returns nil and the general engine runs.
extension BuildEngine {
    /// `loadTables` reads the previous build's slice and output tables; `tables` is set to
    /// their decoding once started (on the other core), for the general engine to reuse.
    func runBodyEdit(scan: InputScan, stored: BuildState, loadTables: @escaping @Sendable () -> BuildState.Tables?,
                     tables: inout Background<BuildState.Tables?>?, result: inout BuildResult, clock: inout StageClock) -> Outcome? {
        guard let store, stored.indexHash != 0, scan.removed.isEmpty, !scan.diagnostics.hasErrors,
              scan.changed.allSatisfy({ $0.hasPrefix("content/") }),
              let paths = editedDocuments(scan, stored: stored) else { return nil }
        // Parsed first: most edits that are not body edits stop here, before reading the graph.
        let sidecars = paths.map { sidecar(of: $0, scan: scan) }
        let parsed = zip(paths, sidecars).map { parseInput($0, sidecar: $1, scan: scan) }
        let pending = Background(loadTables)
        tables = pending
        let templateJob = Background { [self] in templateSet(scan, old: stored) }
        guard let shape = store.shape() else { return nil }
        var old = stored
        var documents: [Document] = []
        var fileDiagnostics: [[Diagnostic]] = []
        for (path, file) in zip(paths, parsed) {
            guard let (document, diagnostics) = file, let document, !document.draft || options.includeDrafts,
                  let before = store.document(at: path)?.document, store.document(id: document.id)?.path == path
            else { return nil }
            var metadata = document
            metadata.body = ""
            guard metadata == before else { return nil }
            documents.append(document)
            fileDiagnostics.append(diagnostics)
        }
        let (config, _) = siteConfig(scan)
        guard Self.bodyKey(patterns: shape.links.mentionPatterns, config: config, assets: scan.contentAssetPaths) == stored.bodyKey else { return nil }
        let renderer = MarkdownRenderer(links: shape.links, basePath: config.basePath, assets: Set(scan.contentAssetPaths))
        let fresh = documents.map { Stages.renderBody($0, renderer: renderer, config: config) }
        for (document, body) in zip(documents, fresh) {
            guard let before = store.body(of: document.id), SiteIndex.sameLinksAndMentions(before, body),
                  // An anchor others may cite went away: the general engine checks every citation.
                  body.paragraphCount >= before.paragraphCount, Set(before.anchors).isSubset(of: body.anchors) else { return nil }
        }
        clock.lap("parse", into: &result)

        // From here on the build is this one. The state starts as the previous one's header,
        // with the edited documents and their summaries (the store keeps the others).
        var outcome = Outcome()
        outcome.state = stored
        outcome.state.inputs = scan.inputs
        outcome.holdsEveryDocument = false
        var overlayDocuments: [String: Document] = [:]
        var overlayBodies: [String: RenderedBody] = [:]
        var known: [String: String] = [:]
        for (position, (document, body)) in zip(documents, fresh).enumerated() {
            let (path, sidecar) = (paths[position], sidecars[position])
            var stored = document
            stored.body = ""
            var summary = body
            summary.html = ""
            outcome.state.documents[path] = BuildState.CachedDocument(inputHash: Self.inputHash(path, sidecar: sidecar, scan: scan),
                                                                      document: stored,
                                                                      diagnostics: fileDiagnostics[position])
            outcome.state.bodies[document.id] = summary
            overlayDocuments[document.id] = document
            overlayBodies[document.id] = summary
            known[document.id] = body.html
        }
        let index = shape.index.reusing(documents: DocumentStore(overlay: overlayDocuments, fallback: store.document(id:)),
                                        bodies: DocumentStore(overlay: overlayBodies, fallback: store.body(of:)))
        result.parsed = paths.sorted()
        result.bodiesRendered = documents.map(\.id).sorted()
        result.indexReused = true
        result.pageCount = stored.pageCount
        // Diagnostics: the previous build's, those of the edited files made again.
        let edited = Set(paths + sidecars.compactMap { $0 })
        result.diagnostics = stored.allDiagnostics.filter { !edited.contains($0.location.file) }
            + fileDiagnostics.flatMap { $0 } + fresh.flatMap(\.diagnostics)
        // Citations the edits added, against their targets' anchors (the others were checked before).
        for (position, (document, body)) in zip(documents, fresh).enumerated() {
            let before = Set(store.body(of: document.id)!.links.map { [$0.target, $0.fragment ?? ""] })
            for link in body.links where link.fragment != nil && !before.contains([link.target, link.fragment!]) {
                guard let target = index.bodies[link.target],
                      let (message, hint) = AnchorCheck.problem(fragment: link.fragment!, target: link.target, body: target) else { continue }
                result.diagnostics.append(.error(SourceLocation(file: paths[position], line: link.line, column: link.column),
                                                 message, hint: hint))
            }
        }
        clock.lap("index", into: &result)

        let (templates, _, templateKey) = templateJob.value
        guard templateKey == stored.templateKey, let previousTables = pending.value else { return nil }
        old.apply(previousTables)
        outcome.state.templates = templates.fingerprints
        clock.lap("templates", into: &result)
        let bodyStore = BodyStore(known: known) { [fs, root] id in
            guard let doc = index.documents[id] else { return "" }
            let full = BuildEngine.reparse(doc, root: root, fs: fs) ?? doc
            return Stages.renderBody(full, renderer: renderer, config: config).html
        }
        let model = SiteModel(config: config, links: shape.links, index: index, bodies: bodyStore,
                              history: options.history, sourceDateEpoch: options.sourceDateEpoch)
        let unchanged = UnchangedSlices(bodyEdits: zip(documents, fresh).map { document, body in
            (document.id, store.body(of: document.id)!, body)
        })
        // Bodies with the same search terms as before: the search index is the previous one
        // (metadata, mentions and links are unchanged too), and nothing is read to make it.
        // Otherwise it is made from every document's terms.
        if zip(documents, fresh).allSatisfy({ store.body(of: $0.id)!.searchTerms == $1.searchTerms }) {
            model.search.preset(SearchIndex(unchangedFiles: old.outputs.keys.filter(SearchIndex.isIndexFile), ids: shape.ids))
        }
        clock.lap("model", into: &result)
        renderOutputs(pages: .previous(ids: shape.ids), model: model, templates: templates, scan: scan, old: old, changedDocs: Set(paths),
                      unchanged: unchanged, outcome: &outcome, result: &result, clock: &clock)
        result.bodiesFetched = bodyStore.renderedOnDemand
        result.graphDocumentsRead = store.documentsRead
        outcome.model = model
        outcome.templates = templates
        return outcome
    }

    /// The documents behind the changed content files (an article for a changed sidecar), all
    /// of which existed before; nil when a file is new or is not a document.
    private func editedDocuments(_ scan: InputScan, stored: BuildState) -> [String]? {
        var paths = Set<String>()
        for path in scan.changed {
            guard stored.inputs[path] != nil else { return nil }
            let ext = (path as NSString).pathExtension.lowercased()
            switch ext {
            case "md", "markdown", "txt", "html", "htm": paths.insert(path)
            case "yml", "yaml":
                let stem = (path as NSString).deletingPathExtension
                let articles = ["txt", "html", "htm"].map { stem + "." + $0 }.filter { scan.inputs[$0] != nil }
                guard !articles.isEmpty else { return nil }
                paths.formUnion(articles)
            default: return nil
            }
        }
        return paths.isEmpty ? nil : paths.sorted()
    }

    /// The sidecar read with a raw article, as `Stages.pairSidecars` pairs them.
    private func sidecar(of path: String, scan: InputScan) -> String? {
        let ext = (path as NSString).pathExtension.lowercased()
        guard ["txt", "html", "htm"].contains(ext) else { return nil }
        let stem = (path as NSString).deletingPathExtension
        return [stem + ".yml", stem + ".yaml"].first { scan.inputs[$0] != nil }
    }
}
