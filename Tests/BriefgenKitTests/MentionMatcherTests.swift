import Testing
@testable import BriefgenKit

@Suite struct MentionMatcherTests {
    let matcher = MentionMatcher([
        .init(text: "Anthropic", target: "a"),
        .init(text: "Anthropic PBC", target: "a"),
        .init(text: "ICO", target: "ico"),
        .init(text: "US Commerce Department", target: "c"),
        .init(text: "Commerce Department", target: "c"),
        .init(text: "Commerce", target: "c"),
        .init(text: "Katie Moussouris", target: "km"),
        .init(text: "Department for Science, Innovation and Technology", target: "dsit"),
        .init(text: "Anthropic's Claude", target: "claude"),
    ])

    func found(_ text: String) -> [String] { matcher.matches(in: text).map(\.pattern) }

    @Test func longestMatchWinsAmongOverlaps() {
        #expect(found("the US Commerce Department said") == ["US Commerce Department"])
        #expect(found("Anthropic PBC and Anthropic") == ["Anthropic PBC", "Anthropic"])
    }

    @Test func wholeWordsOnly() {
        #expect(found("Anthropics and preCommerce and Commerced") == [])
        #expect(found("Anthropic's stance") == ["Anthropic"])
    }

    @Test func acronymsNeedExactCaseOthersDoNot() {
        #expect(found("an icon, an Ico, the ICO.") == ["ICO"])
        #expect(found("ANTHROPIC and anthropic") == ["Anthropic", "Anthropic"])
    }

    @Test func punctuationInsideNamesAndTypographicApostrophes() {
        #expect(found("the Department for Science, Innovation and Technology said") == ["Department for Science, Innovation and Technology"])
        #expect(found("Anthropic\u{2019}s Claude is") == ["Anthropic's Claude"])
    }

    @Test func offsetsAreUTF8Offsets() {
        let match = matcher.matches(in: "é Katie Moussouris")[0]
        #expect(match.start == 3 && match.end == 19)
    }

    /// A match's start is found back from its end by the name's length in characters: a name
    /// whose apostrophe is written wider than the pattern's, after wide characters, starts where it is written.
    @Test func startsOfNamesWrittenWithWideCharacters() {
        let text = "née Anthropic\u{2019}s Claude, then ÉLYSÉE"
        let m = MentionMatcher([.init(text: "Anthropic's Claude", target: "c"), .init(text: "Élysée", target: "e")])
        let matches = m.matches(in: text)
        #expect(matches.map(\.target) == ["c", "e"])
        #expect(matches.map { Array(text.utf8)[$0.start..<$0.end] }.map { String(decoding: $0, as: UTF8.self) }
            == ["Anthropic\u{2019}s Claude", "ÉLYSÉE"])
        #expect(matches.first?.start == 5)
    }

    @Test func unicodeCaseFolding() {
        let m = MentionMatcher([.init(text: "Zhipu AI", target: "z"), .init(text: "Élysée", target: "e")])
        #expect(m.matches(in: "ZHIPU AI met the élysée").map(\.target) == ["z", "e"])
    }
}
