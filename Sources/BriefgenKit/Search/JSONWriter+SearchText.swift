extension JSONWriter {
    /// A body's text (`SearchText`, UTF-8) as a string, cut at a space to at most `limit` bytes.
    mutating func text(_ plain: [UInt8], limit: Int) {
        plain.withUnsafeBufferPointer { string(utf8: SearchText.cut($0, to: limit)) }
    }
}
