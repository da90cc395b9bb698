import Synchronization

/// The previous build's documents and body summaries read from the cache's shard files on
/// first use, one shard at a time (`DocumentStore`'s fallback on a body-edit rebuild).
final class ShardLoader: Sendable {
    /// A decoded shard, by document id.
    struct Shard: Sendable {
        var documents: [String: Document] = [:]
        var bodies: [String: RenderedBody] = [:]
    }

    private let numbers: IDTable
    private let shards: [Int32]
    private let read: @Sendable (Int) -> BuildState?
    private let loaded: Mutex<[Int: Shard]>

    /// `ids` and `shards` from the site shape; `loaded` the shards already decoded, by number;
    /// `read` decodes one shard's file (nil when it cannot).
    init(ids: IDTable, shards: [Int32], loaded: [Int: BuildState], read: @escaping @Sendable (Int) -> BuildState?) {
        numbers = ids
        self.shards = shards
        self.read = read
        self.loaded = Mutex(loaded.mapValues(Self.byID))
    }

    /// How many shards were decoded (given at the start, or read since).
    var shardsRead: Int { loaded.withLock { $0.count } }

    func document(_ id: String) -> Document? { shard(holding: id)?.documents[id] }

    func body(_ id: String) -> RenderedBody? { shard(holding: id)?.bodies[id] }

    private func shard(holding id: String) -> Shard? {
        guard let number = numbers.number(of: id) else { return nil }
        let shard = Int(shards[number])
        // Decoded under the lock: two pages asking for one shard decode it once.
        return loaded.withLock { loaded in
            if let known = loaded[shard] { return known }
            guard let state = read(shard) else { return nil }
            let decoded = Self.byID(state)
            loaded[shard] = decoded
            return decoded
        }
    }

    private static func byID(_ state: BuildState) -> Shard {
        var shard = Shard(bodies: state.bodies)
        // A draft may share its id with a page (it is then not selected): the page wins.
        for cached in state.documents.values {
            guard let document = cached.document else { continue }
            if shard.documents[document.id].map({ $0.draft && !document.draft }) ?? true { shard.documents[document.id] = document }
        }
        return shard
    }
}
