/// Picks the sentence around a position, for mention context and fallback titles.
///
/// Works in a bounded window of UTF-8 bytes around the position, so a paragraph holding
/// thousands of mentions costs O(mentions), not O(mentions × paragraph): a long sentence is cut
/// to the words around the position, with "…" where it was cut.
enum Snippet {
    /// Bytes looked at on each side of the position, per word wanted.
    static let reachPerWord = 24

    /// The sentence of `text` around UTF-8 byte `offset`, at most `maxWords` words.
    static func sentence(in text: String, around offset: Int, maxWords: Int = 40) -> String {
        var copy = text
        return copy.withUTF8 { sentence(inUTF8: $0, around: offset, maxWords: maxWords) }
    }

    /// The sentence of UTF-8 `bytes` around byte `offset`, at most `maxWords` words.
    static func sentence(inUTF8 bytes: UnsafeBufferPointer<UInt8>, around offset: Int, maxWords: Int = 40) -> String {
        spannedSentence(inUTF8: bytes, around: offset, maxWords: maxWords).text
    }

    /// The sentence of UTF-8 `bytes` around byte `offset` (as `sentence(inUTF8:around:maxWords:)`)
    /// and, when it is the whole sentence, the bytes it spans: every later offset in that span
    /// has the same sentence, so the mentions of one sentence make its snippet once.
    ///
    /// A sentence is whole when neither end was cut, it has fewer than `maxWords` words, and the
    /// window of its last byte (`maxWords × reachPerWord` bytes back) still holds the whole word
    /// ending the sentence before it: then from any later word the walk back stops at that
    /// same word (no word inside the sentence ends one) and the walk forward at the same last word.
    static func spannedSentence(inUTF8 bytes: UnsafeBufferPointer<UInt8>, around offset: Int,
                                maxWords: Int = 40) -> (text: String, span: Range<Int>?) {
        guard !bytes.isEmpty else { return ("", nil) }
        let count = bytes.count
        var position = min(max(offset, 0), count - 1)
        while position > 0, bytes[position] & 0xC0 == 0x80 { position -= 1 }
        // The window looked at, on scalar boundaries.
        let reach = maxWords * reachPerWord
        var lowest = max(0, position - reach), highest = min(count, position + reach)
        while lowest < position, bytes[lowest] & 0xC0 == 0x80 { lowest += 1 }
        while highest < count, highest > position, bytes[highest] & 0xC0 == 0x80 { highest -= 1 }

        // The words' ranges, on the stack (8 bytes each, 640 for 40 words: under the stack
        // allocation limit): this runs for each of a build's mentions. Offsets past 4 GiB do not occur
        // (a window is taken of one paragraph).
        return withUnsafeTemporaryAllocation(of: (UInt32, UInt32).self, capacity: 2 * max(maxWords, 1)) { ranges in
            var before = RangeList(ranges.baseAddress!)
            var after = RangeList(ranges.baseAddress! + max(maxWords, 1))
            return sentence(bytes, position: position, lowest: lowest, highest: highest, maxWords: maxWords,
                            before: &before, after: &after)
        }
    }

    /// Ranges written into memory the caller provides (room for `maxWords`).
    private struct RangeList {
        let base: UnsafeMutablePointer<(UInt32, UInt32)>
        private(set) var count = 0
        init(_ base: UnsafeMutablePointer<(UInt32, UInt32)>) { self.base = base }
        var isEmpty: Bool { count == 0 }
        @inline(__always) mutating func append(_ range: Range<Int>) {
            (base + count).initialize(to: (UInt32(range.lowerBound), UInt32(range.upperBound)))
            count += 1
        }
        @inline(__always) subscript(_ k: Int) -> Range<Int> { Int(base[k].0)..<Int(base[k].1) }
    }

