import Foundation
import Testing
@testable import BriefgenKit

/// Issue 13, "the example, audited" and "done when": what the example briefing must show, on
/// a copy of it in memory (the repository's `briefgen.yml`, `content/` and `templates/`).
@Suite struct ExampleAuditTests {
    static func example() -> (MemoryFileSystem, BuildResult) {
        let disk = DiskFileSystem()
        let root = SeedArticlesTests.repository
        let fs = MemoryFileSystem()
        try? fs.write(disk.read(root.appendingPathComponent("briefgen.yml").path) ?? Data(), to: "site/briefgen.yml")
        for folder in ["content", "templates"] {
            for path in disk.files(under: root.appendingPathComponent(folder).path) {
                if let data = disk.read(root.appendingPathComponent(folder + "/" + path).path) {
                    try? fs.write(data, to: "site/\(folder)/\(path)")
                }
            }
        }
        return (fs, Fixture.build(fs))
    }

    @Test func theTopOfTheHomePageSaysWhatIsTrueWhatIsDisputedAndWhatToDo() throws {
        let (fs, result) = Self.example()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let home = Fixture.text(fs, "out/index.html")
        let top = try #require(home.components(separatedBy: "id=\"latest\"").first)
        #expect(top.contains("As of <time datetime=\"2026-07\">July 2026</time>"))
        // What is true now for UK users, what is disputed, and what to do, before any list.
        #expect(top.contains("British users"))
        #expect(top.contains("href=\"/disputes/\""))
        #expect(top.contains("href=\"/business/"))
        #expect(top.contains("Our advice"))
        // The case for the restriction, beside its critics'.
        #expect(top.contains("The case for the restriction") && top.contains("Critics reply"))
    }

    @Test func eachDisagreementTheAuditFoundIsADisputeAndWhatNoSourceStatesIsSaid() {
        let (fs, _) = Self.example()
        let disputes = Fixture.text(fs, "out/disputes/index.html")
        for question in ["When was the export ban imposed?", "Who imposed the restriction?", "Who lifted the restriction, and how far?",
                         "Was access cut for everyone, or only outside the US?", "What triggered the restriction?",
                         "What is the UK government&#39;s stance?", "How far has the ban been lifted?"] {
            #expect(disputes.contains("<h3>\(question)</h3>"), "\(question)")
        }
        let unstated = disputes.components(separatedBy: "<h3 id=\"unstated\">").last ?? ""
        #expect(unstated.contains(">inferred from the silence of</span> <a href=\"/articles/uk-denied-exemption/#p2\""))
        #expect(unstated.contains(">our inference from</span> <a href=\"/articles/us-ban-partially-lifted/#p5\""))
    }

    @Test func renamedEventsKeepTheirOldURLsAndNoYearIsStated() throws {
        let (fs, result) = Self.example()
        for (old, new) in [("access-suspended-worldwide", "anthropic-suspends-fable-and-mythos"),
                           ("reported-full-lift", "ban-reported-lifted-for-allies"),
                           ("uk-exemption-refused", "uk-asks-to-keep-access")] {
            #expect(Fixture.text(fs, "out/events/\(old)/index.html").contains("url=https://example.org/events/\(new)/\""), "\(old)")
            #expect(!Fixture.text(fs, "out/sitemap.xml").contains("/events/\(old)/"))
        }
        // No seed states a year: every event says so.
        let events = result.outputs.keys.filter { $0.hasPrefix("events/") }
        #expect(events.count >= 14)
        for path in fs.files(under: "site/content/events") {
            let (document, _) = DocumentParser.parse(path: "content/events/" + path, text: Fixture.text(fs, "site/content/events/" + path))
            let doc = try #require(document)
            #expect(doc.fields.date?.yearStated == false, "\(path)")
        }
    }

    @Test func businessPagesGiveEachActionAnOwnerATriggerAPriorityAndARuleAndThingsToWatch() throws {
        let (fs, _) = Self.example()
        let pages = fs.files(under: "site/content/business")
        #expect(pages.count >= 5)
        for path in pages {
            let (document, _) = DocumentParser.parse(path: "content/business/" + path, text: Fixture.text(fs, "site/content/business/" + path))
            // And things to watch, each page.
            #expect(Fixture.text(fs, "site/content/business/" + path).contains("\n## What to watch\n"), "\(path)")
            let actions = try #require(document).fields.actions
            #expect(!actions.isEmpty, "\(path)")
            for action in actions {
                #expect(action.owner != nil && action.when != nil && action.priority != nil && action.rule != nil, "\(path): \(action.text)")
            }
        }
    }
}
