/// Which Markdown bodies must be rendered again, and the previous summaries kept.
extension BuildEngine {
    /// The selected documents whose bodies are stale, and the previous build's summaries of
    /// the others (still holding the stale ones, which the caller replaces).
    ///
    /// A body is stale when its file changed, when the link table changed (`bodyKey`), or when
    /// it shows as a link label the title of a retitled document. `fast` works from what
    /// changed only: a document whose file is unchanged is selected now exactly when it was
    /// before, so it has a previous summary; ids of documents that changed or disappeared and
    /// are no longer selected are dropped. The caller checks the result has one summary per
    /// selected document and otherwise asks again without `fast`, which visits every document.
    func staleBodies(selected: [Document], old: BuildState, bodyKey: UInt64, changedDocs: Set<String>,
                     reparsed: [Document], removed: Set<String>, fast: Bool) -> ([Document], [String: RenderedBody]) {
        // Changed documents that are selected: found by id in `selected`, which is sorted by id.
        var changed: [Document] = []
        if fast {
            for doc in reparsed {
                if let found = Self.search(selected, id: doc.id), found.path == doc.path { changed.append(found) }
            }
        } else {
            changed = selected.filter { changedDocs.contains($0.path) }
        }
        var retitled = Set<String>()
        for doc in changed {
            let before = old.documents[doc.path]?.document
            if before?.title != doc.title || before?.fields.short != doc.fields.short { retitled.insert(doc.id) }
        }
        var bodies = old.bodies
        guard previous != nil, old.bodyKey == bodyKey else {
            let ids = Set(selected.map(\.id))
            return (selected, bodies.filter { ids.contains($0.key) })
        }
        if fast {
            var stale = changed
            if !retitled.isEmpty {
                for doc in selected where !changedDocs.contains(doc.path) {
                    if old.bodies[doc.id]?.labelTargets.contains(where: retitled.contains) == true { stale.append(doc) }
                }
            }
            let kept = Set(changed.map(\.id))
            for path in changedDocs.union(removed) {
                if let id = old.documents[path]?.document?.id, !kept.contains(id) { bodies[id] = nil }
            }
            return (stale, bodies)
        }
        var stale: [Document] = []
        for doc in selected {
            if let body = old.bodies[doc.id], !changedDocs.contains(doc.path),
               !body.labelTargets.contains(where: retitled.contains) { continue }
            stale.append(doc)
        }
        let ids = Set(selected.map(\.id))
        return (stale, bodies.filter { ids.contains($0.key) })
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
