/// Numbers for a set of strings (document ids, slice names), looked up by string.
///
/// Hand-written because it is the inner loop of the site index (80,000 mention lookups per
/// build on a 10,000-article site): a hash of the UTF-8 bytes eight at a time (`QuickHash`) with
/// linear probing beats a `[String: Int]`'s seeded SipHash per lookup (README, "Performance rounds").
struct IDTable: Sendable {
    /// Ids in number order.
    private(set) var ids: [String] = []
    private var slots: [Int32]
    private var mask: Int

    /// Numbers `ids` in the order given (a repeated id takes a number too, so numbers stay
    /// positions, but is found under its first one).
    init(_ ids: some Collection<String>) {
        var capacity = 16
        while capacity < ids.count * 2 { capacity *= 2 }
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        self.ids.reserveCapacity(ids.count)
        for id in ids { place(id) }
    }

    /// The number of `id`, adding it at the end when it is new.
    mutating func insert(_ id: String) -> Int {
        if let known = number(of: id) { return known }
        if (ids.count + 1) * 2 > slots.count {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            mask = slots.count - 1
            let existing = ids
            ids.removeAll(keepingCapacity: true)
            for old in existing { place(old) }
        }
        place(id)
        return ids.count - 1
    }

    private mutating func place(_ id: String) {
        var slot = Self.hash(id) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(ids.count)
        ids.append(id)
    }

    var count: Int { ids.count }

    /// The number of `id`, or nil when it is not in the table.
    func number(of id: String) -> Int? {
        var slot = Self.hash(id) & mask
        while true {
            let n = slots[slot]
            if n < 0 { return nil }
            if ids[Int(n)] == id { return Int(n) }
            slot = (slot + 1) & mask
        }
    }

    private static func hash(_ id: String) -> Int {
        QuickHash.of(id)
    }
}
