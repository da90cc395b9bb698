/// Words of text as search terms, the same way the search script splits a query: decomposed
/// (NFD), accents and other combining marks removed, lower-cased, split at every character
/// that is not a letter, digit or mark, and words of one character left out.
/// "Zoë's AI-Act, 2026" gives `zoe`, `ai`, `act`, `2026`.
public enum SearchTokenizer {
    /// The terms of `text` in order, with repeats.
    public static func terms(_ text: String) -> [String] {
        var out: [String] = []
        forEachTerm(text) { out.append($0) }
        return out
    }

    /// The distinct terms of `text`.
    public static func termSet(_ text: String) -> Set<String> {
        var out = Set<String>()
        forEachTerm(text) { out.insert($0) }
        return out
    }

    /// The distinct terms of the UTF-8 `text`, sorted by their bytes.
    static func sortedTerms(utf8 text: UnsafeBufferPointer<UInt8>) -> SearchTerms {
        var table = SearchTermTable(expecting: text.count / 16)
        forEachTerm(utf8: text) { table.insert($0) }
        return table.sorted()
    }

    /// Calls `body` with each term of `text`.
    public static func forEachTerm(_ text: String, _ body: (String) -> Void) {
        Text.withUTF8(text) { bytes in
            forEachTerm(utf8: bytes) { body(String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// Calls `body` with the UTF-8 bytes of each term of the UTF-8 `text` (valid during the
    /// call only). ASCII words are lower-cased byte by byte in one buffer; a word with any
    /// other character is folded through Unicode decomposition.
    static func forEachTerm(utf8 text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let n = text.count
        guard n > 1 else { return }
        // The word so far, ASCII letters lower-cased, other characters as written.
        let word = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
        defer { word.deallocate() }
        var length = 0
        var isASCII = true
        func flush() {
            if isASCII {
                if length > 1 { body(UnsafeBufferPointer(start: word, count: length)) }
            } else {
                var folded = fold(String(decoding: UnsafeBufferPointer(start: word, count: length), as: UTF8.self))
                if folded.unicodeScalars.count > 1 { folded.withUTF8(body) }
            }
            length = 0
            isASCII = true
        }
        var i = 0
        let base = UnsafeRawPointer(text.baseAddress!)
        while i < n {
            // ASCII letters and digits are taken eight at a time, capitals lower-cased, up to the
            // first other byte. Writing a whole word is safe: `word` holds `n` bytes and
            // `length + 8 <= i + 8 <= n` (a word is never longer than the text read).
            while i + 8 <= n {
                let bytes = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let (wordBytes, capitals) = Self.asciiWordBytes(bytes)
                UnsafeMutableRawPointer(word + length).storeBytes(of: (bytes | capitals >> 2).littleEndian, as: UInt64.self)
                let others = ~wordBytes & 0x8080_8080_8080_8080
                if others == 0 {
                    length += 8
                    i += 8
                    continue
                }
                let taken = others.trailingZeroBitCount >> 3
                length += taken
                i += taken
                break
            }
            guard i < n else { break }
            let byte = text[i]
            if byte < 0x80 {
                if byte &- 0x61 < 26 || byte &- 0x30 < 10 {  // a–z, 0–9
                    word[length] = byte
                    length += 1
                } else if byte &- 0x41 < 26 {  // A–Z
                    word[length] = byte | 0x20
                    length += 1
                } else if length > 0 {
                    flush()
                }
                i += 1
                continue
            }
            // A scalar of two to four bytes (the text is valid UTF-8).
            let count = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (count == 2 ? 0x1F : count == 3 ? 0x0F : 0x07)
            for k in 1..<count { value = value << 6 | UInt32(text[i + k] & 0x3F) }
            if isWordScalar(Unicode.Scalar(value)!) {
                for k in 0..<count { word[length + k] = text[i + k] }
                length += count
                isASCII = false
            } else if length > 0 {
                flush()
            }
            i += count
        }
        if length > 0 { flush() }
    }

    /// The high bit set in exactly the bytes of `word` (little-endian) that are ASCII letters
    /// or digits, and in exactly its capitals (`A`–`Z`).
    @inline(__always)
    static func asciiWordBytes(_ word: UInt64) -> (wordBytes: UInt64, capitals: UInt64) {
        let capitals = ByteWords.between(word, 0x40, 0x5B)
        return (ByteWords.between(word, 0x2F, 0x3A) | capitals | ByteWords.between(word, 0x60, 0x7B), capitals)
    }

    /// One word folded: decomposed, without combining marks, lower-cased.
    public static func fold(_ word: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in word.decomposedStringWithCanonicalMapping.unicodeScalars where !isMark(scalar) {
            scalars.append(scalar)
        }
        return String(scalars).lowercased()
    }

    /// Letters, digits and marks make words (the script's `[\p{L}\p{N}\p{M}]`).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            true
        default: false
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// The shard key of a term at `length` characters: each of its first `length` characters,
    /// `a`–`z` and `0`–`9` as they are, any other as `_` (file names stay plain ASCII).
    public static func key(_ term: String, length: Int) -> String {
        var out = ""
        for scalar in term.unicodeScalars.prefix(length) {
            let v = scalar.value
            out.unicodeScalars.append((v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) ? scalar : "_")
        }
        return out
    }
}
