import Testing
@testable import BriefgenKit

@Suite struct TemplateTests {
    @Test func unclosedSectionNamesItsOpeningTag() {
        let text = "{{<layout}}{{$main}}\n<ul>\n  {{#events}}<li>{{title}}</li>\n</ul>\n{{/main}}{{/layout}}\n"
        let (_, diagnostics) = TemplateSet.make(overrides: ["timeline": ("templates/timeline.mustache", text)])
        let error = diagnostics.first { $0.severity == .error }
        #expect(error?.location == SourceLocation(file: "templates/timeline.mustache", line: 3, column: 3))
        #expect(error?.message.contains("{{#events}}") == true)
    }

    @Test func syntaxErrorsFromTheLibraryCarryLineAndColumn() {
        let (_, diagnostics) = TemplateSet.make(overrides: ["note": ("templates/note.mustache", "a\nb {{#x}}{{/x}} {{=<% %>=}}<%#y%>\n")])
        #expect(diagnostics.contains { $0.severity == .error && $0.location.file == "templates/note.mustache" && $0.location.line >= 2 })
    }

    @Test func aBlockInsideItsOwnOverrideIsAnErrorNotAnEndlessRender() {
        let text = "{{<layout}}{{$main}}<h1>{{note.title}}</h1>{{$main}}x{{/main}}{{/main}}{{/layout}}\n"
        let (_, diagnostics) = TemplateSet.make(overrides: ["note": ("templates/note.mustache", text)])
        let error = diagnostics.first { $0.severity == .error }
        #expect(error?.location == SourceLocation(file: "templates/note.mustache", line: 1, column: 44))
        #expect(error?.message == "`{{$main}}` is inside the override of `main` in templates/note.mustache:1:12, which would render it again without end")
        // Through a partial, and in a parent's own blocks, too.
        let (_, viaPartial) = TemplateSet.make(overrides: [
            "note": ("templates/note.mustache", "{{<layout}}\n{{$footer}}{{>foot}}{{/footer}}\n{{/layout}}\n"),
            "foot": ("templates/foot.mustache", "<p>\n  {{$footer}}{{/footer}}</p>\n"),
        ])
        #expect(viaPartial.first { $0.severity == .error }?.location == SourceLocation(file: "templates/foot.mustache", line: 2, column: 3))
        // A block of another name, or one of the same name outside the override, is fine.
        let (_, fine) = TemplateSet.make(overrides: [
            "note": ("templates/note.mustache", "{{<layout}}{{$main}}{{$title}}t{{/title}}{{/main}}{{/layout}}\n"),
        ])
        #expect(!fine.contains { $0.severity == .error })
    }

    @Test func missingPartialIsAnError() {
        let (_, diagnostics) = TemplateSet.make(overrides: ["note": ("templates/note.mustache", "{{>backlink}}")])
        #expect(diagnostics.contains { $0.message.contains("`backlink` does not exist") && $0.hint == "did you mean `backlinks`?" })
    }

    @Test func unknownVariableIsReportedWithSuggestion() {
        let fs = Fixture.fileSystem(["site/templates/note.mustache": "{{<layout}}{{$main}}<h1>{{note.titel}}</h1>{{/main}}{{/layout}}"])
        let result = Fixture.build(fs)
        #expect(!result.succeeded)
        let error = result.diagnostics.first { $0.location.file == "templates/note.mustache" }
        #expect(error?.message == "template reads `titel`, which no page provides")
        #expect(error?.hint == "did you mean `title`?")
        #expect(error?.location.column == 25)
    }

