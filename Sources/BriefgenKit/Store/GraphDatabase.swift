import Foundation

/// The build graph on disk: one SQLite database, `.briefgen/graph.sqlite`, with one format
/// version, written in one transaction per build and read a row at a time.
///
/// Tables (the README's "The build graph" shows them with a query):
/// - `meta`: one row, the format version, the briefgen version and the build's number, and
///   the header (options, keys, every diagnostic) as one blob;
/// - `inputs`: every site file's stamp and hash, by path;
/// - `documents`: each content file's parse (without body) and diagnostics, by path, with its id;
/// - `bodies`: each document's body summary (links, mentions, excerpt, outline), by id;
/// - `slices`: every slice an output read, numbered, with its fingerprint;
/// - `outputs`: every output file's hash, its slices (a JSON list of numbers), the build that
///   last wrote it and why;
/// - `shape`: the link table and site index of the build (`SiteShape`), as one blob.
/// On a file system that is not the disk (tests' memory tree) the database lives in memory and
/// is read and written whole as the file's bytes; every query is the same.
final class GraphDatabase: @unchecked Sendable {
    // Safe: `db` locks every call itself (serialized mode); the lock guards the statements,
    // which per-key reads from page-rendering threads share.
    static let fileName = "graph.sqlite"
    /// The schema's and encoding's version: a database with another is not read.
    static let formatVersion: Int64 = Int64(BuildState.formatVersion)

    private let db: SQLite
    /// Where the database is kept, and the file system, when it lives in memory.
    private let image: (path: String, fs: FileSystem)?
    private let lock = NSLock()
    private var byID: SQLite.Statement?

    private static let schema = """
        CREATE TABLE IF NOT EXISTS meta(id INTEGER PRIMARY KEY CHECK (id = 1), format INTEGER NOT NULL,
            tool TEXT NOT NULL, build INTEGER NOT NULL, head BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS inputs(path TEXT PRIMARY KEY, size INTEGER NOT NULL, modified REAL NOT NULL,
            hash INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS documents(path TEXT PRIMARY KEY, id TEXT NOT NULL, draft INTEGER NOT NULL,
            input_hash INTEGER NOT NULL, record BLOB NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS documents_by_id ON documents(id);
        CREATE TABLE IF NOT EXISTS bodies(id TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS slices(number INTEGER PRIMARY KEY, name TEXT NOT NULL, fingerprint INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS outputs(path TEXT PRIMARY KEY, hash INTEGER NOT NULL, deps TEXT NOT NULL,
            built INTEGER NOT NULL, reason TEXT) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS shape(id INTEGER PRIMARY KEY CHECK (id = 1), bytes BLOB NOT NULL);
        """

