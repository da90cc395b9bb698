import Yams

/// Turns one content file into a `Document`: a pure function of its path and text.
public enum DocumentParser {
    /// Parses a Markdown content file at `path` (relative to the site root, e.g. `content/actors/x.md`).
    public static func parse(path: String, text: String) -> (Document?, [Diagnostic]) {
        guard let kind = kind(of: path) else {
            return (nil, [.warning(SourceLocation(file: path), "file is not in a content folder; it is ignored",
                                   hint: "put it in content/articles, actors, events, business or notes")])
        }
        if text.allSatisfy({ $0.isWhitespace || $0 == "\u{FEFF}" }) {
            let example = kind.requiredKeys.isEmpty ? "paste the article's text, or write Markdown"
                : "\(kind == .actor || kind == .article || kind == .event ? "an" : "a") \(kind.rawValue) starts with front matter: `---`, "
                    + kind.requiredKeys.map { "`\($0): …`" }.joined(separator: ", ") + ", `---`"
            return (nil, [.error(SourceLocation(file: path), "file is empty", hint: example)])
        }
        let (split, splitDiagnostics) = FrontMatter.split(text, file: path)
        var reader = FieldReader(yaml: split.yaml, file: path, lineOffset: split.yamlLine)
        reader.diagnostics.insert(contentsOf: splitDiagnostics, at: 0)
        reader.diagnostics += Scaffold.placeholderWarnings(path: path, text: text)
        if splitDiagnostics.hasErrors { return (nil, reader.diagnostics) }

        // After a YAML error the keys are unknown: a "missing key" would only repeat it.
        if !reader.diagnostics.hasErrors {
            reader.require(kind.requiredKeys, what: "the \(kind.rawValue)", hasYAML: split.yaml != nil)
        }
        reader.warnUnknown(known: kind.knownKeys, what: "\(kind.rawValue)s")

        var body = split.body
        var bodyLine = split.bodyLine
        var fields = Document.Fields()
        var title: String
        switch kind {
        case .actor:
            title = reader.string("name") ?? ""
            fields.actorKind = reader.string("kind")
            fields.aliases = reader.strings("aliases")
            fields.country = reader.string("country")
            fields.affiliation = reader.string("affiliation")
            if let actorKind = fields.actorKind, !ActorKinds.all.contains(actorKind.lowercased()) {
                reader.diagnostics.append(.warning(
                    reader.keyLocation("kind"), "unknown actor kind `\(actorKind)`",
                    hint: "use one of: \(ActorKinds.all.joined(separator: ", "))"))
            }
        case .event:
            title = reader.string("title") ?? ""
            fields.date = reader.date("date")
            if let precision = reader.string("date_precision") {
                if let p = PartialDate.Precision(rawValue: precision.lowercased()) {
                    fields.date?.precision = p
                    if let d = fields.date, p == .day && d.day == nil || p == .month && d.month == nil {
                        reader.diagnostics.append(.error(
                            reader.keyLocation("date_precision"),
                            "date_precision `\(p.rawValue)` is finer than the date `\(d.iso)`",
                            hint: "a date known to the \(p.rawValue) must give it"))
                    }
                } else {
                    reader.diagnostics.append(.error(
                        reader.keyLocation("date_precision"), "unknown date_precision `\(precision)`",
                        hint: "use day, month, year or approximate"))
                }
            }
            fields.actors = reader.strings("actors")
            fields.sources = reader.strings("sources")
            fields.disputed = disputes(&reader)
            fields.after = reader.references("after")
            fields.facts = facts(&reader)
            if reader.values["year_stated"] != nil, !reader.bool("year_stated") { fields.date?.yearStated = false }
        case .business:
            title = reader.string("title") ?? ""
            fields.audience = reader.strings("audience")
            fields.actions = actions(&reader)
            fields.related = reader.strings("related")
        case .note:
            title = reader.string("title") ?? ""
            fields.related = reader.strings("related")
            fields.story = reader.bool("story")
        case .article:
            reader.readArticleFields(into: &fields)
            fields.facts = facts(&reader)
            if let given = reader.string("title") {
                title = given
            } else {
                (title, body, bodyLine) = titleFromBody(body, bodyLine: bodyLine)
            }
        }
        let summary = reader.string("summary")
        let draft = reader.bool("draft")
        let slug = resolveSlug(path: path, given: reader.string("slug"), location: reader.keyLocation("slug"),
                               diagnostics: &reader.diagnostics)
        if kind != .article, Self.isBlank(title), !reader.diagnostics.hasErrors {
            let key = kind == .actor ? "name" : "title"
            let what = "\(kind.rawValue) \(path.split(separator: "/").last.map(String.init) ?? path)"
            reader.diagnostics.append(.error(reader.locationsByKey[key] ?? SourceLocation(file: path),
                                             "\(what) has an empty `\(key)`", hint: "give it a value"))
        }
        if title.isEmpty { title = slug }
        fields.movedFrom = reader.movedFrom(folder: kind.folder)
        let document = Document(
            kind: kind, slug: slug, path: path, title: title, summary: summary, draft: draft,
            body: body, bodyLine: bodyLine, fields: fields, keyLocations: reader.locationsByKey)
        return (document, reader.diagnostics)
    }

