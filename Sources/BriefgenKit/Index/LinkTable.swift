/// Everything a cross-link can point at, built from documents' metadata only (not bodies),
/// so a body edit never changes it.
public struct LinkTable: Sendable {
    /// What a link resolves to.
    public struct Target: Hashable, Sendable {
        /// `kind/slug`.
        public var id: String
        public var kind: DocumentKind
        public var title: String
        /// Site path below the base, e.g. `actors/anthropic/`.
        public var urlPath: String { id + "/" }
        /// The document's own `short:` name, if it has one.
        public var shortName: String?

        /// Short name used when a `[[link]]` cites a paragraph without a label (made when
        /// asked: most targets are never cited that way).
        public var short: String { shortName ?? Text.truncateWords(title, 4) }
    }

    /// Targets by id, when the table was made in this build (see `frozen`).
    private(set) var targets = IDMap<Target>()
    /// Lowercased slug, `kind/slug`, actor name or alias → target ids (several when ambiguous).
    /// A dictionary, not an `IDMap`: names are written by people, and `String` equality (hence
    /// the dictionary) takes a composed "é" and an "e" with a combining accent for the same key.
    private(set) var keys: [String: Named] = [:]
    /// The table as read back from the build cache, looked up in place (`LinkTable+Coding.swift`):
    /// a rebuild resolves a few dozen references, not the 40,000 keys and targets it would decode.
    private(set) var frozen: FrozenLinkTable?

    /// The ids a key names: nearly always one, kept without an array (20,000 keys are made
    /// on every build of a 10,000-article site).
    enum Named: Hashable, Sendable {
        case one(String)
        case many([String])

        var ids: [String] {
            switch self {
            case .one(let id): [id]
            case .many(let ids): ids
            }
        }
    }
    /// Actor names and aliases, for mention detection.
    public internal(set) var mentionPatterns: [MentionMatcher.Pattern] = []

    /// Fingerprint of what every rendered body depends on: keys, target kinds and URLs, mention
    /// patterns. Titles are left out: a body depends only on the titles it shows (`labelTargets`).
    public internal(set) var fingerprint: UInt64 = 0

    /// The table read back from the build cache.
    init(frozen: FrozenLinkTable, mentionPatterns: [MentionMatcher.Pattern], fingerprint: UInt64) {
        self.frozen = frozen
        self.mentionPatterns = mentionPatterns
        self.fingerprint = fingerprint
    }

    /// The target with this id.
    public func target(_ id: String) -> Target? {
        withTarget(id) { $0 }
    }

    /// What `part` reads of the target with this id, lent where it lies in a table made in this
    /// build (a page reads the title or short name of hundreds of targets; a copy retained
    /// each of the target's strings).
    func withTarget<R>(_ id: String, _ part: (Target) -> R) -> R? {
        // Asked first only when it holds something: a look-up hashes the id even in an empty
        // table, and pages ask for thousands of targets.
        if !patched.isEmpty, let target = patched[id] { return part(target) }
        if let frozen { return frozen.target(id).map(part) }
        return targets.withValue(of: id, part)
    }

    /// Targets of a frozen table given anew (`updating`): a retitled page's record stays in the file.
    private var patched: [String: Target] = [:]

    /// The ids a key names.
    func ids(forKey key: String) -> [String]? { frozen.map { $0.ids(forKey: key) } ?? keys[key]?.ids }

    /// Every target, and every key with the ids it names (all read, when the table is frozen).
    var allTargets: [Target] {
        let all = frozen?.allTargets() ?? targets.values
        return patched.isEmpty ? all : all.map { patched[$0.id] ?? $0 }
    }

    /// Whether some page gives an old URL (`moved_from`): its keys sort first in a frozen table.
    var namesMovedPages: Bool {
        if let frozen { return frozen.firstKey()?.hasPrefix(Self.movedPrefix) ?? false }
        return keys.keys.contains { $0.hasPrefix(Self.movedPrefix) }
    }

    /// This table with the documents of `changes` (as they were, as they are) in it again, when
    /// each keeps its id, keys and mention names: only a title or short name then differs, which
    /// no key and no fingerprint depends on. Nil when some key or name changed.
    func updating(_ changes: [(before: Document, after: Document)]) -> LinkTable? {
        var table = self
        for (before, after) in changes {
            guard before.id == after.id, Self.keys(of: before) == Self.keys(of: after) else { return nil }
            let target = Target(id: after.id, kind: after.kind, title: after.title, shortName: after.fields.short)
            if frozen != nil { table.patched[after.id] = target } else { table.targets[after.id] = target }
        }
        return table
    }

    /// The keys a document adds to the table, its mention names as written among them.
    static func keys(of document: Document) -> [String] {
        var keys = [Text.lowercased(document.id), Text.lowercased(document.slug)]
        if document.kind == .actor {
            for name in [document.title] + document.fields.aliases where !name.isEmpty { keys.append(name) }
        }
        for urlPath in document.fields.movedFrom {
            for key in MovedFrom.linkKeys(urlPath) { keys.append(movedPrefix + key) }
        }
        return keys
    }
    var allKeys: [(key: String, ids: [String])] { frozen?.allKeys() ?? keys.map { ($0.key, $0.value.ids) } }

