import Foundation

/// The graph's documents with their body summaries, spread over `shardCount` shard files by
/// path, so that an edit rewrites one shard instead of every document's data.
extension BuildState {
    static let shardCount = 64

    static func shard(of path: String) -> Int { Int(StableHash.of(path) % UInt64(shardCount)) }

    /// The file of one shard in the graph's folder.
    static func shardPath(_ shard: Int, cacheDir: String) -> String {
        joinPath(cacheDir, "documents-\(shard < 10 ? "0" : "")\(shard).bin")
    }

    /// A record of the previous graph's shard file written again as it is: its bytes are
    /// `bytes[record.start..<record.end]`, whose checksum its listing gave (copied, not computed again).
    struct KeptRecord: Sendable {
        var record: ShardRecord
        var bytes: SharedBytes
    }

    /// Where one record of a shard file is, and the checksum its bytes must have.
    struct ShardRecord: Sendable {
        var path: String
        var id: String
        var draft: Bool
        var start: Int
        var end: Int
        var checksum: UInt64
    }

    /// A shard file's bytes and the checksum the header names it by (its listing's).
    struct EncodedShard: Sendable {
        var bytes: Data
        var checksum: UInt64
    }

    /// Encodes the given shards' files on all cores, with the records `keeping` gives per shard
    /// beside the documents this state holds, and hands each to `store` on the core that encoded
    /// it (so the files are written on all cores too, each as soon as it is made); returns the
    /// shards' checksums in the order of `shards`, or throws the first error `store` threw.
    /// Documents are sorted into shards in one pass (not one pass over every path per shard,
    /// which a full build's 64 shards made 64).
    func storeShards(_ shards: [Int], keeping kept: [Int: [KeptRecord]] = [:],
                     _ store: @Sendable (_ shard: Int, _ bytes: Data) throws -> Void) throws -> [UInt64] {
        let paths = shardPaths(shards)
        return try shards.parallelMap { number in
            storeShard(number, paths: paths[number] ?? [], kept: kept[number] ?? [], store)
        }.map { try $0.get() }
    }

    /// The paths of the documents of each of `shards`, in one pass over the documents.
    func shardPaths(_ shards: [Int]) -> [Int: [String]] {
        let wanted = Set(shards)
        var pathsByShard: [Int: [String]] = [:]
        for path in documents.keys {
            let shard = Self.shard(of: path)
            if wanted.contains(shard) { pathsByShard[shard, default: []].append(path) }
        }
        return pathsByShard
    }

    /// Encodes shard `number` (the documents at `paths` and the records `kept`) and hands its
    /// file to `store`; its checksum, or the error `store` threw.
    func storeShard(_ number: Int, paths: [String], kept: [KeptRecord],
                    _ store: (_ shard: Int, _ bytes: Data) throws -> Void) -> Result<UInt64, any Error> {
        let shard = encodedShard(paths: paths.sorted(), kept: kept)
        return Result { try store(number, shard.bytes); return shard.checksum }
    }

    /// The documents (with their bodies) at `paths` and the records `kept`, one shard's file:
    /// a listing (each record's path, id, draft flag, length and checksum) ending with its own
    /// checksum, which the header names the file by, then the records. A record read by key is
    /// checked alone, against the listing: reading a few documents does not checksum the file.
    private func encodedShard(paths: [String], kept: [KeptRecord]) -> EncodedShard {
        var listing = BinaryWriter()
        listing.string(Self.magic + "-shard")
        listing.uint(Self.formatVersion)
        listing.uint(UInt64(paths.count + kept.count))
        var records = BinaryWriter()
        func list(path: String, id: String, draft: Bool, count: Int, checksum: UInt64) {
            listing.string(path)
            listing.string(id)
            listing.bool(draft)
            listing.uint(UInt64(count))
            listing.fixed64(checksum)
        }
        // In path order, as a shard made from documents alone is.
        var keptRecords = kept.sorted { $0.record.path < $1.record.path }[...]
        func writeKept(before path: String?) {
            while let kept = keptRecords.first, path.map({ kept.record.path < $0 }) ?? true {
                let record = kept.record
                let bytes = UnsafeBufferPointer(rebasing: kept.bytes.buffer[record.start..<record.end])
                list(path: record.path, id: record.id, draft: record.draft, count: bytes.count, checksum: record.checksum)
                records.raw(bytes)
                keptRecords.removeFirst()
            }
        }
        for path in paths {
            writeKept(before: path)
            let cached = documents[path]!
            // Written where it goes, then summed there (a writer of its own for each record was
            // an allocation, two growths for a body of 8 KB, and a copy of every byte).
            let start = records.bytes.count
            records.fixed64(cached.inputHash)
            records.bool(cached.document != nil)
            if let document = cached.document { records.document(document) }
            records.diagnostics(cached.diagnostics)
            let body = cached.document.flatMap { bodies[$0.id] }
            records.bool(body != nil)
            if let body { records.body(body) }
            let checksum = records.bytes.withUnsafeBufferPointer { Checksum.of(UnsafeBufferPointer(rebasing: $0[start...])) }
            list(path: path, id: cached.document?.id ?? "", draft: cached.document?.draft ?? false,
                 count: records.bytes.count - start, checksum: checksum)
        }
        writeKept(before: nil)
        let checksum = Checksum.of(listing.bytes)
        listing.fixed64(checksum)
        // One copy into the bytes written (a concatenated array was copied again into `Data`).
        var bytes = Data(capacity: listing.bytes.count + records.bytes.count)
        listing.bytes.withUnsafeBufferPointer { bytes.append($0) }
        records.bytes.withUnsafeBufferPointer { bytes.append($0) }
        return EncodedShard(bytes: bytes, checksum: checksum)
    }