    /// Whether `text` is empty after trimming `.whitespaces`; text starting with a printable
    /// ASCII character (nearly every title) is answered without Foundation.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return false }
        return text.trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// The kind a path's folder stands for: `content/actors/x.md` is an actor.
    public static func kind(of path: String) -> DocumentKind? {
        // An ASCII path is split as bytes (every "/" is a character of its own there).
        if path.utf8.allSatisfy({ $0 < 0x80 }) {
            let parts = path.utf8.split(separator: UInt8(ascii: "/"))
            guard parts.count >= 3, parts[0].elementsEqual("content".utf8) else { return nil }
            return DocumentKind(folder: String(Substring(parts[1])))
        }
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[0] == "content" else { return nil }
        return DocumentKind(folder: String(parts[1]))
    }

    /// Names Windows reserves for devices: a page folder named so cannot be checked out there.
    static let reservedNames: Set<String> = Set(["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] })

    static func resolveSlug(path: String, given: String?, location: SourceLocation,
                            diagnostics: inout [Diagnostic]) -> String {
        let stem = fileStem(path)
        if let given {
            let clean = Text.slugify(given)
            if clean != given || clean.isEmpty {
                let shown = String(given.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined())
                diagnostics.append(.error(location, "slug \"\(shown)\" may only contain a-z, 0-9 and single hyphens",
                                          hint: clean.isEmpty ? "choose a slug of letters and digits" : "use \"\(clean)\""))
                return clean.isEmpty ? Text.slugify(stem) : clean
            }
            if reservedNames.contains(given) {
                diagnostics.append(.error(location, "slug \"\(given)\" is a reserved file name on Windows; the site could not be checked out there",
                                          hint: "add a word, e.g. \"\(given)-page\""))
            }
            return given
        }
        let slug = Text.slugify(stem)
        if reservedNames.contains(slug) {
            diagnostics.append(.error(SourceLocation(file: path), "the file name makes the slug \"\(slug)\", a reserved file name on Windows",
                                      hint: "rename the file, or set another `slug:`"))
        }
        return slug.isEmpty ? "untitled" : slug
    }

    /// The last component of `path` up to its last `.`. An ASCII path is cut as bytes (every
    /// `/` and `.` is a character of its own there); others as characters.
    static func fileStem(_ path: String) -> String {
        let utf8 = path.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            let fileName = String(path.split(separator: "/").last ?? "")
            return fileName.contains(".") ? String(fileName[..<fileName.lastIndex(of: ".")!]) : fileName
        }
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == 0x2F { end = utf8.index(before: end) }
        let start = utf8[..<end].lastIndex(of: 0x2F).map { utf8.index(after: $0) } ?? utf8.startIndex
        return String(path[start..<(utf8[start..<end].lastIndex(of: 0x2E) ?? end)])
    }

    /// An article without a `title:` takes its first heading (removed from the body) or first line.
    static func titleFromBody(_ body: String, bodyLine: Int) -> (String, String, Int) {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("# ") {
                let rest = lines[(index + 1)...].joined(separator: "\n")
                return (String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces), rest, bodyLine + index + 1)
            }
            let plain = line.trimmingCharacters(in: CharacterSet(charactersIn: "#*_ "))
            return (Text.truncateWords(plain, 14), body, bodyLine)
        }
        return ("", body, bodyLine)
    }

    /// `actions:` items: a line of text, or a mapping with `do` and optional `owner`, `when`,
    /// `priority` and `rule`.
    static func actions(_ reader: inout FieldReader) -> [BusinessAction] {
        guard let node = reader.values["actions"] else { return [] }
        if let text = node.string { return text.isEmpty ? [] : [BusinessAction(text: text)] }
        guard let sequence = node.sequence else {
            reader.diagnostics.append(.error(reader.location(of: node), "`actions` must be a list"))
            return []
        }
        let keys: Set<String> = ["do", "owner", "when", "priority", "rule"]
        var result: [BusinessAction] = []
        for item in sequence {
            if let text = item.string {
                result.append(BusinessAction(text: text))
                continue
            }
            guard let map = item.mapping, let text = map["do"]?.string else {
                reader.diagnostics.append(.error(reader.location(of: item), "each action is a line of text or has `do:`",
                                                 hint: "- do: …\n  owner: …\n  when: …\n  priority: high\n  rule: …"))
                continue
            }
            for key in map.keys {
                guard let name = key.string, !keys.contains(name) else { continue }
                reader.diagnostics.append(.warning(reader.location(of: key), "unknown action key `\(name)`; it is ignored",
                                                   hint: Text.suggestion(for: name, in: keys.sorted()).map { "did you mean `\($0)`?" }))
            }
            result.append(BusinessAction(text: text, owner: map["owner"]?.string, when: map["when"]?.string,
                                         priority: map["priority"]?.string, rule: map["rule"]?.string))
        }
        return result
    }

    /// `facts:`: a mapping from a fact's name to the value this event's sources give.
    static func facts(_ reader: inout FieldReader) -> [MarkedFact] {
        guard let node = reader.values["facts"] else { return [] }
        guard let map = node.mapping else {
            reader.diagnostics.append(.error(reader.location(of: node), "`facts` must map a fact to a value",
                                             hint: "facts: {ban began: early June}"))
            return []
        }
        var result: [MarkedFact] = []
        for (key, value) in map {
            guard let name = key.string, let text = value.string, !name.isEmpty, !text.isEmpty else {
                reader.diagnostics.append(.error(reader.location(of: value), "each fact needs a name and a single value",
                                                 hint: "facts: {ban began: early June}"))
                continue
            }
            result.append(MarkedFact(name: name, value: text))
        }
        return result
    }

    static func disputes(_ reader: inout FieldReader) -> [Dispute] {
        guard let node = reader.values["disputed"] else { return [] }
        guard let sequence = node.sequence else {
            reader.diagnostics.append(.error(reader.location(of: node), "`disputed` must be a list of questions",
                                             hint: "- question: …\\n  answers: [{says: …, sources: [slug]}]"))
            return []
        }
        var result: [Dispute] = []
        for item in sequence {
            guard let map = item.mapping, let question = map["question"]?.string else {
                reader.diagnostics.append(.error(reader.location(of: item), "each disputed entry needs a `question`"))
                continue
            }
            var answers: [Dispute.Answer] = []
            for answer in map["answers"]?.sequence ?? Node.Sequence() {
                guard let says = answer.mapping?["says"]?.string else {
                    reader.diagnostics.append(.error(reader.location(of: answer), "each answer needs `says`"))
                    continue
                }
                let sourcesNode = answer.mapping?["sources"]
                let sources = sourcesNode?.sequence?.compactMap(\.string) ?? sourcesNode?.string.map { [$0] } ?? []
                answers.append(Dispute.Answer(says: says, sources: sources, basis: basis(of: answer, sources: sources, &reader)))
            }
            if answers.count < 2 {
                reader.diagnostics.append(.warning(reader.location(of: item),
                                                   "disputed question \"\(question)\" has fewer than two answers",
                                                   hint: "a dispute shows each side with its sources"))
            }
            result.append(Dispute(question: question, answers: answers))
        }
        return result
    }
}

