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

    @Test func unicodeCaseFolding() {
        let m = MentionMatcher([.init(text: "Zhipu AI", target: "z"), .init(text: "Élysée", target: "e")])
        #expect(m.matches(in: "ZHIPU AI met the élysée").map(\.target) == ["z", "e"])
    }
}
