import Foundation
import Testing
@testable import BriefgenKit

@Suite struct FrontMatterTests {
    @Test func unclosedFrontMatterIsAnErrorWithAHint() {
        let (document, diagnostics) = DocumentParser.parse(path: "content/actors/x.md", text: "---\nname: X\n\nBody")
        #expect(document == nil)
        #expect(diagnostics.first?.description.hasPrefix("content/actors/x.md:1:1: error: front matter") == true)
        #expect(diagnostics.first?.hint?.contains("---") == true)
    }

    @Test func splitKeepsYAMLBodyAndLinesAtTheEdges() {
        let (plain, _) = FrontMatter.split("---\ntitle: X\nsummary: Y\n---\nBody\n\nMore\n", file: "x.md")
        #expect(plain.yaml == "title: X\nsummary: Y" && plain.body == "Body\n\nMore\n" && plain.bodyLine == 5)
        let (empty, _) = FrontMatter.split("---\n...\nBody", file: "x.md")
        #expect(empty.yaml == "" && empty.body == "Body" && empty.bodyLine == 3)
        let (noBody, _) = FrontMatter.split("\u{FEFF}---\ntitle: X\n---", file: "x.md")
        #expect(noBody.yaml == "title: X" && noBody.body == "" && noBody.bodyLine == 4)
        let (none, _) = FrontMatter.split("# Title\n---\n", file: "x.md")
        #expect(none.yaml == nil && none.body == "# Title\n---\n")
        let (_, unclosed) = FrontMatter.split("---", file: "x.md")
        #expect(unclosed.count == 1)
    }

