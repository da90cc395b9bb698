import Foundation

/// Small text helpers shared by every stage.
public enum Text {
    /// `text.trimmingCharacters(in: .whitespaces)`, with spaces and tabs trimmed as bytes; only
    /// text whose ends are then non-ASCII goes to Foundation (other whitespace is never ASCII).
    static func trimmedSpaces(_ text: Substring) -> String {
        let bytes = text.utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        while start < end {
            let before = bytes.index(before: end)
            guard bytes[before] == 0x20 || bytes[before] == 0x09 else { break }
            end = before
        }
        guard start < end else { return "" }
        if bytes[start] >= 0x80 || bytes[bytes.index(before: end)] >= 0x80 {
            return text.trimmingCharacters(in: .whitespaces)
        }
        return String(text[start..<end])
    }

    /// A URL-safe slug: lowercase ASCII letters, digits and single hyphens.
    public static func slugify(_ text: String) -> String {
        // ASCII (nearly every heading and title): folding changes nothing, so the bytes decide.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count)
            var pendingHyphen = false
            for byte in text.utf8 {
                let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                    if pendingHyphen, !out.isEmpty { out.append(0x2D) }
                    pendingHyphen = false
                    out.append(lower)
                } else if lower != 0x27 {
                    pendingHyphen = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        var out = ""
        var pendingHyphen = false
        let folded = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if pendingHyphen, !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue  // "Anthropic's" -> "anthropics"
            } else {
                pendingHyphen = true
            }
        }
        return out
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escapeHTML(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            // Most text (titles, URLs) holds nothing to escape and is returned as it is.
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
                return text
            }
            var out: [UInt8] = []
            HTMLEscaping.append(bytes, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whitespace test with an ASCII fast path (Character.isWhitespace is a table lookup per call).
    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.value < 128 ? (s.value == 32 || (s.value >= 9 && s.value <= 13)) : s.properties.isWhitespace
    }

