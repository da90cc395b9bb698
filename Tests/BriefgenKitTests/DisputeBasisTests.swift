import Foundation
import Testing
@testable import BriefgenKit

/// Issue 13: a side of a dispute that rests on a source's silence, or on the analysts' own
/// inference, says so, and is never weighed as a "single source".
@Suite struct DisputeBasisTests {
    static let event = """
        ---
        title: Export ban imposed
        date: 2026-06
        actors: [commerce, anthropic]
        sources: [ban-story]
        disputed:
          - question: When was the ban imposed?
            answers:
              - says: early June 2026
                sources: [ban-story]
              - says: Not before June, as the lift story never mentions an earlier ban
                sources: [lift-story#p1]
                basis: silence
              - says: Late May, by our reckoning
                basis: inference
              - says: Before the lift, we infer
                sources: [lift-story, ban-story]
                basis: inference
        ---
        The [[US Commerce Department]] restricted exports ([[articles/ban-story#p1]]).

        """

    @Test func sidesReadFromSilenceOrInferredSaySoAndAreNeverSingleSource() {
        let fs = Fixture.fileSystem(["site/content/events/ban-imposed.md": Self.event])
        let result = Fixture.build(fs)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let lift = "<a href=\"/articles/lift-story/#p1\" title=\"Lift story\">Lift story ¶1</a>"
        for path in ["out/events/ban-imposed/index.html", "out/disputes/index.html"] {
            let page = Fixture.text(fs, path)
            // A stated side keeps its weight.
            #expect(page.contains("<strong>early June 2026</strong> <span class=\"muted\">—</span> <ul class=\"inline\"><li><a href=\"/articles/ban-story/\" title=\"Ban story\">Ban story</a></li></ul> <span class=\"badge badge-weight single\">single source</span></li>"), "\(path)")
            #expect(page.contains("<strong>Not before June, as the lift story never mentions an earlier ban</strong> <span class=\"muted\">—</span> <span class=\"badge badge-basis\">inferred from the silence of</span> <ul class=\"inline\"><li>\(lift)</li></ul></li>"), "\(path)")
            #expect(page.contains("<strong>Late May, by our reckoning</strong> <span class=\"muted\">—</span> <span class=\"badge badge-basis\">our inference</span> <ul class=\"inline\"></ul></li>"), "\(path)")
            #expect(page.contains("<strong>Before the lift, we infer</strong> <span class=\"muted\">—</span> <span class=\"badge badge-basis\">our inference from</span> <ul class=\"inline\"><li><a href=\"/articles/lift-story/\" title=\"Lift story\">Lift story</a></li><li><a href=\"/articles/ban-story/\" title=\"Ban story\">Ban story</a></li></ul></li>"), "\(path)")
            // Only the stated side is weighed.
            #expect(page.components(separatedBy: "badge-weight").count - 1 == (path.contains("events") ? 2 : 1), "\(path)")
        }
        let disputes = Fixture.text(fs, "out/disputes/index.html")
        let single = disputes.range(of: "What rests on a single source")
        let unstated = disputes.range(of: "<h3 id=\"unstated\">Not stated by any source</h3>")
        #expect(single != nil && unstated != nil)
        if let single, let unstated {
            let singleList = String(disputes[single.upperBound..<unstated.lowerBound])
            let unstatedList = String(disputes[unstated.upperBound...])
            // The silent and inferred sides are listed apart, with what they rest on.
            #expect(singleList.contains("When was the ban imposed?</a> early June 2026"))
            #expect(!singleList.contains("Not before June") && !singleList.contains("Late May"))
            #expect(unstatedList.contains("When was the ban imposed?</a> Not before June, as the lift story never mentions an earlier ban <span class=\"muted\">—</span> <span class=\"badge badge-basis\">inferred from the silence of</span> \(lift)</li>"))
            #expect(unstatedList.contains("Late May, by our reckoning <span class=\"muted\">—</span> <span class=\"badge badge-basis\">our inference</span></li>"))
            #expect(unstatedList.contains("Before the lift, we infer <span class=\"muted\">—</span> <span class=\"badge badge-basis\">our inference from</span> <a"))
        }
    }

