import Foundation

/// Checks that bytes are text: valid UTF-8 without NUL bytes.
enum TextBytes {
    /// Where the first byte that is not text is (1-based line, and column in bytes), and
    /// whether it is a NUL (a binary file) rather than invalid UTF-8; nil for text.
    static func firstProblem(_ data: Data) -> (line: Int, column: Int, binary: Bool)? {
        data.withUnsafeBytes { raw -> (line: Int, column: Int, binary: Bool)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var line = 1, lineStart = 0, i = 0
            while i < bytes.count {
                // Eight bytes at a time while they are ASCII with no NUL and no line end.
                if i + 8 <= bytes.count, Self.plain(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i += 8
                    continue
                }
                let byte = bytes[i]
                if byte < 0x80 {
                    if byte == 0 { return (line, i - lineStart + 1, true) }
                    if byte == 10 || byte == 13 && (i + 1 == bytes.count || bytes[i + 1] != 10) {
                        line += 1
                        lineStart = i + 1
                    }
                    i += 1
                    continue
                }
                let length = sequenceLength(bytes, at: i)
                // A NUL near the start (git's test) makes it binary rather than mistyped text.
                if length == 0 { return (line, i - lineStart + 1, bytes.prefix(8000).contains(0)) }
                i += length
            }
            return nil
        }
    }

    /// Whether eight bytes are all ASCII, none of them NUL, LF or CR.
    @inline(__always)
    private static func plain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ w: UInt64) -> Bool { (w &- ones) & ~w & highs != 0 }
        return word & highs == 0 && !hasZero(word) && !hasZero(word ^ (ones &* 10)) && !hasZero(word ^ (ones &* 13))
    }

    /// Length of the well-formed UTF-8 sequence starting at `i`, or 0 (RFC 3629 ranges).
    private static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < b.count && b[i + k] >= low && b[i + k] <= high
        }
        switch b[i] {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}
