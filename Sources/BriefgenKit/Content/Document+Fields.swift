/// Visits each field of `Document.Fields` in turn: the one list of the fields, through which
/// they are encoded, decoded and fingerprinted (equality is the synthesized one, made from
/// the declaration itself). A field missing here is caught by `DocumentFieldsTests`.
protocol DocumentFieldVisitor {
    mutating func visit(_ value: inout String?) throws
    mutating func visit(_ value: inout PartialDate?) throws
    mutating func visit(_ value: inout [String]) throws
    mutating func visit(_ value: inout Bool) throws
    mutating func visit(_ value: inout [BusinessAction]) throws
    mutating func visit(_ value: inout [MarkedFact]) throws
    mutating func visit(_ value: inout [Dispute]) throws
}

extension Document.Fields {
    /// How many fields `visitAll` visits (checked against the declaration by a test).
    static let visitedCount = 21

    /// Visits every field, always in this order (the order they are stored in).
    mutating func visitAll<V: DocumentFieldVisitor>(_ v: inout V) throws {
        try v.visit(&outlet)
        try v.visit(&author)
        try v.visit(&url)
        try v.visit(&short)
        try v.visit(&actorKind)
        try v.visit(&country)
        try v.visit(&affiliation)
        try v.visit(&published)
        try v.visit(&date)
        try v.visit(&tags)
        try v.visit(&aliases)
        try v.visit(&sources)
        try v.visit(&audience)
        try v.visit(&actors)
        try v.visit(&related)
        try v.visit(&after)
        try v.visit(&actions)
        try v.visit(&story)
        try v.visit(&facts)
        try v.visit(&disputed)
        try v.visit(&movedFrom)
    }

    /// Visits every field of a copy (for visitors that only read).
    func visitAll<V: DocumentFieldVisitor>(reading v: inout V) {
        var copy = self
        try? copy.visitAll(&v)
    }
}