extension DocumentParser {
    static let answerKeys = ["says", "sources", "basis"]

    /// `basis:` of a dispute's side: `stated` (the default), `silence` or `inference`. An
    /// unknown value is an error at it; a side read from silence must name the silent sources.
    /// Other keys of a side are warnings.
    static func basis(of answer: Node, sources: [String], _ reader: inout FieldReader) -> Dispute.Basis {
        guard let map = answer.mapping else { return .stated }
        for (key, _) in map {
            guard let name = key.string, !answerKeys.contains(name) else { continue }
            reader.diagnostics.append(.warning(reader.location(of: key), "unknown key `\(name)` in a side of a dispute; it is ignored",
                                               hint: Text.suggestion(for: name, in: answerKeys).map { "did you mean `\($0)`?" }
                                                   ?? "a side has \(answerKeys.map { "`\($0)`" }.joined(separator: ", "))"))
        }
        guard let node = map["basis"] else { return .stated }
        let values = "stated (the default: its sources say it), silence (its sources do not mention it) or inference (our own reading)"
        guard let text = node.string, let basis = Dispute.Basis(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            reader.diagnostics.append(.error(reader.location(of: node), "unknown basis `\(node.string ?? "")`", hint: "use \(values)"))
            return .stated
        }
        if basis == .silence && sources.isEmpty {
            reader.diagnostics.append(.error(reader.location(of: node), "a side read from silence must name the sources that are silent",
                                             hint: "add `sources: [article-slug]`, or use `basis: inference`"))
        }
        return basis
    }
}

/// Actor kinds the content format names.
public enum ActorKinds {
    public static let all = ["person", "company", "government", "organisation", "model", "country"]
}

extension FieldReader {
    var locationsByKey: [String: SourceLocation] { locations }

    /// The article keys, shared by Markdown articles' front matter and raw articles' sidecars.
    mutating func readArticleFields(into fields: inout Document.Fields) {
        fields.outlet = string("outlet")
        fields.author = string("author")
        fields.published = date("published")
        fields.url = string("url")
        fields.actors = strings("actors")
        fields.tags = strings("tags")
        fields.short = string("short")
    }
}

import Foundation
