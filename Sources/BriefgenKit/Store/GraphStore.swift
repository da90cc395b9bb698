import Foundation
import Synchronization

/// The build graph as `.briefgen/` keeps it between builds, and the one way to read and write it.
///
/// A build opens the store (`open`: the previous graph's header, or why there is none) and then
/// reads what it needs of the previous graph:
/// - per key, on first use: the document made from a path (`document(at:)`), the selected
///   document with an id (`document(id:)`) and the body summary of an id (`body(of:)`);
/// - in bulk: every document with its body summary (`everything()`), the link table with the
///   site index's tables (`shape()`), the slice and output tables (`tables()`).
///
/// It writes in two calls: `invalidate()` before the output folder changes (a build killed
/// from then on leaves no graph, so the next build is a clean one), and `commit(_:)` with what
/// changed once the output is written. Reads are safe from any thread.
///
/// The layout, which nothing outside this file knows: a header file naming every other file by
/// the checksum of its bytes (and ending with its own), the documents spread over shard files
/// by path, `index.bin` (`SiteShape`), and the slice and output tables with their journal
/// (`BuildState+Tables`). A file whose checksum is not the one the header names is damaged:
/// a bulk read throws, a per-key read gives nil and sets `readFailed`. A shard is named by
/// its listing's checksum, and the listing gives each record's: a per-key read checks the
/// listing and the records it decodes, not the whole file (`bytesChecked`). The README's "The build
/// graph on disk" has the table, and how these files measured against a SQLite database.
public final class GraphStore: @unchecked Sendable {
    // Safe: `loaded` and the parts of a `Shard` decoded after it is listed are read and
    // written only inside `lock.withLock` (a shard's list is made before it is shared);
    // every other stored property is a constant of a Sendable type. An `NSLock` rather than
    // a `Mutex`: records are read from page-rendering threads, and ThreadSanitizer sees
    // through pthread locks.

    /// The header file, which diagnostics about the store name.
    static let headFile = "build-graph.bin"

    let fs: FileSystem
    /// The store's folder (`.briefgen`).
    let directory: String
    /// The previous graph's header values (inputs, diagnostics, keys), without documents,
    /// bodies or tables; empty when there is no previous graph.
    private(set) var head = BuildState()
    /// Whether `head` is a previous graph's (`open` found one and it applies).
    private(set) var hasGraph = false

    private let lock = NSLock()
    private var loaded = Loaded()

    /// A document's result with its body summary, as read back.
    private typealias Record = (document: BuildState.CachedDocument, body: RenderedBody?)

    /// Shard files read so far, records found by id, and the site shape once read.
    private struct Loaded {
        var shards: [Int: Shard] = [:]
        /// `path(id:)`'s answers: pages ask for the same few documents many times.
        var byID: [String: String?] = [:]
        var shape: SiteShape??
        var documentsRead = 0
        var bodiesRead = 0
        var bytesChecked = 0
        /// A file read by key was missing or damaged.
        var failed = false
    }

    /// A shard file mapped, with where each record is by path and by id, and the parts of
    /// records decoded so far: a document's parse, and (read only when asked for) its body
    /// summary. A class, changed in place under the lock.
    private final class Shard {
        var bytes: SharedBytes?
        var byPath: [String: BuildState.ShardRecord] = [:]
        var byID: [String: String] = [:]
        /// Documents decoded, with where the record's body summary starts.
        var documents: [String: (cached: BuildState.CachedDocument, bodyAt: Int)] = [:]
        var bodies: [String: RenderedBody?] = [:]
    }

    init(fs: FileSystem, directory: String) {
        self.fs = fs
        self.directory = directory
    }

    /// Where a diagnostic about the store points.
    var location: String { joinPath(directory, Self.headFile) }

    /// Why the previous graph cannot be used.
    enum Refusal: Error, Equatable {
        /// There is none (or it was made with other options, or for an output that is gone).
        case absent
        /// There is one, but it cannot be read: the reason, in words.
        case unreadable(String)
    }

    /// Reads the previous graph's header; `outputMarker` is a file the previous output must
    /// still hold for the graph to describe it.
    func open(optionsKey: String, outputMarker: String?) -> Result<BuildState, Refusal> {
        guard let data = fs.readShared(location) else { return .failure(.absent) }
        if let outputMarker, fs.read(outputMarker) == nil { return .failure(.absent) }
        do {
            let state = try BuildState.decodeHead(data)
            guard state.optionsKey == optionsKey else { return .failure(.absent) }
            head = state
            hasGraph = true
            return .success(state)
        } catch {
            let reason = if case GraphError.foreign(let what) = error { what } else { "damaged or truncated" }
            return .failure(.unreadable(reason))
        }
    }

