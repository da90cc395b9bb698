import Foundation

/// Making the index from the site model: documents numbered, each document's record
/// (title terms, body terms, the actors it mentions or lists, its date), then the files.
extension SearchIndex {
    /// A document's part of the index.
    struct Record: Sendable, Equatable {
        var number: Int
        var id: String
        var slug: String
        var title: String
        var date: String
        /// Terms of the title, short name and (an actor's) name and aliases, sorted by their bytes.
        var titleTerms: [String]
        /// The terms of the body's text (its `searchTerms`), as the body holds them.
        var textTerms: SearchTerms
        /// Terms of the summary and other text fields, and the names and aliases of the actors it
        /// mentions or lists, in the order read, with repeats.
        var otherTerms: [String]
        /// Numbers of the actors it mentions or lists.
        var actors: [Int]

        /// The terms it is found by in its body: of the text and the other fields, less the title
        /// terms, sorted by their bytes. The postings are made from the three lists as they are,
        /// each document's number put once per term (`makeFiles`): merged per document, they
        /// were a sixth of making the index.
        var bodyTerms: [String] {
            SearchIndex.without(SearchIndex.merge(textTerms.strings, SearchIndex.distinct(Text.sortedByUTF8(otherTerms))), titleTerms)
        }
    }

    /// How a kind's documents are numbered and grouped into files.
    struct KindLayout: Sendable, Equatable {
        /// Slot bits: numbers are `kind << 24 | slot`, slot < 2^bits.
        var bits: Int
        /// The document table has 2^tableBits files of this kind, the text 2^textBits.
        var tableBits: Int
        var textBits: Int

        init(count: Int) {
            let size = Self.log2Ceiling(count)
            bits = max(4, size + 3)
            tableBits = max(0, size - 5)
            textBits = max(0, size - 2)
        }

        static func log2Ceiling(_ n: Int) -> Int { n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount }
    }

    static func byBytes(_ a: String, _ b: String) -> Bool { Text.precedesInUTF8(a, b) }

    /// Numbers: a hash of the id in a space eight to sixteen times the kind's count, so
    /// adding or removing a document renumbers no other (but a colliding neighbour).
    static func numbering(_ idsByKind: [DocumentKind: [String]]) -> (layouts: [KindLayout], numbered: [(number: Int, id: String, kind: DocumentKind)]) {
        var layouts: [KindLayout] = []
        var numbered: [(number: Int, id: String, kind: DocumentKind)] = []
        for (k, kind) in kinds.enumerated() {
            let ids = (idsByKind[kind] ?? []).sorted(by: byBytes)
            let layout = KindLayout(count: ids.count)
            layouts.append(layout)
            let mask = (1 << layout.bits) - 1
            var taken = [Bool](repeating: false, count: 1 << layout.bits)
            for id in ids {
                var slot = Int(truncatingIfNeeded: StableHash.of(id) & UInt64(mask))
                while taken[slot] { slot = (slot + 1) & mask }
                taken[slot] = true
                numbered.append((k << 24 | slot, id, kind))
            }
        }
        numbered.sort { $0.number < $1.number }
        return (layouts, numbered)
    }

    /// The text shard of each document, by output path.
    static func textShards(_ numbered: [(number: Int, id: String, kind: DocumentKind)], layouts: [KindLayout]) -> [String: [Member]] {
        // Grouped by kind and shard number first: one path made per shard, not per document.
        var groups: [Int: [Member]] = [:]
        for entry in numbered {
            let k = entry.number >> 24, slot = entry.number & 0xFF_FFFF, layout = layouts[k]
            groups[k << 32 | slot >> (layout.bits - layout.textBits), default: []].append(Member(number: entry.number, id: entry.id))
        }
        var shards: [String: [Member]] = [:]
        shards.reserveCapacity(groups.count)
        for (key, members) in groups { shards["\(folder)x/\(key >> 32)-\(key & 0xFFFF_FFFF).json"] = members }
        return shards
    }

