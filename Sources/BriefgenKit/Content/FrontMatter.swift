import Yams

/// A file split into its YAML front matter and its body.
public struct FrontMatter: Sendable {
    /// The YAML text between the `---` lines, or nil when the file has none.
    public var yaml: String?
    /// Line of the file where the YAML starts (the line after the opening `---`).
    public var yamlLine: Int
    public var body: String
    /// Line of the file where the body starts.
    public var bodyLine: Int

    /// The lines that open and close a front matter (trimmed), made once.
    private static let openingMarkers: Set<String> = ["---"], closingMarkers: Set<String> = ["---", "..."]

    /// Splits `text`; a front matter that is opened but never closed is an error.
    /// Lines are found on the UTF-8 bytes, only up to the closing `---`, and each part is cut out once.
    public static func split(_ text: String, file: String) -> (FrontMatter, [Diagnostic]) {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let utf8 = text.utf8
        var cursor: String.Index? = utf8.startIndex  // where the next line starts; nil after the last
        var count = 0  // lines read
        func nextLine() -> Range<String.Index>? {
            guard let start = cursor else { return nil }
            count += 1
            if let newline = utf8[start...].firstIndex(of: 0x0A) {
                cursor = utf8.index(after: newline)
                return start..<newline
            }
            cursor = nil
            return start..<utf8.endIndex
        }
        func isMarker(_ line: Range<String.Index>, _ markers: Set<String>) -> Bool {
            let bytes = utf8[line]
            guard bytes.count <= 16 else { return false }
            // An ASCII line is trimmed as bytes (ASCII white space is 9–13 and 32); others by Foundation.
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return markers.contains(text[line].trimmingCharacters(in: .whitespacesAndNewlines)) }
            let isSpace = { (byte: UInt8) in byte == 32 || (byte >= 9 && byte <= 13) }
            guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return markers.contains("") }
            let last = bytes.lastIndex(where: { !isSpace($0) })!
            return markers.contains(String(text[first...last]))
        }
        guard let first = nextLine(), isMarker(first, openingMarkers) else {
            return (FrontMatter(yaml: nil, yamlLine: 1, body: text, bodyLine: 1), [])
        }
        let yamlStart = cursor ?? utf8.endIndex
        while let line = nextLine() {
            guard isMarker(line, closingMarkers) else { continue }
            let yaml = line.lowerBound > yamlStart ? String(text[yamlStart..<text.index(before: line.lowerBound)]) : ""
            let body = cursor.map { String(text[$0...]) } ?? ""
            return (FrontMatter(yaml: yaml, yamlLine: 2, body: body, bodyLine: count + 1), [])
        }
        let diagnostic = Diagnostic.error(
            SourceLocation(file: file, line: 1, column: 1),
            "front matter opened with `---` is never closed",
            hint: "did you forget the closing `---` line after the YAML?")
        return (FrontMatter(yaml: nil, yamlLine: 1, body: "", bodyLine: count + 1), [diagnostic])
    }
}

/// Reads typed values out of a YAML mapping, recording diagnostics with file locations.
struct FieldReader {
    let file: String
    /// Line of the file where the YAML text starts.
    let lineOffset: Int
    private(set) var values: [String: Node] = [:]
    private(set) var locations: [String: SourceLocation] = [:]
    private(set) var order: [String] = []
    var diagnostics: [Diagnostic] = []

