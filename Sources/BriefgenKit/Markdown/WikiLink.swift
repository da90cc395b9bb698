/// A `[[target]]` or `[[target|label]]` written in a Markdown body, with where it was written.
public struct WikiLink: Hashable, Sendable {
    /// Exactly the text between `[[` and `]]`, the key the renderer looks up.
    public var raw: String
    public var target: String
    public var label: String?
    /// 1-based line and column within the body.
    public var line: Int
    public var column: Int

    /// Splits `target|label`.
    init(raw: String, line: Int, column: Int) {
        self.raw = raw
        self.line = line
        self.column = column
        if let bar = raw.firstIndex(of: "|") {
            target = raw[..<bar].trimmingCharacters(in: .whitespaces)
            let text = raw[raw.index(after: bar)...].trimmingCharacters(in: .whitespaces)
            label = text.isEmpty ? nil : text
        } else {
            target = raw.trimmingCharacters(in: .whitespaces)
            label = nil
        }
    }

    /// Every wiki link in `body`, outside fenced code blocks and code spans, with positions.
    public static func scan(_ body: String) -> [WikiLink] {
        var result: [WikiLink] = []
        var fence: Substring?
        for (lineIndex, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop(while: { $0 == " " })
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                continue
            }
            if line.hasPrefix("    ") || line.hasPrefix("\t") { continue }  // indented code
            scanLine(Array(line), line: lineIndex + 1, into: &result)
        }
        return result
    }

    private static func scanLine(_ chars: [Character], line: Int, into result: inout [WikiLink]) {
        var i = 0
        var codeTicks = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" { i += 2; continue }
            if c == "`" {
                var run = 0
                while i < chars.count, chars[i] == "`" { run += 1; i += 1 }
                codeTicks = codeTicks == 0 ? run : (codeTicks == run ? 0 : codeTicks)
                continue
            }
            if codeTicks == 0, c == "[", i + 1 < chars.count, chars[i + 1] == "[" {
                var j = i + 2
                while j + 1 < chars.count, !(chars[j] == "]" && chars[j + 1] == "]"), chars[j] != "[" { j += 1 }
                if j + 1 < chars.count, chars[j] == "]", chars[j + 1] == "]" {
                    let raw = String(chars[(i + 2)..<j])
                    if !raw.trimmingCharacters(in: .whitespaces).isEmpty {
                        result.append(WikiLink(raw: raw, line: line, column: i + 1))
                    }
                    i = j + 2
                    continue
                }
            }
            i += 1
        }
    }
}

import Foundation
