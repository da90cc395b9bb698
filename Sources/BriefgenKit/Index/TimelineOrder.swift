/// The order of the timeline: by period, then by what each event declares it follows, then by
/// how precisely it is dated, then by title.
extension SiteIndex {
    /// Sort key of a date. A period is a month, or a year for a date without a month; within a
    /// month the days come first in order and a month-only date after them, and within a year
    /// the months come first and a year-only date after them ("sometime in 2026" is not
    /// "before April 2026").
    static func timelineKey(_ date: PartialDate?) -> (year: Int, month: Int, rank: Int) {
        guard let date else { return (0, 0, 0) }
        guard let month = date.month else { return (date.year, 13, 0) }
        return (date.year, month, date.day ?? 32)
    }

    /// Positions of `events` in timeline order. Within one period an event that declares
    /// `after:` another comes after it (a cycle is broken at the earliest event by key); apart
    /// from that, events follow their key, then title, then slug.
    static func timelineOrder(_ events: [Document], links: LinkTable) -> [Int] {
        let keys = events.map { timelineKey($0.fields.date) }
        func before(_ a: Int, _ b: Int) -> Bool {
            let x = keys[a], y = keys[b]
            return (x.year, x.month, x.rank, events[a].title, events[a].slug)
                < (y.year, y.month, y.rank, events[b].title, events[b].slug)
        }
        let sorted = events.indices.sorted(by: before)
        guard events.contains(where: { !$0.fields.after.isEmpty }) else { return sorted }
        let position = Dictionary(events.indices.map { (events[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        var result: [Int] = []
        result.reserveCapacity(events.count)
        var start = 0
        while start < sorted.count {
            // One period: the run of events sharing year and month.
            var end = start + 1
            let period = (keys[sorted[start]].year, keys[sorted[start]].month)
            while end < sorted.count, (keys[sorted[end]].year, keys[sorted[end]].month) == period { end += 1 }
            let members = Array(sorted[start..<end])
            let inPeriod = Set(members)
            var waitingOn: [Int: Set<Int>] = [:]
            for member in members {
                for name in events[member].fields.after {
                    guard case .found(let target, _, _) = links.resolve(name), let other = position[target.id],
                          inPeriod.contains(other), other != member else { continue }
                    waitingOn[member, default: []].insert(other)
                }
            }
            var placed = Set<Int>()
            var remaining = members
            while !remaining.isEmpty {
                // The first event by key whose predecessors are all placed; in a cycle, the first.
                let pick = remaining.firstIndex { (waitingOn[$0] ?? []).isSubset(of: placed) } ?? 0
                let member = remaining.remove(at: pick)
                placed.insert(member)
                result.append(member)
            }
            start = end
        }
        return result
    }
}
