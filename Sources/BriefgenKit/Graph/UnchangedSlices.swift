import Foundation

/// Slices whose fingerprint cannot have changed since the previous build, so their stored
/// fingerprint is reused instead of recomputed: per-document slices of documents that were
/// neither re-parsed nor re-rendered, and cross-document slices (mentions, backlinks, events…)
/// of documents that no changed document referred to, before or after the change.
struct UnchangedSlices: Sendable {
    private var enabled = false
    /// Ids as FNV hashes: the check runs for each of the previous build's slices (110,000 on a
    /// 10,000-article site), and hashing a slice's id bytes in place costs a tenth of making
    /// the id a String and looking it up in a Set. A collision only makes a slice look changed,
    /// which costs one fingerprint computation, never a stale page.
    private var changedIDs = Set<UInt64>()
    private var affected = Set<UInt64>()
    private var linksChanged = true
    /// Whether the search index's files may have changed (every build but a body edit that
    /// changed no document's search terms).
    private var searchChanged = true

    /// `selected` holds the documents of this build by id; `removedPaths` the inputs that
    /// disappeared. Visits only what changed: a document whose file is unchanged is selected
    /// now exactly when it was before (two files making one page is an error, never cached).
    init(previous: BuildState?, old: BuildState, selected: DocumentStore<Document>, changedPaths: Set<String>,
         removedPaths: Set<String>, rerendered: Set<String>, linksChanged: Bool, links: LinkTable) {
        guard previous != nil else { return }
        enabled = true
        self.linksChanged = linksChanged
        var touched: [Document] = []
        for path in changedPaths.union(removedPaths) {
            if let before = old.documents[path]?.document { touched.append(before) }
        }
        // Every selected document whose file changed had its body re-rendered.
        for id in rerendered {
            if let doc = selected[id] { touched.append(doc) }
        }
        for doc in touched { changedIDs.insert(StableHash.of(doc.id)) }
        for doc in touched {
            if let body = old.bodies[doc.id] { addTargets(of: body) }
            for (_, refs) in SiteIndex.referenceKeys(doc) {
                for ref in refs {
                    if case .found(let target, _, _) = links.resolve(ref) { affected.insert(StableHash.of(target.id)) }
                }
            }
        }
    }

    /// After edits to bodies that link to and mention the same pages as before (the body-edit
    /// rebuild): the edited documents' own slices changed, and of the slices made from several
    /// documents only the mentions of an actor whose mention in an edited body reads
    /// differently (a new snippet); backlinks, co-mentions and events are made from what did
    /// not change.
    init(bodyEdits: [(id: String, before: RenderedBody, after: RenderedBody)]) {
        enabled = true
        linksChanged = false
        searchChanged = bodyEdits.contains { $0.before.searchTerms != $0.after.searchTerms }
        for edit in bodyEdits {
            changedIDs.insert(StableHash.of(edit.id))
            for (a, b) in zip(edit.before.mentions, edit.after.mentions)
            where a.paragraph != b.paragraph || a.text != b.text || a.snippet != b.snippet {
                affected.insert(StableHash.of(a.actor))
            }
        }
    }

    /// Adds what a re-rendered body refers to (its new summary is not in the old state).
    mutating func addTargets(of body: RenderedBody) {
        for link in body.links { affected.insert(StableHash.of(link.target)) }
        for mention in body.mentions { affected.insert(StableHash.of(mention.actor)) }
    }

    typealias Scope = SliceKind.Scope

    /// What the check needs of a slice name: its scope and the hash of its id. Made for the
    /// previous build's slices while their table is decoded (on the other core), so that the
    /// check itself is two lookups per slice.
    struct Key: Sendable {
        var scope: Scope
        var id: UInt64
    }

    static func key(of slice: String) -> Key {
        var slice = slice
        return slice.withUTF8 { key(of: $0) }
    }

    /// The key of a slice name given as its UTF-8 bytes.
    static func key(of bytes: UnsafeBufferPointer<UInt8>) -> Key {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return Key(scope: .other, id: 0) }
        var hash = StableHash()
        hash.combine(UnsafeBufferPointer(rebasing: bytes[(colon + 1)...]))
        return Key(scope: scope(UnsafeBufferPointer(rebasing: bytes[..<colon])), id: hash.value)
    }

    /// A slice kind's scope, told by its name's bytes packed into one number.
    private static func scope(_ prefix: UnsafeBufferPointer<UInt8>) -> Scope {
        guard prefix.count <= 3 else { return .other }
        return scopes[prefix.reduce(0 as UInt32) { $0 << 8 | UInt32($1) }] ?? .other
    }

    private static let scopes = Dictionary(uniqueKeysWithValues: SliceKind.allCases.filter { $0.rawValue.utf8.count <= 3 }.map { kind in
        (kind.rawValue.utf8.reduce(0 as UInt32) { $0 << 8 | UInt32($1) }, kind.scope)
    })

    func contains(_ slice: String) -> Bool { contains(Self.key(of: slice)) }

    func contains(_ key: Key) -> Bool {
        guard enabled else { return false }
        switch key.scope {
        case .document: return !changedIDs.contains(key.id)
        case .crossDocument: return !linksChanged && !affected.contains(key.id) && !changedIDs.contains(key.id)
        case .references: return !linksChanged
        case .search: return !searchChanged
        case .other: return false
        }
    }
}
