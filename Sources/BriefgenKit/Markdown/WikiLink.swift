import Foundation

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
        if let bar = raw.utf8.firstIndex(of: 0x7C) {
            target = Text.trimmedSpaces(raw[..<bar])
            let text = Text.trimmedSpaces(raw[raw.utf8.index(after: bar)...])
            label = text.isEmpty ? nil : text
        } else {
            target = Text.trimmedSpaces(raw[...])
            label = nil
        }
    }

    /// Every wiki link in `body` outside code, with its line and column (in scalars), in one pass over UTF-8.
    public static func scan(_ body: String) -> [WikiLink] {
        var copy = body
        return copy.withUTF8 { bytes in
            var result: [WikiLink] = []
            var fence: UInt8?  // the fence character of an open fenced block
            var lineStart = 0
            var line = 1
            while lineStart <= bytes.count {
                let lineEnd = Self.next(0x0A, in: bytes, from: lineStart)
                var first = lineStart
                while first < lineEnd, bytes[first] == 0x20 { first += 1 }
                let opensFence = first + 2 < lineEnd
                    && (bytes[first] == 0x60 || bytes[first] == 0x7E)
                    && bytes[first + 1] == bytes[first] && bytes[first + 2] == bytes[first]
                if let open = fence {
                    if opensFence, bytes[first] == open { fence = nil }
                } else if opensFence {
                    fence = bytes[first]
                } else if !(first - lineStart >= 4 || (lineStart < lineEnd && bytes[lineStart] == 0x09)),  // not indented code
                          Self.next(0x5B, in: UnsafeBufferPointer(rebasing: bytes[..<lineEnd]), from: first) < lineEnd {  // has a "["
                    scanLine(bytes, lineStart..<lineEnd, line: line, into: &result)
                }
                lineStart = lineEnd + 1
                line += 1
            }
            return result
        }
    }

    /// The index of the first `byte` in `bytes` at or after `start`, or `bytes.count`
    /// (`memchr`, many bytes at a time).
    static func next(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let found = memchr(bytes.baseAddress! + start, Int32(byte), bytes.count - start) else { return bytes.count }
        return bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private static func scanLine(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, line: Int, into result: inout [WikiLink]) {
        let open: UInt8 = 0x5B, close: UInt8 = 0x5D, tick: UInt8 = 0x60
        var i = range.lowerBound
        let end = range.upperBound
        var codeTicks = 0
        // Column of `counted`, kept as the scan moves so each link adds only the bytes since the last.
        var counted = range.lowerBound, column = 1
        while i < end {
            let c = bytes[i]
            if c == 0x5C { i += 2; continue }  // a backslash escapes the next character
            if c == tick {
                var run = 0
                while i < end, bytes[i] == tick { run += 1; i += 1 }
                codeTicks = codeTicks == 0 ? run : (codeTicks == run ? 0 : codeTicks)
                continue
            }
            if codeTicks == 0, c == open, i + 1 < end, bytes[i + 1] == open {
                var j = i + 2
                while j + 1 < end, !(bytes[j] == close && bytes[j + 1] == close), bytes[j] != open { j += 1 }
                if j + 1 < end, bytes[j] == close, bytes[j + 1] == close {
                    let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 2)..<j]), as: UTF8.self)
                    if raw.utf8.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                        // Column in scalars: count the bytes that start one.
                        for k in counted..<i where bytes[k] & 0xC0 != 0x80 { column += 1 }
                        counted = i
                        result.append(WikiLink(raw: raw, line: line, column: column))
                    }
                    i = j + 2
                    continue
                }
            }
            i += 1
        }
    }
}
