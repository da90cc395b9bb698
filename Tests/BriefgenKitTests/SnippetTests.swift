import Foundation
import Testing
@testable import BriefgenKit

/// Mention context: the sentence around a mention, cut to a window around it when long.
@Suite struct SnippetTests {
    @Test func wholeShortSentenceAroundTheOffset() {
        let text = "First one here. The ICO spoke on Tuesday. Last one."
        let offset = text.utf8.count - "ICO spoke on Tuesday. Last one.".utf8.count
        #expect(Snippet.sentence(in: text, around: offset) == "The ICO spoke on Tuesday.")
    }

    /// Words are copied in runs where the text has one space between them: any other white
    /// space between words still becomes one space.
    @Test func wordsAreJoinedByOneSpaceWhateverSeparatesThem() {
        let text = "Before. The  ICO\tspoke on\n Tuesday\u{00A0}night, it said  again. After."
        let offset = "Before. The  ".utf8.count
        #expect(Snippet.sentence(in: text, around: offset) == "The ICO spoke on Tuesday\u{00A0}night, it said again.")
    }

    @Test func abbreviationsAndInitialsDoNotEndASentence() {
        let text = "Talks with the U.S. government and Mr. Lutnick resumed after J. Smith wrote. Next."
        let offset = text.utf8.count - "Lutnick resumed after J. Smith wrote. Next.".utf8.count
        #expect(Snippet.sentence(in: text, around: offset)
            == "Talks with the U.S. government and Mr. Lutnick resumed after J. Smith wrote.")
    }

    @Test func longSentenceIsCutToAWindowThatHoldsTheMention() {
        let words = (0..<5_000).map { "w\($0)" }
        var all = words
        all[2_500] = "Anthropic"
        let text = all.joined(separator: " ")
        let offset = text.utf8.count - all[2_500...].joined(separator: " ").utf8.count
        let snippet = Snippet.sentence(in: text, around: offset)
        #expect(snippet.contains("Anthropic"))
        #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
        #expect(snippet.split(separator: " ").count <= 40)
    }

    @Test func textWithoutSpacesGivesAWindowAroundTheMention() {
        let text = String(repeating: "東京で会議が開かれた", count: 200) + "アンソロピック" + String(repeating: "と政府が話した", count: 200)
        let offset = text.utf8.count - ("アンソロピック" + String(repeating: "と政府が話した", count: 200)).utf8.count
        let snippet = Snippet.sentence(in: text, around: offset)
        #expect(snippet.contains("アンソロピック"))
        #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…") && !snippet.contains("\u{FFFD}"))
        #expect(snippet.utf8.count < 400)
    }

    /// A whole sentence's span (`spannedSentence`) is where every word start gives the same
    /// sentence: what lets the mentions of one sentence share its snippet.
    @Test(arguments: [
        "First one here. The ICO spoke on Tuesday, and Anthropic answered. Last one.",
        "Talks with the U.S. government and Mr. Lutnick resumed after J. Smith wrote. Next “quoted.” Then Anthropic replied!",
        "No full stop at all here but the ICO and Anthropic",
        "Short. " + (0..<39).map { "w\($0)" }.joined(separator: " ") + ". After that. " + (0..<60).map { "v\($0)" }.joined(separator: " ") + ".",
        "Words  with\tother\nspaces between them. And é accents “curly quotes” — dashes. End",
    ] + SnippetTests.longSentences)
    func everyWordOfAWholeSentenceHasThatSentence(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var wholes = 0
            for offset in bytes.indices where offset == 0 || Snippet.isSpace(bytes[offset - 1]) && !Snippet.isSpace(bytes[offset]) {
                let (sentence, span) = Snippet.spannedSentence(inUTF8: bytes, around: offset)
                #expect(sentence == Snippet.sentence(inUTF8: bytes, around: offset))
                guard let span else { continue }
                wholes += 1
                #expect(span.contains(offset))
                // Any scalar in the span (a mention may start inside a word: "(Anthropic").
                for other in span where bytes[other] & 0xC0 != 0x80 {
                    #expect(Snippet.sentence(inUTF8: bytes, around: other) == sentence, "\(offset) → \(other)")
                }
            }
            #expect(wholes > 0)
        }
    }

    /// A sentence of some 900–1,000 bytes in fewer than forty words (long links), after a
    /// sentence ending in a long word: near the window's size, where a later mention's window
    /// would cut the word ending the sentence before.
    static let longSentences: [String] = (0...12).map { extra in
        let filler = (0..<36).map { "https://x.org/" + String(repeating: "a", count: 10 + $0 % 3 + ($0 == 0 ? extra : 0)) }
        return "Breakfast. Anthropic " + filler.joined(separator: " ") + " IBM. More."
    }

    @Test func aCutSentenceHasNoSpan() {
        let text = (0..<80).map { "w\($0)" }.joined(separator: " ") + "."
        var copy = text
        copy.withUTF8 { bytes in
            #expect(Snippet.spannedSentence(inUTF8: bytes, around: bytes.count / 2).span == nil)
        }
    }

    @Test func closingQuotesAfterAFullStopEndTheSentence() {
        let text = "He said “it is over.” Then Anthropic replied."
        let offset = text.utf8.count - "Anthropic replied.".utf8.count
        #expect(Snippet.sentence(in: text, around: offset) == "Then Anthropic replied.")
    }

    @Test func mentionSnippetsInAHugeParagraphStayShortAndHoldTheirMention() {
        // One paragraph, thousands of mentions, no full stop: each snippet is the words around it.
        var body = ""
        for n in 0..<3_000 { body += "then \(n % 2 == 0 ? "Anthropic" : "the ICO") spoke about item \(n); " }
        let files = ["site/briefgen.yml": "title: T\n",
                     "site/content/actors/anthropic.md": "---\nname: Anthropic\n---\nA company.\n",
                     "site/content/actors/ico.md": "---\nname: ICO\n---\nA regulator.\n",
                     "site/content/notes/long.md": "---\ntitle: Long\n---\n" + body + "\n"]
        let fs = MemoryFileSystem(files)
        let result = Builder(fs: fs, options: BuildOptions(siteRoot: "site")).build(keeping: nil).0
        #expect(result.succeeded)
        let page = String(decoding: fs.read("site/public/actors/anthropic/index.html") ?? Data(), as: UTF8.self)
        // Item 2,000 is far past the paragraph's first 40 words: only a window around it shows it.
        #expect(page.contains("spoke about item 2000;"))
    }
}
