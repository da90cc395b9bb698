/// The site index as the build cache keeps it (`index.bin`): every table but documents and
/// bodies, with documents as their numbers in id order, so the file is arrays of integers.
///
/// A one-edit rebuild that leaves every document's metadata alone and every body linking to
/// and mentioning the same pages reads this back instead of aggregating 10,000 documents'
/// links and mentions again: integers need no strings made and no dictionary of ids, and
/// every number is checked against the documents of the build before it is used.
extension SiteIndex {
    static let fileMagic = "briefgen-index"

    /// The index's tables, encoded. The build graph's header keeps a fingerprint of these
    /// bytes (`BuildState.indexHash`), which ties the file to the build that wrote it.
    func encodedShape() -> [UInt8] {
        var w = BinaryWriter()
        w.string(Self.fileMagic)
        w.uint(BuildState.formatVersion)
        let ids = numbers.ids
        w.uint(UInt64(ids.count))
        w.fixed64(Self.idsHash(ids))
        let number = { (id: String) -> Int32 in Int32(numbers.number(of: id) ?? -1) }
        for table in [backlinkTable, mentionTable] {
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
        map(coMentions.mapValues { $0.flatMap { [number($0.actor), Int32($0.count)] } })
        map(eventsByActor.mapValues { $0.map(number) })
        map(eventsBySource.mapValues { $0.map(number) })
        for list in [timeline, articlesByDate, keyActors] { w.int32s(list.map(number)) }
        for kind in DocumentKind.allCases { w.int32s((idsByKind[kind] ?? []).map(number)) }
        w.uint(UInt64(disputeCount))
        return w.bytes
    }

    /// The index of `documents` (this build's, in id order) with `bodies`, from a file written
    /// by `encodedShape`; nil when the bytes do not have the fingerprint `expected` or were not
    /// made for these very documents, or anything in them is out of place.
    static func decodeShape(_ bytes: SharedBytes, expected: UInt64, documents: [Document],
                            bodies: [String: RenderedBody]) -> SiteIndex? {
        var check = StableHash()
        check.combine(bytes.buffer)
        guard check.value == expected else { return nil }
        var r = BinaryReader(bytes)
        guard (try? r.string()) == fileMagic, (try? r.uint()) == BuildState.formatVersion,
              (try? r.count()) == documents.count else { return nil }
        let ids = documents.map(\.id)
        guard (try? r.fixed64()) == idsHash(ids) else { return nil }
        let count = Int32(ids.count)
        var index = SiteIndex()
        index.numbers = IDTable(ids)
        index.documents = Dictionary(zip(ids, documents), uniquingKeysWith: { a, _ in a })
        index.bodies = bodies
        do {
            func numbers() throws -> [Int32] {
                let list = try r.int32s()
                guard list.allSatisfy({ $0 >= 0 && $0 < count }) else { throw CacheError.corrupt }
                return list
            }
            func table(maxDetail: Int32) throws -> Grouped<Edge> {
                let starts = try r.int32s(), flat = try r.int32s()
                guard starts.count == ids.count + 1, flat.count % 2 == 0 else { throw CacheError.corrupt }
                var edges: [Edge] = []
                edges.reserveCapacity(flat.count / 2)
                for i in stride(from: 0, to: flat.count, by: 2) {
                    guard flat[i] >= 0, flat[i] < count, flat[i + 1] >= 0, flat[i + 1] <= maxDetail else { throw CacheError.corrupt }
                    edges.append(Edge(source: flat[i], detail: flat[i + 1]))
                }
                guard let grouped = Grouped(starts: starts, values: edges) else { throw CacheError.corrupt }
                return grouped
            }
            index.backlinkTable = try table(maxDetail: 2)
            index.mentionTable = try table(maxDetail: .max)
            func map() throws -> [String: ArraySlice<Int32>] {
                let keys = try numbers(), starts = try r.int32s(), values = try r.int32s()
                guard let grouped = Grouped(starts: starts, values: values), starts.count == keys.count + 1 else {
                    throw CacheError.corrupt
                }
                var result: [String: ArraySlice<Int32>] = [:]
                for (position, key) in keys.enumerated() { result[ids[Int(key)]] = grouped[position] }
                return result
            }
            let id = { (n: Int32) -> String in ids[Int(n)] }
            let valid = { (n: Int32) in n >= 0 && n < count }
            for (actor, flat) in try map() {
                guard flat.count % 2 == 0 else { throw CacheError.corrupt }
                var pairs: [(actor: String, count: Int)] = []
                var i = flat.startIndex
                while i < flat.endIndex {
                    guard valid(flat[i]) else { throw CacheError.corrupt }
                    pairs.append((id(flat[i]), Int(flat[i + 1])))
                    i += 2
                }
                index.coMentions[actor] = pairs
            }
            for (key, list) in try map() {
                guard list.allSatisfy(valid) else { throw CacheError.corrupt }
                index.eventsByActor[key] = list.map(id)
            }
            for (key, list) in try map() {
                guard list.allSatisfy(valid) else { throw CacheError.corrupt }
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
            guard r.atEnd else { throw CacheError.corrupt }
        } catch {
            return nil
        }
        return index
    }

    /// Identifies the list of documents an index was made for.
    private static func idsHash(_ ids: [String]) -> UInt64 {
        var hash = StableHash()
        for id in ids { hash.combine(id) }
        return hash.value
    }
}
