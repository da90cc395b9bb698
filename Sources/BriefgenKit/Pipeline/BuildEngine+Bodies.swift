/// Which Markdown bodies must be rendered again, by what each body depends on: its own file;
/// the Markdown settings and the names mentions are matched on (`bodyKey`); and, for each page
/// it links to, labels or mentions, how that page resolves: that it exists, its kind, the
/// keys naming it, and for a page it shows as a link label its title and short name.
extension BuildEngine {
    /// What changed in the link table since the previous build.
    struct LinkChanges: Sendable {
        /// Ids whose existence, kind or naming keys changed: every body linking to, labelling
        /// or mentioning one of them is made again.
        var resolution = Set<String>()
        /// Ids that appeared or went away (among `resolution`): a mention is matched on names
        /// (`bodyKey`) and links to its target by id, so it depends on these only.
        var existence = Set<String>()
        /// Ids whose title or short name changed: bodies showing one as a link label are made again.
        var labels = Set<String>()

        /// Whether a body with this summary, of the document `id`, reads anything that changed.
        func affect(_ body: RenderedBody, id: String) -> Bool {
            if resolution.isEmpty && labels.isEmpty { return false }
            // A body's links to itself are not listed; what names it is its own dependency too.
            if resolution.contains(id) { return true }
            if body.labelTargets.contains(where: { resolution.contains($0) || labels.contains($0) }) { return true }
            if resolution.isEmpty { return false }
            return body.links.contains { resolution.contains($0.target) }
                || (!existence.isEmpty && body.mentions.contains { existence.contains($0.actor) })
        }

        /// The differences between two link tables (all their keys and targets compared).
        init(from old: LinkTable, to new: LinkTable) {
            var before = Dictionary(old.allKeys.map { ($0.key, $0.ids) }, uniquingKeysWith: { a, _ in a })
            var changedKeys: [String] = []
            for (key, ids) in new.allKeys {
                let previous = before.removeValue(forKey: key)
                if previous != ids {
                    resolution.formUnion(ids)
                    resolution.formUnion(previous ?? [])
                    changedKeys.append(key)
                }
            }
            for (key, ids) in before { resolution.formUnion(ids); changedKeys.append(key) }
            // A key a page takes or leaves decides whether an old slug (`moved_from`) of the
            // same spelling still names its page: bodies linking to that page resolve again.
            for key in changedKeys where !key.hasPrefix(LinkTable.movedPrefix) {
                for table in [old, new] { resolution.formUnion(table.ids(forKey: LinkTable.movedPrefix + key) ?? []) }
            }
            var targets = Dictionary(old.allTargets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for target in new.allTargets {
                guard let previous = targets.removeValue(forKey: target.id), previous.kind == target.kind else {
                    existence.insert(target.id)
                    continue
                }
                if previous.title != target.title || previous.shortName != target.shortName { labels.insert(target.id) }
            }
            existence.formUnion(targets.keys)
            resolution.formUnion(existence)
        }

        /// No change.
        init() {}
    }

    /// The selected documents whose bodies must be rendered again (the others keep their
    /// previous summaries). `changes` is nil when every body is stale (a clean build, new Markdown
    /// settings or matcher names, or no previous link table to compare with); `changedIDs`
    /// holds the ids of documents whose file changed, appeared or went away.
    func staleBodies(selected: [Document], old: BuildState, changes: LinkChanges?,
                     changedIDs: Set<String>) -> [Document] {
        selected.filter { doc in
            guard let changes, !changedIDs.contains(doc.id), let body = old.bodies[doc.id] else { return true }
            return changes.affect(body, id: doc.id)
        }
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
