import Foundation
import Synchronization

/// The templates a build renders with: the built-in theme, overridden file by file by the
/// site's `templates/*.mustache`.
public struct TemplateSet: Sendable {
    /// Where a template's text came from.
    public struct Source: Hashable, Sendable {
        public var name: String
        /// `templates/actor.mustache` for a site override, `(built-in)/actor.mustache` otherwise.
        public var path: String
        public var text: String
        public var overridden: Bool
        /// The text's tags, read once for the checks and fingerprints; nil when they cannot be read.
        var tags: [TemplateLint.Tag]?
    }

    public private(set) var sources: [String: Source] = [:]
    private var library = TemplateLibrary()
    /// Computed once per set (see `fingerprints()` and `unknownVariables`).
    public private(set) var fingerprints: [String: UInt64] = [:]
    /// Variables the templates read that no page provides.
    public private(set) var unknownVariables: [Diagnostic] = []

    /// Template sets already built in this process, by a fingerprint of their overrides: a
    /// preview server or a test rebuilding many times parses unchanged templates once.
    private static let memo = Mutex<[UInt64: (TemplateSet, [Diagnostic])]>([:])

    /// Identifies a set by its overrides (the built-in theme is part of the briefgen version).
    public static func key(overrides: [String: (path: String, text: String)]) -> UInt64 {
        var key = StableHash()
        for name in overrides.keys.sorted() {
            key.combine(name); key.combine(overrides[name]!.path); key.combine(overrides[name]!.text)
        }
        return key.value
    }

    /// Builds the set from the built-in theme and the given overrides (name → text, path).
    /// `knownUnknownVariables` are the findings of an earlier check of the same set, which
    /// is then not checked again (the build graph keeps them).
    public static func make(overrides: [String: (path: String, text: String)],
                            knownUnknownVariables: [Diagnostic]? = nil) -> (TemplateSet, [Diagnostic]) {
        let key = key(overrides: overrides)
        if let known = memo.withLock({ $0[key] }) { return known }
        var made = build(overrides: overrides)
        made.0.fingerprints = made.0.computeFingerprints()
        made.0.unknownVariables = knownUnknownVariables ?? made.0.unknownVariables(provided: ContextVocabulary.keys)
        memo.withLock { cache in
            if cache.count > 16 { cache.removeAll() }
            cache[key] = made
        }
        return made
    }

    private static func build(overrides: [String: (path: String, text: String)]) -> (TemplateSet, [Diagnostic]) {
        var set = TemplateSet()
        var diagnostics: [Diagnostic] = []
        for (name, text) in DefaultTheme.templates {
            set.sources[name] = Source(name: name, path: "(built-in)/\(name).mustache", text: text, overridden: false,
                                       tags: TemplateLint.tags(text))
        }
        for (name, override) in overrides {
            if set.sources[name] == nil {
                diagnostics.append(.warning(SourceLocation(file: override.path),
                                            "template `\(name)` is not part of the theme; it can only be used as a partial",
                                            hint: Text.suggestion(for: name, in: DefaultTheme.templates.keys.sorted())
                                                .map { "did you mean `\($0).mustache`?" }))
            }
            let text = DefaultTheme.templateText(override.text)
            set.sources[name] = Source(name: name, path: override.path, text: text, overridden: true,
                                       tags: TemplateLint.tags(text))
        }
        for name in set.sources.keys.sorted() {
            let source = set.sources[name]!
            if let tags = source.tags {
                let structural = TemplateLint.structureErrors(tags, file: source.path)
                if !structural.isEmpty {
                    diagnostics += structural
                    continue
                }
                for tag in tags where tag.kind == .partial || tag.kind == .parent {
                    if set.sources[tag.name] == nil {
                        diagnostics.append(.error(SourceLocation(file: source.path, line: tag.line, column: tag.column),
                                                  "template `\(tag.name)` does not exist",
                                                  hint: Text.suggestion(for: tag.name, in: set.sources.keys.sorted())
                                                      .map { "did you mean `\($0)`?" } ?? "create templates/\(tag.name).mustache"))
                    }
                }
            }
            do {
                try set.library.register(source.text, named: name)
            } catch {
                let (line, column, text) = TemplateParser.location(of: error.position, in: source.text)
                diagnostics.append(.error(SourceLocation(file: source.path, line: line, column: column),
                                          "template syntax error: \(error.message)",
                                          hint: error.hint ?? "near `\(text.trimmingCharacters(in: .whitespaces))`"))
            }
        }
        diagnostics += includeCycles(set.sources)
        diagnostics += set.blockLoops()
        diagnostics += pagerWarnings(set.sources)
        return (set, diagnostics)
    }

