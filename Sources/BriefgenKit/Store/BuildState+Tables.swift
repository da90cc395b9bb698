/// The slice and output tables (`tables.bin`: 110,000 slice names and 11,000 outputs on a
/// 10,000-article site, 5 MB) and the journal of changes to them (`tables-journal.bin`).
///
/// An edit changes a few fingerprints and output records, not the tables' shape: the build
/// then rewrites the journal, which holds every slice and output changed since the tables file
/// was last written whole, instead of 5 MB. The tables are written whole again when a slice or
/// an output appears or goes away, or once the journal holds a twentieth of the tables. The
/// header names both files by the checksums of their bytes: files that do not match are a
/// damaged graph, never applied (and a journal goes only with the tables named beside it).
extension BuildState {
    static let tablesFile = "tables.bin"
    static let journalFile = "tables-journal.bin"
    private static let tablesMagic = "briefgen-tables"
    private static let journalMagic = "briefgen-tables-journal"

    /// The slice and output tables as read back, with what the journal changed since they
    /// were written whole. Needed only once pages are compared, so decoded on the other core.
    struct Tables: Sendable {
        var slices = SliceNames()
        var sliceFingerprints: [UInt64] = []
        var sliceKeys: [SliceKey] = []
        var outputs: [String: Output] = [:]
        var journaledSlices = Set<Int32>()
        var journaledOutputs = Set<String>()
    }

    /// Whether the journal may take this build's changes: the tables' shape is the previous
    /// one's and the journal stays small.
    func journalFits(reshaped: Bool) -> Bool {
        !reshaped && tablesHash != 0 && journaledSlices.count + journaledOutputs.count <= max(2_000, slices.count / 20)
    }

    /// The tables whole: the slices' names, then their fingerprints, lookup hashes and keys
    /// as columns of fixed width (copied, not parsed, when read back on every rebuild), then
    /// each output's hash and dependencies.
    func encodedTables() -> [UInt8] {
        // Room for it all at once (11 MB at 10,000 articles), not doubled while written: a
        // name's bytes and three columns per slice, a path, hash and numbers per output.
        var capacity = 64 + slices.count * 64
        for (path, output) in outputs { capacity += path.utf8.count + 16 + 4 * output.deps.count }
        var w = BinaryWriter(capacity: capacity)
        w.string(Self.tablesMagic)
        w.uint(Self.formatVersion)
        w.uint(UInt64(slices.count))
        var keys: [UInt64] = [], nodes: [UInt8] = []
        keys.reserveCapacity(slices.count)
        nodes.reserveCapacity(slices.count)
        for number in 0..<slices.count {
            slices.withBytes(number) { name in
                w.string(bytes: name)
                let key = SliceKey(bytes: name)
                keys.append(key.id)
                nodes.append(key.node.rawValue)
            }
        }
        w.fixed64s(sliceFingerprints)
        w.fixed64s((0..<slices.count).map { UInt64(bitPattern: Int64(slices.lookupHash($0))) })
        w.fixed64s(keys)
        nodes.withUnsafeBufferPointer { w.raw($0) }
        w.uint(UInt64(outputs.count))
        for (path, output) in outputs { w.output(path, output) }
        return w.bytes
    }

    /// The current values of every slice and output changed since the tables were written whole.
    func encodedJournal() -> [UInt8] {
        var w = BinaryWriter()
        w.string(Self.journalMagic)
        w.uint(Self.formatVersion)
        w.uint(UInt64(journaledSlices.count))
        for slice in journaledSlices.sorted() {
            w.uint(UInt64(slice))
            w.fixed64(sliceFingerprints[Int(slice)])
        }
        w.uint(UInt64(journaledOutputs.count))
        for path in journaledOutputs.sorted() { w.output(path, outputs[path]!) }
        return w.bytes
    }

    /// The tables of the build whose header is `head`, with its journal applied.
    static func decodeTables(_ bytes: SharedBytes, journal: SharedBytes?, head: BuildState) throws -> Tables {
        var r = BinaryReader(bytes)
        guard Checksum.of(bytes.buffer) == head.tablesHash, (try? r.string()) == tablesMagic, try r.uint() == formatVersion else {
            throw GraphError.corrupt
        }
        var tables = Tables()
        let sliceCount = try r.count()
        var ranges: [(start: Int, count: Int)] = []
        ranges.reserveCapacity(sliceCount)
        for _ in 0..<sliceCount { ranges.append(try r.stringRange()) }
        tables.sliceFingerprints = try r.fixed64s(sliceCount)
        let hashes = try r.fixed64s(sliceCount).map { Int(Int64(bitPattern: $0)) }
        let ids = try r.fixed64s(sliceCount)
        let nodes = try r.rawBytes(sliceCount)
        tables.sliceKeys = try [SliceKey](unsafeUninitializedCapacity: sliceCount) { out, made in
            made = 0
            for i in 0..<sliceCount {
                guard let node = SliceKey.Node(rawValue: nodes[i]) else { throw GraphError.corrupt }
                out[i] = SliceKey(node: node, id: ids[i])
                made += 1
            }
        }
        // Names stay bytes of the file (`SliceNames`), found by the hashes kept beside them.
        tables.slices = SliceNames(base: bytes, ranges: ranges, hashes: hashes)
        let outputCount = try r.count()
        tables.outputs.reserveCapacity(outputCount)
        for _ in 0..<outputCount {
            let (path, output) = try r.output(slices: sliceCount)
            tables.outputs[path] = output
        }
        guard r.atEnd else { throw GraphError.corrupt }
        guard head.journalHash != 0 else { return tables }
        guard let journal else { throw GraphError.corrupt }
        var j = BinaryReader(journal)
        guard Checksum.of(journal.buffer) == head.journalHash, (try? j.string()) == journalMagic, try j.uint() == formatVersion
        else { throw GraphError.corrupt }
        for _ in 0..<(try j.count()) {
            let slice = try j.uint()
            guard slice < UInt64(sliceCount) else { throw GraphError.corrupt }
            tables.sliceFingerprints[Int(slice)] = try j.fixed64()
            tables.journaledSlices.insert(Int32(slice))
        }
        for _ in 0..<(try j.count()) {
            let (path, output) = try j.output(slices: sliceCount)
            guard tables.outputs[path] != nil else { throw GraphError.corrupt }
            tables.outputs[path] = output
            tables.journaledOutputs.insert(path)
        }
        guard j.atEnd else { throw GraphError.corrupt }
        return tables
    }

    /// Takes decoded tables into this state.
    mutating func apply(_ tables: Tables) {
        slices = tables.slices
        sliceFingerprints = tables.sliceFingerprints
        sliceKeys = tables.sliceKeys
        outputs = tables.outputs
        journaledSlices = tables.journaledSlices
        journaledOutputs = tables.journaledOutputs
    }
}

extension BinaryWriter {
    mutating func output(_ path: String, _ output: BuildState.Output) {
        string(path)
        fixed64(output.hash)
        int32s(output.deps)
    }
}

extension BinaryReader {
    /// An output record whose dependencies are numbers below `slices`.
    mutating func output(slices: Int) throws -> (String, BuildState.Output) {
        let path = try string()
        let hash = try fixed64()
        guard slices <= Int(Int32.max) else { throw GraphError.corrupt }
        let deps = try int32s()
        let limit = Int32(slices)
        guard deps.allSatisfy({ $0 >= 0 && $0 < limit }) else { throw GraphError.corrupt }
        return (path, BuildState.Output(hash: hash, deps: deps))
    }
}
