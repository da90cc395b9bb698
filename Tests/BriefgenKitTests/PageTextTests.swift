import Testing
@testable import BriefgenKit

/// Text helpers of page contexts that work on UTF-8 bytes, checked against the `Character`
/// reading they replace.
@Suite struct PageTextTests {
    /// The quotation marks of a quoted passage, one `Character` at a time: what the byte
    /// version must produce.
    func byCharacter(_ text: String) -> String {
        var out = ""
        var open = true
        for ch in text {
            switch ch {
            case "\u{201C}": out.append("\u{2018}"); open = false
            case "\u{201D}": out.append("\u{2019}"); open = true
            case "\"": out.append(open ? "\u{2018}" : "\u{2019}"); open.toggle()
            default: out.append(ch)
            }
        }
        return out
    }

    @Test(arguments: [
        "No quotation marks at all, café.",
        "He said \"stop\" and \u{201C}go\u{201D} twice.",
        "\"At the start\" and at the end \"",
        "Beside non-ASCII: é\"x\"é and \u{2014}\u{201C}dash\u{201D}\u{2014} and …\u{201C}cut",
        // A combining accent joins the mark into one character, which is then left as written.
        "A mark with an accent: \"\u{0301}word\" and \u{201C}\u{0301}more\u{201D}",
        "",
        "\u{201D}",
        // The first byte that could start a mark is searched for: a dash's lead byte before
        // the first mark, a mark before the first dash, a dash alone.
        "A dash \u{2014} then \"quoted\" words",
        "\"Quoted\" then a dash \u{2014} and \u{201C}curly\u{201D}",
        "Only a dash \u{2014} here",
    ])
    func nestedQuotesMatchCharacters(_ text: String) {
        #expect(PageReader.nestedQuotes(text) == byCharacter(text))
    }

    @Test func nestedQuotesTurnDoubleIntoSingle() {
        #expect(PageReader.nestedQuotes("say \"no\" or \u{201C}yes\u{201D}") == "say \u{2018}no\u{2019} or \u{2018}yes\u{2019}")
    }

    /// A document id's kind read from its bytes, as its folder's name says; a kind's place is
    /// its place among all kinds.
    @Test func kindsOfIdsAreTheirFoldersKinds() {
        for kind in DocumentKind.allCases {
            #expect(DocumentKind(ofID: kind.folder + "/some-slug") == kind)
            #expect(DocumentKind(ofID: kind.folder) == kind)
            #expect(DocumentKind(ofDocumentID: kind.folder + "/some-slug") == kind)
            #expect(DocumentKind(ofDocumentID: kind.folder + "/") == kind)
            #expect(DocumentKind(ofDocumentID: kind.folder) == nil, "a folder alone is no document's id")
            #expect(DocumentKind.allCases[kind.place] == kind)
        }
        for id in ["", "/", "actor/x", "actorss/x", "Actors/x", "events", "notesx/y", "business-x/y", "é/x"] {
            let folder = String(id.prefix { $0 != "/" })
            #expect(DocumentKind(ofID: id) == DocumentKind(folder: folder), "\(id)")
            #expect(DocumentKind(ofDocumentID: id) == (id.contains("/") ? DocumentKind(folder: folder) : nil), "\(id)")
        }
    }
}