    /// Forgets the previous graph on disk: the next build is a clean one.
    public static func discard(fs: FileSystem, directory: String) throws {
        try fs.remove(joinPath(directory, headFile))
    }

    // MARK: - Per-key reads

    /// The previous graph's result for the content file at `path` (its document without the
    /// body, and its diagnostics); nil when it had none or its record cannot be read.
    func document(at path: String) -> BuildState.CachedDocument? { cachedDocument(path: path)?.cached }

    /// The previous graph's selected document with `id` (body dropped).
    func document(id: String) -> Document? { self.path(id: id).flatMap { cachedDocument(path: $0)?.cached.document } }

    /// The previous graph's body summary of the document with `id`.
    func body(of id: String) -> RenderedBody? { self.path(id: id).flatMap { body(path: $0) } }

    /// How many documents of the previous graph were read so far (for reports and tests):
    /// per-key reads read only what they are asked for, `everything()` every one.
    var documentsRead: Int { lock.withLock { loaded.documentsRead } }

    /// How many body summaries were read per key so far: a document's is read only when asked
    /// for, not with its parse.
    var bodiesRead: Int { lock.withLock { loaded.bodiesRead } }

    /// How many bytes of records read per key were checked against their checksums so far:
    /// those of the records decoded, not of the shard files holding them.
    var bytesChecked: Int { lock.withLock { loaded.bytesChecked } }

    /// How many shard files were read so far (each holds about 1/64 of the documents).
    var shardsRead: Int { lock.withLock { loaded.shards.count } }

    /// Whether a file read by key was missing or damaged (a record then reads as absent):
    /// nothing made from the previous graph in this build can be trusted.
    var readFailed: Bool { lock.withLock { loaded.failed } }

    /// The document part of the record at `path`, decoded on first use. Looked up under the
    /// lock and decoded outside it: two threads rendering pages wait for each other only to
    /// look up and to keep a record, not while one decodes (two decoding the same record at
    /// once make the same value, and the first kept is used).
    private func cachedDocument(path: String) -> (cached: BuildState.CachedDocument, bodyAt: Int)? {
        guard hasGraph else { return nil }
        let shard = shard(BuildState.shard(of: path))
        let (known, bytes, place) = lock.withLock { (shard.documents[path], shard.bytes, shard.byPath[path]) }
        if let known { return known }
        guard let bytes, let place else { return nil }
        // The record's bytes are checked once, here: its body summary is read from them later.
        var r = BinaryReader(bytes).at(place.start)
        guard BuildState.holds(bytes, place), let cached = try? BuildState.decodeRecordDocument(&r) else {
            lock.withLock { loaded.failed = true }
            return nil
        }
        return lock.withLock {
            if let known = shard.documents[path] { return known }
            shard.documents[path] = (cached, r.offset)
            loaded.documentsRead += 1
            loaded.bytesChecked += place.end - place.start
            return (cached, r.offset)
        }
    }

    /// The body summary of the record at `path`, decoded on first use (outside the lock, as
    /// `cachedDocument(path:)`).
    private func body(path: String) -> RenderedBody? {
        guard let (cached, bodyAt) = cachedDocument(path: path) else { return nil }
        let shard = shard(BuildState.shard(of: path))
        let (known, bytes, place) = lock.withLock { (shard.bodies[path], shard.bytes, shard.byPath[path]) }
        if let known { return known }
        guard let bytes, let place else { return nil }
        var r = BinaryReader(bytes).at(bodyAt)
        // A record may hold no body (a document that did not parse): that is nil, not a failure.
        let body: RenderedBody?
        do {
            body = try BuildState.decodeRecordBody(&r, end: place.end, of: cached)
        } catch {
            lock.withLock { loaded.failed = true }
            return nil
        }
        return lock.withLock {
            if let known = shard.bodies[path] { return known }
            shard.bodies[path] = .some(body)
            loaded.bodiesRead += 1
            return body
        }
    }

    /// The record at `path` whole: the document's parse with its body summary.
    private func record(path: String) -> Record? {
        cachedDocument(path: path).map { ($0.cached, body(path: path)) }
    }

