import CSQLite
import Foundation

/// Times the hand-made cache files against the SQLite graph database on a site's `.briefgen/`
/// (`briefgen-bench store ARTICLES`). A measurement for the README, run once.
public enum StoreComparison {
    static func time(_ runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[runs / 2]
    }

    public static func run(cacheDir: String) throws -> [String] {
        let fs = DiskFileSystem()
        var lines: [String] = []
        func row(_ what: String, _ old: Double, _ new: Double) {
            lines.append(String(format: "| %@ | %.1f ms | %.1f ms |", what, old, new))
            print(lines.last!)
        }
        // Everything, in today's format.
        func loadOld() throws -> (BuildState, SharedBytes) {
            var head = try BuildState.decodeHead(fs.readShared(joinPath(cacheDir, Builder.cacheFile))!)
            let parts = Array(0..<BuildState.shardCount).parallelMap { BuildEngine.readShard($0, cacheDir: cacheDir, fs: fs) }
            for part in parts {
                head.documents.merge(part!.documents) { a, _ in a }
                head.bodies.merge(part!.bodies) { a, _ in a }
            }
            let tables = try BuildState.decodeTables(fs.readShared(joinPath(cacheDir, BuildState.tablesFile))!,
                                                     journal: head.journalHash == 0 ? nil : fs.readShared(joinPath(cacheDir, BuildState.journalFile)),
                                                     head: head)
            head.apply(tables)
            return (head, fs.readShared(joinPath(cacheDir, BuildState.indexFile))!)
        }
        let (state, shapeBytes) = try loadOld()
        let shape = SiteShape.decode(shapeBytes, expected: state.indexHash)!
        lines.append("documents \(state.documents.count), bodies \(state.bodies.count), inputs \(state.inputs.count), "
                     + "slices \(state.slices.count), outputs \(state.outputs.count)")

        // The database, made from it.
        let dbDir = cacheDir + "-sqlite"
        try? fs.remove(dbDir)
        var whole = GraphDatabase.Changes(whole: true, documentPaths: [], bodyIDs: [], inputPaths: [], slicesReshaped: true, slices: [],
                                          outputs: [], reasons: [:], shape: Array(shapeBytes.buffer))
        var numbered = state
        numbered.buildNumber = 1
        let fullNew = try time(3) {
            try? fs.remove(dbDir)
            let db = try GraphDatabase(cacheDir: dbDir, fs: fs)
            try db.commit(numbered, whole)
        }
        whole.shape = nil
        let oldDir = cacheDir + "-old"
        let fullOld = try time(3) {
            try? fs.remove(oldDir)
            try fs.write(Data(shapeBytes.buffer), to: joinPath(oldDir, BuildState.indexFile))
            var copy = state
            copy.tablesToken = 1
            try fs.write(Data(copy.encodedTables()), to: joinPath(oldDir, BuildState.tablesFile))
            let shards = Array(0..<BuildState.shardCount)
            for (shard, bytes) in zip(shards, copy.encodedShards(shards)) {
                try fs.write(Data(bytes), to: BuildState.shardPath(shard, cacheDir: oldDir))
            }
            copy.journalHash = 0
            try fs.write(Data(copy.encodedHead()), to: joinPath(oldDir, Builder.cacheFile))
        }
        func size(_ dir: String) -> Int { fs.stampedFiles(under: dir).reduce(0) { $0 + $1.stamp.size } }
        lines.append("| | hand-made files | SQLite |")
        lines.append("|---|---|---|")
        lines.append("| size on disk | \(size(oldDir) / 1024) KiB | \(size(dbDir) / 1024) KiB |")

        let headOld = try time {
            _ = try BuildState.decodeHead(fs.readShared(joinPath(oldDir, Builder.cacheFile))!)
        }
        let headNew = try time {
            let db = try GraphDatabase(cacheDir: dbDir, fs: fs)
            _ = try db.head()
        }
        row("open and read the header (with 10,000 inputs)", headOld, headNew)

        let ids = Array(shape.ids.filter { $0.hasPrefix("articles/") }.prefix(5000).enumerated().filter { $0.offset % 1000 == 7 }.map(\.element))
        let oldShape = SiteShape.decode(fs.readShared(joinPath(oldDir, BuildState.indexFile))!, expected: state.indexHash)!
        let fiveOld = time {
            let loader = ShardLoader(ids: oldShape.index.numbers, shards: oldShape.shards, loaded: [:]) { shard in
                fs.readShared(BuildState.shardPath(shard, cacheDir: oldDir))
            }
            for id in ids { precondition(loader.body(id) != nil && loader.document(id) != nil) }
        }
        let db = try GraphDatabase(cacheDir: dbDir, fs: fs)
        let fiveNew = time {
            for id in ids { let record = db.record(id: id); precondition(record.document != nil && record.body != nil) }
        }
        row("5 documents with their bodies, by id", fiveOld, fiveNew)
        let shapeOld = time { _ = SiteShape.decode(fs.readShared(joinPath(oldDir, BuildState.indexFile))!, expected: state.indexHash)! }
        let shapeNew = try time { _ = SiteShape.decode(try db.shape()!, expected: state.indexHash)! }
        row("site shape (link table, index)", shapeOld, shapeNew)

        let allOld = try time(3) {
            var head = try BuildState.decodeHead(fs.readShared(joinPath(oldDir, Builder.cacheFile))!)
            let parts = Array(0..<BuildState.shardCount).parallelMap { BuildEngine.readShard($0, cacheDir: oldDir, fs: fs) }
            for part in parts {
                head.documents.merge(part!.documents) { a, _ in a }
                head.bodies.merge(part!.bodies) { a, _ in a }
            }
        }
        let allNew = try time(3) {
            let db = try GraphDatabase(cacheDir: dbDir, fs: fs)
            _ = try db.head()
            _ = try db.allDocuments()
        }
        row("every document and body (header included)", allOld, allNew)
        let tablesOld = try time(3) {
            _ = try BuildState.decodeTables(fs.readShared(joinPath(oldDir, BuildState.tablesFile))!, journal: nil, head: {
                var h = state
                h.tablesToken = 1
                h.journalHash = 0
                return h
            }())
        }
        let tablesNew = try time(3) { _ = try db.tables() }
        row("slice and output tables", tablesOld, tablesNew)

        // A body edit: one document and its body, one input, 10 slices, 5 outputs, the header.
        let path = state.documents.keys.sorted()[state.documents.count / 2]
        let someSlices = Set((0..<10).map { Int32($0 * 997 % state.slices.count) })
        let someOutputs = Set(state.outputs.keys.sorted().prefix(5))
        let editOld = try time {
            var copy = state
            copy.tablesToken = 1
            copy.journaledSlices = someSlices
            copy.journaledOutputs = someOutputs
            let journal = copy.encodedJournal()
            copy.journalHash = Checksum.of(journal)
            try fs.remove(joinPath(oldDir, Builder.cacheFile))
            try fs.write(Data(journal), to: joinPath(oldDir, BuildState.journalFile))
            let shard = BuildState.shard(of: path)
            try fs.write(Data(copy.encodedShards([shard])[0]), to: BuildState.shardPath(shard, cacheDir: oldDir))
            try fs.write(Data(copy.encodedHead()), to: joinPath(oldDir, Builder.cacheFile))
        }
        let edit = GraphDatabase.Changes(whole: false, documentPaths: [path], bodyIDs: Set([state.documents[path]!.document!.id]),
                                         inputPaths: [path], slicesReshaped: false, slices: someSlices, outputs: someOutputs,
                                         reasons: Dictionary(uniqueKeysWithValues: someOutputs.map { ($0, "\(path) changed") }), shape: nil)
        var second = numbered
        second.buildNumber = 2
        let editNew = try time {
            let db = try GraphDatabase(cacheDir: dbDir, fs: fs)
            try db.invalidate()
            try db.commit(second, edit)
        }
        row("commit a body edit (a few rows), with the header removed first", editOld, editNew)
        row("commit a full build", fullOld, fullNew)

        // Integrity checks SQLite offers, on the whole file.
        let raw = try SQLite(path: joinPath(dbDir, GraphDatabase.fileName))
        let quick = try time(3) { try raw.execute("PRAGMA quick_check") }
        let full = try time(3) { try raw.execute("PRAGMA integrity_check") }
        let checksum = time(3) {
            let bytes = fs.readShared(joinPath(dbDir, GraphDatabase.fileName))!
            withExtendedLifetime(bytes) { _ = Checksum.of(bytes.buffer) }
        }
        lines.append(String(format: "PRAGMA quick_check %.1f ms, integrity_check %.1f ms, checksum of the file's bytes %.1f ms", quick, full, checksum))
        return lines
    }
}
