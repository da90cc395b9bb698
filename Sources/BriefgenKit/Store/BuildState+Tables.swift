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

    /// The tables whole.
    func encodedTables() -> [UInt8] {
        var w = BinaryWriter()
        w.string(Self.tablesMagic)
        w.uint(Self.formatVersion)
        w.uint(UInt64(slices.count))
        for (number, fingerprint) in sliceFingerprints.enumerated() {
            w.string(slices[number])
            w.fixed64(fingerprint)
        }
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
        tables.sliceKeys.reserveCapacity(sliceCount)
        tables.sliceFingerprints.reserveCapacity(sliceCount)
        for _ in 0..<sliceCount {
            let range = try r.stringRange()
            ranges.append(range)
            tables.sliceKeys.append(SliceKey(bytes: UnsafeBufferPointer(rebasing: bytes.buffer[range.start..<(range.start + range.count)])))
            tables.sliceFingerprints.append(try r.fixed64())
        }
        // Names stay bytes of the file (`SliceNames`).
        tables.slices = SliceNames(base: bytes, ranges: ranges)
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
        uint(UInt64(output.deps.count))
        for dep in output.deps { uint(UInt64(dep)) }
    }
}

extension BinaryReader {
    /// An output record whose dependencies are numbers below `slices`.
    mutating func output(slices: Int) throws -> (String, BuildState.Output) {
        let path = try string()
        let hash = try fixed64()
        guard slices <= Int(Int32.max) else { throw GraphError.corrupt }
        let deps = try uints(try count(), below: Int32(slices))
        return (path, BuildState.Output(hash: hash, deps: deps))
    }
}
