/// The plain text of a rendered body, for the search index: the words a reader sees, with
/// link labels as text and never markup; paragraph marks (`¶3`) and the "single source"
/// weight badges the build adds are left out, as are comments.
enum SearchText {
    /// Block-level elements whose end separates words.
    private static let blocks: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "td", "th", "tr",
        "table", "br", "hr", "div", "section", "dd", "dt", "figcaption", "img",
    ]

    /// The text of `html` (the build's own HTML of a body), whitespace collapsed.
    static func plain(_ html: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(html.utf8.count)
        var html = html
        html.withUTF8 { src in
            var i = 0
            let n = src.count
            var skipUntil: [UInt8]? = nil  // the end tag closing an element left out
            func space() { if let last = bytes.last, last != 0x20 { bytes.append(0x20) } }
            while i < n {
                let c = src[i]
                if c == UInt8(ascii: "<") {
                    if i + 3 < n, src[i + 1] == UInt8(ascii: "!"), src[i + 2] == UInt8(ascii: "-"), src[i + 3] == UInt8(ascii: "-") {
                        var j = i + 4
                        while j + 2 < n, !(src[j] == UInt8(ascii: "-") && src[j + 1] == UInt8(ascii: "-") && src[j + 2] == UInt8(ascii: ">")) { j += 1 }
                        i = j + 3
                        continue
                    }
                    var j = i + 1
                    var quote: UInt8 = 0
                    while j < n {
                        if quote != 0 { if src[j] == quote { quote = 0 } } else if src[j] == 0x22 || src[j] == 0x27 { quote = src[j] } else if src[j] == UInt8(ascii: ">") { break }
                        j += 1
                    }
                    let tag = Array(src[(i + 1)..<min(j, n)])
                    i = j + 1
                    let closing = tag.first == UInt8(ascii: "/")
                    let nameBytes = tag.drop(while: { $0 == UInt8(ascii: "/") }).prefix(while: { $0 != 0x20 && $0 != UInt8(ascii: "/") && $0 != 0x0A })
                    let name = String(decoding: nameBytes, as: UTF8.self).lowercased()
                    if let end = skipUntil {
                        if closing && Array(nameBytes) == end { skipUntil = nil }
                        continue
                    }
                    if !closing, contains(tag, "class=\"para\"") || contains(tag, "class=\"weight") {
                        skipUntil = Array(nameBytes)
                        continue
                    }
                    if blocks.contains(name) { space() }
                    continue
                }
                if skipUntil != nil { i += 1; continue }
                if c == UInt8(ascii: "&") {
                    var j = i + 1
                    while j < n, j - i < 10, src[j] != UInt8(ascii: ";") { j += 1 }
                    if j < n, src[j] == UInt8(ascii: ";"), let scalar = entity(Array(src[(i + 1)..<j])) {
                        bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
                        i = j + 1
                        continue
                    }
                }
                if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D { space() } else { bytes.append(c) }
                i += 1
            }
        }
        while bytes.last == 0x20 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }

    private static func entity(_ name: [UInt8]) -> Unicode.Scalar? {
        switch String(decoding: name, as: UTF8.self) {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return " "
        default:
            guard name.first == UInt8(ascii: "#") else { return nil }
            let digits = String(decoding: name.dropFirst(), as: UTF8.self)
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init)
        }
    }
}