    /// Words of `text` split on whitespace, as scalar slices joined back by the caller.
    static func words(_ text: String, limit: Int = .max) -> (words: [Substring], more: Bool) {
        var result: [Substring] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            while index < scalars.endIndex, isSpace(scalars[index]) { index = scalars.index(after: index) }
            guard index < scalars.endIndex else { break }
            if result.count == limit { return (result, true) }
            let start = index
            while index < scalars.endIndex, !isSpace(scalars[index]) { index = scalars.index(after: index) }
            result.append(Substring(scalars[start..<index]))
        }
        return (result, false)
    }

    /// The decimal digits of `number` (a sign first when negative), as `String(number)` writes
    /// them, lent from the stack: fingerprints and JSON write numbers by the hundred thousand.
    static func withDecimal<R>(_ number: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        // 20 characters: Int.min's, the longest.
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var magnitude = number.magnitude
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if number < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            return try body(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Calls `body` with the UTF-8 bytes of `text`: in place when the string holds them in one
    /// piece (a native or small string: nearly always), else from a copy made contiguous. The
    /// usual `var copy = text; copy.withUTF8` retained and released the text on every call.
    @inline(__always)
    static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return try copy.withUTF8(body)
    }

    /// Whether `text` holds `part`, compared as UTF-8 bytes.
    static func containsBytes(_ text: String, _ part: String) -> Bool {
        return withUTF8(text) { haystack in
            withUTF8(part) { needle in
                guard let first = needle.first else { return true }
                guard haystack.count >= needle.count else { return false }
                // `memchr` finds each candidate first byte many bytes at a time.
                let base = haystack.baseAddress!
                var index = 0
                let last = haystack.count - needle.count
                while index <= last {
                    guard let found = memchr(base + index, Int32(first), last - index + 1) else { return false }
                    index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + index, needle.baseAddress!, needle.count) == 0 { return true }
                    index += 1
                }
                return false
            }
        }
    }

    /// Whether `a` sorts before `b` by their UTF-8 bytes (`a.utf8.lexicographicallyPrecedes(b.utf8)`).
    static func precedesInUTF8(_ a: String, _ b: String) -> Bool {
        return withUTF8(a) { x in
            withUTF8(b) { y in
                let shorter = min(x.count, y.count)
                if shorter > 0 {
                    let order = memcmp(x.baseAddress!, y.baseAddress!, shorter)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }

    /// `strings` sorted by their UTF-8 bytes. Each string's first eight bytes are read once, as a
    /// number, so most comparisons compare two numbers instead of two strings' bytes.
    static func sortedByUTF8(_ strings: some Collection<String>) -> [String] {
        var keyed: [(head: UInt64, text: String)] = []
        keyed.reserveCapacity(strings.count)
        for string in strings {
            var string = string
            keyed.append((string.withUTF8 { utf8Head($0) }, string))
        }
        keyed.sort { $0.head != $1.head ? $0.head < $1.head : precedesInUTF8($0.text, $1.text) }
        return keyed.map(\.text)
    }

    /// The first eight bytes of `bytes` as a big-endian number, zero-padded: numbers in the
    /// order of the bytes they start with.
    @inline(__always)
    static func utf8Head(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if bytes.count >= 8 { return UInt64(bigEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(as: UInt64.self)) }
        // Fewer: each shifted into place from the most significant byte (most search terms are
        // this short, and a copy of a few bytes into the number was a call to `memcpy` each).
        var head: UInt64 = 0
        for k in 0..<bytes.count { head |= UInt64(bytes[k]) << (56 - 8 * UInt64(k)) }
        return head
    }

    /// The number of whitespace-separated words, counted on UTF-8 without making them.
    ///
    /// Eight bytes at a time: a word starts at each byte that is not a space after one that is
    /// (`spaces(in:)` marks them), counted with one population count per eight bytes. A body's
    /// words are counted on every build of it, and the byte loop was a tenth of rendering one.
    static func wordCount(_ text: String) -> Int {
        withUTF8(text) { bytes in
            var count = 0
            var inWord = false
            var index = 0
            if let start = bytes.baseAddress {
                let base = UnsafeRawPointer(start)
                let high: UInt64 = 0x8080_8080_8080_8080
                while index + 8 <= bytes.count {
                    let spaces = Self.spaces(in: ByteWords.load(base, at: index))
                    // A byte follows a space when the byte before it (the previous word's last
                    // byte, for the first) is one.
                    let afterSpace = spaces << 8 | (inWord ? 0 : 0x80)
                    count += (~spaces & high & afterSpace).nonzeroBitCount
                    inWord = spaces >> 63 == 0
                    index += 8
                }
            }
            for byte in bytes[index...] {
                let space = byte == 32 || (byte >= 9 && byte <= 13)
                if !space, !inWord { count += 1 }
                inWord = !space
            }
            return count
        }
    }

    /// The high bit set in each byte of `word` that is a space, a tab, a line feed, a vertical
    /// tab, a form feed or a carriage return (0x20, 0x09–0x0D).
    @inline(__always)
    static func spaces(in word: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low = word & ~high  // each byte below 0x80: the additions below carry into no other byte
        let atLeast9 = (low &+ 0x7777_7777_7777_7777) & high
        let atLeast14 = (low &+ 0x7272_7272_7272_7272) & high
        return ByteWords.bytes(word, equalTo: 0x20) | (atLeast9 & ~atLeast14 & ~word & high)
    }

    /// Collapses runs of whitespace to one space and trims the ends.
    public static func collapseWhitespace(_ text: String) -> String {
        return withUTF8(text) { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            let count = bytes.count
            while index < count {
                // A run of whitespace: one space between words, none at the ends.
                var end = index
                while end < count, let length = spaceLength(bytes, at: end) { end += length }
                if end > index {
                    if !out.isEmpty, end < count { out.append(0x20) }
                    index = end
                    continue
                }
                // A run of other bytes, copied in one piece (printable ASCII is never whitespace,
                // and one space before it stays as it is).
                var stop = index + 1
                while stop < count {
                    let byte = bytes[stop]
                    if byte > 0x20, byte < 0x7F { stop += 1; continue }
                    if byte == 0x20, stop + 1 < count, bytes[stop + 1] > 0x20, bytes[stop + 1] < 0x7F { stop += 2; continue }
                    if spaceLength(bytes, at: stop) != nil { break }
                    stop += 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<stop]))
                index = stop
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The length in bytes of the whitespace scalar starting at `index` (as `isSpace` decides),
    /// or nil when the scalar there is not whitespace.
    @inline(__always)
    static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 32 || (byte >= 9 && byte <= 13) ? 1 : nil }
        guard byte >= 0xC0 else { return nil }  // a continuation byte never starts a scalar
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count else { return nil }
        var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { value = value << 6 | UInt32(bytes[index + k] & 0x3F) }
        guard let scalar = Unicode.Scalar(value), isSpace(scalar) else { return nil }
        return length
    }

    /// The first `words` words of `text`, with an ellipsis when cut.
    /// `text.lowercased()`, without making a new string when it is already lowercase ASCII
    /// (ids and slugs nearly always are, and this runs for each of them on every build).
    public static func lowercased(_ text: String) -> String {
        text.utf8.allSatisfy({ $0 < 0x80 && !(0x41...0x5A).contains($0) }) ? text : text.lowercased()
    }

    public static func truncateWords(_ text: String, _ count: Int) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            // The first `count` words (split as `words` splits them), joined by single spaces.
            var out: [UInt8] = []
            out.reserveCapacity(Swift.min(bytes.count, count * 12))
            var index = 0, taken = 0, more = false
            let end = bytes.count
            while index < end {
                while index < end, let length = spaceLength(bytes, at: index) { index += length }
                guard index < end else { break }
                if taken == count { more = true; break }
                let start = index
                while index < end, spaceLength(bytes, at: index) == nil { index += 1 }
                if taken > 0 { out.append(0x20) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                taken += 1
            }
            if more {
                dropTrailingPunctuation(&out)
                out += [0xE2, 0x80, 0xA6]  // …
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Drops each trailing `,` `;` `:` or `.` of UTF-8 text that is a character of its own
    /// (as `Character`s read it: not joined to a non-ASCII scalar before it).
    static func dropTrailingPunctuation(_ text: inout [UInt8]) {
        while let last = text.last, last == 0x2C || last == 0x3B || last == 0x3A || last == 0x2E {
            if text.count >= 2, text[text.count - 2] >= 0x80 {
                var start = text.count - 2
                while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
                if String(decoding: text[start...], as: UTF8.self).count == 1 { return }
            }
            text.removeLast()
        }
    }

    /// Edit distance counting a swap of neighbours as one edit (optimal string alignment),
    /// on lowercased characters, for "did you mean" hints.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// The candidate nearest to `word`, when it is near enough to be a plausible typo.
    public static func suggestion(for word: String, in candidates: some Sequence<String>) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word, candidate)
            let limit = Swift.max(2, Swift.min(word.count, candidate.count) / 3)
            guard distance <= limit else { continue }
            if best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }
}

/// A 64-bit hash of values made of several parts, stable across processes (unlike `Hasher`),
/// for fingerprints and what the graph keeps: each part is hashed eight bytes per multiply
/// (`QuickHash`), seeded with the hash so far and mixed with its length, so ("ab", "c") and
/// ("a", "bc") differ. Its values are written to `.briefgen/`: changing it changes
/// `BuildState.formatVersion`.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ combine(contiguous: $0) }) != nil { return }
        Array(bytes).withUnsafeBufferPointer { combine(contiguous: $0) }
    }

    /// Strings hash their contiguous UTF-8 directly: the generic path is several times slower.
    /// A native string lends its bytes as they are (`Text.withUTF8`: no copy, so no reference
    /// counted on an object the other core may be counting too).
    public mutating func combine(_ text: String) {
        Text.withUTF8(text) { combine(contiguous: $0) }
    }

    /// Bytes in one buffer: the one step every `combine` runs. Fingerprints hash every mention's
    /// snippet and every business section of a site: FNV-1a's byte per multiply, which this
    /// was, made them a tenth of the record stage.
    public mutating func combine(contiguous buffer: UnsafeBufferPointer<UInt8>) {
        value = UInt64(truncatingIfNeeded: QuickHash.of(buffer, seed: value))
    }

    /// The same as `combine(String(number))`, without making the string (a fingerprint of a
    /// mention list formats a paragraph number per mention).
    public mutating func combine(decimal number: Int) {
        Text.withDecimal(number) { combine(contiguous: $0) }
    }

    /// Mixes in a number without formatting it (its eight bytes, least significant first).
    public mutating func combine(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { raw in raw.withMemoryRebound(to: UInt8.self) { combine(contiguous: $0) } }
    }

    public static func of(_ text: String) -> UInt64 {
        var h = StableHash()
        h.combine(text)
        return h.value
    }

}