    /// The path of the selected document with `id`.
    private func path(id: String) -> String? {
        guard hasGraph else { return nil }
        if let known = lock.withLock({ loaded.byID[id] }) { return known }
        let found = findPath(id: id)
        lock.withLock { loaded.byID[id] = .some(found) }
        return found
    }

    private func findPath(id: String) -> String? {
        // The shard holding the selected document with that id, from the site shape; without
        // it, every shard's record list is searched.
        let numbers: [Int]
        if let shape = shapeValue() {
            guard let n = shape.index.numbers.number(of: id) else { return nil }
            numbers = [Int(shape.shards[n])]
        } else {
            numbers = Array(0..<BuildState.shardCount)
        }
        for number in numbers {
            let shard = shard(number)
            if let path = lock.withLock({ shard.byID[id] }) { return path }
        }
        return nil
    }

    /// A shard's record list, read on first use: the file's listing is read and checked (not
    /// its records: each is checked when first decoded) outside the lock, so that threads
    /// reading other shards (or the same one) do not wait on it.
    private func shard(_ number: Int) -> Shard {
        if let known = lock.withLock({ loaded.shards[number] }) { return known }
        let made = Shard()
        if let (bytes, hash) = shardFile(number), let records = try? BuildState.shardRecords(bytes, expected: hash) {
            made.bytes = bytes
            made.byPath.reserveCapacity(records.count)
            made.byID.reserveCapacity(records.count)
            for record in records {
                made.byPath[record.path] = record
                // A draft may share its id with a page (it is then not selected): the page wins.
                if !record.id.isEmpty, made.byID[record.id] == nil || !record.draft { made.byID[record.id] = record.path }
            }
        }
        return lock.withLock {
            // Another thread may have listed it meanwhile: one list is kept.
            if let known = loaded.shards[number] { return known }
            if made.bytes == nil { loaded.failed = true }
            loaded.shards[number] = made
            return made
        }
    }

    /// The bytes of shard `number`'s file, unchecked, with the checksum the header names for
    /// them; nil when the header names none or the file cannot be read.
    private func shardFile(_ number: Int) -> (bytes: SharedBytes, hash: UInt64)? {
        let hash = head.shardHashes[number]
        guard hash != 0, let bytes = fs.readShared(BuildState.shardPath(number, cacheDir: directory)) else { return nil }
        return (bytes, hash)
    }

    // MARK: - Bulk reads

    /// Every document of the previous graph by path, and every body summary by id; throws
    /// when any part cannot be read.
    func everything() throws -> (documents: [String: BuildState.CachedDocument], bodies: [String: RenderedBody]) {
        guard hasGraph else { return ([:], [:]) }
        // Parts decode on all cores, then merge.
        let parts = Array(0..<BuildState.shardCount).parallelMap { [self] number -> BuildState? in
            guard let (bytes, hash) = shardFile(number) else { return nil }
            var state = BuildState()
            return (try? state.decodeShard(bytes, expected: hash)) != nil ? state : nil
        }
        var documents: [String: BuildState.CachedDocument] = [:]
        var bodies: [String: RenderedBody] = [:]
        documents.reserveCapacity(parts.reduce(0) { $0 + ($1?.documents.count ?? 0) })
        bodies.reserveCapacity(parts.reduce(0) { $0 + ($1?.bodies.count ?? 0) })
        for part in parts {
            guard let part else { throw GraphError.corrupt }
            documents.merge(part.documents) { a, _ in a }
            bodies.merge(part.bodies) { a, _ in a }
        }
        lock.withLock { loaded.documentsRead = documents.count }
        return (documents, bodies)
    }

    /// The shard of each document of the stored shape, in id order.
    func shapeShards() -> [Int32]? { shapeValue()?.shards }

    /// The previous graph's link table and site index (without documents and bodies), with
    /// its document ids in id order; nil when there is none or it cannot be read.
    func shape() -> (ids: [String], links: LinkTable, index: SiteIndex)? {
        shapeValue().map { ($0.ids, $0.links, $0.index) }
    }

    private func shapeValue() -> SiteShape? {
        guard hasGraph, head.indexHash != 0 else { return nil }
        return lock.withLock {
            if let known = loaded.shape { return known }
            let shape = fs.readShared(joinPath(directory, BuildState.indexFile))
                .flatMap { SiteShape.decode($0, expected: head.indexHash) }
            loaded.shape = .some(shape)
            return shape
        }
    }