    /// Whether `text` is empty or only white space: decided on the first byte that is not ASCII
    /// white space when it is ASCII (any front matter), by Foundation's trimming otherwise.
    private static func isBlank(_ text: String) -> Bool {
        guard let first = text.utf8.first(where: { !($0 == 32 || ($0 >= 9 && $0 <= 13)) }) else { return true }
        return first < 0x80 ? false : text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// Plain scalars are read as text here (`string`, then our own checks), so the only
    /// implicit tag that changes what we read is `=` (a mapping's value key); Yams' default
    /// resolver also tries six regular expressions on every scalar it hashes for its
    /// duplicate-key check. The encoding is given because `Parser.Encoding.default` reads the
    /// whole process environment on every call (a third of parsing a front matter). Values are
    /// read from the nodes, never constructed, so the constructor's tables are empty:
    /// `Constructor.default` builds its three tables again on every call.
    private static let resolver = Resolver.basic.appending(.value)

    init(yaml: String?, file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
        guard let yaml, !Self.isBlank(yaml) else { return }
        do {
            guard let node = try Yams.compose(yaml: yaml, Self.resolver, Constructor([:], [:], [:]), .utf8) else { return }
            guard let mapping = node.mapping else {
                let what = file.hasSuffix(".yml") || file.hasSuffix(".yaml") ? file : "front matter"
                diagnostics.append(.error(location(of: node), "\(what) must be a mapping of `key: value` lines",
                                          hint: "write e.g. `title: My page`"))
                return
            }
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                if values[name] != nil {
                    diagnostics.append(.error(location(of: key), "key `\(name)` is given twice"))
                }
                values[name] = value
                locations[name] = location(of: key)
                order.append(name)
            }
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, file: file, lineOffset: lineOffset))
        } catch {
            diagnostics.append(.error(SourceLocation(file: file, line: lineOffset), "cannot read front matter: \(error)"))
        }
    }

    static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let where_ = SourceLocation(file: file, line: mark.line + lineOffset - 1, column: mark.column)
            let extra = context.map { " \($0.text)" } ?? ""
            return .error(where_, "invalid YAML: \(problem)\(extra)",
                          hint: "check indentation and quote values that contain `:` or `#`")
        case let .duplicatedKeysInMapping(duplicates, context):
            let where_ = SourceLocation(file: file, line: context.mark.line + lineOffset - 1, column: context.mark.column)
            return .error(where_, "duplicate keys: \(duplicates.joined(separator: ", "))", hint: "keep one of each")
        default:
            return .error(SourceLocation(file: file, line: lineOffset), "invalid YAML: \(error)")
        }
    }

    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file, line: lineOffset) }
        return SourceLocation(file: file, line: mark.line + lineOffset - 1, column: mark.column)
    }

    func keyLocation(_ key: String) -> SourceLocation { locations[key] ?? SourceLocation(file: file, line: lineOffset) }

    /// Keeps the location of a part of a value (an item of a list) under a key of its own.
    mutating func noteLocation(_ location: SourceLocation, as key: String) { locations[key] = location }

    /// A scalar as text; a list or mapping is an error.
    mutating func string(_ key: String) -> String? {
        guard let node = values[key] else { return nil }
        if case .scalar(let scalar) = node {
            if scalar.style == .plain, scalar.string == "~" || scalar.string == "null" || scalar.string.isEmpty {
                return nil
            }
            return scalar.string
        }
        diagnostics.append(.error(location(of: node), "`\(key)` must be a single value, not a list or mapping"))
        return nil
    }

    /// For a list item YAML read as a mapping because of a `: ` in its text, how to write it.
    static func colonHint(_ item: Node) -> String? {
        guard case .mapping(let mapping) = item, mapping.count == 1, let (key, value) = mapping.first,
              let left = key.string, let right = value.string else { return nil }
        let text = "\(left): \(right)".replacingOccurrences(of: "\"", with: "\\\"")
        return "the `: ` makes YAML read this item as a key and a value; put it in quotes: - \"\(text)\""
    }

    /// A list of scalars; a single scalar counts as a list of one.
    mutating func strings(_ key: String) -> [String] {
        guard let node = values[key] else { return [] }
        switch node {
        case .scalar(let scalar):
            return scalar.string.isEmpty ? [] : [scalar.string]
        case .sequence(let sequence):
            var out: [String] = []
            for item in sequence {
                if let text = item.string { out.append(text) } else {
                    diagnostics.append(.error(location(of: item), "`\(key)` must be a list of plain values",
                                              hint: Self.colonHint(item)))
                }
            }
            return out
        default:
            diagnostics.append(.error(location(of: node), "`\(key)` must be a list, like `[a, b]`"))
            return []
        }
    }

    /// A list of page references, each a slug or a `[[link]]`: YAML reads `[[a]]` as a list
    /// holding a list, and `"[[a]]"` as text, so both are unwrapped.
    mutating func references(_ key: String) -> [String] {
        guard let node = values[key] else { return [] }
        var out: [String] = []
        func add(_ node: Node) {
            switch node {
            case .scalar(let scalar):
                var text = scalar.string.trimmingCharacters(in: .whitespaces)
                if text.hasPrefix("[["), text.hasSuffix("]]") { text = String(text.dropFirst(2).dropLast(2)) }
                if let bar = text.firstIndex(of: "|") { text = String(text[..<bar]) }
                if !text.isEmpty { out.append(text) }
            case .sequence(let sequence):
                for item in sequence { add(item) }
            default:
                diagnostics.append(.error(location(of: node), "`\(key)` must be a list of pages, like `[event-slug]` or `[[event-slug]]`"))
            }
        }
        add(node)
        return out
    }

    mutating func bool(_ key: String) -> Bool {
        guard let node = values[key] else { return false }
        switch node.string?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off", nil: return false
        default:
            diagnostics.append(.error(location(of: node), "`\(key)` must be true or false"))
            return false
        }
    }

    mutating func date(_ key: String) -> PartialDate? {
        guard let node = values[key], let text = string(key) else { return nil }
        if let date = PartialDate(parsing: text) { return date }
        diagnostics.append(.error(location(of: node), "`\(key)` is not a date: \"\(text)\"",
                                  hint: "write YYYY-MM-DD, YYYY-MM or YYYY"))
        return nil
    }

    /// Warns about keys the kind does not know, suggesting the nearest known key.
    mutating func warnUnknown(known: Set<String>, what: String) {
        for key in order where !known.contains(key) {
            let hint = Text.suggestion(for: key, in: known.sorted()).map { "did you mean `\($0)`?" }
            diagnostics.append(.warning(keyLocation(key), "unknown key `\(key)` for \(what); it is ignored", hint: hint))
        }
    }

    mutating func require(_ keys: [String], what: String, hasYAML: Bool) {
        for key in keys {
            if let node = values[key] {
                // `date:`, `date: null`, `date: ~`: written, but with no value.
                if case .scalar(let scalar) = node, scalar.style == .plain,
                   scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" {
                    diagnostics.append(.error(keyLocation(key), "required key `\(key)` has no value",
                                              hint: key == "date" ? "write YYYY-MM-DD, YYYY-MM or YYYY" : "give `\(key):` a value"))
                }
                continue
            }
            let hint = hasYAML ? "add `\(key):` to the front matter"
                : "did you forget the `---` lines around the front matter?"
            diagnostics.append(.error(SourceLocation(file: file, line: 1, column: 1),
                                      "\(what) is missing required key `\(key)`", hint: hint))
        }
    }
}

import Foundation
