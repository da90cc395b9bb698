import Foundation

/// The search index's files: where each lives and how each is written (JSON the search
/// script reads), and how term files are split as they grow.
extension SearchIndex {
    /// One line of the document table (and of the manifest's actors, without a date).
    struct TableEntry: Sendable, Equatable {
        var number: Int
        var slug: String
        var title: String
        var date: String
    }

    static let manifestPath = "\(folder)index.json"
    static let datesPath = "\(folder)dates.json"
    static func termPath(_ key: String) -> String { "\(folder)t/\(key).json" }
    static func actorPath(_ bucket: Int) -> String { "\(folder)a/\(bucket).json" }
    /// The document table file holding a document's number.
    static func tablePath(_ number: Int, layouts: [KindLayout]) -> String {
        let k = number >> 24, slot = number & 0xFF_FFFF, layout = layouts[k]
        return "\(folder)d/\(k)-\(slot >> (layout.bits - layout.tableBits)).json"
    }

    /// How many actor files the documents of `actorCount` actors are spread over.
    static func actorBuckets(actorCount: Int) -> Int { max(1, min(16, 1 << KindLayout.log2Ceiling(actorCount / 16))) }

    /// A term file: its terms' postings, in the order given.
    static func termFile(_ entries: [Postings]) -> Data {
        var json = JSONWriter()
        json.open("{")
        for entry in entries { json.raw(entry.json) }
        json.close("}")
        return json.data
    }

    /// A document table file: its documents in number order.
    static func tableFile(_ entries: [TableEntry]) -> Data {
        var json = JSONWriter()
        json.open("{")
        for entry in entries {
            json.key(String(entry.number))
            json.open("[")
            json.string(entry.slug)
            json.string(entry.title)
            json.string(entry.date)
            json.close("]")
        }
        json.close("}")
        return json.data
    }

    /// An actor file: each actor's number (ascending) with the numbers of its documents.
    static func actorFile(_ actors: [(actor: Int, documents: [Int])]) -> Data {
        var json = JSONWriter()
        json.open("{")
        for (actor, documents) in actors {
            json.key(String(actor))
            json.numbers(deltas(documents))
        }
        json.close("}")
        return json.data
    }

    /// The dates file: the dated documents' numbers (ascending) and dates.
    static func datesFile(_ dated: [(number: Int, date: String)]) -> Data {
        var dates = JSONWriter()
        dates.open("{")
        dates.key("n")
        dates.numbers(deltas(dated.map(\.number)))
        dates.key("d")
        dates.open("[")
        for entry in dated { dates.string(entry.date) }
        dates.close("]")
        dates.close("}")
        return dates.data
    }

    /// The manifest: kinds and their layouts, split term keys, actors (number, slug, title) for the filter.
    static func manifest(layouts: [KindLayout], splits: [String], actorBuckets: Int, actors: [TableEntry]) -> Data {
        var manifest = JSONWriter()
        manifest.open("{")
        manifest.key("v")
        manifest.numbers([1])
        manifest.key("k")
        manifest.open("[")
        for (k, kind) in kinds.enumerated() {
            manifest.open("[")
            manifest.string(kind.folder)
            manifest.numbers([layouts[k].bits, layouts[k].tableBits, layouts[k].textBits], bare: true)
            manifest.close("]")
        }
        manifest.close("]")
        manifest.key("s")
        manifest.open("[")
        for key in splits.sorted() { manifest.string(key) }
        manifest.close("]")
        manifest.key("ab")
        manifest.numbers([actorBuckets])
        manifest.key("a")
        manifest.open("[")
        for actor in actors.sorted(by: { ($0.title.lowercased(), $0.number) < ($1.title.lowercased(), $1.number) }) {
            manifest.open("[")
            manifest.numbers([actor.number], bare: true)
            manifest.string(actor.slug)
            manifest.string(actor.title)
            manifest.close("]")
        }
        manifest.close("]")
        manifest.close("}")
        return manifest.data
    }

    /// Puts each term's postings in the file of its key at `length` characters, splitting a
    /// file larger than `shardTarget` by one more character (terms no longer than the key stay).
    static func assign(_ entries: [Postings], length: Int, into files: inout [String: [Postings]], splits: inout [String]) {
        var groups: [String: [Postings]] = [:]
        var order: [String] = []
        for entry in entries {
            let key = SearchTokenizer.key(entry.term, length: length)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        for key in order {
            let group = groups[key]!
            let size = group.reduce(2) { $0 + $1.json.count + 1 }
            guard size > shardTarget, length < maxKeyLength else { files[key, default: []].append(contentsOf: group); continue }
            splits.append(key)
            let (short, long) = (group.filter { $0.term.unicodeScalars.count <= length },
                                 group.filter { $0.term.unicodeScalars.count > length })
            if !short.isEmpty { files[key, default: []].append(contentsOf: short) }
            assign(long, length: length + 1, into: &files, splits: &splits)
        }
    }

    /// Sorted numbers as differences from the previous one (the first from 0).
    static func deltas(_ numbers: [Int]) -> [Int] {
        var last = 0
        return numbers.map { n in defer { last = n }; return n - last }
    }
}