    public init(documents: [Document]) {
        defer { fingerprint = computeFingerprint() }
        // Visited as given (in id order from `Stages.select`): the ids a shared key names are
        // kept in (kind, slug) order by `add`, so the table does not depend on the order.
        for document in documents {
            let target = Target(id: document.id, kind: document.kind, title: document.title, shortName: document.fields.short)
            targets[document.id] = target
            add(Text.lowercased(document.id), document.id)
            add(Text.lowercased(document.slug), document.id)
            if document.kind == .actor {
                for name in [document.title] + document.fields.aliases where !name.isEmpty {
                    add(name.lowercased(), document.id)
                    mentionPatterns.append(.init(text: name, target: document.id))
                }
            }
            for urlPath in document.fields.movedFrom {
                for key in MovedFrom.linkKeys(urlPath) { add(Self.movedPrefix + key, document.id) }
            }
        }
    }

    /// Marks the keys of old slugs (`moved_from`): they name a page only when no page has the
    /// key itself, and are never suggested.
    static let movedPrefix = "\u{1}"

    /// Whether `raw` names its page only by an old slug (`moved_from`): the link works, but
    /// should say the page's new name.
    public func isOldName(_ raw: String) -> Bool {
        let key = Text.lowercased(Self.key(raw))
        return ids(forKey: key) == nil && ids(forKey: Self.movedPrefix + key) != nil
    }

    /// How to name a page now: its slug when that names it, else `kind/slug`.
    public func currentName(of target: Target) -> String {
        let slug = String(Document.slug(ofID: target.id))
        if case .found(let found, _, _) = resolve(slug), found.id == target.id { return slug }
        return target.id
    }

    /// A reference without its `#fragment` and surrounding spaces.
    private static func key(_ raw: String) -> String {
        // ASCII (nearly every reference): nothing to trim when neither end is blank, and "#" is
        // found as a byte; other text by Foundation and by characters.
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            let trimmed = raw.utf8.first.map { !isBlank($0) } ?? true && raw.utf8.last.map { !isBlank($0) } ?? true
                ? raw : raw.trimmingCharacters(in: .whitespaces)
            return trimmed.utf8.firstIndex(of: UInt8(ascii: "#")).map { String(trimmed[..<$0]) } ?? trimmed
        }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        return trimmed.firstIndex(of: "#").map { String(trimmed[..<$0]) } ?? trimmed
    }

    /// A sum of per-entry hashes: independent of dictionary order, so no sorting of 30,000 keys.
    private func computeFingerprint() -> UInt64 {
        var total: UInt64 = 0
        for (key, named) in keys {
            var h = StableHash()
            h.combine(key)
            switch named {
            case .one(let id): h.combine(id)
            case .many(let ids): for id in ids { h.combine(id) }
            }
            total &+= h.value
        }
        // A target's URL is its id and a slash: the id is all there is to hash.
        for id in targets.keys { total &+= StableHash.of(id) &* 31 }
        var h = StableHash()
        for p in mentionPatterns { h.combine(p.text); h.combine(p.target) }
        return total ^ h.value
    }

    private mutating func add(_ key: String, _ id: String) {
        switch keys[key] {
        case nil: keys[key] = .one(id)
        case .one(let first)?: if first != id { keys[key] = .many(ordered([first, id])) }
        case .many(let ids)?: if !ids.contains(id) { keys[key] = .many(ordered(ids + [id])) }
        }
    }

    /// Ids sharing a key, by kind then slug: the order `resolve` breaks ties in.
    private func ordered(_ ids: [String]) -> [String] {
        ids.sorted { a, b in
            let (ka, kb) = (targets[a]?.kind ?? .note, targets[b]?.kind ?? .note)
            return ka != kb ? ka < kb : Document.slug(ofID: a) < Document.slug(ofID: b)
        }
    }

    /// Resolves `slug`, `kind/slug` or an actor name; a `#fragment` is kept on the result.
    public func resolve(_ raw: String) -> Resolution {
        // Most references are a bare id or name: no trimming or splitting to do (this runs for
        // every reference of every document on each build).
        let trimmed = raw.utf8.first.map { !Self.isBlank($0) } ?? true && raw.utf8.last.map { !Self.isBlank($0) } ?? true
        var key = trimmed ? raw : raw.trimmingCharacters(in: .whitespaces)
        var fragment: String?
        if raw.utf8.contains(UInt8(ascii: "#")), let hash = key.firstIndex(of: "#") {
            fragment = String(key[key.index(after: hash)...])
            key = String(key[..<hash])
        }
        let lowered = Text.lowercased(key)
        guard let ids = ids(forKey: lowered) ?? ids(forKey: Self.movedPrefix + lowered), let first = ids.first else {
            return .unknown(suggestion: suggestion(for: key))
        }
        // An actor name is unambiguous; otherwise prefer actors, then events, business, notes, articles.
        let chosen = ids.min { rank($0) < rank($1) } ?? first
        guard let target = target(chosen) else { return .unknown(suggestion: nil) }
        return .found(target, fragment: fragment, alternatives: ids.count > 1 ? ids.filter { $0 != chosen } : [])
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte >= 0x80 }

    private func rank(_ id: String) -> Int {
        guard let kind = target(id)?.kind else { return 99 }
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
        let candidates = allKeys.filter { !$0.key.hasPrefix(Self.movedPrefix) }.map { spelled[$0.key] ?? $0.key }
        return Text.suggestion(for: key, in: candidates.sorted())
    }

    /// The result of resolving a link target.
    public enum Resolution: Hashable, Sendable {
        case found(Target, fragment: String?, alternatives: [String])
        case unknown(suggestion: String?)
    }
}

import Foundation

