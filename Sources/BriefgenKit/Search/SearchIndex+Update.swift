import Foundation

/// The index of an edit, per node: each file of the previous build's index is a node whose
/// inputs are the records of the documents it holds (a term file: the documents having its
/// terms; a document table file: its documents; an actor file: its actors' documents; the
/// dates file: the dated documents; the manifest: the splits and the actors). Only the records
/// of documents whose metadata, words, links or mentions changed are made, before and after
/// the edit, and only the files holding a term, document or actor whose record differs are
/// read back (from the previous output, checked against the graph's hash of it) and made
/// again; the others keep the previous bytes. The files are the bytes a clean build makes.
extension SearchIndex {
    /// A changed document as the previous index saw it: its metadata and body summary then.
    struct Before: Sendable {
        var document: Document?
        var body: RenderedBody?
    }

    /// The index of `model` made from the previous build's (`previousIDs`: its documents;
    /// `previousOutputs`: its files; `read`: a previous file's bytes, nil when missing or not
    /// the bytes the graph recorded), given the documents whose record may differ and what
    /// they were (`before`; an id absent from `previousIDs` needs none). Nil when the edit
    /// renumbers a document, adds, removes or renames an actor, or a file cannot be read: the
    /// index is then made whole. `remade` lists the files whose bytes or members changed.
    init?(updating model: SiteModel, previousIDs: [String], previousOutputs: [String], before: [String: Before],
          read: @escaping @Sendable (String) -> Data?) {
        // Numbers: the same for every document in both builds, or the index is made whole.
        // With the same documents (most edits), they are numbered once.
        let (layouts, numbered) = Self.numbering(model.index.idsByKind)
        var numberOf: [String: Int] = [:]
        numberOf.reserveCapacity(numbered.count)
        for entry in numbered { numberOf[entry.id] = entry.number }
        let sameDocuments = previousIDs.count == numbered.count && previousIDs.allSatisfy { numberOf[$0] != nil }
        var (oldLayouts, oldNumbered, oldNumberOf) = (layouts, numbered, numberOf)
        var changedIDs = Set(before.keys)
        if !sameDocuments {
            var oldByKind: [DocumentKind: [String]] = [:]
            for id in previousIDs {
                if let kind = Self.kind(of: id) { oldByKind[kind, default: []].append(id) }
            }
            (oldLayouts, oldNumbered) = Self.numbering(oldByKind)
            guard oldLayouts == layouts, (oldByKind[.actor]?.count ?? 0) == (model.index.idsByKind[.actor]?.count ?? 0) else { return nil }
            oldNumberOf = Dictionary(oldNumbered.map { ($0.id, $0.number) }, uniquingKeysWith: { a, _ in a })
            for entry in numbered {
                guard let old = oldNumberOf[entry.id] else { changedIDs.insert(entry.id); continue }
                if old != entry.number { return nil }
            }
            for entry in oldNumbered where numberOf[entry.id] == nil { changedIDs.insert(entry.id) }
        }

        // Records before and after, of the documents that changed. An actor's names are terms
        // of every document mentioning it: an actor named otherwise makes the index whole.
        let documents = model.index.documents, bodies = model.index.bodies, links = model.links
        let actorTerms = { (actor: String) -> [String] in Self.nameTerms(documents[actor]).sorted(by: Self.byBytes) }
        var pairs: [(old: Record?, new: Record?)] = []
        for id in changedIDs.sorted() {
            guard let kind = Self.kind(of: id) else { continue }
            let now = numberOf[id] == nil ? nil : documents[id]
            var then: Before?
            if oldNumberOf[id] != nil {
                then = before[id] ?? Before(document: now, body: bodies[id])
                if then?.document == nil { return nil }
            }
            if kind == .actor, Self.nameTerms(then?.document) != Self.nameTerms(now) || (then == nil) != (now == nil) { return nil }
            let old = oldNumberOf[id].map {
                Self.record($0, id, kind, doc: then?.document, body: then?.body, links: links, numberOf: { oldNumberOf[$0] }, actorTerms: actorTerms)
            }
            let new = numberOf[id].map {
                Self.record($0, id, kind, doc: now, body: bodies[id], links: links, numberOf: { numberOf[$0] }, actorTerms: actorTerms)
            }
            if old != new { pairs.append((old, new)) }
        }

        self.init()
        recordsMade = changedIDs.count
        kept = read
        textShards = Self.textShards(numbered, layouts: layouts)
        var remade = Set<String>()
        if !sameDocuments {
            let oldTextShards = Self.textShards(oldNumbered, layouts: oldLayouts)
            for (path, members) in textShards where oldTextShards[path] != members { remade.insert(path) }
        }
        var outputs = Set(previousOutputs.filter { Self.isIndexFile($0) && !$0.hasPrefix("\(Self.folder)x/") })
        outputs.formUnion(textShards.keys)
        // Each previous file is read (and checked) once, whether parsed or compared.
        var readBack: [String: Data?] = [:]
        func previous(_ path: String) -> Data? {
            if let known = readBack[path] { return known }
            let data = read(path)
            readBack[path] = data
            return data
        }
        // A file made again: kept out of `outputs` when empty, remade when its bytes differ.
        func put(_ path: String, _ data: Data?) {
            if let data {
                outputs.insert(path)
                if previous(path) != data { files[path] = data; remade.insert(path) }
            } else {
                outputs.remove(path)
            }
        }
        guard let manifest = previous(Self.manifestPath).flatMap(Self.parseManifest) else { return nil }

        // Term files: the terms whose place (title, body or none) changed in some record, by
        // their first character; the files of those characters are made again from their postings.
        var moves: [String: [(term: String, number: Int, from: UInt8, to: UInt8)]] = [:]
        for (old, new) in pairs {
            var places: [String: (from: UInt8, to: UInt8)] = [:]
            for term in old?.titleTerms ?? [] { places[term, default: (0, 0)].from = 1 }
            for term in old?.bodyTerms ?? [] { places[term, default: (0, 0)].from = 2 }
            for term in new?.titleTerms ?? [] { places[term, default: (0, 0)].to = 1 }
            for term in new?.bodyTerms ?? [] { places[term, default: (0, 0)].to = 2 }
            let number = (new ?? old)!.number
            for (term, place) in places where place.from != place.to {
                moves[SearchTokenizer.key(term, length: 1), default: []].append((term, number, place.from, place.to))
            }
        }
        var splits = manifest.splits.filter { moves[String($0.prefix(1))] == nil }
        for (group, groupMoves) in moves {
            var postings: [String: Postings] = [:]
            for path in previousOutputs where path.hasPrefix("\(Self.folder)t/\(group)") {
                guard let data = previous(path), let entries = Self.parseTermFile(data) else { return nil }
                for entry in entries { postings[entry.term] = entry }
            }
            for move in groupMoves {
                var entry = postings[move.term] ?? Postings(term: move.term)
                if move.from == 1 { entry.title.removeAll { $0 == move.number } }
                if move.from == 2 { entry.body.removeAll { $0 == move.number } }
                if move.to == 1 { Self.insert(move.number, into: &entry.title) }
                if move.to == 2 { Self.insert(move.number, into: &entry.body) }
                postings[move.term] = entry.title.isEmpty && entry.body.isEmpty ? nil : entry
            }
            var entries = Array(postings.values)
            entries.sort { Self.byBytes($0.term, $1.term) }
            for i in entries.indices { entries[i].encode() }
            var termFiles: [String: [Postings]] = [:]
            Self.assign(entries, length: 1, into: &termFiles, splits: &splits)
            for path in previousOutputs where path.hasPrefix("\(Self.folder)t/\(group)") { outputs.remove(path) }
            for (key, entries) in termFiles { put(Self.termPath(key), Self.termFile(entries)) }
        }

        // Document table files of the records that changed.
        var tableChanges: [String: [(old: Int?, new: TableEntry?)]] = [:]
        for (old, new) in pairs {
            let entry = new.map { TableEntry(number: $0.number, slug: $0.slug, title: $0.title, date: $0.date) }
            if let old, entry == TableEntry(number: old.number, slug: old.slug, title: old.title, date: old.date) { continue }
            tableChanges[Self.tablePath((new ?? old)!.number, layouts: layouts), default: []].append((old?.number, entry))
        }
        for (path, changes) in tableChanges {
            var entries: [Int: TableEntry] = [:]
            if previousOutputs.contains(path) {
                guard let data = previous(path), let previous = Self.parseTableFile(data) else { return nil }
                for entry in previous { entries[entry.number] = entry }
            }
            for change in changes {
                if let number = change.old { entries[number] = nil }
                if let entry = change.new { entries[entry.number] = entry }
            }
            put(path, entries.isEmpty ? nil : Self.tableFile(entries.values.sorted { $0.number < $1.number }))
        }

        // Actor files of the actors some record gained or lost.
        var actorMoves: [Int: [(document: Int, added: Bool)]] = [:]
        for (old, new) in pairs {
            let (before, after) = (Set(old?.actors ?? []), Set(new?.actors ?? []))
            let number = (new ?? old)!.number
            for actor in before.subtracting(after) { actorMoves[actor, default: []].append((number, false)) }
            for actor in after.subtracting(before) { actorMoves[actor, default: []].append((number, true)) }
        }
        var bucketMoves: [Int: [Int]] = [:]
        for actor in actorMoves.keys { bucketMoves[actor % manifest.actorBuckets, default: []].append(actor) }
        for (bucket, _) in bucketMoves {
            let path = Self.actorPath(bucket)
            var lists: [Int: [Int]] = [:]
            if previousOutputs.contains(path) {
                guard let data = previous(path), let previous = Self.parseActorFile(data) else { return nil }
                lists = previous
            }
            for actor in bucketMoves[bucket] ?? [] {
                var list = lists[actor] ?? []
                for move in actorMoves[actor] ?? [] {
                    if move.added { Self.insert(move.document, into: &list) } else { list.removeAll { $0 == move.document } }
                }
                lists[actor] = list.isEmpty ? nil : list
            }
            put(path, lists.isEmpty ? nil : Self.actorFile(lists.keys.sorted().map { ($0, lists[$0]!) }))
        }

        // The dates file, when a dated record changed.
        if pairs.contains(where: { ($0.old?.date ?? "") != ($0.new?.date ?? "") }) {
            guard let data = previous(Self.datesPath), var dated = Self.parseDatesFile(data) else { return nil }
            for (old, new) in pairs {
                if let old { dated[old.number] = nil }
                if let new, !new.date.isEmpty { dated[new.number] = new.date }
            }
            put(Self.datesPath, Self.datesFile(dated.keys.sorted().map { ($0, dated[$0]!) }))
        }

        // The manifest: the splits, and the actors' slugs and titles.
        var actors = Dictionary(manifest.actors.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        for (_, new) in pairs {
            if let new, Self.kinds[new.number >> 24] == .actor {
                actors[new.number] = TableEntry(number: new.number, slug: new.slug, title: new.title, date: "")
            }
        }
        put(Self.manifestPath, Self.manifest(layouts: layouts, splits: splits, actorBuckets: manifest.actorBuckets,
                                             actors: Array(actors.values)))
        self.outputs = outputs.sorted()
        self.remade = remade
    }

    /// A document's kind, told by its id's folder.
    static func kind(of id: String) -> DocumentKind? {
        DocumentKind(ofDocumentID: id)
    }

    /// Inserts `number` into a sorted list, once.
    static func insert(_ number: Int, into list: inout [Int]) {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid] < number { low = mid + 1 } else { high = mid }
        }
        if low == list.count || list[low] != number { list.insert(number, at: low) }
    }

    /// Numbers written as differences from the previous one, as they were.
    static func sums(_ deltas: [Int]) -> [Int] {
        var last = 0
        return deltas.map { last += $0; return last }
    }

    private static func object(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data, options: [])) as? [String: Any]
    }

    /// A term file's postings.
    static func parseTermFile(_ data: Data) -> [Postings]? {
        guard let members = SearchJSONReader.members(data) else { return nil }
        var entries: [Postings] = []
        entries.reserveCapacity(members.count)
        for member in members {
            let numbers = member.numbers
            guard let count = numbers.first, count >= 0, count + 1 <= numbers.count, member.strings.isEmpty else { return nil }
            entries.append(Postings(term: member.key, title: sums(Array(numbers[1..<(count + 1)])), body: sums(Array(numbers[(count + 1)...]))))
        }
        return entries
    }

    /// A document table file's entries.
    static func parseTableFile(_ data: Data) -> [TableEntry]? {
        guard let members = SearchJSONReader.members(data) else { return nil }
        var entries: [TableEntry] = []
        for member in members {
            guard let number = Int(member.key), member.strings.count == 3, member.numbers.isEmpty else { return nil }
            entries.append(TableEntry(number: number, slug: member.strings[0], title: member.strings[1], date: member.strings[2]))
        }
        return entries
    }

    /// An actor file's lists: each actor's documents.
    static func parseActorFile(_ data: Data) -> [Int: [Int]]? {
        guard let members = SearchJSONReader.members(data) else { return nil }
        var lists: [Int: [Int]] = [:]
        for member in members {
            guard let actor = Int(member.key), member.strings.isEmpty else { return nil }
            lists[actor] = sums(member.numbers)
        }
        return lists
    }

    /// The dates file's dated documents: number to date.
    static func parseDatesFile(_ data: Data) -> [Int: String]? {
        guard let members = SearchJSONReader.members(data), members.count == 2, members[0].key == "n", members[1].key == "d",
              members[0].numbers.count == members[1].strings.count else { return nil }
        return Dictionary(zip(sums(members[0].numbers), members[1].strings), uniquingKeysWith: { a, _ in a })
    }

    /// What an update reads of the manifest: splits, actor buckets and actors.
    static func parseManifest(_ data: Data) -> (splits: [String], actorBuckets: Int, actors: [TableEntry])? {
        guard let object = object(data), let splits = object["s"] as? [String], let buckets = ((object["ab"] as? [Any])?.first as? NSNumber)?.intValue,
              let list = object["a"] as? [[Any]] else { return nil }
        var actors: [TableEntry] = []
        for item in list {
            guard item.count == 3, let number = (item[0] as? NSNumber)?.intValue, let slug = item[1] as? String,
                  let title = item[2] as? String else { return nil }
            actors.append(TableEntry(number: number, slug: slug, title: title, date: ""))
        }
        return (splits, buckets, actors)
    }
}
