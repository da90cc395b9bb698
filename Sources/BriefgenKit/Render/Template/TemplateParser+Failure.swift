extension TemplateParser {
    /// Why a template cannot be compiled, at a position in its text.
    struct Failure: Error, Equatable {
        var message: String
        var hint: String?
        /// A Character offset into the text.
        var position: Int
    }

    /// Line, column (both from 1) and the text of the line at a Character offset of `text`.
    static func location(of position: Int, in text: String) -> (line: Int, column: Int, text: String) {
        let chars = Array(text)
        let position = min(position, chars.count)
        var start = position
        while start > 0, chars[start - 1] != "\n" { start -= 1 }
        var end = start
        while end < chars.count, chars[end] != "\n" { end += 1 }
        let line = chars[..<position].filter(\.isNewline).count + 1
        return (line, position - start + 1, String(chars[start..<end]))
    }
}