    @Test func missingRequiredKeyIsAnError() {
        let (_, diagnostics) = DocumentParser.parse(path: "content/events/e.md", text: "---\ntitle: E\n---\nBody")
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("`date`") })
    }

    @Test func missingFrontMatterSuggestsDashes() {
        let (_, diagnostics) = DocumentParser.parse(path: "content/actors/x.md", text: "name: X\n")
        #expect(diagnostics.contains { $0.hint?.contains("forget the `---`") == true })
    }

    @Test func unknownKeyWarnsAtItsLineWithSuggestion() {
        let text = "---\nname: X\nalises: [Y]\n---\nBody"
        let (document, diagnostics) = DocumentParser.parse(path: "content/actors/x.md", text: text)
        #expect(document != nil)
        let warning = diagnostics.first { $0.severity == .warning }
        #expect(warning?.location == SourceLocation(file: "content/actors/x.md", line: 3, column: 1))
        #expect(warning?.hint == "did you mean `aliases`?")
    }

    @Test func badDateNamesLineAndColumn() {
        let text = "---\ntitle: E\ndate: June 2026\n---\n"
        let (_, diagnostics) = DocumentParser.parse(path: "content/events/e.md", text: text)
        let error = diagnostics.first { $0.severity == .error }
        #expect(error?.location.line == 3)
        #expect(error?.location.column == 7)
    }

    @Test func invalidYAMLReportsFileLine() {
        let text = "---\ntitle: E\ndate: [2026\n---\n"
        let (_, diagnostics) = DocumentParser.parse(path: "content/events/e.md", text: text)
        #expect(diagnostics.contains { $0.severity == .error && $0.location.line >= 3 && $0.message.contains("YAML") })
    }

    @Test func datePrecisionAndDisplay() {
        let text = "---\ntitle: E\ndate: 2026-06\ndate_precision: approximate\n---\n"
        let (document, _) = DocumentParser.parse(path: "content/events/e.md", text: text)
        #expect(document?.fields.date?.display == "c. June 2026")
        #expect(PartialDate(parsing: "2026-02-30") == nil)
        #expect(PartialDate(parsing: "2026-06-26")?.display == "26 June 2026")
    }

    /// Dates are read as bytes: every spelling reads as Foundation's trimming and `Int` read it.
    @Test func datesReadAsBytesKeepTheirSpellingsRules() {
        let read = { (text: String) in PartialDate(parsing: text).map { "\($0.year) \($0.month ?? 0) \($0.day ?? 0)" } }
        #expect(read(" \t2024-02-29\t ") == "2024 2 29")
        #expect(read("\u{00A0}2024-06\u{3000}") == "2024 6 0")  // Unicode spaces are trimmed too
        #expect(read("+123") == "123 0 0" && read("2024-+6") == "2024 6 0")  // `Int` takes a `+`
        for bad in ["2023-02-29", "2024-1", "2024-01-01-01", "2024-", "-2024", "+", "202a", "2024-13", "2024-00",
                    "２０２４", "2024\u{301}", "2024 -01", "2024-\u{301}01", "12345", ""] {
            #expect(read(bad) == nil, "\(bad)")
        }
    }

    /// A file's extension and stem are found on its bytes, as `NSString` and character splitting find them.
    @Test func extensionsAndStemsOfPaths() {
        let paths = ["content/notes/x.md", "content/articles/.md", "a.b/c", "a/b.", "a/b.MD", "a/b..md", "a/b.tar.gz",
                     "a/résumé.md", "a/b. md", "a/.x.md", "content/notes/x.md/", "x", "/"]
        for path in paths {
            #expect(Stages.pathExtension(path) == (path as NSString).pathExtension, "\(path)")
        }
        #expect(DocumentParser.fileStem("content/notes/My Note.md") == "My Note")
        #expect(DocumentParser.fileStem("content/notes/a.b.md/") == "a.b")
        #expect(DocumentParser.fileStem("content/notes/.md") == "")
        #expect(DocumentParser.fileStem("content/notes/noext") == "noext")
        #expect(DocumentParser.fileStem("content/notes/résumé.v2.md") == "résumé.v2")
    }

    @Test func slugFromFileNameAndUnsafeSlugRejected() {
        let (doc, _) = DocumentParser.parse(path: "content/notes/My Note.md", text: "---\ntitle: T\n---\n")
        #expect(doc?.slug == "my-note")
        let (evil, diagnostics) = DocumentParser.parse(path: "content/notes/n.md", text: "---\ntitle: T\nslug: ../../etc\n---\n")
        #expect(evil?.slug == "etc")
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("slug") })
    }

    @Test func articleTitleFallsBackToFirstHeading() {
        let (doc, _) = DocumentParser.parse(path: "content/articles/a.md", text: "# Big news\n\nText.")
        #expect(doc?.title == "Big news")
        #expect(doc?.body.contains("Big news") == false)
    }

    @Test func configWarnsUnknownKeysAndNormalisesBase() {
        let (config, diagnostics) = SiteConfig.parse("title: T\nbaseURL: https://x.org/brief\ncolour: red\n")
        #expect(config.basePath == "/brief/")
        #expect(diagnostics.count == 1 && diagnostics[0].severity == .warning)
        // The path is kept with the URL: setting the URL again (`--base-url`) sets it anew.
        var moved = config
        moved.baseURL = "https://y.org/"
        #expect(moved.basePath == "/")
        moved.baseURL = "/docs"
        #expect(moved.basePath == "/docs/")
        #expect(SiteConfig().basePath == "/")
    }
}

@Suite struct ColonInListTests {
    @Test func aListItemReadAsAKeyAndValueSaysToQuoteIt() {
        let fs = Fixture.fileSystem(["site/briefgen.yml": """
        title: Test Briefing
        baseURL: https://example.org/
        status:
          - Access: restored for some allies
          - Still disputed

        """])
        let result = Fixture.build(fs)
        let error = result.diagnostics.first { $0.severity == .error }
        #expect(error?.location.file == "briefgen.yml")
        #expect(error?.location.line == 4)
        #expect(error?.message == "`status` must be a list of plain values")
        #expect(error?.hint == "the `: ` makes YAML read this item as a key and a value; put it in quotes: - \"Access: restored for some allies\"")
    }
}
