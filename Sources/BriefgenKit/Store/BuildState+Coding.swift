/// The graph's header and its documents with their body summaries, spread over `shardCount`
/// shard files by path, so that an edit rewrites one shard instead of every document's data.
extension BuildState {
    static let shardCount = 64

    static func shard(of path: String) -> Int { Int(StableHash.of(path) % UInt64(shardCount)) }

    /// The file of one shard in the graph's folder.
    static func shardPath(_ shard: Int, cacheDir: String) -> String {
        joinPath(cacheDir, "documents-\(shard < 10 ? "0" : "")\(shard).bin")
    }

    /// A record of the previous graph's shard file written again as it is: its bytes are
    /// `bytes[start..<end]`, whose checksum its listing gave (copied, not computed again).
    struct KeptRecord: Sendable {
        var path: String
        var id: String
        var draft: Bool
        var bytes: SharedBytes
        var start: Int
        var end: Int
        var checksum: UInt64
    }

    /// Where one record of a shard file is, and the checksum its bytes must have.
    struct ShardRecord {
        var path: String
        var id: String
        var draft: Bool
        var start: Int
        var end: Int
        var checksum: UInt64
    }

    /// A shard file's bytes and the checksum the header names it by (its listing's).
    struct EncodedShard: Sendable {
        var bytes: [UInt8]
        var checksum: UInt64
    }

    /// The given shards' files, encoded on all cores, with the records `keeping` gives per
    /// shard beside the documents this state holds; documents are sorted into shards in one
    /// pass (not one pass over every path per shard, which a full build's 64 shards made 64).
    func encodedShards(_ shards: [Int], keeping kept: [Int: [KeptRecord]] = [:]) -> [EncodedShard] {
        let wanted = Set(shards)
        var pathsByShard: [Int: [String]] = [:]
        for path in documents.keys {
            let shard = Self.shard(of: path)
            if wanted.contains(shard) { pathsByShard[shard, default: []].append(path) }
        }
        let grouped = pathsByShard
        return shards.parallelMap { encodedShard(paths: (grouped[$0] ?? []).sorted(), kept: kept[$0] ?? []) }
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
        func add(path: String, id: String, draft: Bool, bytes: UnsafeBufferPointer<UInt8>, checksum: UInt64) {
            listing.string(path)
            listing.string(id)
            listing.bool(draft)
            listing.uint(UInt64(bytes.count))
            listing.fixed64(checksum)
            records.raw(bytes)
        }
        // In path order, as a shard made from documents alone is.
        var keptRecords = kept.sorted { $0.path < $1.path }[...]
        func writeKept(before path: String?) {
            while let record = keptRecords.first, path.map({ record.path < $0 }) ?? true {
                add(path: record.path, id: record.id, draft: record.draft,
                    bytes: UnsafeBufferPointer(rebasing: record.bytes.buffer[record.start..<record.end]), checksum: record.checksum)
                keptRecords.removeFirst()
            }
        }
        for path in paths {
            writeKept(before: path)
            let cached = documents[path]!
            var record = BinaryWriter(capacity: 4096)
            record.fixed64(cached.inputHash)
            record.bool(cached.document != nil)
            if let document = cached.document { record.document(document) }
            record.diagnostics(cached.diagnostics)
            let body = cached.document.flatMap { bodies[$0.id] }
            record.bool(body != nil)
            if let body { record.body(body) }
            record.bytes.withUnsafeBufferPointer {
                add(path: path, id: cached.document?.id ?? "", draft: cached.document?.draft ?? false,
                    bytes: $0, checksum: Checksum.of($0))
            }
        }
        writeKept(before: nil)
        let checksum = Checksum.of(listing.bytes)
        listing.fixed64(checksum)
        return EncodedShard(bytes: listing.bytes + records.bytes, checksum: checksum)
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

    /// The header (inputs, diagnostics) and the body key: the first part of the main file.
    func encodedHead() -> [UInt8] {
        var w = BinaryWriter()
        w.string(Self.magic)
        w.uint(Self.formatVersion)
        w.string(BriefgenVersion.current)
        w.string(optionsKey)
        // Tables are written in dictionary order: sorting 10,000 paths on every build cost more
        // than the rest of the encoding, and the file's meaning does not depend on order.
        w.uint(UInt64(inputs.count))
        for (path, input) in inputs {
            w.string(path)
            w.uint(UInt64(input.stamp.size))
            w.fixed64(input.stamp.modified.bitPattern)
            w.fixed64(input.hash)
        }
        w.diagnostics(allDiagnostics)
        w.int(pageCount)
        w.fixed64(historyKey)
        w.fixed64(templateKey)
        w.diagnostics(templateLint)
        w.fixed64(indexHash)
        w.fixed64(bodyKey)
        w.uint(UInt64(templates.count))
        for (name, hash) in templates.sorted(by: { $0.key < $1.key }) {
            w.string(name)
            w.fixed64(hash)
        }
        w.diagnostics(siteDiagnostics)
        w.diagnostics(contentDiagnostics)
        w.diagnostics(metadataDiagnostics)
        for hash in shardHashes { w.fixed64(hash) }
        w.fixed64(tablesHash)
        w.fixed64(journalHash)
        // The header's own checksum last (`decodeHead`).
        w.fixed64(Checksum.of(w.bytes))
        return w.bytes
    }

    /// Decodes the header (inputs, diagnostics): all an up-to-date build needs. The format
    /// and briefgen version are read first (another's is foreign), then the checksum of the
    /// whole header is checked before anything else is read.
    static func decodeHead(_ bytes: SharedBytes) throws -> BuildState {
        var r = BinaryReader(bytes)
        guard (try? r.string()) == magic else { throw GraphError.foreign("not a briefgen build cache") }
        let format = try r.uint()
        let tool = try r.string()
        guard format == formatVersion, tool == BriefgenVersion.current else {
            throw GraphError.foreign("made by briefgen \(tool) (cache format \(format))")
        }
        let all = bytes.buffer
        guard all.count >= 8, r.offset <= all.count - 8 else { throw GraphError.corrupt }
        var end = r.at(all.count - 8)
        guard Checksum.of(UnsafeBufferPointer(rebasing: all[..<(all.count - 8)])) == (try end.fixed64()) else { throw GraphError.corrupt }
        var state = BuildState()
        state.optionsKey = try r.string()
        // Into a dictionary sized once, then stored (12,000 inputs at 10,000 articles).
        let inputCount = try r.count()
        var inputs: [String: Input] = [:]
        inputs.reserveCapacity(inputCount)
        for _ in 0..<inputCount {
            let path = try r.string()
            let size = Int(try r.uint())
            let modified = Double(bitPattern: try r.fixed64())
            inputs[path] = Input(stamp: FileStamp(size: size, modified: modified), hash: try r.fixed64())
        }
        state.inputs = inputs
        state.allDiagnostics = try r.diagnostics()
        state.pageCount = try r.int()
        state.historyKey = try r.fixed64()
        state.templateKey = try r.fixed64()
        state.templateLint = try r.diagnostics()
        state.indexHash = try r.fixed64()
        state.bodyKey = try r.fixed64()
        for _ in 0..<(try r.count()) {
            let name = try r.string()
            state.templates[name] = try r.fixed64()
        }
        state.siteDiagnostics = try r.diagnostics()
        state.contentDiagnostics = try r.diagnostics()
        state.metadataDiagnostics = try r.diagnostics()
        for shard in 0..<shardCount { state.shardHashes[shard] = try r.fixed64() }
        state.tablesHash = try r.fixed64()
        state.journalHash = try r.fixed64()
        guard r.offset == all.count - 8 else { throw GraphError.corrupt }
        return state
    }
}

extension BinaryWriter {
    mutating func location(_ l: SourceLocation) {
        string(l.file)
        int(l.line)
        int(l.column)
    }

