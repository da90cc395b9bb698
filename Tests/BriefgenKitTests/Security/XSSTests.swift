import Foundation
import Testing
@testable import BriefgenKit

/// Untrusted content never runs script on our pages: a site with injection payloads in every
/// field is built, and every generated file is parsed (HTML as a browser does, XML as a feed
/// reader does) and searched for script elements, event handlers, script URLs and elements
/// that load other documents.
@Suite struct XSSTests {
    static func build(_ files: [String: String]) -> BuildResult {
        let fs = MemoryFileSystem(files)
        let result = Fixture.build(fs, baseURL: "https://example.org/brief/")
        return result
    }

    @Test func auditFindsWhatItLooksFor() {
        // The checks themselves: each payload, as a browser would parse it, is caught.
        let caught = [
            #"<script>alert(1)</script>"#, #"<img src=x onerror=alert(1)>"#, #"<svg onload=alert(1)>"#,
            #"<a href=" JaVa&#x09;ScRiPt:alert(1)">x</a>"#, #"<a href="&#106;avascript:alert(1)">x</a>"#,
            #"<iframe></iframe>"#, #"<base href="/">"#, #"<meta http-equiv=Refresh content="0;url=/">"#,
            #"<svg><a xlink:href="javascript:alert(1)"></a></svg>"#, #"<form action="data:text/html,x"></form>"#,
            #"<button formaction="vbscript:x">"#, #"<object data="x"></object>"#, #"<embed src="x">"#,
        ]
        for html in caught {
            #expect(!ScriptAudit.htmlProblems(html, file: "t").isEmpty, "not caught: \(html)")
        }
        #expect(ScriptAudit.htmlProblems(#"<p title="<script>alert(1)</script>">&lt;script&gt;</p><a href="/x:y">"#, file: "t").isEmpty)
        #expect(!ScriptAudit.xmlProblems(Data("<a>\u{1}</a>".utf8), file: "t").isEmpty)
        #expect(!ScriptAudit.xmlProblems(Data(#"<f><content type="html">&lt;script&gt;x&lt;/script&gt;</content></f>"#.utf8), file: "t").isEmpty)
    }

    @Test func payloadsInEveryFieldRunNoScriptInAnyGeneratedFile() {
        let result = Self.build(XSSPayloadSite.files())
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.filter { $0.severity == .error }.prefix(3).map { String("\($0)".prefix(300)) })")
        // Every kind of page and generated file was made (so each was checked).
        for path in ["index.html", "404.html", "feed.xml", "sitemap.xml", "changes.xml", "actors/evil-actor/index.html",
                     "articles/raw-text/index.html", "articles/raw-page/index.html", "articles/payload-article/index.html",
                     "events/ban/index.html", "business/finance/index.html", "notes/overview/index.html",
                     "disputes/index.html", "timeline/index.html"] {
            #expect(result.outputs[path] != nil, "missing \(path)")
        }
        let problems = ScriptAudit.siteProblems(result.outputs)
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(40).joined(separator: "\n"))")
        // The payloads reached the pages, as text: the audit above had something to look at.
        let evil = String(decoding: result.outputs["actors/evil-actor/index.html"] ?? Data(), as: UTF8.self)
        #expect(evil.contains("Evil &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; Corp"))
        let feed = String(decoding: result.outputs["feed.xml"] ?? Data(), as: UTF8.self)
        #expect(feed.contains("&lt;svg onload=alert(1)&gt;") && feed.contains("\u{FFFD}"))
    }

    @Test func rawHTMLAllowedInNotesNeverReachesArticles() {
        // `allow_html_in_notes` trusts the site's own notes, never an article's HTML or text.
        let result = Self.build(XSSPayloadSite.files(allowHTMLInNotes: true))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.filter { $0.severity == .error }.prefix(3).map { String("\($0)".prefix(300)) })")
        let problems = ScriptAudit.siteProblems(result.outputs)
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(40).joined(separator: "\n"))")
    }

    @Test func theShippedThemeHasOnlyTheSearchScript() {
        // The allow-list above is exact: each page of the built theme carries one script, the
        // search script as a file of the site (no inline script, which a CSP could not allow).
        let result = Fixture.build(Fixture.fileSystem())
        for (path, data) in result.outputs where path.hasSuffix(".html") {
            let scripts = HTMLElements(String(decoding: data, as: UTF8.self)).elements.filter { $0.name == "script" }
            #expect(scripts.map { $0.attributes.first { $0.name == "src" }?.value } == ["/assets/search.js"], "\(path)")
        }
        #expect(result.outputs["assets/search.js"].map { String(decoding: $0, as: UTF8.self) } == DefaultTheme.assets["search.js"])
    }
}
