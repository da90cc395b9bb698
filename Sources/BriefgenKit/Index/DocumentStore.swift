import Synchronization

/// Values by document id (documents, or their body summaries): a table in memory, or, on a
/// rebuild that keeps the site index, the previous build's values read from the build graph
/// on first use (`GraphStore`), with this build's values laid over them. Pages ask for a few
/// dozen documents; decoding every one is what such a rebuild avoids.
public struct DocumentStore<Value: Sendable>: Sendable {
    /// By id in an `IDMap` (ids are made by the build, in one form): pages ask the store for
    /// a document or a body summary tens of times each, and a `Dictionary` hashed every id
    /// with seeded SipHash.
    private var table: IDMap<Value>
    /// Reads a value the table does not hold; nil when the table holds every value.
    private let fallback: (@Sendable (String) -> Value?)?

    public init(_ table: [String: Value] = [:]) {
        self.table = IDMap(table)
        fallback = nil
    }

    /// `overlay` laid over the values `fallback` reads, each read once: the pages of a rebuild
    /// ask for the same documents many times (an actor's page names each of its thousand
    /// backlinks' titles, kinds and URLs), and one table looked up under one lock costs a third
    /// of the store's three (`FallbackMemo`).
    init(overlay: [String: Value], fallback: @escaping @Sendable (String) -> Value?) {
        table = IDMap(overlay)
        let memo = FallbackMemo(fallback)
        self.fallback = { memo.value(of: $0) }
    }

    /// The value of a document id: this build's, else the previous build's read on demand.
    /// A value set is added or replaced, never removed (setting nil is a programming error).
    public subscript(id: String) -> Value? {
        get { table[id] ?? fallback?(id) }
        set { table[id] = newValue }
    }

    /// What `part` reads of the value of a document id, lent where it lies in this build's
    /// table (not copied: see `IDMap.withValue`), else read from the previous build's.
    func withValue<R>(of id: String, _ part: (Value) -> R) -> R? {
        if let found = table.withValue(of: id, part) { return found }
        return fallback?(id).map(part)
    }

    /// The values held in memory: every value, unless they are read from the cache on use.
    var heldValues: [Value] { table.values }
    /// The ids of the values held in memory, in `heldValues`' order.
    var heldIDs: [String] { table.keys }
}

/// The values a `DocumentStore` read from its fallback, by id (absent ones too), shared by the
/// threads that render pages.
final class FallbackMemo<Value: Sendable>: Sendable {
    private let read: @Sendable (String) -> Value?
    private let known = Mutex<[String: Value?]>([:])

    init(_ read: @escaping @Sendable (String) -> Value?) { self.read = read }

    func value(of id: String) -> Value? {
        if let hit = known.withLock({ $0[id] }) { return hit }
        let value = read(id)
        known.withLock { $0[id] = value }
        return value
    }
}