    mutating func diagnostics(_ list: [Diagnostic]) {
        uint(UInt64(list.count))
        for d in list {
            bool(d.severity == .error)
            location(d.location)
            string(d.message)
            optionalString(d.hint)
        }
    }

    mutating func date(_ date: PartialDate?) {
        bool(date != nil)
        guard let date else { return }
        int(date.year)
        int(date.month ?? 0)
        int(date.day ?? 0)
        string(date.precision.rawValue)
        bool(date.yearStated)
    }

    mutating func document(_ d: Document) {
        string(d.kind.rawValue)
        string(d.slug)
        string(d.path)
        string(d.title)
        optionalString(d.summary)
        bool(d.draft)
        int(d.bodyLine)
        d.fields.visitAll(reading: &self)
        uint(UInt64(d.keyLocationList.count))
        for (key, l) in d.keyLocationList {
            // The file is nearly always the document's own: written as "" and shared when read,
            // instead of one more copy of the path per key of 10,000 documents.
            string(key)
            string(l.file == d.path ? "" : l.file)
            int(l.line)
            int(l.column)
        }
    }

    mutating func body(_ b: RenderedBody) {
        string(b.htmlHash)
        strings(b.labelTargets)
        string(b.excerpt)
        int(b.wordCount)
        int(b.paragraphCount)
        strings(b.anchors)
        uint(UInt64(b.toc.count))
        for entry in b.toc {
            int(entry.level)
            string(entry.id)
            string(entry.text)
        }
        uint(UInt64(b.links.count))
        for link in b.links {
            string(link.target)
            optionalString(link.fragment)
            int(link.line)
            int(link.column)
        }
        uint(UInt64(b.mentions.count))
        for m in b.mentions {
            string(m.actor)
            string(m.text)
            int(m.paragraph ?? 0)
            string(m.snippet)
        }
        uint(UInt64(b.businessSections.count))
        for s in b.businessSections {
            string(s.heading)
            string(s.text)
            uint(UInt64(s.paragraphs.count))
            for p in s.paragraphs { int(p) }
        }
        strings(b.searchTerms)
        diagnostics(b.diagnostics)
    }
}

extension BinaryReader {
    mutating func location() throws -> SourceLocation {
        SourceLocation(file: try string(), line: try int(), column: try int())
    }

