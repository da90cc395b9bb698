import Foundation

/// What a rebuild takes from the previous graph as it was: the link table and index when
/// kept, the documents and body summaries of a reused index.
extension BuildEngine {
    /// The outcome of a build whose previous graph turned out damaged on the way.
    func damaged(_ outcome: Outcome) -> Outcome {
        var outcome = outcome
        outcome.damagedGraph = true
        return outcome
    }

    /// The previous build's link table and index (documents and bodies aside): still in
    /// memory (a preview server's graph), or read back from `index.bin`.
    func previousShape() -> PreviousShape? {
        guard previous != nil else { return nil }
        if let keptShape { return (keptShape.index.numbers.ids, keptShape.links, keptShape.index) }
        return store?.shape()
    }

    /// The documents of a reused index: the previous graph's, with those parsed again over them.
    func reusedDocuments(shape: PreviousShape, old: BuildState,
                                 fresh: [Parses.Reparse]) -> DocumentStore<Document> {
        var documents: DocumentStore<Document>
        if !previousIsWhole, let store {
            documents = DocumentStore(overlay: [:], fallback: store.document(id:))
        } else if keptShape != nil {
            documents = shape.index.documents
        } else {
            var byID: [String: Document] = [:]
            for cached in old.documents.values {
                if let doc = cached.document, options.includeDrafts || !doc.draft { byID[doc.id] = doc }
            }
            documents = DocumentStore(byID)
        }
        for parse in fresh {
            if let doc = parse.document, options.includeDrafts || !doc.draft { documents[doc.id] = doc }
        }
        return documents
    }

    /// The body summaries of a reused index: the previous graph's, with those made again over them.
    func reusedBodies(shape: PreviousShape, old: BuildState,
                              fresh: [String: RenderedBody]) -> DocumentStore<RenderedBody> {
        var bodies: DocumentStore<RenderedBody>
        if !previousIsWhole, let store {
            bodies = DocumentStore(overlay: [:], fallback: store.body(of:))
        } else if keptShape != nil {
            bodies = shape.index.bodies
        } else {
            bodies = DocumentStore(old.bodies)
        }
        for (id, body) in fresh { bodies[id] = body }
        return bodies
    }
}

/// The link table and the site index updated in place, for a rebuild whose documents keep
/// their ids and keys (a retitled page, a body with new mentions): only the changed documents'
/// entries are taken out and put back, and no other document is read to know them.
extension BuildEngine {
    /// The previous shape with the link table given the new titles of the files parsed again,
    /// and what changed in it (their labels); nil unless every file parsed again has a
    /// document before and after, with the same id, not a draft, the one the previous graph
    /// selected for its id, and with the same keys and mention names.
    func retitledShape(parses: Parses) -> (shape: PreviousShape, links: LinkTable, changes: LinkChanges)? {
        guard previous != nil, !parses.sameMetadata, parses.removed.isEmpty, !parses.reparsed.isEmpty,
              let pairs = keptDocuments(parses), let shape = previousShape(),
              let links = shape.links.updating(pairs.map { ($0.before, $0.after) }) else { return nil }
        var changes = LinkChanges()
        for (before, after) in pairs where before.title != after.title || before.fields.short != after.fields.short {
            changes.labels.insert(after.id)
        }
        return (shape, links, changes)
    }

    /// The previous shape: document ids, link table, index.
    typealias PreviousShape = (ids: [String], links: LinkTable, index: SiteIndex)

    /// Each file parsed again as it was and as it is (metadata), when both are selected
    /// documents of the same id, without errors, the previous one the document of its id.
    func keptDocuments(_ parses: Parses) -> [(before: Document, after: Document)]? {
        var pairs: [(before: Document, after: Document)] = []
        for parse in parses.reparsed {
            guard let before = parse.before?.document, let document = parse.document, before.id == document.id,
                  options.includeDrafts || (!before.draft && !document.draft),
                  !parse.diagnostics.contains(where: { $0.severity == .error }),
                  previousDocument(id: before.id)?.path == parse.path else { return nil }
            pairs.append((before, Self.metadata(document)))
        }
        return pairs
    }

