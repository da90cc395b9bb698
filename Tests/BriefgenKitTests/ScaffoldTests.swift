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
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(Fixture.text(fs, "out/actors/jane-jj-example/index.html").contains("Jane &quot;JJ&quot; Example"))
        #expect(Fixture.text(fs, "out/events/ban-imposed/index.html").contains("23 November 2026"))
    }
}
