import Foundation

/// The previous build's documents and body summaries read from the cache's shard files on
/// first use, one record at a time (`DocumentStore`'s fallback on a body-edit rebuild): an
/// actor page quoting 400 passages reads 400 records, not the 64 shards they are spread over.
final class ShardLoader: @unchecked Sendable {
    // Safe: `state` is read and written only inside `lock.withLock`; the other stored
    // properties are constants of Sendable types. An `NSLock` rather than a `Mutex`: the
    // loader is read from page-rendering threads, and ThreadSanitizer sees through pthread
    // locks (it reported `Mutex`-guarded accesses here as races).
    /// A document and its body summary.
    typealias Record = (document: Document?, body: RenderedBody?)

    /// A shard file mapped, with where each document's record is (by id).
    private struct Shard: Sendable {
        var bytes: SharedBytes?
        var records: [String: (start: Int, end: Int)] = [:]
        /// Records decoded so far (all of them for the shards of edited documents).
        var decoded: [String: Record] = [:]
    }

    private let numbers: IDTable
    private let shards: [Int32]
    private let read: @Sendable (Int) -> SharedBytes?
    private let lock = NSLock()
    private var state: (shards: [Int: Shard], filesRead: Int)

    /// `ids` and `shards` from the site shape; `loaded` the shards already decoded whole, by
    /// number; `read` maps one shard's file (nil when it cannot).
    init(ids: IDTable, shards: [Int32], loaded: [Int: BuildState], read: @escaping @Sendable (Int) -> SharedBytes?) {
        numbers = ids
        self.shards = shards
        self.read = read
        var known: [Int: Shard] = [:]
        for (number, state) in loaded {
            var shard = Shard()
            // A draft may share its id with a page (it is then not selected): the page wins.
            for cached in state.documents.values {
                guard let document = cached.document else { continue }
                if shard.decoded[document.id].map({ $0.document?.draft ?? true }) ?? true {
                    shard.decoded[document.id] = (document, state.bodies[document.id])
                }
            }
            known[number] = shard
        }
        state = (known, loaded.count)
    }

    /// How many shard files were read (given at the start, or mapped since).
    var shardsRead: Int { lock.withLock { state.filesRead } }

    func document(_ id: String) -> Document? { record(id)?.document }

    func body(_ id: String) -> RenderedBody? { record(id)?.body }

    private func record(_ id: String) -> Record? {
        guard let number = numbers.number(of: id) else { return nil }
        let shardNumber = Int(shards[number])
        // Under the lock: two pages asking for one record decode it once.
        return lock.withLock { () -> Record? in
            if state.shards[shardNumber] == nil {
                var shard = Shard()
                if let bytes = read(shardNumber), let records = try? BuildState.shardRecords(bytes) {
                    shard.bytes = bytes
                    for record in records where !record.id.isEmpty {
                        if shard.records[record.id] == nil || !record.draft { shard.records[record.id] = (record.start, record.end) }
                    }
                }
                state.shards[shardNumber] = shard
                state.filesRead += 1
            }
            if let known = state.shards[shardNumber]!.decoded[id] { return known }
            guard let bytes = state.shards[shardNumber]!.bytes, let place = state.shards[shardNumber]!.records[id] else { return nil }
            var r = BinaryReader(bytes).at(place.start)
            guard let (cached, body) = try? BuildState.decodeRecord(&r, end: place.end) else { return nil }
            let record: Record = (cached.document, body)
            state.shards[shardNumber]!.decoded[id] = record
            return record
        }
    }
}
