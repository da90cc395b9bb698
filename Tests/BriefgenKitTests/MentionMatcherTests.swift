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

    /// Random names and texts (spaces, punctuation, letters written wide, capitals, acronyms
    /// and their twins, names inside names) give what trying every name at every place gives.
    @Test func findsWhatTryingEveryNameEverywhereFinds() {
        var rng = SplitMix(seed: 20261205)
        let pieces = ["a", "b", "ab", "ba", "A", "B", "é", "É", "ü", " ", " ", ".", ",", "'", "\u{2019}", "-", "—", "1", "_", "x"]
        func piece() -> String { pieces[Int(rng.next() % UInt64(pieces.count))] }
        var matched = 0
        for round in 0..<400 {
            var patterns: [MentionMatcher.Pattern] = []
            for number in 0..<(1 + Int(rng.next() % 6)) {
                var text = (0..<(1 + Int(rng.next() % 4))).map { _ in piece() }.joined()
                if rng.next() % 5 == 0 { text = text.uppercased() }
                patterns.append(.init(text: text, target: "t\(number % 3)"))
            }
            if rng.next() % 3 == 0, let first = patterns.first {
                patterns.append(.init(text: first.text.uppercased(), target: "upper"))
            }
            var text = ""
            for _ in 0..<Int(rng.next() % 30) {
                if rng.next() % 3 == 0, !patterns.isEmpty {
                    let name = patterns[Int(rng.next() % UInt64(patterns.count))].text
                    text += rng.next() % 2 == 0 ? name : name.lowercased()
                } else {
                    text += piece()
                }
            }
            let got = MentionMatcher(patterns).matches(in: text).map { "\($0.start)-\($0.end) \($0.pattern) \($0.target)" }
            let want = Self.everyNameEverywhere(patterns, text).map { "\($0.start)-\($0.end) \($0.pattern) \($0.target)" }
            #expect(got == want, "round \(round): \(patterns.map(\.text)) in \(Array(text.unicodeScalars))")
            matched += want.count
        }
        #expect(matched > 400)  // the texts do name the names
    }

    /// The rules of `MentionMatcher` applied by trying each name at each character: the
    /// names fold as the matcher folds them, whole words only, acronyms in their own case, the
    /// first of names folding alike that fits, then the leftmost longest without overlaps.
    static func everyNameEverywhere(_ patterns: [MentionMatcher.Pattern], _ text: String) -> [MentionMatcher.Match] {
        let sorted = patterns.sorted { ($0.text, $0.target) < ($1.text, $1.target) }
        let bytes = Array(text.utf8)
        var starts: [Int] = []  // each scalar's offset
        var offset = 0
        for scalar in text.unicodeScalars { starts.append(offset); offset += String(scalar).utf8.count }
        let scalars = Array(text.unicodeScalars)
        func folded(_ scalars: some Sequence<Unicode.Scalar>) -> [UInt8] {
            scalars.flatMap { Array(String(MentionMatcher.foldScalar($0)).utf8) }
        }
        var found: [MentionMatcher.Match] = []
        for first in scalars.indices {
            if first > 0, MentionMatcher.isWordScalar(scalars[first - 1]) { continue }
            var taken = Set<[UInt8]>()
            for pattern in sorted {
                let name = folded(pattern.text.unicodeScalars)
                guard !name.isEmpty else { continue }
                for last in first..<scalars.count where folded(scalars[first...last]) == name {
                    if last + 1 < scalars.count, MentionMatcher.isWordScalar(scalars[last + 1]) { continue }
                    let start = starts[first], end = last + 1 < starts.count ? starts[last + 1] : bytes.count
                    if MentionMatcher.isAcronym(pattern.text), Array(pattern.text.utf8) != Array(bytes[start..<end]) { continue }
                    guard taken.insert(name).inserted else { continue }
                    found.append(.init(start: start, end: end, target: pattern.target, pattern: pattern.text, targetNumber: 0))
                }
            }
        }
        found.sort { ($0.start, -$0.end, $0.target) < ($1.start, -$1.end, $1.target) }
        var result: [MentionMatcher.Match] = []
        var covered = 0
        for match in found where match.start >= covered {
            result.append(match)
            covered = match.end
        }
        return result
    }

    /// The eight-byte tests for word bytes (the matcher's, and the search tokenizer's letters,
    /// digits and capitals) say what the byte tests say, for every byte in every place of the eight.
    @Test func wordBytesEightAtATimeAsOneAtATime() {
        for byte in 0...255 {
            for place in 0..<8 {
                var bytes = [UInt8](repeating: 0x20, count: 8)
                bytes[place] = UInt8(byte)
                bytes[(place + 3) % 8] = 0x5F
                let x = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
                let flags = MentionMatcher.wordBytes(x)
                let (terms, capitals) = SearchTokenizer.asciiWordBytes(x)
                for k in 0..<8 {
                    let b = bytes[k]
                    #expect((flags >> (8 * k + 7)) & 1 == (MentionMatcher.isWordASCII(b) ? 1 : 0), "byte \(byte) at \(place)")
                    let letterOrDigit = (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
                    #expect((terms >> (8 * k + 7)) & 1 == (letterOrDigit ? 1 : 0), "search byte \(byte) at \(place)")
                    #expect((capitals >> (8 * k + 7)) & 1 == ((0x41...0x5A).contains(b) ? 1 : 0), "capital \(byte) at \(place)")
                }
            }
        }
    }

    @Test func unicodeCaseFolding() {
        let m = MentionMatcher([.init(text: "Zhipu AI", target: "z"), .init(text: "Élysée", target: "e")])
        #expect(m.matches(in: "ZHIPU AI met the élysée").map(\.target) == ["z", "e"])
    }
}