    /// Decodes every record of a shard file whose listing has the checksum `expected`,
    /// checking each record's bytes.
    mutating func decodeShard(_ bytes: SharedBytes, expected: UInt64) throws {
        for header in try Self.shardRecords(bytes, expected: expected) {
            guard Self.holds(bytes, header) else { throw GraphError.corrupt }
            var r = BinaryReader(bytes).at(header.start)
            let (cached, body) = try Self.decodeRecord(&r, end: header.end)
            documents[header.path] = cached
            if let body, let document = cached.document { bodies[document.id] = body }
        }
    }

    /// Where each record of a shard file is, without decoding or checking them; throws when the
    /// listing's checksum is not `expected` (nil: not checked) or the records do not fill the file.
    static func shardRecords(_ bytes: SharedBytes, expected: UInt64?) throws -> [ShardRecord] {
        var r = BinaryReader(bytes)
        guard (try? r.string()) == Self.magic + "-shard", try r.uint() == Self.formatVersion else { throw GraphError.corrupt }
        let n = try r.count()
        var listed: [(path: String, id: String, draft: Bool, count: Int, checksum: UInt64)] = []
        listed.reserveCapacity(n)
        for _ in 0..<n {
            let path = try r.string(), id = try r.string(), draft = try r.bool()
            let count = try r.count()
            listed.append((path, id, draft, count, try r.fixed64()))
        }
        let listingEnd = r.offset
        let stored = try r.fixed64()
        guard stored == Checksum.of(UnsafeBufferPointer(rebasing: bytes.buffer[..<listingEnd])),
              expected.map({ $0 == stored }) ?? true else { throw GraphError.corrupt }
        var start = r.offset
        var records: [ShardRecord] = []
        records.reserveCapacity(n)
        for entry in listed {
            guard entry.count <= bytes.buffer.count - start else { throw GraphError.corrupt }
            records.append(ShardRecord(path: entry.path, id: entry.id, draft: entry.draft, start: start, end: start + entry.count,
                                       checksum: entry.checksum))
            start += entry.count
        }
        guard start == bytes.buffer.count else { throw GraphError.corrupt }
        return records
    }

    /// Whether a record's bytes have the checksum its shard's listing gives.
    static func holds(_ bytes: SharedBytes, _ record: ShardRecord) -> Bool {
        Checksum.of(UnsafeBufferPointer(rebasing: bytes.buffer[record.start..<record.end])) == record.checksum
    }

    /// One record: a document's cached parse and its body summary.
    static func decodeRecord(_ r: inout BinaryReader, end: Int) throws -> (CachedDocument, RenderedBody?) {
        let cached = try decodeRecordDocument(&r)
        return (cached, try decodeRecordBody(&r, end: end, of: cached))
    }

    /// The first part of a record, the document's cached parse: the reader is left where its
    /// body summary starts, which is decoded only when asked for (`decodeRecordBody`).
    static func decodeRecordDocument(_ r: inout BinaryReader) throws -> CachedDocument {
        let hash = try r.fixed64()
        let document = try r.bool() ? try r.document() : nil
        return CachedDocument(inputHash: hash, document: document, diagnostics: try r.diagnostics())
    }

    /// The rest of a record ending at `end`: the body summary of the document `cached`.
    static func decodeRecordBody(_ r: inout BinaryReader, end: Int, of cached: CachedDocument) throws -> RenderedBody? {
        let body = try r.bool() ? try r.body() : nil
        guard r.offset == end, body == nil || cached.document != nil else { throw GraphError.corrupt }
        return body
    }
}
