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
