/// How `{{variable}}` is escaped: the five characters `<`, `>`, `&`, `"` and `'`, as
/// swift-mustache's HTML content type did, written straight into the output bytes.
enum HTMLEscaping {
    /// Appends `text` to `output`, escaped. Most values (titles, dates, URLs) contain nothing
    /// to escape and are copied in one piece.
    static func append<Sink: ByteSink & ~Copyable>(_ text: String, to output: inout Sink) {
        var text = text
        text.withUTF8 { append($0, to: &output) }
    }

    /// Appends UTF-8 `bytes` to `output`, escaped.
    static func append<Sink: ByteSink & ~Copyable>(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout Sink) {
        var copied = 0
        for index in bytes.indices {
            let replacement: StaticString
            switch bytes[index] {
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: continue
            }
            output.write(UnsafeBufferPointer(rebasing: bytes[copied..<index]))
            output.write(UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            copied = index + 1
        }
        output.write(UnsafeBufferPointer(rebasing: bytes[copied...]))
    }
}
