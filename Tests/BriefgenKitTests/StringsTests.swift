import Foundation
import Testing
@testable import BriefgenKit

/// The theme's interface text per language, and a site's own over it.
@Suite struct StringsTests {
    @Test func everyBuiltInLanguageHasEveryKeyAndNoOther() {
        let english = Set(Strings.english.table.keys)
        #expect(english.count > 80)
        for (language, text) in Strings.builtIn {
            let (table, _, diagnostics) = Strings.parse(text, file: language)
            #expect(diagnostics.isEmpty, "\(language): \(diagnostics)")
            #expect(Set(table.keys) == english, "\(language)")
        }
    }

    @Test func everyKeyTheTemplatesReadExists() {
        for (name, text) in DefaultTheme.templates {
            for tag in TemplateLint.tags(text) ?? [] where tag.name.hasPrefix("t.") {
                #expect(Strings.english.table[String(tag.name.dropFirst(2))] != nil, "\(name): \(tag.name)")
            }
        }
    }

    @Test func aFrenchSiteIsFrenchAndARegionalCodeFallsBackToItsLanguage() {
        for language in ["fr", "fr-CA"] {
            let fs = Fixture.fileSystem(["site/briefgen.yml": "title: Dossier\nbaseURL: https://example.org/\nlanguage: \(language)\n"])
            #expect(Fixture.build(fs).succeeded)
            let home = Fixture.text(fs, "out/index.html")
            #expect(home.contains("<a class=\"skip\" href=\"#main\">Aller au contenu</a>"))
            #expect(home.contains("<h2 id=\"latest\">Derniers événements</h2>"))
            #expect(home.contains("<html lang=\"\(language)\">"))
        }
        let german = Fixture.fileSystem(["site/briefgen.yml": "title: Akte\nbaseURL: https://example.org/\nlanguage: de\n"])
        #expect(Fixture.build(german).succeeded)
        #expect(Fixture.text(german, "out/index.html").contains(">Skip to content</a>"))
    }

    @Test func textMadeInCodeIsInTheSitesLanguageToo() {
        let fs = Fixture.fileSystem(["site/briefgen.yml": "title: Dossier\nbaseURL: https://example.org/\nlanguage: fr\n"])
        #expect(Fixture.build(fs).succeeded)
        let home = Fixture.text(fs, "out/index.html")
        #expect(home.contains(">Dossier</a></li>"))  // navigation
        #expect(home.contains(">Pour votre organisation</a></li>"))
        let timeline = Fixture.text(fs, "out/timeline/index.html")
        #expect(timeline.contains("juin 2026"))  // month names
        #expect(timeline.contains("mois seulement"))  // precision badges
        #expect(timeline.contains("source unique"))  // weight badges
        #expect(timeline.contains(">juin</text>"))  // the chart's axis
        #expect(!timeline.contains("June"))
        #expect(Fixture.text(fs, "out/articles/index.html").contains("Média inconnu"))
        #expect(Fixture.text(fs, "out/feed.xml").contains("<title>juin 2026: "))
        // An actor's mention list says what kind of page a passage comes from, and how many,
        // in the site's words (here a site's own strings over French).
        let own = Fixture.fileSystem(["site/briefgen.yml": "title: Dossier\nbaseURL: https://example.org/\nlanguage: fr\n",
                                      "site/templates/strings.yml": "mentioning_note: \"carnet\"\nmention_count_one: \"{n} citation\"\n"])
        #expect(Fixture.build(own).succeeded)
        let actor = Fixture.text(own, "out/actors/anthropic/index.html")
        #expect(actor.contains(">carnet · 1 citation</span>"), "\(actor)")
        #expect(actor.contains(">source · 1 citation</span>"))
        #expect(Strings.make(language: "fr", override: nil).0["mentioning_event"] == "événement")
        // French counts zero and one alike.
        #expect(Strings.make(language: "fr", override: nil).0.count(0, "count_event") == "0 événement")
        #expect(Strings.english.count(0, "count_event") == "0 events")
    }

    @Test func placeholdersAreFilledInOnePassAndTheFilledInTextIsKept() {
        let strings = Strings.english
        #expect(strings.format("pager_title_other", ["title": "Sources", "n": "2", "m": "5"]) == "Sources, page 2 of 5")
        // A title that itself reads like a placeholder is shown as written, whatever the order
        // the values are taken in.
        for _ in 0..<8 {
            #expect(strings.format("pager_title_other", ["title": "The {n} and {m} affair", "n": "2", "m": "5"])
                == "The {n} and {m} affair, page 2 of 5")
        }
        #expect(Strings.fill("{n} of {n}, {other}, {{n}, {n", ["n": "3"]) == "3 of 3, {other}, {3, {n")
        #expect(Strings.fill("no placeholder", ["n": "3"]) == "no placeholder")
        #expect(Strings.fill("déjà {n} événements", ["n": "3"]) == "déjà 3 événements")
    }

    @Test func aSitesStringsOverrideTheBuiltInOnesAndUnknownKeysAreFlagged() {
        let fs = Fixture.fileSystem(["site/templates/strings.yml": "latest_events: Newest first\nlatest_event: typo\n"])
        let result = Fixture.build(fs)
        #expect(result.succeeded)
        #expect(Fixture.text(fs, "out/index.html").contains("<h2 id=\"latest\">Newest first</h2>"))
        let warning = result.diagnostics.first { $0.location.file == "templates/strings.yml" }
        #expect(warning?.severity == .warning)
        #expect(warning?.location.line == 2 && warning?.location.column == 1)
        #expect(warning?.message == "unknown interface string `latest_event`; it is not used")
        #expect(warning?.hint == "did you mean `latest_events`?")
    }

    @Test func editingTheStringsRebuildsThePagesThatShowThem() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        fs.write("sources: Articles\n", to: "site/templates/strings.yml")
        let result = Fixture.build(fs)
        #expect(!result.fullBuild)
        #expect(result.rendered.contains("index.html"))
        #expect(Fixture.text(fs, "out/index.html").contains("<h2 id=\"sources\">Articles</h2>"))
        #expect(result.diagnostics.isEmpty)
    }

    @Test func ejectCopiesTheSitesLanguage() throws {
        let fs = Fixture.fileSystem()
        let plan = try ThemeEject.plan(["strings"], root: "site", fs: fs, language: "fr")
        #expect(plan.write == ["templates/strings.yml": Strings.builtIn["fr"]!])
    }
}
