/// The plain text of a rendered body, for the search index: the words a reader sees, with
/// link labels as text and never markup; paragraph marks (`¶3`) and the "single source"
/// weight badges the build adds are left out, as are comments.
///
/// One pass over the UTF-8 bytes of the HTML into a byte buffer: tags, names and entities are
/// looked at where they are, without a string or array made for each.
enum SearchText {
    /// The text of `html` (the build's own HTML of a body), whitespace collapsed.
    static func plain(_ html: String) -> String {
        String(decoding: plainBytes(html), as: UTF8.self)
    }

    /// The text of `html` as UTF-8 bytes.
    static func plainBytes(_ html: String) -> [UInt8] {
        var out: [UInt8] = []
        Text.withUTF8(html) { plain(of: $0, into: &out) }
        return out
    }

    /// The distinct search terms (`SearchTokenizer`) of a body's text (`plainBytes`), sorted by their bytes.
    static func terms(ofText text: [UInt8]) -> SearchTerms {
        text.withUnsafeBufferPointer { SearchTokenizer.sortedTerms(utf8: $0) }
    }

    /// The text of the UTF-8 bytes `src` in `out` (replaced).
    static func plain(of src: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        // The text is never longer than the HTML: a tag or a run of spaces gives at most one
        // space, an entity at most as many bytes as it is written with.
        guard !src.isEmpty else { out = []; return }
        out = [UInt8](unsafeUninitializedCapacity: src.count) { buffer, initialized in
            initialized = write(plainOf: src, to: buffer.baseAddress!)
        }
    }

    /// Writes the text of `src` at `out` (room for `src.count` bytes); returns its length.
    private static func write(plainOf src: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let n = src.count
        var length = 0
        var i = 0
        // The name of the element left out until its end tag (`<a class="para">…</a>`).
        var skipping: Range<Int>? = nil
        @inline(__always) func space() { if length > 0, out[length - 1] != 0x20 { out[length] = 0x20; length += 1 } }
        let base = UnsafeRawPointer(src.baseAddress!)
        while i < n {
            // Text is copied eight bytes at a time up to the first byte that needs a look (`<`,
            // `&`, a control byte, a space after a space). Writing a whole word is safe: the text
            // written is never longer than the HTML read (`length <= i`), and `out` holds `n` bytes.
            if skipping == nil {
                while i + 8 <= n {
                    let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    UnsafeMutableRawPointer(out + length).storeBytes(of: word.littleEndian, as: UInt64.self)
                    let marks = Self.bytesToLookAt(word)
                    if marks == 0 {
                        length += 8
                        i += 8
                        continue
                    }
                    let plain = marks.trailingZeroBitCount >> 3
                    length += plain
                    i += plain
                    break
                }
                guard i < n else { break }
            }
            let c = src[i]
            // Letters and most punctuation: one comparison.
            if c > 0x3C || (c > 0x26 && c < 0x3C) || (c > 0x20 && c < 0x26) {
                if skipping == nil { out[length] = c; length += 1 }
                i += 1
                continue
            }
            if c == 0x3C {  // <
                if i + 3 < n, src[i + 1] == 0x21, src[i + 2] == 0x2D, src[i + 3] == 0x2D {  // <!--
                    var j = i + 4
                    while j + 2 < n, !(src[j] == 0x2D && src[j + 1] == 0x2D && src[j + 2] == 0x3E) { j += 1 }
                    i = j + 3
                    continue
                }
                var j = i + 1
                var quote: UInt8 = 0
                while j < n {
                    // Eight bytes at a time up to the next byte that matters: `>` or a quote,
                    // or inside quotes the closing one.
                    while j + 8 <= n {
                        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                        let marks = quote == 0
                            ? ByteWords.bytes(word, equalTo: 0x3E) | ByteWords.bytes(word, equalTo: 0x22) | ByteWords.bytes(word, equalTo: 0x27)
                            : ByteWords.bytes(word, equalTo: quote)
                        if marks == 0 { j += 8; continue }
                        j += marks.trailingZeroBitCount >> 3
                        break
                    }
                    guard j < n else { break }
                    let b = src[j]
                    if quote != 0 { if b == quote { quote = 0 } } else if b == 0x22 || b == 0x27 { quote = b } else if b == 0x3E { break }
                    j += 1
                }
                let tag = (i + 1)..<min(j, n)
                i = j + 1
                var nameStart = tag.lowerBound
                while nameStart < tag.upperBound, src[nameStart] == 0x2F { nameStart += 1 }
                let closing = nameStart > tag.lowerBound
                var nameEnd = nameStart
                while nameEnd < tag.upperBound, src[nameEnd] != 0x20, src[nameEnd] != 0x2F, src[nameEnd] != 0x0A { nameEnd += 1 }
                let name = nameStart..<nameEnd
                if let end = skipping {
                    if closing, same(src, name, end) { skipping = nil }
                    continue
                }
                if !closing, marksOrWeights(src, tag) {
                    skipping = name
                    continue
                }
                if isBlock(UnsafeBufferPointer(rebasing: src[name])) { space() }
                continue
            }
            if skipping != nil { i += 1; continue }
            if c == 0x26 {  // &
                var j = i + 1
                while j < n, j - i < 10, src[j] != 0x3B { j += 1 }
                if j < n, src[j] == 0x3B, let scalar = entity(UnsafeBufferPointer(rebasing: src[(i + 1)..<j])) {
                    UTF8.encode(scalar) { out[length] = $0; length += 1 }
                    i = j + 1
                    continue
                }
            }
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D { space() } else { out[length] = c; length += 1 }
            i += 1
        }
        while length > 0, out[length - 1] == 0x20 { length -= 1 }
        return length
    }

