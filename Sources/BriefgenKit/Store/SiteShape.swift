/// The site's shape as the build graph keeps it (`index.bin`): the documents by id with the
/// shard file of each, the link table, and the site index's tables with documents as their
/// numbers in id order (arrays of integers). Everything here is made from documents' metadata
/// and from which pages their bodies link to and mention.
///
/// A rebuild after which every document keeps its metadata and every re-rendered body links to
/// and mentions the same pages reads this back instead of making the table and the index again
/// from every document, and reads no other document unless a page shows it (`BuildEngine`).
/// The header of the build graph keeps the
/// checksum of these bytes (`BuildState.indexHash`), which ties the file to that build, and
/// every number is checked before it is used.
struct SiteShape: Sendable {
    static let fileMagic = "briefgen-site-shape"

    /// Document ids in id order, and the shard file holding each document.
    var ids: [String]
    var shards: [Int32]
    var links: LinkTable
    /// The index without documents and bodies.
    var index: SiteIndex

    /// The shape of a site: `index` must hold every document, unless `shards` gives the shard
    /// of each (an index updated in place, whose documents kept their ids and paths).
    static func encoded(index: SiteIndex, links: LinkTable, shards: [Int32]? = nil) -> [UInt8] {
        var w = BinaryWriter()
        w.string(fileMagic)
        w.uint(BuildState.formatVersion)
        let ids = index.numbers.ids
        w.strings(ids)
        w.int32s(shards ?? ids.map { Int32(BuildState.shard(of: index.documents.withValue(of: $0) { $0.path } ?? "")) })
        w.linkTable(links)
        let number = { (id: String) -> Int32 in Int32(index.numbers.number(of: id) ?? -1) }
        for table in [index.backlinkTable, index.mentionTable] {
            w.int32s(table.starts)
            w.int32s(table.values.flatMap { [$0.source, $0.detail] })
        }
        // Maps from a document to a list: keys, then each list's start in one flat list.
        func map(_ lists: [String: [Int32]]) {
            let keys = lists.keys.sorted()
            w.int32s(keys.map(number))
            var starts: [Int32] = [0], values: [Int32] = []
            for key in keys {
                values += lists[key]!
                starts.append(Int32(values.count))
            }
            w.int32s(starts)
            w.int32s(values)
        }
        map(index.coMentions.mapValues { $0.flatMap { [number($0.actor), Int32($0.count)] } })
        map(index.eventsByActor.mapValues { $0.map(number) })
        map(index.eventsBySource.mapValues { $0.map(number) })
        for list in [index.timeline, index.articlesByDate, index.keyActors] { w.int32s(list.map(number)) }
        for kind in DocumentKind.allCases { w.int32s((index.idsByKind[kind] ?? []).map(number)) }
        w.uint(UInt64(index.disputeCount))
        w.int32s(index.titleOrder)
        w.int32s(index.businessSectionCounts)
        w.int32s(index.factHolders)
        return w.bytes
    }

    /// The shape in `bytes`; nil when they do not have the fingerprint `expected` or anything
    /// in them is out of place.
    static func decode(_ bytes: SharedBytes, expected: UInt64) -> SiteShape? {
        guard Checksum.of(bytes.buffer) == expected else { return nil }
        var r = BinaryReader(bytes)
        guard (try? r.string()) == fileMagic, (try? r.uint()) == BuildState.formatVersion else { return nil }
        return try? decodeBody(&r)
    }

