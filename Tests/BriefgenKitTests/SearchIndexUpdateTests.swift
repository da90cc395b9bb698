import Foundation
import Testing
@testable import BriefgenKit

/// The search index per node: an edit makes the records of the documents it changed, and
/// makes again only the files holding their terms, entries or actors; the rest keep their
/// bytes unread. Each test ends equal to a clean build.
@Suite struct SearchIndexUpdateTests {
    let incremental = IncrementalTests()
    /// Documents of the fixture (four actors, two articles, two events, a business page, a note).
    let documentCount = 10

    func outputs(_ fs: MemoryFileSystem) -> [String: Data] {
        fs.files(under: "out").reduce(into: [String: Data]()) { $0[$1] = fs.read("out/" + $1) }
    }

    @Test func filesAreReadBackAsWritten() throws {
        // Keys and strings with every escape the writer makes, numbers and empty lists.
        var json = JSONWriter()
        json.open("{")
        json.key("a\"b\\c\nd\u{1}\u{8}\u{c}é")
        json.numbers([3, 0, 12, -4])
        json.key("12")
        json.open("[")
        json.string("slug")
        json.string("Title \"quoted\"\t")
        json.string("")
        json.close("]")
        json.key("empty")
        json.numbers([])
        json.close("}")
        let members = try #require(SearchJSONReader.members(json.data))
        #expect(members.map(\.key) == ["a\"b\\c\nd\u{1}\u{8}\u{c}é", "12", "empty"])
        #expect(members[0].numbers == [3, 0, 12, -4] && members[1].strings == ["slug", "Title \"quoted\"\t", ""])
        #expect(members[2].numbers.isEmpty && members[2].strings.isEmpty)
        // Anything else is not taken for a file of the index.
        for bad in ["", "{", "{\"a\":[1,\"x\"]}", "{\"a\":[1]}x", "{\"a\":1}", "[1]"] {
            #expect(SearchJSONReader.members(Data(bad.utf8)) == nil, "\(bad)")
        }
    }

    @Test func aCleanBuildMakesEveryRecord() {
        let result = Fixture.build(Fixture.fileSystem())
        #expect(result.searchRecordsMade == documentCount)
    }

    @Test func aTitleEditRemakesTheRecordOfThatDocumentAndTheFilesOfItsOldAndNewTitleTerms() throws {
        let fs = Fixture.fileSystem()
        let before = SearchFiles(Fixture.build(fs).outputs)
        incremental.replace(fs, "site/content/articles/lift-story.md", "title: Lift story", "title: Wombat story")
        let result = Fixture.build(fs)
        #expect(result.succeeded && !result.fullBuild)
        #expect(result.searchRecordsMade == 1)
        let number = try #require(before.numbers["articles/lift-story"])
        let table = try #require(before.outputs.keys.first {
            $0.hasPrefix("search/d/") && (SearchFiles.json(before.outputs[$0]) as? [String: Any])?[String(number)] != nil
        })
        // "lift" left its title (the event "Partial lift" keeps it), "wombat" came: their files
        // and the document table's line; not the manifest, the actors, the dates or the text.
        let expected = Set([before.shard(of: "lift"), before.shard(of: "wombat"), table])
        #expect(Set(result.renderedIndexFiles) == expected)
        let after = SearchFiles(outputs(fs))
        #expect(after.postings("wombat").title == ["articles/lift-story"])
        #expect(after.postings("lift").title == ["events/partial-lift"])
        incremental.expectCleanBuildOutput(fs, rendered: result.renderedIndexFiles)
    }

    @Test func aNewMentionRemakesThatActorsFileAndNotTheOthers() throws {
        let fs = Fixture.fileSystem()
        let before = SearchFiles(Fixture.build(fs).outputs)
        incremental.replace(fs, "site/content/articles/lift-story.md", "returned for some users.",
                            "returned for some users. The ICO said nothing.")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.searchRecordsMade == 1)
        // The actor files the article is in: with four actors, one bucket holds every actor.
        #expect(result.renderedIndexFiles.contains { $0.hasPrefix("search/a/") })
        #expect(!result.renderedIndexFiles.contains("search/index.json"))
        #expect(!result.renderedIndexFiles.contains("search/dates.json"))
        #expect(!result.renderedIndexFiles.contains { $0.hasPrefix("search/d/") })
        // The ICO's names are terms of the article now.
        let after = SearchFiles(outputs(fs))
        #expect(after.postings("ico").body.contains("articles/lift-story"))
        #expect(!before.postings("ico").body.contains("articles/lift-story"))
        incremental.expectCleanBuildOutput(fs, rendered: result.renderedIndexFiles)
    }

    @Test func aDeletedEventRemakesTheRecordsOfItAndOfTheBodiesLinkingToIt() {
        let fs = Fixture.fileSystem()
        _ = Fixture.build(fs)
        try? fs.remove("site/content/events/partial-lift.md")
        let result = Fixture.build(fs)
        #expect(result.succeeded && !result.fullBuild)
        #expect(result.searchRecordsMade >= 1 && result.searchRecordsMade < documentCount)
        #expect(result.renderedIndexFiles.contains("search/dates.json"))
        incremental.expectCleanBuildOutput(fs, rendered: result.renderedIndexFiles)
    }

    @Test func anActorNamedOtherwiseMakesTheIndexWhole() {
        // Its names are terms of every document mentioning it.
        let fs = Fixture.fileSystem()
        _ = Fixture.build(fs)
        incremental.replace(fs, "site/content/actors/ico.md", "aliases: [ICO]", "aliases: [ICO, Data Office]")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.searchRecordsMade == documentCount)
        incremental.expectCleanBuildOutput(fs, rendered: result.renderedIndexFiles)
    }

    @Test func aPreviousFileNotAsRecordedMakesTheIndexWhole() {
        // The previous files are read back from the output only when they have the bytes the
        // graph recorded: one altered by hand is never taken for the previous index.
        let fs = Fixture.fileSystem()
        _ = Fixture.build(fs)
        fs.write(Fixture.text(fs, "out/search/index.json").replacingOccurrences(of: "\"s\":[", with: "\"s\":[\"zz\","),
                 to: "out/search/index.json")
        incremental.replace(fs, "site/content/articles/lift-story.md", "title: Lift story", "title: Wombat story")
        let result = Fixture.build(fs)
        #expect(result.succeeded && result.searchRecordsMade == documentCount)
    }
}