    /// A document of the previous graph by id: in memory when the graph is kept, else read per key.
    func previousDocument(id: String) -> Document? {
        if let keptShape { return keptShape.index.documents[id] }
        return store?.document(id: id)
    }

    /// The documents whose bodies show one of `changes.labels` as a link label and must be
    /// rendered again: found among the pages linking to them (the previous index's backlinks),
    /// each checked on its previous summary, read per key.
    func bodiesShowing(_ changes: LinkChanges, index: SiteIndex, except: Set<String>,
                       previousBody: (String) -> RenderedBody?) -> [Document]? {
        var sources = Set<String>()
        for id in changes.labels {
            for link in index.backlinks(of: id) where link.reason == .link && !except.contains(link.source) {
                sources.insert(link.source)
            }
        }
        var documents: [Document] = []
        for source in sources.sorted() {
            guard let body = previousBody(source) else { return nil }
            guard changes.affect(body, id: source) else { continue }
            guard let document = previousDocument(id: source) else { return nil }
            documents.append(document)
        }
        return documents
    }

    /// The previous index (`base`) with the entries of the files parsed again taken out and put
    /// back, and each of those files as it was and is; nil when the index must be made another
    /// way. Updated in place only when no reference resolves differently and none names a
    /// moved page, each file parsed again keeps its id and keys (`keptDocuments`) and had no
    /// error across documents in the previous build, and the previous index agrees with their
    /// previous entries (`SiteIndex.updating`).
    func indexUpdatedInPlace(_ base: PreviousShape, changes: LinkChanges?, links: LinkTable, parses: Parses, old: BuildState,
                             summaries: [String: RenderedBody], previousBodies: [String: RenderedBody?],
                             previousBody: (String) -> RenderedBody?) -> (index: SiteIndex, pairs: [(before: Document, after: Document)])? {
        guard changes?.resolution.isEmpty == true, !links.namesMovedPages, let pairs = keptDocuments(parses) else { return nil }
        let changedDocs = Set(parses.reparsed.map(\.path))
        guard !old.metadataDiagnostics.contains(where: { changedDocs.contains($0.location.file) }),
              let indexChanges = indexChanges(pairs, summaries: summaries, previousBodies: previousBodies, previousBody: previousBody),
              let updated = base.index.updating(indexChanges, documents: reusedDocuments(shape: base, old: old, fresh: parses.reparsed),
                                                bodies: reusedBodies(shape: base, old: old, fresh: summaries), links: links) else { return nil }
        return (updated, pairs)
    }

    /// What changed in the index's inputs: each file parsed again (metadata and summary, before
    /// and after), and each other body made again that links to or mentions other pages now.
    func indexChanges(_ pairs: [(before: Document, after: Document)], summaries: [String: RenderedBody],
                      previousBodies: [String: RenderedBody?], previousBody: (String) -> RenderedBody?) -> [SiteIndex.Change]? {
        var changes: [SiteIndex.Change] = []
        var seen = Set<String>()
        for (before, after) in pairs {
            let id = after.id
            seen.insert(id)
            let beforeBody = previousBodies[id] ?? previousBody(id)
            let afterBody = summaries[id] ?? beforeBody
            if before == after, let a = beforeBody, let b = afterBody, SiteIndex.sameLinksAndMentions(a, b) { continue }
            changes.append(SiteIndex.Change(id: id, before: before, beforeBody: beforeBody, after: after, afterBody: afterBody))
        }
        for (id, summary) in summaries where !seen.contains(id) {
            guard let before = previousBodies[id] ?? nil else { return nil }
            if SiteIndex.sameLinksAndMentions(before, summary) { continue }
            guard let document = previousDocument(id: id) else { return nil }
            changes.append(SiteIndex.Change(id: id, before: document, beforeBody: before, after: document, afterBody: summary))
        }
        return changes
    }
}
