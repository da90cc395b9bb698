import Foundation
import Testing
@testable import BriefgenKit

/// The numbered cases of "Trust the output": each failed before its fix.
@Suite struct TrustTests {
    static func errors(_ result: BuildResult) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    // MARK: 1. Citations checked against the target's anchors

    @Test func citationsOfMissingParagraphsAndAnchorsAreLocatedErrors() throws {
        let fs = Fixture.fileSystem(["site/content/notes/cites.md": """
            ---
            title: Cites
            ---
            Good [[articles/ban-story#p2]] and [[articles/ban-story#what-this-means-for-your-business]].
            Bad [[articles/ban-story#p99]], [[articles/ban-story#p0]] and [[actors/anthropic#nowhere]].

            """])
        let result = Fixture.build(fs)
        #expect(!result.succeeded)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.location.description) == ["content/notes/cites.md:5:5", "content/notes/cites.md:5:33",
                                                       "content/notes/cites.md:5:63"], "\(errors)")
        try #require(errors.count == 3)
        #expect(errors[0].message == "no paragraph or heading `#p99` in articles/ban-story")
        #expect(errors[0].hint == "articles/ban-story has 2 paragraphs (#p1 to #p2) and headings #what-this-means-for-your-business")
        #expect(errors[1].message == "no paragraph or heading `#p0` in articles/ban-story")
        #expect(errors[2].message == "no paragraph or heading `#nowhere` in actors/anthropic")
        #expect(errors[2].hint == "actors/anthropic has 1 paragraph (#p1) and no headings")
    }

    @Test func aCitationOfTheDocumentItselfIsChecked() {
        let fs = Fixture.fileSystem(["site/content/articles/lift-story.md": """
            ---
            title: Lift story
            ---
            Anthropic's Mythos returned, see [[articles/lift-story#p3]].

            """])
        #expect(Self.errors(Fixture.build(fs)) == [
            "content/articles/lift-story.md:4:34: error: no paragraph or heading `#p3` in articles/lift-story (articles/lift-story has 1 paragraph (#p1) and no headings)",
        ])
    }

    @Test func aCitationIsCheckedAgainWhenItsTargetLosesTheParagraph() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        // The event cites ban-story ¶1; ban-story's body now has no paragraph at all.
        fs.write("---\ntitle: Ban story\n---\n## Only a heading\n", to: "site/content/articles/ban-story.md")
        let broken = Fixture.build(fs)
        #expect(Self.errors(broken).count == 1)
        #expect(Self.errors(broken).first?.hasPrefix("content/events/ban-imposed.md:14:52: error: no paragraph or heading `#p1` in articles/ban-story") == true,
                "\(broken.diagnostics)")
        fs.write("---\ntitle: Ban story\n---\nBack.\n", to: "site/content/articles/ban-story.md")
        #expect(Fixture.build(fs).succeeded)
    }

    @Test func aBodyEditThatDropsACitedParagraphFailsTheRebuild() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        // The body alone changes, with the same mentions (a rebuild reading the previous graph
        // per key): ban-story's text moves into tables, and the paragraph the event cites is gone.
        let path = "site/content/articles/ban-story.md"
        let text = Fixture.text(fs, path)
        fs.write(String(text[..<text.range(of: "The Commerce")!.lowerBound])
                 + "| The Commerce Department told Anthropic to stop. The ICO said nothing; an icon did. |\n|---|\n\n"
                 + "## What this means for your business\n\n| Check which AI suppliers you depend on. |\n|---|\n", to: path)
        #expect(Self.errors(Fixture.build(fs)).first?.hasPrefix("content/events/ban-imposed.md:14:52: error: no paragraph or heading `#p1`") == true)
    }

    @Test func aBodyEditThatChangesACitationIsChecked() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        let path = "site/content/events/ban-imposed.md"
        fs.write(Fixture.text(fs, path).replacingOccurrences(of: "#p1]]", with: "#p7]]"), to: path)
        let result = Fixture.build(fs)
        #expect(Self.errors(result) == [
            "content/events/ban-imposed.md:14:52: error: no paragraph or heading `#p7` in articles/ban-story (articles/ban-story has 2 paragraphs (#p1 to #p2) and headings #what-this-means-for-your-business)",
        ])
        #expect(result.graphDocumentsRead < 20, "the previous graph read per key")
    }

    // MARK: 3. baseURL in briefgen.yml

    @Test func anInvalidBaseURLInTheConfigIsAnErrorAtItsKey() {
        let fs = Fixture.fileSystem(["site/briefgen.yml": "title: T\nbaseURL: not a url\n"])
        let result = Fixture.build(fs)
        #expect(Self.errors(result) == [
            "briefgen.yml:2:1: error: `baseURL` must be an absolute URL (http:// or https://) or a path starting with /, not \"not a url\" (e.g. `baseURL: https://example.org/brief/`)",
        ])
        #expect(Self.errors(Fixture.build(Fixture.fileSystem(["site/briefgen.yml": "baseURL: https://\n"]))).count == 1)
        #expect(Fixture.build(Fixture.fileSystem(["site/briefgen.yml": "baseURL: /brief/\n"])).succeeded)
    }

    // MARK: 6. Line endings

    @Test(arguments: ["\r\n", "\r"])
    func everyLineEndingIsAccepted(ending: String) {
        func convert(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: ending) }
        var overrides: [String: String?] = [:]
        for (path, text) in Fixture.files { overrides[path] = convert(text) }
        overrides["site/content/articles/raw.txt"] = convert("Raw headline here\n\nThe first paragraph of the raw article says a great deal about the ban, at some length.\n\nA second paragraph follows it, with more to say about what happened next.\n")
        overrides["site/content/articles/raw.yml"] = convert("title: Raw title\noutlet: Wire\n")
        overrides["site/templates/note.mustache"] = convert("{{<layout}}{{$main}}\n<h1>{{note.title}}</h1>\n{{{body}}}\n{{/main}}{{/layout}}\n")
        let fs = Fixture.fileSystem(overrides)
        let result = Fixture.build(fs)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(Fixture.text(fs, "out/actors/commerce/index.html").contains("US Commerce Department"))
        #expect(Fixture.text(fs, "out/articles/raw/index.html").contains("Raw title"))
        #expect(Fixture.text(fs, "out/index.html").contains("Test Briefing"))
    }

    // MARK: 7. Dates required; names unique

    @Test(arguments: ["date:", "date: null", "date: ~"])
    func anEventWithAnEmptyDateIsAnError(line: String) {
        let fs = Fixture.fileSystem(["site/content/events/partial-lift.md": "---\ntitle: Partial lift\n\(line)\n---\nText.\n"])
        #expect(Self.errors(Fixture.build(fs)) == [
            "content/events/partial-lift.md:3:1: error: required key `date` has no value (write YYYY-MM-DD, YYYY-MM or YYYY)",
        ])
    }

    @Test func twoActorsWithTheSameNameAreAnErrorNamingBothFiles() {
        let fs = Fixture.fileSystem(["site/content/actors/anthropic-2.md": "---\nname: anthropic\n---\nA twin.\n"])
        #expect(Self.errors(Fixture.build(fs)) == [
            "content/actors/anthropic.md:2:1: error: actor name \"Anthropic\" is also a name of content/actors/anthropic-2.md (links and mentions of it would be ambiguous; rename one or remove the alias)",
        ])
    }

    @Test func anAliasSharedWithAnotherActorIsAnError() {
        let fs = Fixture.fileSystem(["site/content/actors/ico.md": "---\nname: Information Commissioner's Office\naliases: [ICO, Mythos]\n---\nX.\n"])
        #expect(Self.errors(Fixture.build(fs)) == [
            "content/actors/mythos.md:4:1: error: actor alias \"Mythos\" is also an alias of content/actors/ico.md (links and mentions of it would be ambiguous; rename one or remove the alias)",
        ])
    }

    // MARK: 8. One failure, reported once at its root

    @Test func aBrokenActorCausesNoFollowOnErrors() {
        let fs = Fixture.fileSystem(["site/content/actors/commerce.md": """
            ---
            name: US Commerce Department
            aliases: [Commerce Department, Commerce
            ---
            A US government department.

            """])
        let result = Fixture.build(fs)
        #expect(!result.succeeded)
        #expect(Set(result.diagnostics.map(\.location.file)) == ["content/actors/commerce.md"], "\(result.diagnostics)")
    }

    @Test func anActorWithUnclosedFrontMatterCausesNoFollowOnErrors() {
        let fs = Fixture.fileSystem(["site/content/actors/commerce.md": "---\nname: US Commerce Department\nA US government department.\n"])
        let result = Fixture.build(fs)
        #expect(Set(result.diagnostics.map(\.location.file)) == ["content/actors/commerce.md"], "\(result.diagnostics)")
    }

    @Test func anUnclosedTagIsReportedWhereItIs() {
        let fs = Fixture.fileSystem(["site/templates/actor.mustache":
            "{{<layout}}{{$main}}\n<h1>{{actor.title</h1>\n{{{body}}}\n{{/main}}{{/layout}}\n"])
        #expect(Self.errors(Fixture.build(fs)) == [
            "templates/actor.mustache:2:5: error: tag `{{actor.title` is never closed (end it with `}}` on the same line)",
        ])
    }

    /// Windows line ends count lines as `\n` does.
    @Test func anUnclosedTagInATemplateWithWindowsLineEndsIsReportedWhereItIs() {
        let fs = Fixture.fileSystem(["site/templates/actor.mustache":
            "{{<layout}}{{$main}}\r\n<h1>{{actor.title</h1>\r\n{{{body}}}\r\n{{/main}}{{/layout}}\r\n"])
        #expect(Self.errors(Fixture.build(fs)) == [
            "templates/actor.mustache:2:5: error: tag `{{actor.title` is never closed (end it with `}}` on the same line)",
        ])
    }

    @Test(arguments: ["", "\n", "  \n\n"])
    func anEmptyFileIsSaidToBeEmpty(text: String) {
        let fs = Fixture.fileSystem(["site/content/actors/empty.md": text])
        #expect(Self.errors(Fixture.build(fs)) == [
            "content/actors/empty.md:1:1: error: file is empty (an actor starts with front matter: `---`, `name: …`, `---`)",
        ])
    }

    @Test func aForeignOutputFolderIsReportedWithoutALineAndColumn() {
        let fs = Fixture.fileSystem(["out/mine.txt": "mine"])
        let result = Fixture.build(fs)
        #expect(Self.errors(result) == [
            "out: error: output folder out exists and was not written by briefgen; refusing to replace it (remove it yourself or choose another --output)",
        ])
        #expect(Fixture.text(fs, "out/mine.txt") == "mine")
    }
}