    /// The high bit set in each byte of `word` (little-endian) that the byte loop must see:
    /// `<`, `&`, a byte below a space, and a space that is the word's first byte or follows
    /// another (a space after text is text: it is written as `space()` would write it).
    @inline(__always)
    static func bytesToLookAt(_ word: UInt64) -> UInt64 {
        let spaces = ByteWords.bytes(word, equalTo: 0x20)
        let controls = ByteWords.zeroBytes(word & 0xE0E0_E0E0_E0E0_E0E0)
        return controls | ByteWords.bytes(word, equalTo: 0x3C) | ByteWords.bytes(word, equalTo: 0x26) | (spaces & (spaces << 8 | 0x80))
    }

    /// `text` cut at a space to at most `limit` bytes.
    static func cut(_ text: UnsafeBufferPointer<UInt8>, to limit: Int) -> UnsafeBufferPointer<UInt8> {
        guard text.count > limit else { return text }
        var end = limit
        while end > 0, text[end] != 0x20 { end -= 1 }
        return UnsafeBufferPointer(rebasing: text[..<end])
    }

    /// Whether two ranges of `src` hold the same bytes.
    @inline(__always)
    private static func same(_ src: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where src[a.lowerBound + k] != src[b.lowerBound + k] { return false }
        return true
    }

    /// Whether the tag in `range` holds `class="para"` or `class="weight`: a paragraph mark or
    /// a weight badge, left out with what it holds.
    private static func marksOrWeights(_ src: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var start = range.lowerBound
        while start + 12 <= range.upperBound {
            if src[start] == 0x63, holds(src, at: start, "class=\"") {
                if holds(src, at: start + 7, "para\"") || (start + 13 <= range.upperBound && holds(src, at: start + 7, "weight")) {
                    return true
                }
                start += 7
                continue
            }
            start += 1
        }
        return false
    }

    /// Whether `src` holds `text` at `index` (the caller makes sure it fits).
    @inline(__always)
    private static func holds(_ src: UnsafeBufferPointer<UInt8>, at index: Int, _ text: StaticString) -> Bool {
        let bytes = text.utf8Start
        for k in 0..<text.utf8CodeUnitCount where src[index + k] != bytes[k] { return false }
        return true
    }

    /// Block-level elements whose tags separate words: p, h1–h6, li, ul, ol, blockquote, pre,
    /// td, th, tr, table, br, hr, div, section, dd, dt, figcaption, img (any case).
    static func isBlock(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        // A name with other than ASCII bytes is lower-cased as a string ("K" (Kelvin) is "k").
        for byte in name where byte >= 0x80 { return blocks.contains(String(decoding: name, as: UTF8.self).lowercased()) }
        @inline(__always) func lower(_ k: Int) -> UInt8 { name[k] &- 0x41 < 26 ? name[k] | 0x20 : name[k] }
        func named(_ text: StaticString) -> Bool {
            let bytes = text.utf8Start
            for k in 0..<name.count where lower(k) != bytes[k] { return false }
            return true
        }
        switch name.count {
        case 1: return lower(0) == 0x70  // p
        case 2:
            let second = lower(1)
            switch lower(0) {
            case 0x68: return (second >= 0x31 && second <= 0x36) || second == 0x72  // h1–h6, hr
            case 0x6C: return second == 0x69  // li
            case 0x75, 0x6F: return second == 0x6C  // ul, ol
            case 0x74: return second == 0x64 || second == 0x68 || second == 0x72  // td, th, tr
            case 0x62: return second == 0x72  // br
            case 0x64: return second == 0x64 || second == 0x74  // dd, dt
            default: return false
            }
        case 3: return named("pre") || named("div") || named("img")
        case 5: return named("table")
        case 7: return named("section")
        case 10: return named("blockquote") || named("figcaption")
        default: return false
        }
    }

    /// The block names, for names with other than ASCII bytes.
    private static let blocks: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "td", "th", "tr",
        "table", "br", "hr", "div", "section", "dd", "dt", "figcaption", "img",
    ]

    /// The character an entity name (between `&` and `;`) stands for.
    private static func entity(_ name: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        func named(_ text: StaticString) -> Bool {
            text.utf8CodeUnitCount == name.count && (0..<name.count).allSatisfy { text.utf8Start[$0] == name[$0] }
        }
        if named("amp") { return "&" }
        if named("lt") { return "<" }
        if named("gt") { return ">" }
        if named("quot") { return "\"" }
        if named("apos") || named("#39") { return "'" }
        if named("nbsp") { return " " }
        guard name.first == 0x23 else { return nil }  // #
        let digits = String(decoding: UnsafeBufferPointer(rebasing: name.dropFirst()), as: UTF8.self)
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init)
    }
}