    /// The previous graph's slice and output tables; throws when they cannot be read.
    func tables() throws -> BuildState.Tables {
        guard hasGraph else { return BuildState.Tables() }
        guard let bytes = fs.readShared(joinPath(directory, BuildState.tablesFile)) else { throw GraphError.corrupt }
        let journal = head.journalHash == 0 ? nil : fs.readShared(joinPath(directory, BuildState.journalFile))
        return try BuildState.decodeTables(bytes, journal: journal, head: head)
    }

    // MARK: - Writes

    /// What a build changed in the graph, for `commit`.
    struct Update {
        /// The new graph: its header values and tables, and its documents and bodies (those at
        /// `changedPaths` at least; others not held are kept as the previous graph has them).
        var state: BuildState
        /// The graph this build started from (with its tables); nil for a clean build, which
        /// replaces everything.
        var previous: BuildState?
        /// Content paths whose document or body summary is new, changed or gone.
        var changedPaths: Set<String>
        /// The link table and site index when made anew (`prepareShape`); nil: the previous stand.
        var shape: PreparedShape?
        /// Whether a slice or an output appeared or went away.
        var tablesReshaped: Bool
        /// Whether `state` holds every document of the new graph (else the store keeps the
        /// previous graph's documents at paths not in `changedPaths`).
        var holdsEveryDocument = true
        /// The outputs made in this build, the only ones whose records may differ from
        /// `previous`'s: the journal compares these, not every record.
        var remadeOutputs: [String] = []
        /// A clean build's shards, already on their way to the store (`writeShards`); nil: the
        /// commit writes them.
        var shardsWritten: ShardsWrite?
    }

    /// Every shard of a clean build's graph on its way to the store: encoded and written on
    /// a thread of its own while the build records what its pages read (on one core), where
    /// the commit wrote them after that recording; the commit takes the shards left on its own
    /// thread too (README, "Performance rounds").
    final class ShardsWrite: Sendable {
        private let count: Int
        private let write: @Sendable (Int) -> Result<UInt64, any Error>
        private let next = Atomic<Int>(0)
        private let results: Mutex<[Result<UInt64, any Error>?]>
        private let finished = DispatchSemaphore(value: 0)

        fileprivate init(count: Int, write: @escaping @Sendable (Int) -> Result<UInt64, any Error>) {
            (self.count, self.write) = (count, write)
            results = Mutex(Array(repeating: nil, count: count))
            DispatchQueue.global().async { [self] in writeLeft() }
        }

        /// Writes shards until none is left to take.
        private func writeLeft() {
            while true {
                let number = next.add(1, ordering: .relaxed).oldValue
                guard number < count else { return }
                let result = write(number)
                if results.withLock({ $0[number] = result; return !$0.contains { $0 == nil } }) { finished.signal() }
            }
        }

        /// The shards' checksums in shard order, once all are written (taking those left on
        /// this thread meanwhile), or the first error met.
        func checksums() throws -> [UInt64] {
            wait()
            return try results.withLock { $0.map { $0! } }.map { try $0.get() }
        }

        /// Waits until every shard is written (taking those left on this thread meanwhile).
        func wait() {
            writeLeft()
            guard count > 0, results.withLock({ $0.contains { $0 == nil } }) else { return }
            finished.wait()
            finished.signal()  // later waits return at once
        }
    }

    /// Starts writing every shard of `state`, the documents and bodies of a clean build,
    /// whose graph on disk is already invalidated (the header, which `commit` writes last,
    /// names them by their checksums).
    func writeShards(of state: BuildState) -> ShardsWrite {
        // A build killed while writing left its temporaries (the next build is this one).
        fs.removeAbandonedWrites(under: directory)
        let numbers = Array(0..<BuildState.shardCount)
        let (paths, store) = (state.shardPaths(numbers), shardFileWriter)
        return ShardsWrite(count: numbers.count) { number in
            state.storeShard(number, paths: paths[number] ?? [], kept: [], store)
        }
    }

    /// Writes a shard's file where the header will name it.
    private var shardFileWriter: @Sendable (_ shard: Int, _ bytes: Data) throws -> Void {
        let (fs, directory) = (fs, directory)
        return { number, bytes in try fs.writeDerived(bytes, to: BuildState.shardPath(number, cacheDir: directory)) }
    }

    /// A new link table and site index on their way to the store (encoded on another core).
    struct PreparedShape: Sendable {
        fileprivate let bytes: Background<[UInt8]>
    }

    /// Starts storing a new link table and site index (`index` must hold every document).
    static func prepareShape(index: SiteIndex, links: LinkTable, shards: [Int32]? = nil) -> PreparedShape {
        PreparedShape(bytes: Background { SiteShape.encoded(index: index, links: links, shards: shards) })
    }