    /// The previous build's index when no document's terms, metadata, mentions or links changed
    /// (the body-edit rebuild checks this): the same files, of which only text shards, whose
    /// bodies are slices of their own, can be made again; nothing else is read.
    init(unchangedFiles outputs: [String], ids: [String]) {
        var byKind: [DocumentKind: [String]] = [:]
        for id in ids {
            if let kind = DocumentKind(ofDocumentID: id) { byKind[kind, default: []].append(id) }
        }
        let (layouts, numbered) = Self.numbering(byKind)
        self.init()
        textShards = Self.textShards(numbered, layouts: layouts)
        self.outputs = outputs.sorted()
    }

    /// The index of `model`'s documents.
    init(model: SiteModel) {
        let index = model.index
        let (layouts, numbered) = Self.numbering(index.idsByKind)
        // By id in `IDMap`s (ids are made by the build, in one form): every document asks for the
        // number and name terms of each actor it names, and a dictionary hashed each id with
        // seeded SipHash.
        let numberOf = IDMap(uniqueKeys: numbered.map(\.id), values: numbered.map(\.number))

        // The names of each actor, as terms, for the documents that mention or list it.
        let actorIDs = (index.idsByKind[.actor] ?? []).sorted(by: Self.byBytes)
        let actorTerms = IDMap(uniqueKeys: actorIDs, values: actorIDs.parallelMap { id in
            Self.nameTerms(index.documents[id]).sorted(by: Self.byBytes)
        })

        let records: [Record] = numbered.parallelMap(chunk: 64) { entry in
            Self.record(entry.number, entry.id, entry.kind, model: model, numberOf: numberOf, actorTerms: actorTerms)
        }
        self.init()
        recordsMade = records.count
        makeFiles(records, layouts: layouts, model: model)
    }

    /// Terms of a document's title, short name and aliases.
    static func nameTerms(_ doc: Document?) -> Set<String> {
        guard let doc else { return [] }
        var terms = SearchTokenizer.termSet(doc.title)
        if let short = doc.fields.short { terms.formUnion(SearchTokenizer.termSet(short)) }
        for alias in doc.fields.aliases { terms.formUnion(SearchTokenizer.termSet(alias)) }
        return terms
    }

    static func record(_ number: Int, _ id: String, _ kind: DocumentKind, model: SiteModel, numberOf: IDMap<Int>,
                       actorTerms: IDMap<[String]>) -> Record {
        record(number, id, kind, doc: model.index.documents[id], body: model.index.bodies[id], links: model.links,
               numberOf: { numberOf[$0] }, actorTerms: { actorTerms[$0] ?? [] })
    }

    /// A document's record from its metadata and body summary (`actorTerms`: an actor's sorted name terms).
    static func record(_ number: Int, _ id: String, _ kind: DocumentKind, doc: Document?, body: RenderedBody?, links: LinkTable,
                       numberOf: (String) -> Int?, actorTerms: (String) -> [String]) -> Record {
        let titleTerms = nameTerms(doc).sorted(by: byBytes)
        // The few other terms are gathered with repeats (no set of strings hashed per term).
        var extra: [String] = []
        // The actors named, with repeats, sorted and made distinct once: a set hashed every
        // actor id. A body's are its mentions counted (`mentionCounts`), each actor once.
        var named: [String] = []
        for (actor, _) in body?.mentionCounts ?? [] { named.append(actor) }
        for link in body?.links ?? [] where link.target.hasPrefix("actors/") { named.append(link.target) }
        if let doc {
            if let summary = doc.summary { SearchTokenizer.forEachTerm(summary) { extra.append($0) } }
            for text in [doc.fields.outlet, doc.fields.author].compactMap({ $0 }) + doc.fields.tags {
                SearchTokenizer.forEachTerm(text) { extra.append($0) }
            }
            for ref in doc.fields.actors {
                if case .found(let target, _, _) = links.resolve(ref), target.kind == .actor { named.append(target.id) }
            }
        }
        named.sort()
        var actors: [String] = []
        for actor in named where actor != actors.last && actor != id { actors.append(actor) }
        for actor in actors { extra.append(contentsOf: actorTerms(actor)) }
        let date = (kind == .event ? doc?.fields.date : kind == .article ? doc?.fields.published : nil)?.iso ?? ""
        return Record(number: number, id: id, slug: doc?.slug ?? String(id.drop(while: { $0 != "/" }).dropFirst()),
                      title: doc?.title ?? id, date: date,
                      titleTerms: titleTerms, textTerms: body?.searchTerms ?? SearchTerms(), otherTerms: extra,
                      actors: actors.compactMap(numberOf).sorted())
    }