    @Test func aTemplateShowingTheWeightShowsTheBasisInstead() {
        let fs = Fixture.fileSystem([
            "site/content/events/ban-imposed.md": Self.event,
            "site/templates/event.mustache": "{{#disputes}}{{#answers}}[{{weight}}]{{/answers}}{{/disputes}}\n",
        ])
        #expect(Fixture.build(fs).succeeded)
        #expect(Fixture.text(fs, "out/events/ban-imposed/index.html")
                == "[single source][inferred from the silence of Lift story ¶1][our inference][our inference from Lift story, Ban story]")
    }

    @Test func aFrenchSiteSaysTheBasisInFrench() {
        let fs = Fixture.fileSystem([
            "site/briefgen.yml": "title: T\nlanguage: fr\n",
            "site/content/events/ban-imposed.md": Self.event,
        ])
        #expect(Fixture.build(fs).succeeded)
        let page = Fixture.text(fs, "out/events/ban-imposed/index.html")
        #expect(page.contains(">déduit du silence de</span>"))
        #expect(page.contains(">notre déduction</span>"))
        #expect(Fixture.text(fs, "out/disputes/index.html").contains(">Ce qu’aucune source n’affirme</h3>"))
    }

    @Test func theBasisIsKeptByTheGraphAndChangesOnlyTheDisputesFingerprint() throws {
        var fields = Document.Fields()
        fields.disputed = [Dispute(question: "q", answers: [Dispute.Answer(says: "s", sources: ["x"])])]
        var other = fields
        other.disputed[0].answers[0].basis = .silence
        func document(_ fields: Document.Fields) -> Document {
            Document(kind: .event, slug: "e", path: "content/events/e.md", title: "E", summary: nil, draft: false, body: "",
                     bodyLine: 3, fields: fields, keyLocations: [:])
        }
        var writer = BinaryWriter()
        writer.document(document(other))
        var reader = BinaryReader(writer.bytes)
        #expect(try reader.document().fields.disputed[0].answers[0].basis == .silence)
        var (meta, metaOther) = (StableHash(), StableHash())
        meta.addMeta(document(fields))
        metaOther.addMeta(document(other))
        #expect(meta.value == metaOther.value)
        var (sides, sidesOther) = (StableHash(), StableHash())
        sides.add(disputes: fields.disputed)
        sidesOther.add(disputes: other.disputed)
        #expect(sides.value != sidesOther.value)
    }

    @Test func changingABasisRerendersThePagesShowingItAndNothingElse() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        let path = "site/content/events/ban-imposed.md"
        fs.write(Fixture.text(fs, path).replacingOccurrences(of: "sources: [lift-story]\n", with: "sources: [lift-story]\n        basis: silence\n"),
                 to: path)
        let result = Fixture.build(fs)
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(!result.fullBuild)
        #expect(result.rendered == ["disputes/index.html", "events/ban-imposed/index.html"])
        #expect(Set(result.outputs.keys) == ["disputes/index.html", "events/ban-imposed/index.html"])
        #expect(Fixture.text(fs, "out/events/ban-imposed/index.html").contains("inferred from the silence of"))
        IncrementalTests().expectCleanBuildOutput(fs, rendered: result.rendered)
        // And back.
        fs.write(Fixture.text(fs, path).replacingOccurrences(of: "        basis: silence\n", with: ""), to: path)
        let back = Fixture.build(fs)
        #expect(back.rendered == ["disputes/index.html", "events/ban-imposed/index.html"])
        #expect(!Fixture.text(fs, "out/events/ban-imposed/index.html").contains("inferred from the silence of"))
        IncrementalTests().expectCleanBuildOutput(fs, rendered: back.rendered)
    }
}
