import Foundation
import Testing
@testable import BriefgenKit

/// The build graph's store: per-key reads read only what they are asked for, and every file
/// is checked against the checksum its header names.
@Suite struct GraphStoreTests {
    /// The fixture with 300 more notes (310 documents), built, and its store opened.
    func builtSite() throws -> (MemoryFileSystem, GraphStore) {
        var extra: [String: String?] = [:]
        for n in 0..<300 { extra["site/content/notes/extra-\(n).md"] = "---\ntitle: Extra \(n)\n---\nNothing to see in note \(n).\n" }
        let fs = Fixture.fileSystem(extra)
        #expect(Fixture.build(fs).succeeded)
        return (fs, try open(fs))
    }

    func open(_ fs: MemoryFileSystem) throws -> GraphStore {
        let options = BuildOptions(siteRoot: "site", outputDir: "out")
        let store = GraphStore(fs: fs, directory: "site/.briefgen")
        let opened = store.open(optionsKey: options.key, outputMarker: joinPath("out", OutputWriter.marker))
        guard case .success = opened else { throw GraphError.corrupt }
        return store
    }

    /// A sentence naming two actors is the snippet of both mentions: the graph writes its bytes
    /// once and reads both mentions back with it; a different sentence after them is written.
    @Test func aSnippetSharedByMentionsInARowIsWrittenOnce() throws {
        let sentence = "Anthropic and the Commerce Department met in Washington on Tuesday to talk about export rules."
        var body = RenderedBody()
        body.mentions = [
            Mention(actor: "actors/anthropic", text: "Anthropic", paragraph: 1, snippet: sentence),
            Mention(actor: "actors/commerce", text: "Commerce Department", paragraph: 1, snippet: sentence),
            Mention(actor: "actors/anthropic", text: "Anthropic", paragraph: 2, snippet: "Anthropic said little."),
        ]
        var writer = BinaryWriter()
        writer.body(body)
        let bytes = writer.bytes, pattern = Array(sentence.utf8)
        let copies = (0...(bytes.count - pattern.count)).filter { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
        #expect(copies.count == 1, "the shared sentence is written once")
        var reader = BinaryReader(writer.bytes)
        let read = try reader.body()
        #expect(read.mentions == body.mentions)
        #expect(read.mentions.map(\.snippet) == [sentence, sentence, "Anthropic said little."])
        #expect(reader.atEnd)
    }

    /// The output folder named as typed in the site's folder (`public`, `./public`) or by its
    /// whole path is one folder: a graph made naming it one way is the other's.
    @Test func theOutputFolderNamedTwoWaysKeepsOneGraph() {
        let here = FileManager.default.currentDirectoryPath
        let relative = BuildOptions(siteRoot: "site")
        #expect(relative.key == BuildOptions(siteRoot: here + "/site/").key)
        #expect(relative.key == BuildOptions(siteRoot: "./site/../site").key)
        #expect(relative.key == BuildOptions(siteRoot: "elsewhere", outputDir: "site/public").key)
        #expect(relative.key != BuildOptions(siteRoot: "other").key)
    }

    /// A clean build's shards written while its pages are recorded (`writeShards`, then the
    /// commit) are the files a commit writes by itself, and the header names them alike.
    @Test func shardsWrittenBeforeTheCommitAreTheCommitsOwn() throws {
        let (fs, store) = try builtSite()
        var state = BuildState()
        (state.documents, state.bodies) = try store.everything()
        let early = GraphStore(fs: fs, directory: "early"), late = GraphStore(fs: fs, directory: "late")
        let lateState = try late.commit(GraphStore.Update(state: state, previous: nil, changedPaths: [], shape: nil,
                                                          tablesReshaped: true))
        let earlyState = try early.commit(GraphStore.Update(state: state, previous: nil, changedPaths: [], shape: nil,
                                                            tablesReshaped: true, shardsWritten: early.writeShards(of: state)))
        #expect(earlyState.shardHashes == lateState.shardHashes && !earlyState.shardHashes.isEmpty)
        for number in 0..<BuildState.shardCount {
            let path = { BuildState.shardPath(number, cacheDir: $0) }
            #expect(fs.read(path("early")) != nil && fs.read(path("early")) == fs.read(path("late")))
        }
        #expect(fs.read(early.location) == fs.read(late.location))
    }

    @Test func aDocumentReadByKeyReadsItsShardAndNothingElse() throws {
        let (_, store) = try builtSite()
        #expect(store.document(at: "content/notes/extra-150.md")?.document?.title == "Extra 150")
        #expect(store.documentsRead == 1 && store.shardsRead == 1)
        // By id: the site shape says which shard holds it (the same one).
        #expect(store.body(of: "notes/extra-150")?.excerpt.contains("note 150") == true)
        #expect(store.document(id: "notes/extra-150")?.title == "Extra 150")
        #expect(store.documentsRead == 1 && store.shardsRead == 1)
        #expect(store.documentsRead < 310 && !store.readFailed)
        let all = try store.everything()
        #expect(all.documents.count == 310 && store.documentsRead == 310)
    }

    @Test func aDocumentReadByKeyLeavesItsBodySummaryUnreadUntilAskedFor() throws {
        let (_, store) = try builtSite()
        #expect(store.document(id: "notes/extra-7")?.title == "Extra 7")
        #expect(store.document(at: "content/notes/extra-8.md")?.document?.title == "Extra 8")
        #expect(store.documentsRead == 2 && store.bodiesRead == 0)
        #expect(store.body(of: "notes/extra-7")?.excerpt.contains("note 7") == true)
        #expect(store.body(of: "notes/extra-7") != nil)
        #expect(store.documentsRead == 2 && store.bodiesRead == 1 && !store.readFailed)
    }

    @Test func aCommitKeepsTheUnchangedRecordsOfARewrittenShardByteForByte() throws {
        let (fs, _) = try builtSite()
        let path = BuildState.shardPath(BuildState.shard(of: "content/notes/extra-150.md"), cacheDir: "site/.briefgen")
        let before = try #require(fs.read(path))
        // The same note again: its record is written anew, the other records of its shard are
        // copied from the previous file, which then reads back as every document's does.
        IncrementalTests().replace(fs, "site/content/notes/extra-150.md", "Nothing to see", "Nothing at all to see")
        #expect(Fixture.build(fs).succeeded)
        let after = try #require(fs.read(path))
        func records(_ data: Data) throws -> [String: [UInt8]] {
            let bytes = SharedBytes(copying: [UInt8](data))
            var byPath: [String: [UInt8]] = [:]
            for record in try BuildState.shardRecords(bytes, expected: nil) { byPath[record.path] = Array(bytes.buffer[record.start..<record.end]) }
            return byPath
        }
        let (old, new) = (try records(before), try records(after))
        #expect(Set(old.keys) == Set(new.keys) && old.count > 1)
        for (path, bytes) in old { #expect((new[path] == bytes) == (path != "content/notes/extra-150.md"), "\(path)") }
        let store = try open(fs)
        let all = try store.everything()
        #expect(all.documents.count == 310 && all.bodies["notes/extra-150"]?.excerpt.contains("at all") == true)
        #expect(Fixture.build(fs).upToDate)
    }

    /// The shard file holding `path`, and where each of its records is.
    func shard(_ fs: MemoryFileSystem, of path: String) throws -> (file: String, bytes: Data, records: [String: BuildState.ShardRecord]) {
        let file = BuildState.shardPath(BuildState.shard(of: path), cacheDir: "site/.briefgen")
        let bytes = try #require(fs.read(file))
        let records = try BuildState.shardRecords(SharedBytes(copying: [UInt8](bytes)), expected: nil)
        return (file, bytes, Dictionary(records.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    @Test func aDamagedShardReadByKeyIsReportedNotTakenForAnAbsentDocument() throws {
        let (fs, _) = try builtSite()
        var (file, bytes, records) = try shard(fs, of: "content/notes/extra-150.md")
        let record = try #require(records["content/notes/extra-150.md"])
        bytes[(record.start + record.end) / 2] ^= 0x01
        try fs.write(bytes, to: file)
        let store = try open(fs)
        #expect(store.document(at: "content/notes/extra-150.md") == nil)
        #expect(store.readFailed)
        #expect(throws: GraphError.self) { try store.everything() }
    }

    @Test func aRecordReadByKeyIsCheckedAloneAndADamagedNeighbourIsFoundWhenRead() throws {
        let (fs, _) = try builtSite()
        var (file, bytes, records) = try shard(fs, of: "content/notes/extra-150.md")
        let neighbour = try #require(records.values.first { $0.path != "content/notes/extra-150.md" })
        bytes[(neighbour.start + neighbour.end) / 2] ^= 0x01
        try fs.write(bytes, to: file)
        // One document's bytes are checked, not the shard's.
        let store = try open(fs)
        #expect(store.document(at: "content/notes/extra-150.md")?.document?.title == "Extra 150")
        let own = try #require(records["content/notes/extra-150.md"])
        #expect(store.bytesChecked == own.end - own.start && store.bytesChecked * 3 < bytes.count)
        #expect(!store.readFailed)
        // The damaged record is refused when it is read, by key or with every other.
        #expect(store.document(at: neighbour.path) == nil && store.readFailed)
        #expect(throws: GraphError.self) { try store.everything() }
    }

    @Test func aDamagedShardListingFailsEveryReadOfItsShard() throws {
        let (fs, _) = try builtSite()
        var (file, bytes, records) = try shard(fs, of: "content/notes/extra-150.md")
        let firstRecord = try #require(records.values.map(\.start).min())
        bytes[firstRecord / 2] ^= 0x01
        try fs.write(bytes, to: file)
        let store = try open(fs)
        #expect(store.document(at: "content/notes/extra-150.md") == nil && store.readFailed)
    }

    @Test func theTablesReadBackWithEachSlicesKeyAndLookupHashAsKept() throws {
        let (_, store) = try builtSite()
        let tables = try store.tables()
        #expect(tables.slices.count > 300 && tables.sliceKeys.count == tables.slices.count)
        for number in 0..<tables.slices.count {
            let name = tables.slices[number]
            // Found by the hash kept in the file, with the key the name gives.
            #expect(tables.slices.number(of: name) == number, "\(name)")
            let key = SliceKey(name)
            #expect(tables.sliceKeys[number].node == key.node && tables.sliceKeys[number].id == key.id, "\(name)")
        }
        #expect(tables.outputs.values.allSatisfy { $0.deps.allSatisfy { Int($0) < tables.slices.count } })
    }

    @Test func aTablesFileWithAnUnknownSliceNodeOrDependencyIsRefused() throws {
        let (fs, store) = try builtSite()
        let path = "site/.briefgen/" + BuildState.tablesFile
        let bytes = try #require(fs.read(path))
        // A node byte out of range, and the file checked by the checksum it then has: refused
        // by what it holds, not only by its checksum.
        var r = BinaryReader([UInt8](bytes))
        _ = try r.string()
        _ = try r.uint()
        let count = try r.count()
        for _ in 0..<count { _ = try r.stringRange() }
        let nodes = r.offset + 3 * 8 * count
        var altered = [UInt8](bytes)
        altered[nodes] = 0xFF
        var head = store.head
        head.tablesHash = Checksum.of(altered)
        head.journalHash = 0
        #expect(throws: GraphError.self) { try BuildState.decodeTables(SharedBytes(copying: altered), journal: nil, head: head) }
        // A dependency numbered past the last slice (the last output's last one, at the end).
        var past = [UInt8](bytes)
        let last = past.count - 4
        withUnsafeBytes(of: Int32(count).littleEndian) { for i in 0..<4 { past[last + i] = $0[i] } }
        head.tablesHash = Checksum.of(past)
        #expect(throws: GraphError.self) { try BuildState.decodeTables(SharedBytes(copying: past), journal: nil, head: head) }
        // Unaltered, it reads.
        head.tablesHash = Checksum.of([UInt8](bytes))
        #expect(try BuildState.decodeTables(SharedBytes(copying: [UInt8](bytes)), journal: nil, head: head).slices.count == count)
    }

    @Test func aHeaderOfAnotherFormatIsForeignAndOneChangedByteIsDamage() throws {
        let (fs, _) = try builtSite()
        let path = "site/.briefgen/" + GraphStore.headFile
        let header = try #require(fs.read(path))
        let options = BuildOptions(siteRoot: "site", outputDir: "out")
        let marker = joinPath("out", OutputWriter.marker)
        // The same header as version 13 wrote it: the version is read before the checksum.
        var w = BinaryWriter()
        w.string(BuildState.magic)
        w.uint(13)
        w.string(BriefgenVersion.current)
        try fs.write(Data(w.bytes + [UInt8](header.dropFirst(w.bytes.count))), to: path)
        func refusal() -> GraphStore.Refusal? {
            if case .failure(let refusal) = GraphStore(fs: fs, directory: "site/.briefgen").open(optionsKey: options.key, outputMarker: marker) {
                return refusal
            }
            return nil
        }
        #expect(refusal() == .unreadable("made by briefgen \(BriefgenVersion.current) (cache format 13)"))
        var flipped = header
        flipped[flipped.count / 3] ^= 0x10
        try fs.write(flipped, to: path)
        #expect(refusal() == .unreadable("damaged or truncated"))
    }
}
