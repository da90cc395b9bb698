import Foundation
import Testing
@testable import BriefgenKit

@Suite struct OutputTests {
    @Test func failingBuildLeavesPreviousOutputUntouched() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        let before = Fixture.text(fs, "out/index.html")
        let staging = fs.files(under: "out.staging").map { fs.read("out.staging/" + $0) }
        fs.write("---\nname: Broken\n", to: "site/content/actors/broken.md")
        let failed = Fixture.build(fs)
        #expect(!failed.succeeded)
        #expect(Fixture.text(fs, "out/index.html") == before)
        // Nor is the staging copy of the site touched.
        #expect(fs.files(under: "out.staging").map { fs.read("out.staging/" + $0) } == staging)
    }

    @Test func successfulBuildReplacesOutputWholeAndRemovesStalePages() {
        let fs = Fixture.fileSystem()
        #expect(Fixture.build(fs).succeeded)
        #expect(fs.read("out/notes/overview/index.html") != nil)
        try? fs.remove("site/content/notes/overview.md")
        #expect(Fixture.build(fs).succeeded)
        #expect(fs.read("out/notes/overview/index.html") == nil)
        // The previous site stays beside it as the next build's staging copy, marked as such.
        #expect(fs.files(under: "out.old").isEmpty && fs.read("out.staging/.briefgen-behind") != nil)
    }

    @Test func refusesToReplaceAFolderBriefgenDidNotWrite() {
        let fs = Fixture.fileSystem(["out/my-notes.txt": "precious"])
        let result = Fixture.build(fs)
        #expect(!result.succeeded)
        #expect(Fixture.text(fs, "out/my-notes.txt") == "precious")
    }

    @Test func outputPathsStayInside() {
        #expect(OutputWriter.isContained("actors/a/index.html"))
        #expect(!OutputWriter.isContained("../x"))
        #expect(!OutputWriter.isContained("a/../../x"))
        #expect(!OutputWriter.isContained("/etc/passwd"))
        #expect(!OutputWriter.isContained("a//b"))
    }

    @Test func duplicateURLsNameBothFiles() {
        let fs = Fixture.fileSystem(["site/content/notes/dup.md": "---\ntitle: D\nslug: overview\n---\n"])
        let result = Fixture.build(fs)
        #expect(result.diagnostics.contains {
            $0.severity == .error && $0.message.contains("content/notes/dup.md") && $0.message.contains("content/notes/overview.md")
        })
    }

    @Test func buildsAreReproducible() {
        let a = Fixture.fileSystem(), b = Fixture.fileSystem()
        let first = Fixture.build(a), second = Fixture.build(b)
        #expect(first.outputs == second.outputs)
        #expect(!first.outputs.isEmpty)
    }

    @Test func checkWritesNothing() {
        let fs = Fixture.fileSystem()
        let result = Fixture.build(fs, write: false)
        #expect(result.succeeded)
        #expect(fs.files(under: "out").isEmpty)
    }
}
