import Foundation
import Testing
@testable import BriefgenKit

/// The `briefgen` executable's exit codes and refusals, run as a user would (the binary built
/// beside the tests by `swift build --build-tests`).
@Suite(.enabled(if: BriefgenBinary.present, "the briefgen binary is not built (.build/debug/briefgen); skipped"))
struct CommandLineTests {
    static let binary = BriefgenBinary.path

    /// Runs briefgen with `arguments` in `directory`; returns the exit code, stdout and stderr.
    static func run(_ arguments: [String], in directory: String) throws -> (code: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "briefgen-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `files` (path below `folder` → text) into `folder`, making their folders.
    static func write(_ files: [String: String], in folder: String) throws {
        for (path, text) in files {
            let full = folder + "/" + path
            try FileManager.default.createDirectory(atPath: parentFolder(full), withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
    }

    /// A temporary site folder: a `briefgen.yml` and `files`.
    static func siteFolder(_ files: [String: String] = [:]) throws -> String {
        let folder = try temporaryFolder()
        try write(files.merging(["briefgen.yml": "title: T\n"]) { mine, _ in mine }, in: folder)
        return folder
    }

    @Test(arguments: ["build", "check", "serve"])
    func aFolderWithoutConfigIsRefusedAndLeftEmpty(command: String) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/content/notes", withIntermediateDirectories: true)
        try "---\ntitle: A\n---\nText.\n".write(toFile: folder + "/content/notes/a.md", atomically: true, encoding: .utf8)
        let (code, _, err) = try Self.run([command], in: folder)
        #expect(code == 2)
        #expect(err.contains("has no briefgen.yml"), "\(err)")
        #expect(err.contains("briefgen new site"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["content"])
    }

    @Test func aForeignOutputFolderIsAUsageErrorWithoutALineAndColumn() throws {
        let folder = try Self.siteFolder(["foreign/notes.txt": "mine\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (code, _, err) = try Self.run(["build", "--output", "foreign"], in: folder)
        #expect(code == 2)
        #expect(err.contains("was not written by briefgen"), "\(err)")
        #expect(!err.contains(":0:0"))
        #expect(try String(contentsOfFile: folder + "/foreign/notes.txt", encoding: .utf8) == "mine\n")
    }

    /// An output folder named by one letter, relative to the site: this Foundation's
    /// `NSString.deletingLastPathComponent` traps on such a name, which moving the first site
    /// into place asked for (the build died with SIGILL).
    @Test func anOutputFolderOfOneLetterIsBuiltAndUpdated() throws {
        let folder = try Self.siteFolder(["content/notes/a.md": "---\ntitle: A\n---\nText.\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try Self.run(["build", "--output", "o"], in: folder)
        #expect(first.code == 0, "\(first.err)")
        try Self.write(["content/notes/a.md": "---\ntitle: A\n---\nOther text.\n"], in: folder)
        let second = try Self.run(["build", "--output", "o"], in: folder)
        #expect(second.code == 0, "\(second.err)")
        let page = try String(contentsOfFile: folder + "/o/notes/a/index.html", encoding: .utf8)
        #expect(page.contains("Other text."))
    }

    @Test func helpForAnUnknownCommandFails() throws {
        let (code, _, err) = try Self.run(["help", "nope"], in: NSTemporaryDirectory())
        #expect(code == 2)
        #expect(err.contains("unknown command \"nope\""), "\(err)")
        #expect(try Self.run(["help", "build"], in: NSTemporaryDirectory()).code == 0)
    }

    @Test func anInvalidBaseURLOptionIsAUsageError() throws {
        let folder = try Self.siteFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (code, _, err) = try Self.run(["check", "--base-url", "example.org/brief"], in: folder)
        #expect(code == 2)
        #expect(err.contains("--base-url must be an absolute URL"), "\(err)")
    }

    @Test func themeEjectCopiesOnceAndRefusesUnknownNames() throws {
        let folder = try Self.siteFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try Self.run(["theme", "eject", "actor"], in: folder)
        #expect(first.code == 0)
        #expect(first.out.contains("created ./templates/actor.mustache"), "\(first.out)")
        try "mine\n".write(toFile: folder + "/templates/actor.mustache", atomically: true, encoding: .utf8)
        let again = try Self.run(["theme", "eject", "actor"], in: folder)
        #expect(again.code == 0)
        #expect(again.err.contains("already exists; kept as it is"), "\(again.err)")
        #expect(try String(contentsOfFile: folder + "/templates/actor.mustache", encoding: .utf8) == "mine\n")
        let unknown = try Self.run(["theme", "eject", "actr"], in: folder)
        #expect(unknown.code == 2)
        #expect(unknown.err.contains("did you mean `actor`?"), "\(unknown.err)")
    }
}

/// Where `swift build` puts the executable.
enum BriefgenBinary {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/briefgen").path
    static let present = FileManager.default.isExecutableFile(atPath: path)
}
