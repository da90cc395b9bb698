/// Which Markdown bodies must be rendered again, and the previous summaries kept.
///
/// A body is stale when its file changed, when the link table changed (`bodyKey`), or when it
/// shows as a link label the title of a retitled document. Both functions return the stale
/// selected documents and the previous build's summaries of the others (still holding the
/// stale ones, which the caller replaces).
extension BuildEngine {
    /// Works from what changed only: a document whose file is unchanged is selected now exactly
    /// when it was before, so it has a previous summary; ids of documents that changed or went
    /// away and are no longer selected are dropped. The caller checks the result has one
    /// summary per selected document, and otherwise calls `staleBodiesOverSite`.
    func staleBodiesFromChanges(selected: [Document], old: BuildState, bodyKey: UInt64, changedDocs: Set<String>,
                                reparsed: [Document], removed: Set<String>) -> ([Document], [String: RenderedBody]) {
        guard previous != nil, old.bodyKey == bodyKey else { return allStale(selected, old: old) }
        // Changed documents that are selected: found by id in `selected`, which is sorted by id.
        let changed = reparsed.compactMap { doc in Self.search(selected, id: doc.id).flatMap { $0.path == doc.path ? $0 : nil } }
        let retitled = Self.retitled(changed, old: old)
        var stale = changed
        if !retitled.isEmpty {
            for doc in selected where !changedDocs.contains(doc.path) {
                if old.bodies[doc.id]?.labelTargets.contains(where: retitled.contains) == true { stale.append(doc) }
            }
        }
        var bodies = old.bodies
        let kept = Set(changed.map(\.id))
        for path in changedDocs.union(removed) {
            if let id = old.documents[path]?.document?.id, !kept.contains(id) { bodies[id] = nil }
        }
        return (stale, bodies)
    }

    /// Visits every selected document.
    func staleBodiesOverSite(selected: [Document], old: BuildState, bodyKey: UInt64,
                             changedDocs: Set<String>) -> ([Document], [String: RenderedBody]) {
        guard previous != nil, old.bodyKey == bodyKey else { return allStale(selected, old: old) }
        let retitled = Self.retitled(selected.filter { changedDocs.contains($0.path) }, old: old)
        let stale = selected.filter { doc in
            guard let body = old.bodies[doc.id], !changedDocs.contains(doc.path) else { return true }
            return body.labelTargets.contains(where: retitled.contains)
        }
        let ids = Set(selected.map(\.id))
        return (stale, old.bodies.filter { ids.contains($0.key) })
    }

    /// Every body stale (a clean build, or a changed link table).
    private func allStale(_ selected: [Document], old: BuildState) -> ([Document], [String: RenderedBody]) {
        let ids = Set(selected.map(\.id))
        return (selected, old.bodies.filter { ids.contains($0.key) })
    }

    /// Ids of the documents among `changed` whose title or short name is new.
    private static func retitled(_ changed: [Document], old: BuildState) -> Set<String> {
        Set(changed.filter { doc in
            let before = old.documents[doc.path]?.document
            return before?.title != doc.title || before?.fields.short != doc.fields.short
        }.map(\.id))
    }

    /// The document with `id` in `documents` sorted by id (binary search).
    static func search(_ documents: [Document], id: String) -> Document? {
        var low = 0, high = documents.count
        while low < high {
            let middle = (low + high) / 2
            if documents[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < documents.count && documents[low].id == id ? documents[low] : nil
    }
}