    private static func decodeBody(_ r: inout BinaryReader) throws -> SiteShape {
        let ids = try r.strings()
        // Sorted and without repeats: the order documents are numbered in.
        guard zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }) else { throw GraphError.corrupt }
        let count = Int32(ids.count)
        let shards = try r.int32s()
        guard shards.count == ids.count, shards.allSatisfy({ $0 >= 0 && $0 < BuildState.shardCount }) else {
            throw GraphError.corrupt
        }
        let links = try r.linkTable()
        var index = SiteIndex()
        index.numbers = IDTable(ids)
        let valid = { (n: Int32) in n >= 0 && n < count }
        func numbers() throws -> [Int32] {
            let list = try r.int32s()
            guard list.allSatisfy(valid) else { throw GraphError.corrupt }
            return list
        }
        func table(maxDetail: Int32) throws -> Grouped<SiteIndex.Edge> {
            let starts = try r.int32s(), flat = try r.int32Bytes()
            guard starts.count == ids.count + 1, flat.count % 8 == 0 else { throw GraphError.corrupt }
            // Checked and made in one pass over the file's numbers (a million at 10,000 articles),
            // read where they lie: copying them to a list first doubled the memory this takes, and
            // making that memory (page faults) cost more than the pass itself, in every edit that
            // keeps the site's shape. A number out of range marks the table damaged.
            var outOfRange: UInt32 = 0
            let (sourceLimit, detailLimit) = (UInt32(count), UInt32(maxDetail))
            let edges = [SiteIndex.Edge](unsafeUninitializedCapacity: flat.count / 8) { out, made in
                for i in 0..<(flat.count / 8) {
                    let source = Int32(littleEndian: flat.loadUnaligned(fromByteOffset: 8 * i, as: Int32.self))
                    let detail = Int32(littleEndian: flat.loadUnaligned(fromByteOffset: 8 * i + 4, as: Int32.self))
                    // Negative numbers are large as unsigned ones.
                    outOfRange |= (UInt32(bitPattern: source) >= sourceLimit ? 1 : 0)
                        | (UInt32(bitPattern: detail) > detailLimit ? 1 : 0)
                    out[i] = SiteIndex.Edge(source: source, detail: detail)
                }
                made = flat.count / 8
            }
            guard outOfRange == 0 else { throw GraphError.corrupt }
            guard let grouped = Grouped(starts: starts, values: edges) else { throw GraphError.corrupt }
            return grouped
        }
        index.backlinkTable = try table(maxDetail: 2)
        index.mentionTable = try table(maxDetail: .max)
        func map() throws -> [(String, ArraySlice<Int32>)] {
            let keys = try numbers(), starts = try r.int32s(), values = try r.int32s()
            guard starts.count == keys.count + 1, let grouped = Grouped(starts: starts, values: values) else {
                throw GraphError.corrupt
            }
            return keys.enumerated().map { (ids[Int($0.element)], grouped[$0.offset]) }
        }
        let id = { (n: Int32) -> String in ids[Int(n)] }
        for (actor, flat) in try map() {
            guard flat.count % 2 == 0 else { throw GraphError.corrupt }
            var pairs: [(actor: String, count: Int)] = []
            var i = flat.startIndex
            while i < flat.endIndex {
                guard valid(flat[i]) else { throw GraphError.corrupt }
                pairs.append((id(flat[i]), Int(flat[i + 1])))
                i += 2
            }
            index.coMentions[actor] = pairs
        }
        for (key, list) in try map() {
            guard list.allSatisfy(valid) else { throw GraphError.corrupt }
            index.eventsByActor[key] = list.map(id)
        }
        for (key, list) in try map() {
            guard list.allSatisfy(valid) else { throw GraphError.corrupt }
            index.eventsBySource[key] = list.map(id)
        }
        index.timeline = try numbers().map(id)
        index.articlesByDate = try numbers().map(id)
        index.keyActors = try numbers().map(id)
        for kind in DocumentKind.allCases {
            let list = try numbers().map(id)
            if !list.isEmpty { index.idsByKind[kind] = list }
        }
        index.disputeCount = Int(clamping: try r.uint())
        let titleOrder = try numbers()
        let businessSections = try r.int32s()
        let factHolders = try numbers()
        guard titleOrder.count == ids.count, businessSections.count == ids.count, businessSections.allSatisfy({ $0 >= 0 }),
              zip(factHolders, factHolders.dropFirst()).allSatisfy({ $0 < $1 }), r.atEnd else {
            throw GraphError.corrupt
        }
        index.setTitleOrder(titleOrder)
        index.businessSectionCounts = businessSections
        index.factHolders = factHolders
        return SiteShape(ids: ids, shards: shards, links: links, index: index)
    }
}
