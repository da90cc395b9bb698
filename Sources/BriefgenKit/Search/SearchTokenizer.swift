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

    /// Calls `body` with each term of `text`. ASCII words are lower-cased byte by byte; a word
    /// with any other character is folded through Unicode decomposition.
    public static func forEachTerm(_ text: String, _ body: (String) -> Void) {
        var ascii: [UInt8] = []
        var other = String.UnicodeScalarView()
        var isASCII = true
        func flush() {
            if isASCII {
                if ascii.count > 1 { body(String(decoding: ascii, as: UTF8.self)) }
            } else {
                let folded = fold(String(other))
                if folded.unicodeScalars.count > 1 { body(folded) }
            }
            ascii.removeAll(keepingCapacity: true)
            other = String.UnicodeScalarView()
            isASCII = true
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let byte = UInt8(v)
                let isWord = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                if isWord {
                    let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                    if isASCII { ascii.append(lower) } else { other.append(Unicode.Scalar(lower)) }
                } else if !(ascii.isEmpty && isASCII) {
                    flush()
                }
            } else if isWordScalar(scalar) {
                if isASCII {
                    isASCII = false
                    other.append(contentsOf: ascii.map { Unicode.Scalar($0) })
                    ascii.removeAll(keepingCapacity: true)
                }
                other.append(scalar)
            } else if !(ascii.isEmpty && isASCII) {
                flush()
            }
        }
        if !(ascii.isEmpty && isASCII) { flush() }
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