    /// The sentence around `position` within the window `lowest..<highest`.
    private static func sentence(_ bytes: UnsafeBufferPointer<UInt8>, position: Int, lowest: Int, highest: Int, maxWords: Int,
                                 before: inout RangeList, after: inout RangeList) -> (text: String, span: Range<Int>?) {
        let count = bytes.count
        // The word under the position, then words before it back to the sentence's start.
        var wordStart = position
        while wordStart > lowest, !isSpace(bytes[wordStart - 1]) { wordStart -= 1 }
        var cursor = wordStart
        var reachedStart = wordStart == 0
        // Where the walk back stopped: the start of the word ending the sentence before (0 at
        // the text's start).
        var floor = 0
        while before.count < maxWords {
            var end = cursor
            while end > lowest, isSpace(bytes[end - 1]) { end -= 1 }
            if end == 0 { reachedStart = true; break }
            if end == lowest { break }
            var start = end
            while start > lowest, !isSpace(bytes[start - 1]) { start -= 1 }
            if endsSentence(bytes, start..<end) { reachedStart = true; floor = start; break }
            if start == lowest, start > 0, !isSpace(bytes[start - 1]) { break }  // a cut word
            before.append(start..<end)
            cursor = start
        }
        // The word under the position and the words after it up to the sentence's end.
        var reachedEnd = false
        cursor = wordStart
        while after.count < maxWords {
            var start = cursor
            while start < highest, isSpace(bytes[start]) { start += 1 }
            if start == count { reachedEnd = true; break }
            if start == highest { break }
            var end = start
            while end < highest, !isSpace(bytes[end]) { end += 1 }
            if end == highest, end < count, !isSpace(bytes[end]) { break }  // a cut word
            after.append(start..<end)
            cursor = end
            if endsSentence(bytes, start..<end) { reachedEnd = true; break }
        }
        if after.isEmpty {
            // The word under the position runs past the window (text without spaces, a long URL):
            // show a few characters' worth on each side of it.
            var from = max(lowest, position - maxWords * 3), to = min(highest, position + maxWords * 3)
            while from < position, bytes[from] & 0xC0 == 0x80 { from += 1 }
            while to < count, to > position, bytes[to] & 0xC0 == 0x80 { to -= 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
            return ((from > 0 ? "…" : "") + text + (to < count ? "…" : ""), nil)
        }

        // Keep the sentence's start when the position is within its first words; else centre it,
        // giving words the sentence's end leaves unused to the words before.
        var keepBefore = reachedStart && before.count < maxWords ? before.count : min(before.count, maxWords / 3)
        let keepAfter = min(after.count, maxWords - keepBefore)
        if keepAfter < maxWords - keepBefore { keepBefore = min(before.count, maxWords - keepAfter) }
        // The words kept, in order: those before the position (found backwards), then after.
        let wordCount = keepBefore + keepAfter
        @inline(__always) func word(_ k: Int) -> Range<Int> { k < keepBefore ? before[keepBefore - 1 - k] : after[k - keepBefore] }
        // Built as bytes, made a String once.
        let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]
        var text: [UInt8] = []
        text.reserveCapacity(word(wordCount - 1).upperBound - word(0).lowerBound + 8)
        let cutStart = keepBefore < before.count || !reachedStart
        let cutEnd = keepAfter < after.count || !reachedEnd
        if cutStart { text += ellipsis }
        // Words written with one space between them in the text are copied as one piece.
        var n = 0
        while n < wordCount {
            var last = n
            while last + 1 < wordCount, word(last + 1).lowerBound == word(last).upperBound + 1,
                  bytes[word(last).upperBound] == 0x20 {
                last += 1
            }
            if n > 0 { text.append(0x20) }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[word(n).lowerBound..<word(last).upperBound]))
            n = last + 1
        }
        if cutEnd {
            Text.dropTrailingPunctuation(&text)
            text += ellipsis
        }
        let span = word(0).lowerBound..<word(wordCount - 1).upperBound
        // Whole, and read the same from any later offset in it: that offset's window (`reach`
        // back, moved up to 3 bytes to a scalar's start) must still hold the whole word that
        // ended the sentence before, or the text's start.
        let whole = !cutStart && !cutEnd && wordCount < maxWords && span.upperBound + 4 <= floor + maxWords * reachPerWord
        return (String(decoding: text, as: UTF8.self), whole ? span : nil)
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || (byte >= 9 && byte <= 13) }

    /// Words that end in a full stop without ending a sentence: "U.S.", "Mr.", "e.g.", an initial.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "rev", "hon", "lt", "col",
        "capt", "sgt", "vs", "inc", "ltd", "corp", "approx", "dept", "cf", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// True when the word ends a sentence: `.`, `!` or `?`, perhaps followed by closing quotes or
    /// brackets, and not an abbreviation.
    @inline(__always)
    static func endsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        // Most words end in a letter or digit: no sentence ends there.
        if let last = word.last {
            let byte = bytes[last]
            if (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 { return false }
        }
        return endsSentenceAfterMarks(bytes, word)
    }

    /// `endsSentence` for a word not ending in an ASCII letter or digit.
    private static func endsSentenceAfterMarks(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        var end = word.upperBound
        // Closing quotes and brackets: " ' ) ] and the UTF-8 of ’ ” (E2 80 99 / E2 80 9D).
        while end > word.lowerBound {
            let byte = bytes[end - 1]
            if byte == 0x22 || byte == 0x27 || byte == 0x29 || byte == 0x5D { end -= 1; continue }
            if (byte == 0x99 || byte == 0x9D), end - 3 >= word.lowerBound, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80 {
                end -= 3
                continue
            }
            break
        }
        guard end > word.lowerBound else { return false }
        let last = bytes[end - 1]
        if last == 0x21 || last == 0x3F { return true }  // ! ?
        guard last == 0x2E else { return false }
        // An abbreviation: "U.S." (a full stop inside), a single letter ("A."), or a known short form.
        // The word without opening quotes and brackets: " ' ( [ and the UTF-8 of “ ‘ (E2 80 9C / E2 80 98).
        var start = word.lowerBound
        while start < end - 1 {
            let byte = bytes[start]
            if byte == 0x22 || byte == 0x27 || byte == 0x28 || byte == 0x5B { start += 1; continue }
            if byte == 0xE2, start + 2 < end - 1, bytes[start + 1] == 0x80, bytes[start + 2] == 0x9C || bytes[start + 2] == 0x98 {
                start += 3
                continue
            }
            break
        }
        let stem = UnsafeBufferPointer(rebasing: bytes[start..<(end - 1)])
        if stem.isEmpty { return true }
        if stem.count == 1, stem[0] >= 0x41, stem[0] <= 0x5A { return false }  // an initial
        if stem.contains(0x2E) { return false }
        guard stem.count <= 6 else { return true }
        return !abbreviations.contains(String(decoding: stem, as: UTF8.self).lowercased())
    }
}

/// A mention's snippet with the sentence it is (`Snippet.spannedSentence`): the snippet of any
/// other mention in those bytes of that paragraph.
struct SentenceSnippet {
    var paragraph: Int
    var span: Range<Int>
    var snippet: String
}
