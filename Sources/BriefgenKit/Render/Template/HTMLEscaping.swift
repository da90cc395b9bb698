/// How `{{variable}}` is escaped: the five characters `<`, `>`, `&`, `"` and `'`, as
/// swift-mustache's HTML content type did, written straight into the output bytes.
enum HTMLEscaping {
    /// Appends `text` to `output`, escaped. Most values (titles, dates, URLs) contain nothing
    /// to escape and are copied in one piece.
    static func append<Sink: ByteSink & ~Copyable>(_ text: String, to output: inout Sink) {
        Text.withUTF8(text) { append($0, to: &output) }
    }

    /// Appends UTF-8 `bytes` to `output`, escaped.
    ///
    /// The text between characters to escape is found eight bytes at a time (`ByteWords`) and
    /// copied in one piece: pages are mostly escaped text (passages, titles, excerpts), and a
    /// byte-at-a-time switch was most of the cost of writing them.
    static func append<Sink: ByteSink & ~Copyable>(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout Sink) {
        guard let start = bytes.baseAddress else { return }
        let base = UnsafeRawPointer(start)
        let count = bytes.count
        var copied = 0
        var index = 0
        while true {
            while index + 8 <= count {
                let marks = Self.marks(ByteWords.load(base, at: index))
                if marks == 0 {
                    index += 8
                    continue
                }
                index += marks.trailingZeroBitCount >> 3
                break
            }
            // Past the last whole word: byte by byte up to a character to escape.
            if index + 8 > count {
                while index < count, Self.replacement(bytes[index]) == nil { index += 1 }
                if index == count { break }
            }
            let replacement = Self.replacement(bytes[index])!
            output.write(UnsafeBufferPointer(rebasing: bytes[copied..<index]))
            output.write(UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            index += 1
            copied = index
        }
        output.write(UnsafeBufferPointer(rebasing: bytes[copied...]))
    }

    /// The high bit set in each byte of `word` that must be escaped: `&` and `'` (0x26, 0x27)
    /// are the bytes equal to 0x27 with the low bit set, `<` and `>` (0x3C, 0x3E) those equal
    /// to 0x3E with the second bit set, and `"` (0x22) itself.
    @inline(__always)
    static func marks(_ word: UInt64) -> UInt64 {
        ByteWords.bytes(word | 0x0101_0101_0101_0101, equalTo: 0x27)
            | ByteWords.bytes(word | 0x0202_0202_0202_0202, equalTo: 0x3E)
            | ByteWords.bytes(word, equalTo: 0x22)
    }

    /// What a byte is escaped as, nil when it is written as it is.
    @inline(__always)
    private static func replacement(_ byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }
}