    /// Opens the database in `cacheDir` (creating an empty one when there is none).
    init(cacheDir: String, fs: FileSystem) throws {
        let path = joinPath(cacheDir, Self.fileName)
        if let local = fs.localPath(path) {
            try FileManager.default.createDirectory(atPath: (local as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            db = try SQLite(path: local)
            image = nil
            // A rollback journal, deleted at commit: one file to copy or cache; synchronous
            // NORMAL: a power loss may lose the last commit, never break the database.
            try db.execute("PRAGMA journal_mode = DELETE; PRAGMA synchronous = NORMAL")
        } else {
            db = try SQLite(image: fs.read(path).map { [UInt8]($0) })
            image = (path, fs)
        }
        // 64 KiB pages: a body summary or the site shape spans fewer overflow pages (only a new
        // database takes it).
        try db.execute("PRAGMA page_size = 65536; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY")
        try db.execute(Self.schema)
    }

    // MARK: Reading

    /// The header of the last committed build with its inputs; nil when none was committed.
    /// Throws `CacheError.foreign` for another format or briefgen, `.corrupt` when unreadable.
    func head() throws -> BuildState? {
        let meta = try statement("SELECT format, tool, head, build FROM meta WHERE id = 1")
        guard try meta.step() else { return nil }
        let format = meta.int(0), tool = meta.text(1)
        guard format == Self.formatVersion, tool == BriefgenVersion.current else {
            throw CacheError.foreign("made by briefgen \(tool) (cache format \(format))")
        }
        var state = try BuildState.decodeHead(SharedBytes(copying: meta.bytes(2)))
        state.buildNumber = meta.int(3)
        let inputs = try statement("SELECT path, size, modified, hash FROM inputs")
        while try inputs.step() {
            let stamp = FileStamp(size: Int(inputs.int(1)), modified: inputs.double(2))
            state.inputs[inputs.text(0)] = BuildState.Input(stamp: stamp, hash: UInt64(bitPattern: inputs.int(3)))
        }
        return state
    }

    /// Every document with its body summary, decoded on all cores.
    func allDocuments() throws -> (documents: [String: BuildState.CachedDocument], bodies: [String: RenderedBody]) {
        var rows: [(path: String, hash: UInt64, start: Int, end: Int)] = []
        var bytes: [UInt8] = []
        let documents = try statement("SELECT path, input_hash, record FROM documents")
        while try documents.step() {
            let start = bytes.count
            documents.withBytes(2) { bytes.append(contentsOf: $0) }
            rows.append((documents.text(0), UInt64(bitPattern: documents.int(1)), start, bytes.count))
        }
        var bodyRows: [(id: String, start: Int, end: Int)] = []
        let bodies = try statement("SELECT id, body FROM bodies")
        while try bodies.step() {
            let start = bytes.count
            bodies.withBytes(1) { bytes.append(contentsOf: $0) }
            bodyRows.append((bodies.text(0), start, bytes.count))
        }
        let shared = SharedBytes(copying: bytes)
        let decoded = rows.parallelMap(chunk: 256) { row -> BuildState.CachedDocument? in
            var r = BinaryReader(shared).at(row.start)
            return try? BuildState.decodeDocumentRecord(&r, end: row.end, inputHash: row.hash)
        }
        let decodedBodies = bodyRows.parallelMap(chunk: 256) { row -> RenderedBody? in
            var r = BinaryReader(shared).at(row.start)
            guard let body = try? r.body(), r.offset == row.end else { return nil }
            return body
        }
        var result: (documents: [String: BuildState.CachedDocument], bodies: [String: RenderedBody]) = ([:], [:])
        result.documents.reserveCapacity(rows.count)
        result.bodies.reserveCapacity(bodyRows.count)
        for (row, document) in zip(rows, decoded) {
            guard let document else { throw CacheError.corrupt }
            result.documents[row.path] = document
        }
        for (row, body) in zip(bodyRows, decodedBodies) {
            guard let body else { throw CacheError.corrupt }
            result.bodies[row.id] = body
        }
        return result
    }

    /// The documents at `paths` (those found) and the body summaries of their ids.
    func documents(at paths: [String]) throws -> (documents: [String: BuildState.CachedDocument], bodies: [String: RenderedBody]) {
        var result: (documents: [String: BuildState.CachedDocument], bodies: [String: RenderedBody]) = ([:], [:])
        let documents = try statement("SELECT input_hash, record FROM documents WHERE path = ?")
        for path in paths {
            try documents.reset(.text(path))
            guard try documents.step() else { continue }
            let record = documents.bytes(1), end = record.count
            var r = BinaryReader(record)
            let cached = try BuildState.decodeDocumentRecord(&r, end: end, inputHash: UInt64(bitPattern: documents.int(0)))
            result.documents[path] = cached
            if let id = cached.document?.id, let body = try body(id) { result.bodies[id] = body }
        }
        return result
    }

    /// The document with `id` (a page rather than a draft of the same id) and its body summary.
    func record(id: String) -> (document: Document?, body: RenderedBody?) {
        lock.withLock {
            do {
                if byID == nil {
                    byID = try db.prepare("""
                        SELECT d.input_hash, d.record, b.body FROM documents d LEFT JOIN bodies b ON b.id = d.id
                        WHERE d.id = ? ORDER BY d.draft LIMIT 1
                        """)
                }
                guard let query = byID else { return (nil, nil) }
                // Reset after the read too: a statement left on a row holds the file's read lock.
                defer { query.finish() }
                try query.reset(.text(id))
                guard try query.step() else { return (nil, nil) }
                let record = query.bytes(1), end = record.count
                var r = BinaryReader(record)
                let cached = try BuildState.decodeDocumentRecord(&r, end: end, inputHash: UInt64(bitPattern: query.int(0)))
                var body: RenderedBody?
                if !query.isNull(2) {
                    var b = BinaryReader(query.bytes(2))
                    body = try b.body()
                    guard b.atEnd else { return (cached.document, nil) }
                }
                return (cached.document, body)
            } catch {
                return (nil, nil)
            }
        }
    }

    /// The body summary of a document id.
    func body(_ id: String) throws -> RenderedBody? {
        let query = try statement("SELECT body FROM bodies WHERE id = ?")
        try query.reset(.text(id))
        guard try query.step() else { return nil }
        var r = BinaryReader(query.bytes(0))
        let body = try r.body()
        guard r.atEnd else { throw CacheError.corrupt }
        return body
    }

    /// The bytes of the site shape (`SiteShape`), if one was committed.
    func shape() throws -> SharedBytes? {
        let query = try statement("SELECT bytes FROM shape WHERE id = 1")
        guard try query.step() else { return nil }
        return SharedBytes(copying: query.bytes(0))
    }

    /// The slice and output tables.
    func tables() throws -> BuildState.Tables {
        var tables = BuildState.Tables()
        var names: [UInt8] = []
        var ranges: [(start: Int, count: Int)] = []
        let slices = try statement("SELECT number, name, fingerprint FROM slices ORDER BY number")
        while try slices.step() {
            guard slices.int(0) == Int64(ranges.count) else { throw CacheError.corrupt }
            let start = names.count
            slices.withBytes(1) { names.append(contentsOf: $0) }
            ranges.append((start, names.count - start))
            tables.sliceFingerprints.append(UInt64(bitPattern: slices.int(2)))
        }
        let base = SharedBytes(copying: names)
        tables.sliceKeys = ranges.map { UnchangedSlices.key(of: UnsafeBufferPointer(rebasing: base.buffer[$0.start..<($0.start + $0.count)])) }
        tables.slices = SliceNames(base: base, ranges: ranges)
        let outputs = try statement("SELECT path, hash, deps, built FROM outputs")
        let count = ranges.count
        while try outputs.step() {
            let deps = try outputs.withBytes(2) { try Self.numbers($0, below: count) }
            tables.outputs[outputs.text(0)] = BuildState.Output(hash: UInt64(bitPattern: outputs.int(1)), deps: deps)
        }
        return tables
    }

    // MARK: Writing

    /// Marks the graph as not to be trusted (removes the header), before outputs are written:
    /// a build killed before the commit leaves no graph for the next one to take as the site's.
    func invalidate() throws {
        try db.execute("DELETE FROM meta")
        try saveImage()
    }

    /// What a build changed, to commit.
    struct Changes {
        /// Every row rewritten (after a full build, or a damaged or foreign graph).
        var whole: Bool
        /// Documents parsed again or removed, and body summaries rendered again or removed.
        var documentPaths: Set<String>
        var bodyIDs: Set<String>
        /// Inputs changed or removed.
        var inputPaths: Set<String>
        /// The slice table was renumbered or grew: written whole; else these slices' fingerprints.
        var slicesReshaped: Bool
        var slices: Set<Int32>
        /// Outputs rewritten, added or removed, with why they were made (for the query).
        var outputs: Set<String>
        var reasons: [String: String]
        /// The site shape's new bytes, if made.
        var shape: [UInt8]?
    }

    /// Writes `state` in one transaction: after it, the database holds all of this build's graph,
    /// or (killed on the way) all of the previous one's.
    func commit(_ state: BuildState, _ changes: Changes) throws {
        try db.transaction {
            let build = state.buildNumber
            if changes.whole {
                try db.execute("DELETE FROM inputs; DELETE FROM documents; DELETE FROM bodies; DELETE FROM slices; DELETE FROM outputs; DELETE FROM shape")
            }
            let putInput = try db.prepare("INSERT OR REPLACE INTO inputs(path, size, modified, hash) VALUES (?, ?, ?, ?)")
            let dropInput = try db.prepare("DELETE FROM inputs WHERE path = ?")
            for path in changes.whole ? state.inputs.keys.sorted() : Array(changes.inputPaths) {
                if let input = state.inputs[path] {
                    try putInput.reset(.text(path), .integer(Int64(input.stamp.size)), .real(input.stamp.modified), .bits(input.hash)).run()
                } else {
                    try dropInput.reset(.text(path)).run()
                }
            }
            let putDocument = try db.prepare("INSERT OR REPLACE INTO documents(path, id, draft, input_hash, record) VALUES (?, ?, ?, ?, ?)")
            let dropDocument = try db.prepare("DELETE FROM documents WHERE path = ?")
            for path in changes.whole ? state.documents.keys.sorted() : Array(changes.documentPaths) {
                if let cached = state.documents[path] {
                    var w = BinaryWriter()
                    w.documentRecord(cached)
                    try putDocument.reset(.text(path), .text(cached.document?.id ?? ""), .integer(cached.document?.draft == true ? 1 : 0),
                                          .bits(cached.inputHash), .blob(w.bytes)).run()
                } else {
                    try dropDocument.reset(.text(path)).run()
                }
            }
            let putBody = try db.prepare("INSERT OR REPLACE INTO bodies(id, body) VALUES (?, ?)")
            let dropBody = try db.prepare("DELETE FROM bodies WHERE id = ?")
            for id in changes.whole ? state.bodies.keys.sorted() : Array(changes.bodyIDs) {
                if let body = state.bodies[id] {
                    var w = BinaryWriter()
                    w.body(body)
                    try putBody.reset(.text(id), .blob(w.bytes)).run()
                } else {
                    try dropBody.reset(.text(id)).run()
                }
            }
            if changes.whole || changes.slicesReshaped {
                if !changes.whole { try db.execute("DELETE FROM slices") }
                let putSlice = try db.prepare("INSERT INTO slices(number, name, fingerprint) VALUES (?, ?, ?)")
                for (number, fingerprint) in state.sliceFingerprints.enumerated() {
                    try putSlice.reset(.integer(Int64(number)), .text(state.slices[number]), .bits(fingerprint)).run()
                }
            } else {
                let setSlice = try db.prepare("UPDATE slices SET fingerprint = ? WHERE number = ?")
                for number in changes.slices {
                    try setSlice.reset(.bits(state.sliceFingerprints[Int(number)]), .integer(Int64(number))).run()
                }
            }
            // A renumbered slice table changes every output's numbers: all are written again.
            let rewriteOutputs = changes.whole || changes.slicesReshaped
            let putOutput = try db.prepare("""
                INSERT INTO outputs(path, hash, deps, built, reason) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT(path) DO UPDATE SET hash = ?2, deps = ?3,
                    built = CASE WHEN ?5 IS NULL THEN built ELSE ?4 END, reason = coalesce(?5, reason)
                """)
            let dropOutput = try db.prepare("DELETE FROM outputs WHERE path = ?")
            for path in rewriteOutputs ? Array(Set(state.outputs.keys).union(changes.outputs)) : Array(changes.outputs) {
                if let output = state.outputs[path] {
                    let reason: SQLiteValue = changes.reasons[path].map { .text($0) } ?? .null
                    try putOutput.reset(.text(path), .bits(output.hash), .text(Self.list(output.deps)), .integer(build), reason).run()
                } else {
                    try dropOutput.reset(.text(path)).run()
                }
            }
            if let shape = changes.shape {
                try db.prepare("INSERT OR REPLACE INTO shape(id, bytes) VALUES (1, ?)").reset(.blob(shape)).run()
            }
            // The header last, in the same transaction: it is what says the graph is whole.
            try db.prepare("INSERT OR REPLACE INTO meta(id, format, tool, build, head) VALUES (1, ?, ?, ?, ?)")
                .reset(.integer(Self.formatVersion), .text(BriefgenVersion.current), .integer(build), .blob(state.encodedHead())).run()
        }
        try saveImage()
    }

    /// Writes the database's bytes to its file, when it lives in memory.
    private func saveImage() throws {
        guard let image else { return }
        try image.fs.write(try db.serialized(), to: image.path)
    }

    // MARK: Helpers

    private func statement(_ sql: String) throws -> SQLite.Statement { try db.prepare(sql) }

    /// Numbers as a JSON list (`[3,17,40]`), which the `sqlite3` shell reads with `json_each`.
    static func list(_ numbers: [Int32]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(numbers.count * 6 + 2)
        for (i, n) in numbers.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: String(n).utf8)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The numbers of a JSON list written by `list`, each below `limit`.
    static func numbers(_ bytes: UnsafeBufferPointer<UInt8>, below limit: Int) throws -> [Int32] {
        guard bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") else { throw CacheError.corrupt }
        var result: [Int32] = []
        var value = 0, digits = 0
        for byte in bytes.dropFirst() {
            if byte >= 48 && byte <= 57 {
                value = value * 10 + Int(byte - 48)
                digits += 1
                guard value < limit else { throw CacheError.corrupt }
            } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") {
                guard digits > 0 else {
                    if byte == UInt8(ascii: "]"), result.isEmpty, bytes.count == 2 { break }
                    throw CacheError.corrupt
                }
                result.append(Int32(value))
                value = 0
                digits = 0
            } else {
                throw CacheError.corrupt
            }
        }
        return result
    }
}
