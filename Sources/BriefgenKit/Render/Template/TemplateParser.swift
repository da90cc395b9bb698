/// Compiles Mustache text into `TemplateNode`s.
///
/// The reading rules (which lines are standalone, what whitespace a partial or block keeps,
/// how a block inside `{{<parent}}` drops the indentation of its first line) are those of
/// swift-mustache 2.1.1, which briefgen used before, so every template renders to the same
/// bytes as it did then. Text is read as Characters, as there, so `\r\n` is one newline.
struct TemplateParser {
    private struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var startDelimiter: [Character] = ["{", "{"]
        var endDelimiter: [Character] = ["}", "}"]
        var partialDefinitionIndent: [Character]?

        func withSectionName(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }

        func withDelimiters(start: [Character], end: [Character]) -> State {
            var state = self
            state.startDelimiter = start
            state.endDelimiter = end
            state.isPartialDefinitionTopLevel = false
            return state
        }
    }

    private let chars: [Character]
    private var position = 0
    /// Where the tag being read starts, for errors about the tag as a whole.
    private var tagStart = 0

    private init(_ text: String) {
        chars = Array(text)
    }

    /// The nodes of `text`, or the first problem found.
    static func compile(_ text: String) throws(Failure) -> [TemplateNode] {
        var parser = TemplateParser(text)
        do {
            return try parser.parse(State())
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "the template ends inside a tag", hint: nil, position: parser.position)
        }
    }

    // MARK: - Reading

    private struct Overflow: Error {}

    private var reachedEnd: Bool { position == chars.count }
    private var current: Character { reachedEnd ? "\0" : chars[position] }

    private func failure(_ message: String, hint: String? = nil, at position: Int? = nil) -> Failure {
        Failure(message: message, hint: hint, position: position ?? self.position)
    }

    @discardableResult
    private mutating func skim(while predicate: (Character) -> Bool) -> ArraySlice<Character> {
        let start = position
        while !reachedEnd, predicate(chars[position]) { position += 1 }
        return chars[start..<position]
    }

    /// Reads up to the first character matching `predicate`; without one, fails and stays put.
    private mutating func skim(upTo predicate: (Character) -> Bool) throws -> ArraySlice<Character> {
        let start = position
        while !reachedEnd {
            if predicate(chars[position]) { return chars[start..<position] }
            position += 1
        }
        position = start
        throw Overflow()
    }

    /// Reads `string` if it comes next; fails when fewer characters than it are left.
    private mutating func read(string: [Character]) throws -> Bool {
        guard !string.isEmpty else { return true }
        guard chars.count - position >= string.count else { throw Overflow() }
        guard chars[position..<(position + string.count)].elementsEqual(string) else { return false }
        position += string.count
        return true
    }

    /// Reads `character` if it comes next; fails at the end.
    private mutating func read(_ character: Character) throws -> Bool {
        guard !reachedEnd else { throw Overflow() }
        guard chars[position] == character else { return false }
        position += 1
        return true
    }

    // MARK: - Parsing

    private mutating func parse(_ initial: State) throws -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whiteSpaceBefore: [Character] = []
        func flushWhiteSpace() {
            if !whiteSpaceBefore.isEmpty {
                nodes.append(.text(Self.bytes(whiteSpaceBefore)))
                whiteSpaceBefore = []
            }
        }
        while !reachedEnd {
            if state.newLine {
                let whiteSpace = Array(skim(while: { $0 == " " || $0 == "\t" }))
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    // Inside a block of `{{<parent}}`: the first line's indentation is dropped,
                    // and as much of each later line's.
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readUntilDelimiterOrNewline(state)
            if current.isNewline {
                nodes.append(.text(Self.bytes(whiteSpaceBefore + text + [current])))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Self.bytes(whiteSpaceBefore + text)))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if reachedEnd { break }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try parseName(state)
                if isStandalone(state) {
                    setNewLine = true
                } else {
                    flushWhiteSpace()
                }
                let body = try parse(state.withSectionName(name, newLine: setNewLine))
                nodes.append(inverted ? .inverted(TemplateName(name), body) : .section(TemplateName(name), body))

            case "/":
                position += 1
                let start = position
                let name = try parseName(state)
                guard name == state.sectionName else {
                    let open = state.sectionName.map { "the open section `\($0)`" } ?? "no open section"
                    throw failure("`\(String(state.startDelimiter))/\(name)\(String(state.endDelimiter))` does not close \(open)",
                                  at: start)
                }
                if !isStandalone(state) { flushWhiteSpace() }
                return nodes

            case "!":
                position += 1
                try skipComment(state)
                setNewLine = isStandalone(state)

            case "{":
                flushWhiteSpace()
                position += 1
                let name = try parseName(state)
                guard try read("}") else { throw unfinished() }
                nodes.append(.variable(TemplateName(name), escaped: false))

            case "&":
                flushWhiteSpace()
                position += 1
                let name = try parseName(state)
                nodes.append(.variable(TemplateName(name), escaped: false))

            case ">":
                position += 1
                skim(while: \.isWhitespace)
                if current == "*" { throw dynamicPartial() }
                let name = try parsePartialName(state)
                let indentation = whiteSpaceBefore
                flushWhiteSpace()
                if isStandalone(state) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: Self.bytes(indentation), overrides: nil))
                } else {
                    nodes.append(.partial(name, indentation: nil, overrides: nil))
                }

            case "<":
                position += 1
                skim(while: \.isWhitespace)
                let name = try parsePartialName(state)
                if name.first == "*" { throw dynamicPartial() }
                let indentation = whiteSpaceBefore
                flushWhiteSpace()
                if isStandalone(state) { setNewLine = true }
                let body = try parse(state.withInheritancePartial(name))
                var overrides: [String: TemplateOverride] = [:]
                for node in body {
                    switch node {
                    case .blockDefinition(let block, let override): overrides[block] = override
                    case .text: break
                    default:
                        throw failure("only `{{$block}}…{{/block}}` overrides can be inside `{{<\(name)}}`",
                                      hint: "move other tags into one of the blocks")
                    }
                }
                nodes.append(.partial(name, indentation: Self.bytes(indentation), overrides: overrides))

            case "$":
                let start = tagStart
                position += 1
                let name = try parseName(state)
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state.withSectionName(name, newLine: setNewLine))
                    nodes.append(.blockDefinition(name, TemplateOverride(nodes: body, position: start)))
                } else {
                    let indentation = whiteSpaceBefore
                    flushWhiteSpace()
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state.withSectionName(name, newLine: setNewLine))
                    nodes.append(.block(name, defaults: body, indentation: Self.bytes(indentation), position: start))
                }

            case "=":
                position += 1
                state = try setDelimiters(state)
                setNewLine = isStandalone(state)

            case "%":
                throw failure("pragmas such as `{{%…}}` are not supported", hint: "remove the tag; `{{x}}` is always HTML-escaped and `{{{x}}}` never is",
                              at: tagStart)

            default:
                flushWhiteSpace()
                let name = try parseName(state)
                nodes.append(.variable(TemplateName(name), escaped: true))
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName {
            throw failure("section `\(open)` is never closed", hint: "add `\(String(state.startDelimiter))/\(open)\(String(state.endDelimiter))`")
        }
        return nodes
    }

    /// Text up to a newline (not read) or past the start delimiter of the next tag.
    private mutating func readUntilDelimiterOrNewline(_ state: State) throws -> [Character] {
        guard let first = state.startDelimiter.first else { return [] }
        var text: [Character] = []
        while !reachedEnd {
            while !reachedEnd, chars[position] != "\n", chars[position] != "\r\n", chars[position] != first {
                text.append(chars[position])
                position += 1
            }
            if current.isNewline {
                break
            } else if current == first {
                let start = position
                if try read(string: state.startDelimiter) {
                    tagStart = start
                    break
                }
                text.append(first)
                position += 1
            }
        }
        return text
    }

    /// Whether a character may be part of a name (`/` only in a partial's): ASCII letters,
    /// digits and `.-_?()*`, looked up by code rather than hashed in a set of Characters.
    private static func isNameCharacter(_ character: Character, partial: Bool) -> Bool {
        guard let code = character.asciiValue else { return false }
        switch code {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"):
            return true
        case UInt8(ascii: "/"):
            return partial
        default:
            return false
        }
    }

    private mutating func parseName(_ state: State) throws -> String {
        skim(while: \.isWhitespace)
        let name = String(skim(while: { Self.isNameCharacter($0, partial: false) }))
        skim(while: \.isWhitespace)
        guard try read(string: state.endDelimiter) else { throw unfinished() }
        // Names are ASCII: looked for as characters, not through Foundation's string search.
        if name.contains("(" as Character) {
            throw failure("`\(name)` applies a transform, which briefgen's templates do not support",
                          hint: "read the value as it is, e.g. `\(TemplateLint.variablePath(name))`", at: tagStart)
        }
        if name.contains(")" as Character) { throw unfinished() }
        return name
    }

    private mutating func parsePartialName(_ state: State) throws -> String {
        skim(while: \.isWhitespace)
        let name = String(skim(while: { Self.isNameCharacter($0, partial: true) }))
        skim(while: \.isWhitespace)
        guard try read(string: state.endDelimiter) else { throw unfinished() }
        return name
    }

    private func unfinished() -> Failure {
        failure("the tag is not closed, or its name has a character a name cannot have",
                hint: "names use letters, digits and `.-_?`")
    }

    private func dynamicPartial() -> Failure {
        failure("dynamic partials (`{{>*name}}`) are not supported", hint: "name the template: `{{>name}}`", at: tagStart)
    }

    /// Skips a comment up to and past the end delimiter.
    private mutating func skipComment(_ state: State) throws {
        let end = state.endDelimiter
        let start = position
        var matched = 0
        // The same scan as swift-mustache's, which restarts after a partial match.
        while !reachedEnd {
            if chars[position] == end[matched] {
                matched += 1
                if matched == end.count {
                    position += 1
                    return
                }
            } else {
                matched = 0
            }
            position += 1
        }
        position = start
        throw Overflow()
    }

    private mutating func setDelimiters(_ state: State) throws -> State {
        let start: ArraySlice<Character>, end: ArraySlice<Character>
        let invalid = failure("a set-delimiter tag must look like `{{=<% %>=}}`", at: tagStart)
        do {
            skim(while: \.isWhitespace)
            start = try skim(upTo: \.isWhitespace)
            skim(while: \.isWhitespace)
            end = try skim(upTo: { $0 == "=" || $0.isWhitespace })
            skim(while: \.isWhitespace)
        } catch {
            throw invalid
        }
        guard try read("=") else { throw invalid }
        guard try read(string: state.endDelimiter) else { throw invalid }
        guard !start.isEmpty, !end.isEmpty else { throw invalid }
        return state.withDelimiters(start: Array(start), end: Array(end))
    }

    /// True (and past the line's end) when only spaces, tabs and a newline, or the end of the
    /// text, follow the tag on a line that had nothing before it.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if reachedEnd { return true }
        var next = position
        while next < chars.count, chars[next] == " " || chars[next] == "\t" { next += 1 }
        guard next < chars.count, chars[next].isNewline else { return false }
        position = next + 1
        return true
    }

    private static func bytes<S: Sequence<Character>>(_ characters: S) -> [UInt8] {
        var bytes: [UInt8] = []
        for character in characters { bytes.append(contentsOf: character.utf8) }
        return bytes
    }
}