    /// Page templates of paginated lists whose override never shows the page navigation
    /// (`{{>pager}}` or `{{#pager}}`, itself or in a partial it includes): a warning each, as
    /// pages 2… of the list would be linked from nowhere but the sitemap.
    private static func pagerWarnings(_ sources: [String: Source]) -> [Diagnostic] {
        let paginated = Set([PagedList.timeline, .sources, .business, .notes, .disputes, .mentions(actor: "")].map(\.kind.rawValue))
        return paginated.sorted().compactMap { name -> Diagnostic? in
            guard let source = sources[name], source.overridden, let tags = source.tags else { return nil }
            var seen: Set<String> = [name]
            var stack = [tags]
            while let next = stack.popLast() {
                for tag in next {
                    if tag.kind == .partial, tag.name == "pager" { return nil }
                    if tag.kind != .partial, TemplateLint.variablePath(tag.name).split(separator: ".").first == "pager" { return nil }
                    if tag.kind == .partial, seen.insert(tag.name).inserted, let included = sources[tag.name]?.tags { stack.append(included) }
                }
            }
            return .warning(SourceLocation(file: source.path),
                            "template `\(name)` shows no page navigation; pages 2… of its list are linked only from the sitemap",
                            hint: "add `{{>pager}}` where the list ends (see README, \"Templates\"), or `briefgen theme eject \(name)` again")
        }
    }

    /// An error for each block inside an override of its own name (which would never finish
    /// rendering), at the inner block.
    private func blockLoops() -> [Diagnostic] {
        library.blockLoops().compactMap { loop in
            guard let inner = sources[loop.template], let outer = sources[loop.overrideTemplate] else { return nil }
            let at = TemplateParser.location(of: loop.position, in: inner.text)
            let override = TemplateParser.location(of: loop.overridePosition, in: outer.text)
            return .error(SourceLocation(file: inner.path, line: at.line, column: at.column),
                          "`{{$\(loop.name)}}` is inside the override of `\(loop.name)` in \(outer.path):\(override.line):\(override.column), "
                              + "which would render it again without end",
                          hint: "rename one of the two blocks, or move this one out of the override")
        }
    }

    /// An error for each cycle of templates including one another (which would never finish
    /// rendering), at the include that closes it.
    private static func includeCycles(_ sources: [String: Source]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported = Set<[String]>()
        var done = Set<String>()
        func visit(_ name: String, _ stack: [String]) {
            guard !done.contains(name), let source = sources[name] else { return }
            for tag in source.tags ?? [] where tag.kind == .partial || tag.kind == .parent {
                if let start = stack.firstIndex(of: tag.name) ?? (tag.name == name ? stack.count : nil) {
                    let cycle = Array(stack[start...]) + (stack.last == name ? [] : [name])
                    guard reported.insert(cycle.sorted()).inserted else { continue }
                    diagnostics.append(.error(SourceLocation(file: source.path, line: tag.line, column: tag.column),
                                              "template `\(name)` includes `\(tag.name)`, which includes it again: "
                                                  + (cycle + [tag.name]).joined(separator: " → "),
                                              hint: "a template cannot include itself, directly or through others"))
                } else {
                    visit(tag.name, stack + [name])
                }
            }
            done.insert(name)
        }
        for name in sources.keys.sorted() { visit(name, []) }
        return diagnostics
    }

    /// Renders `context` with the named template: the page's bytes.
    func render(_ name: String, _ context: Any) -> Data {
        library.render(name, context)
    }

    /// For each template, a fingerprint of its text and of every template it includes.
    func computeFingerprints() -> [String: UInt64] {
        var includes: [String: [String]] = [:]
        for (name, source) in sources {
            includes[name] = (source.tags ?? [])
                .filter { $0.kind == .partial || $0.kind == .parent }.map(\.name)
        }
        var result: [String: UInt64] = [:]
        for name in sources.keys {
            var seen: Set<String> = []
            var stack = [name]
            while let next = stack.popLast() {
                guard seen.insert(next).inserted else { continue }
                stack += includes[next] ?? []
            }
            var h = StableHash()
            for member in seen.sorted() { h.combine(member); h.combine(sources[member]?.text ?? "") }
            result[name] = h.value
        }
        return result
    }

    /// Reports every variable a template reads that no page's context provides.
    func unknownVariables(provided: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let builtins: Set<String> = [".", "first", "last", "index", "even", "odd"]
        for name in sources.keys.sorted() {
            let source = sources[name]!
            guard let tags = source.tags else { continue }
            for tag in tags where [.variable, .unescaped, .section, .inverted].contains(tag.kind) {
                let path = TemplateLint.variablePath(tag.name)
                if path == "." { continue }
                for segment in path.split(separator: ".").map(String.init)
                where !provided.contains(segment) && !builtins.contains(segment) {
                    diagnostics.append(.error(
                        SourceLocation(file: source.path, line: tag.line, column: tag.column),
                        "template reads `\(segment)`, which no page provides",
                        hint: Text.suggestion(for: segment, in: provided.sorted()).map { "did you mean `\($0)`?" }
                            ?? "see the README for the variables each page provides"))
                    break
                }
            }
        }
        return diagnostics
    }
}