    @Test func overridesReplaceOneFileAndKeepTheRest() {
        let fs = Fixture.fileSystem([
            "site/templates/note.mustache": "{{<layout}}{{$main}}<h1 class=\"custom\">{{note.title}}</h1>{{/main}}{{/layout}}",
            "site/templates/assets/style.css": "body { color: red }",
            "site/templates/assets/img/logo.svg": "<svg/>",
        ])
        let result = Fixture.build(fs)
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(Fixture.text(fs, "out/notes/overview/index.html").contains("<h1 class=\"custom\">Overview</h1>"))
        #expect(Fixture.text(fs, "out/notes/overview/index.html").contains("<header class=\"site-header\">"))
        #expect(Fixture.text(fs, "out/actors/anthropic/index.html").contains("What links here"))
        #expect(Fixture.text(fs, "out/assets/style.css") == "body { color: red }")
        #expect(Fixture.text(fs, "out/assets/img/logo.svg") == "<svg/>")
    }

    @Test func defaultThemeMakesNoExternalRequests() {
        for (_, file) in DefaultTheme.templates.merging(DefaultTheme.assets, uniquingKeysWith: { a, _ in a }) {
            // An SVG's namespace is a name, not a request.
            let text = file.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            #expect(!text.contains("http://") && !text.contains("https://") && !text.contains("@import"))
        }
    }
}

/// The escaping every `{{variable}}` goes through.
@Suite struct HTMLEscapingTests {
    @Test func escapesTheFiveCharactersLikeMustacheAndLeavesOtherTextAlone() {
        func escape(_ text: String) -> String {
            var bytes: [UInt8] = Array("x".utf8)
            HTMLEscaping.append(text, to: &bytes)
            return String(decoding: bytes.dropFirst(), as: UTF8.self)
        }
        #expect(escape(#"<a href="x">Tom & Jerry's</a>"#)
                == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(escape("Café — naïve, 東京") == "Café — naïve, 東京")
        #expect(escape("") == "")
        #expect(escape("ends with &") == "ends with &amp;")
    }

    /// Text is skipped eight bytes at a time: each character to escape is found wherever it
    /// falls in such a group, and in the bytes after the last whole group.
    @Test func escapesEachCharacterAtEveryPlaceInLongerText() {
        let replacements: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]
        for (special, replacement) in replacements {
            for count in 0..<20 {
                for place in 0...count {
                    var text = String(repeating: "é", count: count / 2) + String(repeating: "x", count: count - count / 2)
                    text.insert(special, at: text.index(text.startIndex, offsetBy: min(place, text.count)))
                    var bytes: [UInt8] = []
                    HTMLEscaping.append(text, to: &bytes)
                    let expected = text.map { $0 == special ? replacement : String($0) }.joined()
                    #expect(String(decoding: bytes, as: UTF8.self) == expected)
                }
            }
        }
    }
    /// Every ASCII byte, and bytes of longer UTF-8 sequences, at each place of a word and of the
    /// tail: only the five characters change (the word test groups `&` with `'` and `<` with `>`
    /// by one bit, so their neighbours `%`, `(`, `=` and `?` must stay as they are).
    @Test func leavesEveryOtherByteAsItIs() {
        func reference(_ bytes: [UInt8]) -> [UInt8] {
            bytes.flatMap { byte -> [UInt8] in
                switch byte {
                case 0x3C: Array("&lt;".utf8)
                case 0x3E: Array("&gt;".utf8)
                case 0x26: Array("&amp;".utf8)
                case 0x22: Array("&quot;".utf8)
                case 0x27: Array("&#39;".utf8)
                default: [byte]
                }
            }
        }
        for byte in UInt8(1)...0x7F {
            for count in [1, 7, 8, 9, 16, 17] {
                for place in 0..<count {
                    var text = [UInt8](repeating: UInt8(ascii: "a"), count: count)
                    text[place] = byte
                    var out: [UInt8] = []
                    text.withUnsafeBufferPointer { HTMLEscaping.append($0, to: &out) }
                    #expect(out == reference(text), "byte \(byte) at \(place) of \(count)")
                }
            }
        }
        let mixed = Array("«Tom» & ‘Jerry’ <b>“quoted”</b> — 東京's \"x\" ä=b?c%d(e)".utf8)
        var out: [UInt8] = []
        mixed.withUnsafeBufferPointer { HTMLEscaping.append($0, to: &out) }
        #expect(out == reference(mixed))
    }
}
