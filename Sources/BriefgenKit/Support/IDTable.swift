/// Numbers for a set of strings (document ids, slice names), looked up by string.
///
/// Hand-written because it is the inner loop of the site index (80,000 mention lookups per
/// build on a 10,000-article site): a hash of the UTF-8 bytes eight at a time (`QuickHash`) with
/// linear probing beats a `[String: Int]`'s seeded SipHash per lookup (README, "Performance rounds").
/// Each slot keeps the high half of its id's hash beside the id's number, so a probe that meets
/// another id tells it apart without reading that id: the ids are strings made long before a
/// page looks them up, and comparing one was a cache miss (or two: the array, the string's bytes).
struct IDTable: Sendable {
    /// Ids in number order.
    private(set) var ids: [String] = []
    /// 0 for an empty slot, else the high 32 bits of the id's hash over its number plus one.
    private var slots: [UInt64]
    private var mask: Int

    /// Numbers `ids` in the order given (a repeated id takes a number too, so numbers stay
    /// positions, but is found under its first one).
    init(_ ids: some Collection<String>) {
        var capacity = 16
        while capacity < ids.count * 2 { capacity *= 2 }
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        self.ids.reserveCapacity(ids.count)
        for id in ids { place(id) }
    }

    /// The number of `id`, adding it at the end when it is new.
    mutating func insert(_ id: String) -> Int {
        if let known = number(of: id) { return known }
        if (ids.count + 1) * 2 > slots.count {
            slots = [UInt64](repeating: 0, count: slots.count * 2)
            mask = slots.count - 1
            let existing = ids
            ids.removeAll(keepingCapacity: true)
            for old in existing { place(old) }
        }
        place(id)
        return ids.count - 1
    }

    private mutating func place(_ id: String) {
        let hash = Self.hash(id)
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Self.tag(hash) | UInt64(ids.count + 1)
        ids.append(id)
    }

    var count: Int { ids.count }

    /// The number of `id`, or nil when it is not in the table.
    func number(of id: String) -> Int? {
        let hash = Self.hash(id)
        let tag = Self.tag(hash)
        var slot = hash & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry & Self.tagMask == tag {
                let n = Int(truncatingIfNeeded: entry & ~Self.tagMask) - 1
                if ids[n] == id { return n }
            }
            slot = (slot + 1) & mask
        }
    }

    private static func hash(_ id: String) -> Int {
        QuickHash.of(id)
    }

    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    /// The high half of a hash, where a slot keeps it (the low bits chose the slot).
    @inline(__always)
    private static func tag(_ hash: Int) -> UInt64 { UInt64(bitPattern: Int64(hash)) & tagMask }
}
