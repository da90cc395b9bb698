/// The graph's header (`BuildState+Shards.swift` has its documents), and the encoding of the
/// values both hold.
extension BuildState {
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
        // Into a dictionary sized once, then stored (one entry per input file).
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
        // Each field read where it lies: a mention copied out was three strings retained and
        // released (a body has dozens of mentions, the site hundreds of thousands).
        b.mentions.withUnsafeBufferPointer { mentions in
            for place in mentions.indices {
                string(mentions[place].actor)
                string(mentions[place].text)
                int(mentions[place].paragraph ?? 0)
                storedText(mentions[place].storedSnippet, after: place > 0 ? mentions[place - 1].storedSnippet : nil)
            }
        }
        uint(UInt64(b.businessSections.count))
        for s in b.businessSections {
            string(s.heading)
            string(s.text)
            uint(UInt64(s.paragraphs.count))
            for p in s.paragraphs { int(p) }
        }
        bytes(b.searchTerms.bytes)
        int32s(b.searchTerms.ends)
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
        return Document(kind: kind, slug: slug, path: path, title: title, summary: summary, draft: draft, body: nil,
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
        var previous: StoredText?
        for _ in 0..<(try count()) {
            let actor = try string(), text = try string(), paragraph = try int()
            let snippet = try storedText(after: previous)
            previous = snippet
            b.mentions.append(Mention(actor: actor, text: text, paragraph: paragraph == 0 ? nil : paragraph,
                                      storedSnippet: snippet))
        }
        for _ in 0..<(try count()) {
            let heading = try string(), text = try string()
            var paragraphs: [Int] = []
            for _ in 0..<(try count()) { paragraphs.append(try int()) }
            b.businessSections.append(BusinessSection(heading: heading, text: text, paragraphs: paragraphs))
        }
        guard let terms = SearchTerms(bytes: try bytes(), ends: try int32s()) else { throw GraphError.corrupt }
        b.searchTerms = terms
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
