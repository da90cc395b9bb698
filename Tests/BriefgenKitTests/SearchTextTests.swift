import Foundation
import Testing
@testable import BriefgenKit

/// The search index's text work on UTF-8 bytes: a body's plain text, its sorted distinct
/// terms, the text shards' cut and the JSON strings.
@Suite struct SearchTextTests {
    @Test func plainTextDecodesEntitiesAsWrittenAndKeepsUnknownOnes() {
        #expect(SearchText.plain("<p>a &lt;b&gt; &quot;c&quot; &apos;d&#39; &#x41;&#X42;&#67; &#+68;</p>") == "a <b> \"c\" 'd' ABC D")
        // An unknown name, a value that is no character, and an `&` with no `;` near stay as written.
        #expect(SearchText.plain("<p>&copy; &#xD800; &#99999999999; & x &averyveryverylong;</p>") == "&copy; &#xD800; &#99999999999; & x &averyveryverylong;")
        // `&nbsp;` is a plain space put in as it is: not collapsed with its neighbours.
        #expect(SearchText.plain("<p>a &nbsp; b&nbsp;</p>") == "a  b")
    }

    @Test func plainTextSeparatesWordsAtBlockTagsOfAnyCase() {
        #expect(SearchText.plain("<P>one</P><LI>two</li><Br/>three<span>four</span><FIGCAPTION>five</figcaption>") == "one two threefour five")
        #expect(SearchText.plain("a<section>b</section>c<sectionx>d</sectionx>e<p\0>f") == "a b cdef")
        // A `>` inside a quoted attribute does not end the tag; a comment is left out whole.
        #expect(SearchText.plain("<a title=\"x > y\" href='>'>link</a> <!-- <p>gone</p> -->kept") == "link kept")
    }

    @Test func plainTextLeavesOutParagraphMarksAndWeightsUpToTheirOwnEndTag() {
        let html = "<p id=\"p1\"><a class=\"para\" href=\"#p1\">¶1 <b>x</b> &amp;</a>Text <span class=\"weight single\">one <span>source</span> after</span> end</p>"
        // The element left out ends at the first end tag of its name: the inner span ends it.
        #expect(SearchText.plain(html) == "Text after end")
    }

    @Test func sortedTermsAreDistinctAndInByteOrder() {
        var words: [String] = []
        for i in 0..<700 { words.append("w\(i * 7919 % 1000)x") }  // enough to make the table grow
        words += ["abcdefghij", "abcdefgh", "abcdefghi", "abcdefghik", "Zoë", "zoe", "école", "東京", "ab", "ab", "AB"]
        let text = words.joined(separator: " ")
        let terms = text.utf8.withContiguousStorageIfAvailable { SearchTokenizer.sortedTerms(utf8: $0).strings } ?? []
        let expected = SearchTokenizer.termSet(text).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(terms == expected)
        #expect(terms.prefix(5) == ["ab", "abcdefgh", "abcdefghi", "abcdefghij", "abcdefghik"])
        #expect(terms.suffix(2) == ["zoe", "東京"])
    }

    @Test func termsOfHTMLAreTheTermsOfItsText() {
        let text = SearchText.plainBytes("<p>The <a href=\"/actors/x/\">ICO</a> &amp; the Café's <em>ico</em></p>")
        #expect(String(decoding: text, as: UTF8.self) == "The ICO & the Café's ico")
        #expect(SearchText.terms(ofText: text).strings == ["cafe", "ico", "the"])
    }

    /// A body's terms are kept as bytes and where each ends: the run of terms starting with a
    /// range of bytes is found by halving, and ends that do not fit the bytes are refused.
    @Test func termsAreFoundByTheirFirstByteAndBadEndsAreRefused() {
        let terms = SearchTerms(["ab", "apple", "cafe", "ico", "the", "zoe", "é"])
        #expect(terms.count == 7)
        var found: [String] = []
        terms.forEach(in: terms.places(firstByteFrom: 0x61, below: 0x64)) { found.append(String(decoding: $0, as: UTF8.self)) }
        #expect(found == ["ab", "apple", "cafe"])
        #expect(terms.places(firstByteFrom: 0x75, below: 0x7A).isEmpty)
        #expect(terms.places(firstByteFrom: 0x80, below: 0x100) == 6..<7)
        #expect(SearchTerms(bytes: terms.bytes, ends: terms.ends) == terms)
        #expect(SearchTerms(bytes: Array("abc".utf8), ends: [2]) == nil)
        #expect(SearchTerms(bytes: Array("abc".utf8), ends: [2, 1, 3]) == nil)
        // An empty term (the tokenizer makes none) reads back and sorts first, as byte 0.
        let withEmpty = SearchTerms(["", "ab"])
        #expect(SearchTerms(bytes: withEmpty.bytes, ends: withEmpty.ends) == withEmpty)
        #expect(withEmpty.places(firstByteFrom: 0, below: 1) == 0..<1)
        #expect(withEmpty.places(firstByteFrom: 0x61, below: 0x62) == 1..<2)
    }

    @Test func headsOfTextOrderAsTheirBytes() {
        func head(_ text: String) -> UInt64 { Array(text.utf8).withUnsafeBufferPointer { Text.utf8Head($0) } }
        #expect(head("") == 0)
        #expect(head("a") == 0x61 << 56)
        #expect(head("ab") == 0x6162 << 48)
        #expect(head("abcdefg") == 0x6162_6364_6566_6700)
        #expect(head("abcdefgh") == 0x6162_6364_6566_6768)
        #expect(head("abcdefghi") == head("abcdefgh"))
        let words = ["b", "a", "ab", "aa", "é", "z", "abcdefg", "abcdefgh", "東京"]
        #expect(words.sorted { head($0) < head($1) } == words.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }

    @Test func textShardsCutAtASpaceWithinTheLimit() {
        func cut(_ text: String, _ limit: Int) -> String {
            Array(text.utf8).withUnsafeBufferPointer { String(decoding: SearchText.cut($0, to: limit), as: UTF8.self) }
        }
        #expect(cut("one two three", 20) == "one two three")
        #expect(cut("one two three", 9) == "one two")
        #expect(cut("one two three", 7) == "one two")
        #expect(cut("onetwothree", 5) == "")
        // Bytes, not characters: "é" is two.
        #expect(cut("é é é", 6) == "é é")
    }

    @Test func jsonStringsEscapeQuotesBackslashesAndControlCharacters() throws {
        var json = JSONWriter()
        json.open("[")
        json.string("plain")
        json.string("a \"q\" \\ b\n\r\t\u{8}\u{c}\u{1}\u{1f}é")
        json.text(SearchText.plainBytes("<p>x &lt; \"y\"</p>"), limit: 100)
        json.numbers([0, -12, 345])
        json.close("]")
        #expect(String(decoding: json.bytes, as: UTF8.self)
            == #"["plain","a \"q\" \\ b\n\r\t\b\f\u0001\u001fé","x < \"y\"",[0,-12,345]]"#)
        let decoded = try #require(try JSONSerialization.jsonObject(with: json.data) as? [Any])
        #expect(decoded[1] as? String == "a \"q\" \\ b\n\r\t\u{8}\u{c}\u{1}\u{1f}é")
    }
}
