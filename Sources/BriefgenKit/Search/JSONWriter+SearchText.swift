extension JSONWriter {
    /// The plain text of a body's HTML (`SearchText`) as a string, cut at a space to at most
    /// `limit` UTF-8 bytes.
    mutating func text(ofHTML html: String, limit: Int) {
        var plain: [UInt8] = []
        Text.withUTF8(html) { SearchText.plain(of: $0, into: &plain) }
        plain.withUnsafeBufferPointer { string(utf8: SearchText.cut($0, to: limit)) }
    }
}
