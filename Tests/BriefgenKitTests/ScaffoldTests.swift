import Foundation
import Testing
@testable import BriefgenKit

@Suite struct ScaffoldTests {
    /// `briefgen new site` then one of everything builds with no diagnostics.
    @Test func scaffoldsBuildCleanly() {
        let today = PartialDate(year: 2026, month: 11, day: 23)
        var files: [String: String] = [:]
        for (kind, name) in [(Scaffold.Kind.site, "brief"), (.actor, "Jane \"JJ\" Example"), (.event, "Ban: imposed"),
                             (.business, "Finance teams"), (.note, "Open questions")] {
            for (path, text) in Scaffold.files(kind: kind, name: name, today: today) { files["site/" + path] = text }
        }
        let fs = MemoryFileSystem(files)
        let result = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out")).build()
        // Only the placeholders are reported, each where it was left.
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
        #expect(result.diagnostics.allSatisfy { $0.message.hasPrefix("placeholder text left in place") })
        #expect(result.diagnostics.map(\.description).contains(
            "content/events/ban-imposed.md:9:1: warning: placeholder text left in place: \"What happened, in two or three sentences, each claim linked to its source paragraph.\" (replace it with what the sources say, or delete it)"))
        #expect(Fixture.text(fs, "out/actors/jane-jj-example/index.html").contains("Jane &quot;JJ&quot; Example"))
        // A new event claims the month, never today's day.
        let event = Fixture.text(fs, "out/events/ban-imposed/index.html")
        #expect(event.contains("November 2026") && !event.contains("23 November 2026"))
        #expect(files["site/content/events/ban-imposed.md"]!.contains("date: 2026-11 ")
            && files["site/content/events/ban-imposed.md"]!.contains("date_precision: month"))
    }

    @Test func newActorTakesItsKind() {
        let files = Scaffold.files(kind: .actor, name: "Ofcom", today: PartialDate(year: 2026), actorKind: "government")
        #expect(files["content/actors/ofcom.md"]!.contains("kind: government "))
    }

    @Test func newSiteWritesAPublishWorkflowThatPinsAndCachesBriefgen() {
        let files = Scaffold.files(kind: .site, name: "brief", today: PartialDate(year: 2026))
        let workflow = files[".github/workflows/publish.yml"] ?? ""
        #expect(workflow.contains("BRIEFGEN_VERSION: \"\(BriefgenVersion.current)\""))
        #expect(workflow.contains("uses: actions/cache@v4") && workflow.contains("key: briefgen-bin-"))
        #expect(workflow.contains("if: steps.briefgen.outputs.cache-hit != 'true'"))
        #expect(workflow.contains("uses: actions/deploy-pages@v4"))
        #expect(workflow.contains("BRIEFGEN_REPOSITORY: \"\(SiteWorkflow.defaultRepository)\""))
    }

    @Test func aNewSitesWorkflowBuildsBriefgenFromTheRepositoryGiven() {
        let files = Scaffold.files(kind: .site, name: "brief", today: PartialDate(year: 2026),
                                   repository: "https://git.example.org/team/briefgen.git")
        #expect(files[".github/workflows/publish.yml"]?.contains("BRIEFGEN_REPOSITORY: \"https://git.example.org/team/briefgen.git\"") == true)
        #expect(SiteWorkflow.repositoryProblem("https://git.example.org/team/briefgen.git") == nil)
        #expect(SiteWorkflow.repositoryProblem("git@github.com:team/briefgen.git") == nil)
        #expect(SiteWorkflow.repositoryProblem("https://x.org/a b") != nil)
        #expect(SiteWorkflow.repositoryProblem("https://x.org/$(rm -rf ~)") != nil)
        #expect(SiteWorkflow.repositoryProblem("file:///tmp/briefgen") != nil)
    }
}
