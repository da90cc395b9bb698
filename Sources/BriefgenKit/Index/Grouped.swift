/// Values grouped by a small integer key, each group one contiguous run of a flat array.
///
/// Hand-written (a counting sort) because the site index groups about 100,000 backlinks and
/// mentions by target on every build: appending them to one array per target, ten thousand
/// small arrays grown an element at a time, took about 20 ms of a one-edit rebuild.
struct Grouped<Value: Sendable & Equatable>: Sendable {
    /// Where each group starts in `values`; one more entry than there are groups.
    private(set) var starts: [Int32] = [0]
    private(set) var values: [Value] = []

    init() {}

    /// A table read back from the build cache: nil unless the starts run from 0 to the end
    /// of `values` without going back.
    init?(starts: [Int32], values: [Value]) {
        guard starts.first == 0, Int(starts.last ?? -1) == values.count,
              zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        self.starts = starts
        self.values = values
    }

    /// Groups `items` by `group` (below `groups`), keeping their order within a group;
    /// `dropRepeats` drops a value equal to the one before it in its group.
    init(_ items: [(group: Int32, value: Value)], groups: Int, dropRepeats: Bool) {
        var starts = [Int32](repeating: 0, count: groups + 1)
        for item in items { starts[Int(item.group) + 1] += 1 }
        for group in 0..<groups { starts[group + 1] += starts[group] }
        guard let first = items.first else {
            self.starts = starts
            return
        }
        var cursor = starts
        var values = [Value](repeating: first.value, count: items.count)
        for item in items {
            values[Int(cursor[Int(item.group)])] = item.value
            cursor[Int(item.group)] += 1
        }
        if dropRepeats {
            var kept = 0
            var newStarts = starts
            for group in 0..<groups {
                newStarts[group] = Int32(kept)
                var index = Int(starts[group])
                while index < Int(starts[group + 1]) {
                    if kept == newStarts[group] || values[kept - 1] != values[index] {
                        values[kept] = values[index]
                        kept += 1
                    }
                    index += 1
                }
            }
            newStarts[groups] = Int32(kept)
            values.removeLast(values.count - kept)
            starts = newStarts
        }
        self.starts = starts
        self.values = values
    }

    /// The values of one group, in the order they were given.
    subscript(group: Int) -> ArraySlice<Value> {
        guard group >= 0, group + 1 < starts.count else { return [] }
        return values[Int(starts[group])..<Int(starts[group + 1])]
    }
}

extension Grouped {
    /// This table with the values of some sources replaced, as if it had been made from the
    /// new values: values whose `source` is in `removed` are dropped, and `added` (in source
    /// order, each source's values in the order made; every source among `removed`) are merged
    /// into their groups by source. Each group's values must be in source order. O(values).
    func replacing(sources removed: Set<Int32>, with added: [(group: Int32, value: Value)],
                   source: (Value) -> Int32, dropRepeats: Bool) -> Grouped {
        let groups = starts.count - 1
        let fresh = Grouped(added, groups: groups, dropRepeats: dropRepeats)
        var newStarts = [Int32](repeating: 0, count: groups + 1)
        // Flags by source: a set's hashing for each of 100,000 values cost more than the rest.
        var isRemoved = [Bool](repeating: false, count: Int(removed.max() ?? -1) + 1)
        for source in removed where source >= 0 { isRemoved[Int(source)] = true }
        func dropped(_ value: Value) -> Bool {
            let s = Int(source(value))
            return s >= 0 && s < isRemoved.count && isRemoved[s]
        }
        var newValues: [Value] = []
        newValues.reserveCapacity(values.count + fresh.values.count)
        for group in 0..<groups {
            newStarts[group] = Int32(newValues.count)
            let old = self[group], new = fresh[group]
            var i = old.startIndex, j = new.startIndex
            while i < old.endIndex || j < new.endIndex {
                if i < old.endIndex, dropped(old[i]) {
                    i += 1
                } else if j < new.endIndex, i == old.endIndex || source(new[j]) < source(old[i]) {
                    newValues.append(new[j])
                    j += 1
                } else {
                    newValues.append(old[i])
                    i += 1
                }
            }
        }
        newStarts[groups] = Int32(newValues.count)
        var result = Grouped()
        result.starts = newStarts
        result.values = newValues
        return result
    }
}