    /// Two lists sorted by their bytes, merged without repeats.
    static func merge(_ a: [String], _ b: [String]) -> [String] {
        guard !b.isEmpty else { return a }
        var out: [String] = []
        out.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && byBytes(a[i], b[j])) { out.append(a[i]); i += 1 }
            else if i == a.count || byBytes(b[j], a[i]) { out.append(b[j]); j += 1 }
            else { out.append(a[i]); i += 1; j += 1 }
        }
        return out
    }

    /// A list sorted by its bytes without its repeats.
    static func distinct(_ sorted: [String]) -> [String] {
        guard sorted.count > 1 else { return sorted }
        var out: [String] = []
        out.reserveCapacity(sorted.count)
        for term in sorted where term != out.last { out.append(term) }
        return out
    }

    /// The terms of `a` not in `b`, both sorted by their bytes (`a` keeps its order).
    static func without(_ a: [String], _ b: [String]) -> [String] {
        guard !b.isEmpty else { return a }
        var out: [String] = []
        out.reserveCapacity(a.count)
        var j = 0
        for term in a {
            while j < b.count, byBytes(b[j], term) { j += 1 }
            if j < b.count, b[j] == term { continue }
            out.append(term)
        }
        return out
    }

    /// One term's postings: the documents with it in their title, then in their body.
    struct Postings: Sendable {
        var term: String
        var title: [Int] = []
        var body: [Int] = []
        /// `"term":[T,t1,…,b1,…]`: T title numbers then the body numbers, each list as
        /// differences from the previous number.
        var json: [UInt8] = []

        /// Sets `json` from the lists.
        mutating func encode() {
            var encoded = JSONWriter()
            encoded.key(term)
            encoded.numbers([title.count] + SearchIndex.deltas(title) + SearchIndex.deltas(body))
            json = encoded.bytes
        }
    }

    /// The postings of one range of first bytes as records are read: each term found by its
    /// bytes in a table of its own, its postings at its number there. A value of its own, not
    /// variables captured by local functions, which the compiler checks for exclusive access at
    /// run time on every use (400,000 checks at 1,000 articles).
    private struct PostingsTable {
        private var terms = SearchTermTable(expecting: 4096)
        private var list: [Postings] = []

        /// Posts `document` under `term`, in its title or its text (a document in a term's
        /// title list is not in its text list too).
        mutating func add(_ term: UnsafeBufferPointer<UInt8>, _ document: Int, inTitle: Bool) {
            let (n, inserted) = terms.insert(term)
            if inserted { list.append(Postings(term: String(decoding: term, as: UTF8.self))) }
            if inTitle {
                list[n].title.append(document)
            } else if list[n].title.last != document, list[n].body.last != document {
                list[n].body.append(document)
            }
        }

        mutating func add(_ term: String, _ document: Int, inTitle: Bool) {
            Text.withUTF8(term) { add($0, document, inTitle: inTitle) }
        }

        /// The postings sorted by their terms' bytes, each encoded.
        consuming func encoded() -> [Postings] {
            list.sort { SearchIndex.byBytes($0.term, $1.term) }
            for i in list.indices { list[i].encode() }
            return list
        }
    }

    /// Ranges of a term's first byte, for making the postings on all cores.
    private static let firstByteRanges: [Range<UInt8>] = {
        let cuts: [UInt8] = [0, 0x61, 0x63, 0x66, 0x6B, 0x70, 0x73, 0x76]
        return cuts.indices.map { cuts[$0]..<($0 + 1 < cuts.count ? cuts[$0 + 1] : 0xFF) }
    }()

    private mutating func makeFiles(_ records: [Record], layouts: [KindLayout], model: SiteModel) {
        // Postings, by ranges of the first byte (records are in number order, so lists are sorted).
        let groups: [[Postings]] = Self.firstByteRanges.enumerated().map { $0 }.parallelMap { (position, range) in
            let upper = position == Self.firstByteRanges.count - 1 ? 0x100 : Int(range.upperBound)
            // Terms are sorted by their bytes: those of this range are one run, found by bisection.
            func run(_ terms: [String]) -> ArraySlice<String> {
                func bound(_ byte: Int) -> Int {
                    var (low, high) = (0, terms.count)
                    while low < high {
                        let mid = (low + high) / 2
                        if Int(terms[mid].utf8.first ?? 0) < byte { low = mid + 1 } else { high = mid }
                    }
                    return low
                }
                return terms[bound(Int(range.lowerBound))..<bound(upper)]
            }
            var postings = PostingsTable()
            // Records come in number order: a term whose last posting is this document's has it.
            for record in records {
                let document = record.number
                for term in run(record.titleTerms) { postings.add(term, document, inTitle: true) }
                record.textTerms.forEach(in: record.textTerms.places(firstByteFrom: Int(range.lowerBound), below: upper)) { term in
                    postings.add(term, document, inTitle: false)
                }
                for term in record.otherTerms {
                    let first = Int(term.utf8.first ?? 0)
                    guard first >= Int(range.lowerBound), first < upper else { continue }
                    postings.add(term, document, inTitle: false)
                }
            }
            return postings.encoded()
        }
        var splits: [String] = []
        var termFiles: [String: [Postings]] = [:]
        Self.assign(groups.flatMap { $0 }, length: 1, into: &termFiles, splits: &splits)
        for (key, entries) in termFiles { files[Self.termPath(key)] = Self.termFile(entries) }

        // The document table and the text shards, by kind and slot. Each record's table entry is
        // made where it lies: grouping whole records copied each (its term lists retained and
        // released), on one core, after the postings.
        var table: [String: [TableEntry]] = [:]
        for record in records {
            table[Self.tablePath(record.number, layouts: layouts), default: []]
                .append(TableEntry(number: record.number, slug: record.slug, title: record.title, date: record.date))
        }
        textShards = Self.textShards(records.map { ($0.number, $0.id, Self.kinds[$0.number >> 24]) }, layouts: layouts)
        for (path, entries) in table { files[path] = Self.tableFile(entries) }

        // The documents of each actor, in buckets by actor number.
        let actorNumbers = records.filter { Self.kinds[$0.number >> 24] == .actor }
        let actorBuckets = Self.actorBuckets(actorCount: actorNumbers.count)
        var byActor: [Int: [Int]] = [:]
        for record in records { for actor in record.actors { byActor[actor, default: []].append(record.number) } }
        var buckets: [Int: [Int]] = [:]
        for actor in byActor.keys.sorted() { buckets[actor % actorBuckets, default: []].append(actor) }
        for (bucket, actors) in buckets {
            files[Self.actorPath(bucket)] = Self.actorFile(actors.map { ($0, byActor[$0]!) })
        }

        // Dated documents, for the date filter.
        files[Self.datesPath] = Self.datesFile(records.compactMap { $0.date.isEmpty ? nil : ($0.number, $0.date) })

        // The manifest: kinds and their layouts, split term keys, actors for the filter.
        files[Self.manifestPath] = Self.manifest(layouts: layouts, splits: splits, actorBuckets: actorBuckets,
                                                 actors: actorNumbers.map { TableEntry(number: $0.number, slug: $0.slug, title: $0.title, date: "") })
        outputs = (Array(files.keys) + Array(textShards.keys)).sorted()
    }
}
