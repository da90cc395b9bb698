import Foundation
import Testing
@testable import BriefgenKit

/// The built-in theme as files: what is compiled in is what `Sources/BriefgenKit/Theme/` holds,
/// and ejecting it into a site changes nothing until the copies are edited.
@Suite struct ThemeTests {
    /// `Sources/BriefgenKit/Theme/`, found from this file's path.
    static let themeFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/BriefgenKit/Theme").standardized.path

    @Test func everyThemeFileIsCompiledInAsItIsOnDisk() throws {
        let folder = Self.themeFolder + "/templates"
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }
        #expect(Set(onDisk.map { String($0.dropLast(".mustache".count)) }) == Set(DefaultTheme.templateFiles.keys))
        for file in onDisk {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            #expect(DefaultTheme.templateFiles[String(file.dropLast(".mustache".count))] == text, "\(file)")
        }
        let assets = try FileManager.default.contentsOfDirectory(atPath: Self.themeFolder + "/assets")
        #expect(Set(assets) == Set(DefaultTheme.assets.keys))
        #expect(DefaultTheme.assets["style.css"] == (try String(contentsOfFile: Self.themeFolder + "/assets/style.css", encoding: .utf8)))
    }

    @Test func ejectingTheWholeThemeLeavesTheSiteAsItWas() throws {
        let plain = Fixture.fileSystem()
        #expect(Fixture.build(plain).succeeded)
        let ejected = Fixture.fileSystem()
        let plan = try ThemeEject.plan([], root: "site", fs: ejected)
        #expect(plan.write.count == DefaultTheme.templateFiles.count + DefaultTheme.assets.count + 1)
        #expect(plan.write["templates/strings.yml"] == Strings.builtIn["en"])
        #expect(plan.write["templates/layout.mustache"] == DefaultTheme.templateFiles["layout"])
        #expect(plan.write["templates/assets/style.css"] != nil)
        for (path, text) in plan.write { try ejected.write(Data(text.utf8), to: joinPath("site", path)) }
        let result = Fixture.build(ejected)
        #expect(result.succeeded)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let expected = Set(plain.files(under: "out"))
        #expect(Set(ejected.files(under: "out")) == expected)
        for path in expected { #expect(plain.read("out/" + path) == ejected.read("out/" + path), "\(path)") }
    }

    @Test func anEditedCopyOverridesAndItsErrorsNameItsOwnLines() throws {
        let fs = Fixture.fileSystem()
        let plan = try ThemeEject.plan(["actor"], root: "site", fs: fs)
        #expect(Array(plan.write.keys) == ["templates/actor.mustache"])
        var text = plan.write["templates/actor.mustache"]!
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        text = lines.prefix(3).joined(separator: "\n") + "\n{{#broken}}\n" + lines.dropFirst(3).joined(separator: "\n")
        try fs.write(Data(text.utf8), to: "site/templates/actor.mustache")
        let result = Fixture.build(fs)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.location.file == "templates/actor.mustache")
        #expect(error.location.line == 4)
    }

    @Test func ejectNeverReplacesAFileTheSiteHas() throws {
        let fs = Fixture.fileSystem(["site/templates/layout.mustache": "mine\n"])
        let plan = try ThemeEject.plan(["layout", "layout.mustache", "templates/toc.mustache", "style.css"], root: "site", fs: fs)
        #expect(plan.kept == ["templates/layout.mustache"])
        #expect(plan.write.keys.sorted() == ["templates/assets/style.css", "templates/toc.mustache"])
    }

    @Test func anUnknownNameIsRefusedWithTheClosestOne() {
        #expect(throws: ThemeEject.UnknownName(name: "actr", suggestion: "actor")) {
            try ThemeEject.plan(["actr"], root: "site", fs: Fixture.fileSystem())
        }
    }

    @Test func aTemplateFilesLastLineBreakIsNotRendered() {
        let fs = Fixture.fileSystem(["site/templates/404.mustache": "Gone.\n"])
        #expect(Fixture.build(fs).succeeded)
        #expect(Fixture.text(fs, "out/404.html") == "Gone.")
    }
}
