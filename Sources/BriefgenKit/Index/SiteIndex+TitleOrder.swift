/// The title order: every document's place by kind, title and id, the order of an actor's
/// mention list, kept with the index (and in the site shape) so that an actor's sources are
/// ordered without reading them (`SiteLists`).
extension SiteIndex {
    /// Sets the title order (document numbers ordered by kind, title and id).
    mutating func setTitleOrder(_ order: [Int32]) {
        titleOrder = order
        titleRanks = [Int32](repeating: 0, count: order.count)
        for (rank, number) in order.enumerated() where Int(number) < order.count { titleRanks[Int(number)] = Int32(rank) }
    }

    /// The documents that mention `actor`, each once, ordered by kind, title and id (an actor's
    /// mention list) by their places in the title order: no document is read. Nil when the
    /// index has no title order.
    public func mentioningSourcesByTitle(of actor: String) -> [String]? {
        guard titleRanks.count == numbers.ids.count else { return nil }
        guard let target = numbers.number(of: actor) else { return [] }
        // The actor's run is in source order: a source's mentions are next to each other.
        var sources: [Int32] = []
        for edge in mentionTable[target] where edge.source != sources.last { sources.append(edge.source) }
        sources.sort { titleRanks[Int($0)] < titleRanks[Int($1)] }
        return sources.map { numbers.ids[Int($0)] }
    }
}