    mutating func diagnostics() throws -> [Diagnostic] {
        var list: [Diagnostic] = []
        for _ in 0..<(try count()) {
            let error = try bool()
            list.append(Diagnostic(error ? .error : .warning, try location(), try string(), hint: try optionalString()))
        }
        return list
    }

    mutating func date() throws -> PartialDate? {
        guard try bool() else { return nil }
        let year = try int(), month = try int(), day = try int()
        guard let precision = PartialDate.Precision(rawValue: try string()) else { throw GraphError.corrupt }
        return PartialDate(year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day, precision: precision,
                           yearStated: try bool())
    }

    mutating func document() throws -> Document {
        guard let kind = DocumentKind(rawValue: try string()) else { throw GraphError.corrupt }
        let slug = try string(), path = try string(), title = try string()
        let summary = try optionalString()
        let draft = try bool()
        let bodyLine = try int()
        var f = Document.Fields()
        try f.visitAll(&self)
        var locations: [(key: String, location: SourceLocation)] = []
        for _ in 0..<(try count()) {
            let key = try string()
            let file = try string()
            locations.append((key, SourceLocation(file: file.isEmpty ? path : file, line: try int(), column: try int())))
        }
        // Written sorted by key, as documents keep them (lookups scan the short list).
        return Document(kind: kind, slug: slug, path: path, title: title, summary: summary, draft: draft, body: "",
                        bodyLine: bodyLine, fields: f, sortedKeyLocations: locations)
    }

    mutating func body() throws -> RenderedBody {
        var b = RenderedBody()
        b.htmlHash = try string()
        b.labelTargets = try strings()
        b.excerpt = try string()
        b.wordCount = try int()
        b.paragraphCount = try int()
        b.anchors = try strings()
        for _ in 0..<(try count()) { b.toc.append(TocEntry(level: try int(), id: try string(), text: try string())) }
        for _ in 0..<(try count()) {
            b.links.append(LinkRef(target: try string(), fragment: try optionalString(), line: try int(), column: try int()))
        }
        for _ in 0..<(try count()) {
            let actor = try string(), text = try string(), paragraph = try int(), snippet = try storedText()
            b.mentions.append(Mention(actor: actor, text: text, paragraph: paragraph == 0 ? nil : paragraph,
                                      storedSnippet: snippet))
        }
        for _ in 0..<(try count()) {
            let heading = try string(), text = try string()
            var paragraphs: [Int] = []
            for _ in 0..<(try count()) { paragraphs.append(try int()) }
            b.businessSections.append(BusinessSection(heading: heading, text: text, paragraphs: paragraphs))
        }
        b.searchTerms = try strings()
        b.diagnostics = try diagnostics()
        return b
    }
}

/// Writes each field of a document as `Document.Fields.visitAll` visits them.
extension BinaryWriter: DocumentFieldVisitor {
    mutating func visit(_ value: inout String?) { optionalString(value) }
    mutating func visit(_ value: inout PartialDate?) { date(value) }
    mutating func visit(_ value: inout [String]) { strings(value) }
    mutating func visit(_ value: inout Bool) { bool(value) }

    mutating func visit(_ value: inout [BusinessAction]) {
        uint(UInt64(value.count))
        for action in value {
            string(action.text)
            for part in [action.owner, action.when, action.priority, action.rule] { optionalString(part) }
        }
    }

    mutating func visit(_ value: inout [MarkedFact]) {
        uint(UInt64(value.count))
        for fact in value { string(fact.name); string(fact.value) }
    }

    mutating func visit(_ value: inout [Dispute]) {
        uint(UInt64(value.count))
        for dispute in value {
            string(dispute.question)
            uint(UInt64(dispute.answers.count))
            for answer in dispute.answers {
                string(answer.says)
                strings(answer.sources)
                string(answer.basis.rawValue)
            }
        }
    }
}

/// Reads each field of a document as the writer wrote them.
extension BinaryReader: DocumentFieldVisitor {
    mutating func visit(_ value: inout String?) throws { value = try optionalString() }
    mutating func visit(_ value: inout PartialDate?) throws { value = try date() }
    mutating func visit(_ value: inout [String]) throws { value = try strings() }
    mutating func visit(_ value: inout Bool) throws { value = try bool() }

    mutating func visit(_ value: inout [BusinessAction]) throws {
        value = []
        for _ in 0..<(try count()) {
            value.append(BusinessAction(text: try string(), owner: try optionalString(), when: try optionalString(),
                                        priority: try optionalString(), rule: try optionalString()))
        }
    }

    mutating func visit(_ value: inout [MarkedFact]) throws {
        value = []
        for _ in 0..<(try count()) { value.append(MarkedFact(name: try string(), value: try string())) }
    }

    mutating func visit(_ value: inout [Dispute]) throws {
        value = []
        for _ in 0..<(try count()) {
            let question = try string()
            var answers: [Dispute.Answer] = []
            for _ in 0..<(try count()) {
                let (says, sources) = (try string(), try strings())
                guard let basis = Dispute.Basis(rawValue: try string()) else { throw GraphError.corrupt }
                answers.append(Dispute.Answer(says: says, sources: sources, basis: basis))
            }
            value.append(Dispute(question: question, answers: answers))
        }
    }
}
