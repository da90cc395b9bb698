import Testing
import Foundation
@testable import BriefgenKit

/// Text helpers rewritten to work on UTF-8 bytes, checked against the scalar and Foundation
/// readings they replace, on ASCII and on text that takes their slower paths.
@Suite struct TextBytesTests {
    static let samples = [
        "", "   ", "Plain words", "  Leading and trailing  ", "tabs\tand\nnew\r\nlines",
        "Anthropic's “model” — Claude", "No\u{00A0}break\u{2003}em space\u{3000}ideographic",
        "Fullwidth ＡＢＣ and café, naïve", "5 < 6 & \"quoted\" 'single' > 4", "U.S. Gov. Dept.",
        "a\u{0301}ccent", "x \u{0301}y", "--Hyphens--and__underscores--", "Ünïcödé ÜPPER",
    ]

    /// Words are counted eight bytes at a time: every kind of space, at every place of a word
    /// of bytes and of the tail, and bytes above 0x7F whose low bits are those of a space.
    @Test func wordCountMatchesCountingByteByByte() {
        func reference(_ text: String) -> Int {
            var (count, inWord) = (0, false)
            for byte in text.utf8 {
                let space = byte == 32 || (byte >= 9 && byte <= 13)
                if !space, !inWord { count += 1 }
                inWord = !space
            }
            return count
        }
        var texts = Self.samples + ["\u{89}\u{8D}é\u{A0}x", String(repeating: "word ", count: 9), "a\u{0B}b\u{0C}c\rd"]
        for count in 1...20 {
            for place in 0..<count {
                for space in [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"] {
                    var text = Array(repeating: "x", count: count)
                    text[place] = space
                    texts.append(text.joined())
                    text[(place + 3) % count] = space
                    texts.append(text.joined())
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "é", " ", "\t", "\n", "–", "b", "\u{A0}", "z"]
        for _ in 0..<300 {
            texts.append(String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for text in texts { #expect(Text.wordCount(text) == reference(text), "\(Array(text.utf8))") }
    }

    @Test(arguments: samples)
    func collapseWhitespaceMatchesWords(_ text: String) {
        #expect(Text.collapseWhitespace(text) == Text.words(text).words.joined(separator: " "))
    }

    @Test(arguments: samples + ["one, two; three: four. five", "a, b.\u{0301} c", "x \u{0600}. y z"])
    func truncateWordsMatchesWords(_ text: String) {
        for count in [1, 2, 3, 40] {
            let (parts, more) = Text.words(text, limit: count)
            var expected = parts.joined(separator: " ")
            if more {
                while let last = expected.last, ",;:.".contains(last) { expected.removeLast() }
                expected += "…"
            }
            #expect(Text.truncateWords(text, count) == expected)
        }
    }

    @Test(arguments: samples)
    func slugifyMatchesFolding(_ text: String) {
        var out = ""
        var pendingHyphen = false
        let folded = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if pendingHyphen, !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue
            } else {
                pendingHyphen = true
            }
        }
        #expect(Text.slugify(text) == out)
    }

    @Test(arguments: samples)
    func escapeHTMLMatchesScalars(_ text: String) {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        #expect(Text.escapeHTML(text) == out)
    }

    @Test(arguments: [" target ", "\ttarget|  label\t", "target| ", "\u{00A0}nbsp\u{00A0}|\u{2003}label", " é | \u{0301}x ", "  |  "])
    func wikiLinkTrimsAsFoundation(_ raw: String) {
        let link = WikiLink(raw: raw, line: 1, column: 1)
        let parts = raw.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        #expect(link.target == parts[0].trimmingCharacters(in: .whitespaces))
        let label = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        #expect(link.label == (label.isEmpty ? nil : label))
    }

    /// Long ASCII runs are checked eight bytes at a time: lines and columns still count every byte.
    @Test(arguments: samples)
    func containsBytesMatchesFoundation(_ text: String) {
        let long = String(repeating: "The report. ", count: 20) + text + " Why it matters"
        for part in ["", "a", "Why it matters", "The report. The", "\u{00A0}break", "é", "missing words", text] {
            #expect(Text.containsBytes(long, part) == (part.isEmpty || long.contains(part)), "\(part)")
        }
        #expect(!Text.containsBytes("Wh", "Why"))
    }

    @Test func textBytesFindsProblemsAfterLongRuns() {
        let prefix = "0123456789abcdef line one\r\nline two is long enough to span words\rthird "
        #expect(TextBytes.firstProblem(Data(prefix.utf8)) == nil)
        let nul = TextBytes.firstProblem(Data(prefix.utf8) + Data([0x41, 0x00]))
        #expect(nul?.line == 3 && nul?.column == 8 && nul?.binary == true)
        let invalid = TextBytes.firstProblem(Data((prefix + "é\n").utf8) + Data(repeating: 0x61, count: 17) + Data([0xFF]))
        #expect(invalid?.line == 4 && invalid?.column == 18 && invalid?.binary == false)
    }

    @Test func snippetDropsTrailingPunctuationBeforeTheEllipsis() {
        let words = (1...60).map { "w\($0)," }.joined(separator: " ")
        let snippet = Snippet.sentence(in: words, around: 0)
        #expect(snippet.hasSuffix("w40…"))
        #expect(!snippet.contains(",…"))
    }

    /// A string made stretch by stretch between bytes above 0x7F equals the one decoding the
    /// whole buffer: valid text with its non-ASCII bytes sparse or dense, and ill-formed bytes
    /// (stray continuations, cut sequences, bytes UTF-8 never uses) beside ASCII stretches of
    /// every length around the 32 bytes at which a stretch is split off.
    @Test func stringMadeByRunsEqualsDecodingTheWholeBuffer() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("¶".utf8), Array("“".utf8), Array("é".utf8), Array("😀".utf8), Array("Ω".utf8),
            [0x80], [0xBF], [0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
        ]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                let ascii = Int.random(in: 0...80, using: &generator)
                bytes += (0..<ascii).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }
                bytes += pieces.randomElement(using: &generator)!
            }
            bytes += (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8(ascii: "a") }
            let made = bytes.withUnsafeBufferPointer { String(utf8Runs: $0) }
            let whole = String(decoding: bytes, as: UTF8.self)
            #expect(Array(made.utf8) == Array(whole.utf8), "\(bytes)")
        }
        let html = String(repeating: "<p id=\"p1\"><a class=\"para\" href=\"#p1\">¶1</a> text of the paragraph</p>\n", count: 40)
        #expect(Array(html.utf8).withUnsafeBufferPointer { String(utf8Runs: $0) } == html)
    }
}
