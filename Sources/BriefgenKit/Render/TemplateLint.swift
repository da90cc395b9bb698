/// A light scanner over Mustache source that knows where every tag is, so errors can name
/// the line and column the compiler, reading as swift-mustache did, cannot (an unclosed
/// section's opening tag, a tag left open where it starts) and so the
/// variables a template reads can be checked against what pages provide.
struct TemplateLint {
    enum TagKind: Equatable { case variable, unescaped, section, inverted, close, partial, parent, block, comment, other, unterminated }

    struct Tag: Hashable, Sendable {
        var kind: TagKind
        var name: String
        var line: Int
        var column: Int
    }

    /// Tags of `text` in order; nil when the template changes delimiters (then only the compiler,
    /// `TemplateParser`, checks it).
    static func tags(_ text: String) -> [Tag]? {
        // Read as Characters (so `\r\n` is one), each tag compared where it lies: every
        // template is read on every build, and this scan made an array at each character of a
        // tag and searched its text through Foundation.
        var tags: [Tag] = []
        let chars = Array(text)
        var i = 0, line = 1, column = 1
        func advance(_ n: Int) {
            for _ in 0..<n where i < chars.count {
                if chars[i] == "\n" || chars[i] == "\r\n" { line += 1; column = 1 } else { column += 1 }
                i += 1
            }
        }
        while i < chars.count {
            guard chars[i] == "{", i + 1 < chars.count, chars[i + 1] == "{" else { advance(1); continue }
            let startLine = line, startColumn = column
            let triple = i + 2 < chars.count && chars[i + 2] == "{"
            let open = triple ? 3 : 2
            // The closer: as many `}` as the tag opened with.
            func closes(at j: Int) -> Bool {
                for k in 0..<open where chars[j + k] != "}" { return false }
                return true
            }
            var j = i + open
            while j + open <= chars.count, !closes(at: j) { j += 1 }
            let inner = chars[(i + open)..<min(j, chars.count)]
            // A tag runs to its `}}` on the same line; another `{{` first, or none at all, means
            // this one was never closed: reported here, not as the section it throws off.
            let opensAgain = zip(inner, inner.dropFirst()).contains { $0 == "{" && $1 == "{" }
            let breaksLine = inner.first != "!" && inner.contains { $0.unicodeScalars.contains("\n") }
            if j + open > chars.count || opensAgain || breaksLine {
                let name = inner.prefix { $0 != "{" && $0 != "\n" && $0 != "<" && $0 != "}" }
                tags.append(Tag(kind: .unterminated, name: Text.trimmedSpaces(Substring(name)), line: startLine, column: startColumn))
                return tags
            }
            var name = Text.trimmedSpaces(Substring(inner))
            var kind: TagKind = triple ? .unescaped : .variable
            if !triple, let sigil = name.first {
                switch sigil {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case "&": kind = .unescaped
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "!": kind = .comment
                case "=": return nil
                case "%": kind = .other
                default: break
                }
                if kind != .variable { name = Text.trimmedSpaces(name.dropFirst()) }
            }
            tags.append(Tag(kind: kind, name: name, line: startLine, column: startColumn))
            advance(j + open - i)
        }
        return tags
    }


    /// Section structure problems, each at the tag that causes it.
    static func structureErrors(_ tags: [Tag], file: String) -> [Diagnostic] {
        var stack: [Tag] = []
        var errors: [Diagnostic] = []
        for tag in tags {
            switch tag.kind {
            case .unterminated:
                return errors + [.error(SourceLocation(file: file, line: tag.line, column: tag.column),
                                        "tag `{{\(tag.name)` is never closed",
                                        hint: "end it with `}}` on the same line")]
            case .section, .inverted, .parent, .block:
                stack.append(tag)
            case .close:
                guard let open = stack.popLast() else {
                    errors.append(.error(SourceLocation(file: file, line: tag.line, column: tag.column),
                                         "`{{/\(tag.name)}}` closes a section that was never opened"))
                    continue
                }
                if open.name != tag.name, stack.contains(where: { $0.name == tag.name }) {
                    // The close belongs to an outer section: the inner one was left open.
                    return [.error(SourceLocation(file: file, line: open.line, column: open.column),
                                   "section `{{\(sigil(open.kind))\(open.name)}}` is never closed",
                                   hint: "add `{{/\(open.name)}}` before `{{/\(tag.name)}}` at \(tag.line):\(tag.column)")]
                }
                if open.name != tag.name {
                    errors.append(.error(SourceLocation(file: file, line: tag.line, column: tag.column),
                                         "`{{/\(tag.name)}}` does not match the open section `{{\(sigil(open.kind))\(open.name)}}` at \(open.line):\(open.column)",
                                         hint: "close it with `{{/\(open.name)}}` first"))
                    return errors
                }
            default:
                break
            }
        }
        for open in stack.reversed() {
            errors.append(.error(SourceLocation(file: file, line: open.line, column: open.column),
                                 "section `{{\(sigil(open.kind))\(open.name)}}` is never closed",
                                 hint: "add `{{/\(open.name)}}` where the section ends"))
        }
        return errors
    }

    static func sigil(_ kind: TagKind) -> String {
        switch kind {
        case .section: "#"
        case .inverted: "^"
        case .parent: "<"
        case .block: "$"
        default: ""
        }
    }

    /// The variable path a tag reads, without transforms: `upper(page.title)` → `page.title`.
    static func variablePath(_ name: String) -> String {
        var path = name
        while let open = path.firstIndex(of: "("), let close = path.lastIndex(of: ")"), open < close {
            path = String(path[path.index(after: open)..<close])
        }
        return path.trimmingCharacters(in: .whitespaces)
    }
}