    /// Marks the graph on disk as not describing the output any more (before the output
    /// changes): a build stopped before `commit` leaves the next one a clean build.
    func invalidate() throws { try fs.remove(location) }

    /// Writes the new graph; returns its state as stored (with the store's own bookkeeping).
    @discardableResult
    func commit(_ update: Update) throws -> BuildState {
        var state = update.state
        let previous = update.previous
        // Parts holding a document that changed, or every part after a clean build; the others
        // stay as the header of the previous graph names them.
        var dirty = Set<Int>()
        // Shards started before the commit are written before it returns, whatever fails.
        let shardsWritten = previous == nil ? update.shardsWritten : nil
        defer { shardsWritten?.wait() }
        if previous == nil {
            dirty = Set(0..<BuildState.shardCount)
            // A build killed while writing left its temporaries (the next build is this one).
            if shardsWritten == nil { fs.removeAbandonedWrites(under: directory) }
        }
        state.shardHashes = previous?.shardHashes ?? state.shardHashes
        for path in update.changedPaths { dirty.insert(BuildState.shard(of: path)) }
        // The site shape, and the tables when written whole, are written on other threads while
        // the shards are: the header, written last, names the checksums of all three.
        let (fs, directory) = (fs, directory)
        @Sendable func written(_ bytes: [UInt8], to file: String) -> Result<UInt64, any Error> {
            Result { try fs.writeDerived(Data(bytes), to: joinPath(directory, file)); return Checksum.of(bytes) }
        }
        var shapePart: Background<Result<UInt64, any Error>>?
        var tablesPart: Background<Result<UInt64, any Error>>?
        // Whatever fails below, the shape and tables are written before `commit` returns: a
        // write left running could land over the next build's file (`serve`) or be cut short.
        defer { _ = shapePart?.value; _ = tablesPart?.value }
        if let shape = update.shape {
            shapePart = Background { written(shape.bytes.value, to: BuildState.indexFile) }
        } else {
            state.indexHash = previous?.indexHash ?? 0
        }
        // The slice and output tables: their changes in the journal when they fit, else whole.
        var journalFits = false
        if let previous, previous.tablesHash != 0, !update.tablesReshaped,
           previous.sliceFingerprints.count == state.sliceFingerprints.count {
            state.tablesHash = previous.tablesHash
            state.journaledSlices = previous.journaledSlices
            state.journaledOutputs = previous.journaledOutputs
            for i in state.sliceFingerprints.indices where state.sliceFingerprints[i] != previous.sliceFingerprints[i] {
                state.journaledSlices.insert(Int32(i))
            }
            for path in update.remadeOutputs where state.outputs[path] != previous.outputs[path] {
                state.journaledOutputs.insert(path)
            }
            journalFits = state.journalFits(reshaped: false)
        }
        if journalFits {
            let journal = state.encodedJournal()
            state.journalHash = Checksum.of(journal)
            try fs.writeDerived(Data(journal), to: joinPath(directory, BuildState.journalFile))
        } else {
            state.journalHash = 0
            state.journaledSlices = []
            state.journaledOutputs = []
            let whole = state
            tablesPart = Background { written(whole.encodedTables(), to: BuildState.tablesFile) }
        }
        // Documents of dirty parts the new state does not hold are the previous graph's: their
        // records are copied as they are, bytes of a file checked when it was read.
        let shards = dirty.sorted()
        var kept: [Int: [BuildState.KeptRecord]] = [:]
        if previous != nil, !update.holdsEveryDocument {
            for number in shards {
                let shard = shard(number)
                guard let bytes = shard.bytes else { throw GraphError.corrupt }
                for (path, place) in shard.byPath where state.documents[path] == nil && !update.changedPaths.contains(path) {
                    kept[number, default: []].append(BuildState.KeptRecord(record: place, bytes: bytes))
                }
            }
        }
        let checksums = try shardsWritten?.checksums() ?? state.storeShards(shards, keeping: kept, shardFileWriter)
        for (number, checksum) in zip(shards, checksums) { state.shardHashes[number] = checksum }
        if let shapePart { state.indexHash = try shapePart.value.get() }
        if let tablesPart { state.tablesHash = try tablesPart.value.get() }
        // The header last: it names every file it goes with by the checksum of its bytes.
        try fs.writeDerived(Data(state.encodedHead()), to: location)
        return state
    }
}
