import Foundation
import Testing
@testable import BriefgenKit

/// One small broken site: the fixture with some files replaced, and the errors it must give.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    /// Files below the site folder to write (text), or to delete (nil).
    var files: [String: String?] = [:]
    /// Files below the site folder to write as raw bytes.
    var bytes: [String: [UInt8]] = [:]
    /// Every error, exactly: `file:line:col: error: message (hint)`.
    var errors: [String]

    var testDescription: String { name }
}

/// The bad-input catalogue: each site is built after a good build of the fixture, and must
/// fail with exactly the listed errors (location, message, hint) and leave the output as it was.
@Suite struct BadInputCatalogueTests {
    static let cases: [BadInput] = BadInputCatalogue.frontMatter + BadInputCatalogue.values + BadInputCatalogue.references
        + BadInputCatalogue.encodings + BadInputCatalogue.templates + BadInputCatalogue.slugs + BadInputCatalogue.config

    @Test func theCatalogueHasAtLeastFiftySites() {
        #expect(Self.cases.count >= 50)
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count, "names are unique")
    }

    @Test(arguments: cases)
    func aBadSiteFailsWithLocatedErrorsAndKeepsTheOutput(_ bad: BadInput) throws {
        let fs = Fixture.fileSystem()
        let good = Fixture.build(fs)
        try #require(good.succeeded, "\(good.diagnostics)")
        let before = Self.snapshot(fs)
        for (path, text) in bad.files {
            if let text { fs.write(text, to: "site/" + path) } else { try fs.remove("site/" + path) }
        }
        for (path, data) in bad.bytes { try fs.write(Data(data), to: "site/" + path) }
        let result = Fixture.build(fs)
        #expect(!result.succeeded)
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == bad.errors)
        #expect(Self.snapshot(fs) == before, "the previous output is untouched")
    }

    /// Every file of the output folder.
    static func snapshot(_ fs: MemoryFileSystem) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: fs.files(under: "out").map { ($0, fs.read("out/" + $0)!) })
    }
}
