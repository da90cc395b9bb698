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
    func previousShape() -> (ids: [String], links: LinkTable, index: SiteIndex)? {
        guard previous != nil else { return nil }
        if let keptShape { return (keptShape.index.numbers.ids, keptShape.links, keptShape.index) }
        return store?.shape()
    }

    /// The documents of a reused index: the previous graph's, with those parsed again over them.
    func reusedDocuments(shape: (ids: [String], links: LinkTable, index: SiteIndex), old: BuildState,
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
    func reusedBodies(shape: (ids: [String], links: LinkTable, index: SiteIndex), old: BuildState,
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
