/// Everything a cross-link can point at, built from documents' metadata only (not bodies),
/// so a body edit never changes it.
public struct LinkTable: Hashable, Sendable {
    /// What a link resolves to.
    public struct Target: Hashable, Sendable {
        /// `kind/slug`.
        public var id: String
        public var kind: DocumentKind
        public var title: String
        /// Site path below the base, e.g. `actors/anthropic/`.
        public var urlPath: String
        /// The document's own `short:` name, if it has one.
        public var shortName: String?

        /// Short name used when a `[[link]]` cites a paragraph without a label (made when
        /// asked: most targets are never cited that way).
        public var short: String { shortName ?? Text.truncateWords(title, 4) }
    }

    public private(set) var targets: [String: Target] = [:]
    /// Lowercased slug, `kind/slug`, actor name or alias → target ids (several when ambiguous).
    public private(set) var keys: [String: [String]] = [:]
    /// Actor names and aliases, for mention detection.
    public private(set) var mentionPatterns: [MentionMatcher.Pattern] = []

    /// Fingerprint of what every rendered body depends on: keys, target kinds and URLs, mention
    /// patterns. Titles are left out: a body depends only on the titles it shows (`labelTargets`).
    public private(set) var fingerprint: UInt64 = 0

    public init(documents: [Document]) {
        defer { fingerprint = computeFingerprint() }
        // Preference when a bare slug is shared by several kinds.
        for document in documents.sorted(by: { ($0.kind, $0.slug) < ($1.kind, $1.slug) }) {
            let target = Target(id: document.id, kind: document.kind, title: document.title, urlPath: document.urlPath,
                                shortName: document.fields.short)
            targets[document.id] = target
            add(Text.lowercased(document.id), document.id)
            add(Text.lowercased(document.slug), document.id)
            if document.kind == .actor {
                for name in [document.title] + document.fields.aliases where !name.isEmpty {
                    add(name.lowercased(), document.id)
                    mentionPatterns.append(.init(text: name, target: document.id))
                }
            }
        }
    }

    /// A sum of per-entry hashes: independent of dictionary order, so no sorting of 30,000 keys.
    private func computeFingerprint() -> UInt64 {
        var total: UInt64 = 0
        for (key, ids) in keys {
            var h = StableHash()
            h.combine(key)
            for id in ids { h.combine(id) }
            total &+= h.value
        }
        for (id, target) in targets {
            var h = StableHash()
            h.combine(id)
            h.combine(target.urlPath)
            total &+= h.value &* 31
        }
        var h = StableHash()
        for p in mentionPatterns { h.combine(p.text); h.combine(p.target) }
        return total ^ h.value
    }

    private mutating func add(_ key: String, _ id: String) {
        // Modified in place: reading the list out and storing it back copied it every time.
        keys[key, default: []].appendIfMissing(id)
    }

    /// Resolves `slug`, `kind/slug` or an actor name; a `#fragment` is kept on the result.
    public func resolve(_ raw: String) -> Resolution {
        var key = raw.trimmingCharacters(in: .whitespaces)
        var fragment: String?
        if let hash = key.firstIndex(of: "#") {
            fragment = String(key[key.index(after: hash)...])
            key = String(key[..<hash])
        }
        guard let ids = keys[key.lowercased()], let first = ids.first else {
            return .unknown(suggestion: suggestion(for: key))
        }
        // An actor name is unambiguous; otherwise prefer actors, then events, business, notes, articles.
        let chosen = ids.min { rank($0) < rank($1) } ?? first
        return .found(targets[chosen]!, fragment: fragment, alternatives: ids.count > 1 ? ids.filter { $0 != chosen } : [])
    }

    private func rank(_ id: String) -> Int {
        guard let kind = targets[id]?.kind else { return 99 }
        switch kind {
        case .actor: return 0
        case .event: return 1
        case .business: return 2
        case .note: return 3
        case .article: return 4
        }
    }

    /// The nearest existing key, for "did you mean" hints (original spelling of names kept).
    public func suggestion(for key: String) -> String? {
        var spelled: [String: String] = [:]
        for pattern in mentionPatterns { spelled[pattern.text.lowercased()] = pattern.text }
        let candidates = keys.keys.map { spelled[$0] ?? $0 }
        return Text.suggestion(for: key, in: candidates.sorted())
    }

    /// The result of resolving a link target.
    public enum Resolution: Hashable, Sendable {
        case found(Target, fragment: String?, alternatives: [String])
        case unknown(suggestion: String?)
    }
}

import Foundation

extension Array where Element: Equatable {
    fileprivate mutating func appendIfMissing(_ element: Element) {
        if !contains(element) { append(element) }
    }
}
