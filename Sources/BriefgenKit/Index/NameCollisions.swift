/// Actor names and aliases must each name one actor: a link or mention of a shared one would
/// be ambiguous.
enum NameCollisions {
    /// An error at each later use (in path order) of a name or alias an earlier actor has,
    /// naming the earlier file.
    static func check(_ documents: [Document]) -> [Diagnostic] {
        var first: [String: (path: String, alias: Bool)] = [:]
        var diagnostics: [Diagnostic] = []
        for actor in documents.filter({ $0.kind == .actor }).sorted(by: { $0.path < $1.path }) {
            let names = [(actor.title, false)] + actor.fields.aliases.map { ($0, true) }
            var own = Set<String>()
            for (name, alias) in names where !name.isEmpty {
                let key = name.lowercased()
                guard own.insert(key).inserted else { continue }
                if let earlier = first[key] {
                    diagnostics.append(.error(
                        actor.location(ofKey: alias ? "aliases" : "name"),
                        "actor \(alias ? "alias" : "name") \"\(name)\" is also \(earlier.alias ? "an alias" : "a name") of \(earlier.path)",
                        hint: "links and mentions of it would be ambiguous; rename one or remove the alias"))
                } else {
                    first[key] = (actor.path, alias)
                }
            }
        }
        return diagnostics
    }
}
