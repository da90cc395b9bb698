extension String {
    /// A string of UTF-8 `bytes`, ill-formed sequences repaired as `String(decoding:as:)` does,
    /// made stretch by stretch between the bytes above 0x7F.
    ///
    /// Hand-written because the standard library checks a buffer a word at a time only while it
    /// is all ASCII: one byte above 0x7F anywhere, and it checks every byte of the buffer one at
    /// a time. cmark-gfm's HTML of a body holds a `¶` in each paragraph and real text its curly
    /// quotes and dashes, so each body's HTML took the slow check over its whole length (2 % of
    /// a build's instructions, README "Performance rounds"). Here each ASCII stretch of 32
    /// bytes or more is made on the fast path, and only the runs between them (other bytes and
    /// shorter ASCII stretches) on the slow one. Every cut has an
    /// ASCII byte on one side, which no multi-byte sequence contains or continues, so the
    /// result is the one decoding the whole buffer gives.
    init(utf8Runs bytes: UnsafeBufferPointer<UInt8>) {
        // Short buffers: the split would cost more than it saves.
        guard bytes.count > 64, let base = bytes.baseAddress else {
            self.init(decoding: bytes, as: UTF8.self)
            return
        }
        var result = ""
        result.reserveCapacity(bytes.count)
        let count = bytes.count
        func append(_ range: Range<Int>) {
            if !range.isEmpty { result += String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        }
        // `start`: where what is not yet appended begins; it holds bytes above 0x7F and the
        // short ASCII stretches between them (split off, each would cost more than its check).
        var start = 0, i = 0
        while i < count {
            // Over ASCII a word at a time, then to the first byte above 0x7F.
            let stretch = i
            while i + 8 <= count, ByteWords.load(base, at: i) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            while i < count, bytes[i] < 0x80 { i += 1 }
            if i - stretch >= 32 {
                append(start..<stretch)
                append(stretch..<i)
                start = i
            }
            while i < count, bytes[i] >= 0x80 { i += 1 }
        }
        append(start..<count)
        self = result
    }
}
