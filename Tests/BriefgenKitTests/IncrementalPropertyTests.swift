import Foundation
import Testing
@testable import BriefgenKit

/// From a generated site, random sequences of edits; after each, the incremental output must be
/// byte-identical to a clean build, and the files rewritten must be exactly those whose bytes changed.
@Suite struct IncrementalPropertyTests {
    static let actors = ["ada", "bo", "cy", "dee"]

    static func site() -> MemoryFileSystem {
        // Lists of two a page: edits add and remove pages of the sources, timeline and mentions.
        var files: [String: String] = ["site/briefgen.yml": "title: Prop\nbaseURL: https://example.org/\npaginate: 2\n"]
        for (i, slug) in actors.enumerated() {
            files["site/content/actors/\(slug).md"] = "---\nname: \(slug.capitalized) Corp\naliases: [\(slug.uppercased())X]\nkind: company\n---\nActor \(i).\n"
        }
        for i in 0..<6 {
            files["site/content/articles/a\(i).md"] = "---\ntitle: Article \(i)\npublished: 2026-0\(1 + i % 9)-0\(1 + i % 9)\n---\n\(actors[i % 4].capitalized) Corp said things.\n\n## What this means for you\n\nWatch \(actors[(i + 1) % 4].capitalized) Corp.\n"
        }
        for i in 0..<3 {
            files["site/content/events/e\(i).md"] = "---\ntitle: Event \(i)\ndate: 2026-0\(i + 1)\nactors: [\(actors[i])]\nsources: [a\(i)]\n---\nSee [[a\(i + 1)]].\n"
        }
        files["site/content/business/b0.md"] = "---\ntitle: Business\nrelated: [e0]\nactions: [Act]\n---\nFor [[ada]].\n"
        files["site/content/notes/n0.md"] = "---\ntitle: Note\n---\nBo Corp and Cy Corp.\n"
        return MemoryFileSystem(files)
    }

    /// One random edit, always leaving a valid site.
    static func edit(_ fs: MemoryFileSystem, _ rng: inout SplitMix) -> String {
        let articles = fs.files(under: "site/content/articles").filter { $0.hasSuffix(".md") }
        func pick(_ list: [String]) -> String { list[Int(rng.next() % UInt64(list.count))] }
        let article = "site/content/articles/" + pick(articles)
        let text = Fixture.text(fs, article)
        let actor = pick(actors)
        switch rng.next() % 13 {
        case 12:
            // Timeline order within a month (`after:`), marked facts, an unstated year, a dispute
            // side's basis and an old URL (`moved_from`).
            let (i, j) = (rng.next() % 3, rng.next() % 3)
            let path = "site/content/events/e\(i).md"
            let old = Fixture.text(fs, path).split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("after:") && !$0.hasPrefix("facts:") && !$0.hasPrefix("year_stated:")
                    && !$0.hasPrefix("disputed:") && !$0.hasPrefix("moved_from:") }
                .map { $0.hasPrefix("date:") ? "date: 2026-02" : String($0) }
            var lines = old
            let basis = ["stated", "silence", "inference"][Int(rng.next() % 3)]
            lines.insert("after: [[e\(j)]]\nfacts: {f: v\(rng.next() % 2)}\nyear_stated: \(rng.next() % 2 == 0)"
                + "\ndisputed: [{question: Q, answers: [{says: x, sources: [a0], basis: \(basis)}, {says: y, sources: [a1]}]}]"
                + (rng.next() % 2 == 0 ? "\nmoved_from: [old\(i)-\(rng.next() % 2)]" : ""), at: 1)
            fs.write(lines.joined(separator: "\n"), to: path)
            return "order e\(i) after e\(j)"
        case 0:
            fs.write(text + "\nMore text \(rng.next() % 1000).\n", to: article)
            return "body \(article)"
        case 11:
            // A body edit in the paragraph that mentions an actor: the mention's snippet changes.
            fs.write(text.replacingOccurrences(of: " said things", with: " said things \(rng.next() % 1000)"), to: article)
            return "reword \(article)"
        case 1:
            fs.write(text.replacingOccurrences(of: "title: ", with: "title: New "), to: article)
            return "title \(article)"
        case 2:
            fs.write(text.replacingOccurrences(of: "published: 2026-", with: "published: 2025-"), to: article)
            return "date \(article)"
        case 3:
            fs.write(text + "\n\(actor.uppercased())X joins.\n", to: article)
            return "mention \(actor) in \(article)"
        case 4:
            let path = "site/content/actors/\(actor).md"
            let old = Fixture.text(fs, path)
            fs.write(old.replacingOccurrences(of: "aliases: [", with: "aliases: [Alias\(rng.next() % 9), "), to: path)
            return "alias \(actor)"
        case 5:
            fs.write(text + "\nSee [[e\(rng.next() % 3)]].\n", to: article)
            return "link in \(article)"
        case 6:
            let name = "site/content/articles/x\(rng.next() % 50).md"
            fs.write("---\ntitle: Added \(name)\n---\nCy Corp again.\n", to: name)
            return "add \(name)"
        case 7:
            guard articles.count > 3 else { return "skip" }
            // Only articles nothing cites by name may go: a0..a3 are cited by events.
            let removable = articles.filter { !["a0.md", "a1.md", "a2.md", "a3.md"].contains($0) }
            guard !removable.isEmpty else { return "skip" }
            let path = "site/content/articles/" + pick(removable)
            try? fs.remove(path)
            return "remove \(path)"
        case 8:
            let removable = articles.filter { !["a0.md", "a1.md", "a2.md", "a3.md"].contains($0) }
            guard !removable.isEmpty else { return "skip" }
            let path = "site/content/articles/" + pick(removable)
            let body = Fixture.text(fs, path)
            try? fs.remove(path)
            fs.write(body, to: "site/content/articles/renamed\(rng.next() % 50).md")
            return "rename \(path)"
        case 9:
            let template = rng.next() % 2 == 0 ? "note" : "event-item"
            let base = DefaultTheme.templates[template]!
            fs.write(base.replacingOccurrences(of: "{{title}}", with: "{{title}}!") + "<!-- \(rng.next() % 100) -->",
                     to: "site/templates/\(template).mustache")
            return "template \(template)"
        default:
            let title = rng.next() % 5
            let events = 1 + rng.next() % 4
            fs.write("title: Prop \(title)\nbaseURL: https://example.org/\nhome_events: \(events)\npaginate: \(1 + events % 3)\n",
                     to: "site/briefgen.yml")
            return "config"
        }
    }

    static func snapshot(_ fs: MemoryFileSystem) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: fs.files(under: "out").map { ($0, fs.read("out/" + $0)!) })
    }

    /// Returns how many rebuilds read only some documents of the previous graph.
    @discardableResult
    static func check(sequences: Int, steps: Int, seed: UInt64) -> Int {
        var bodyEditBuilds = 0
        var rng = SplitMix(seed: seed)
        for sequence in 0..<sequences {
            let fs = site()
            // Every other sequence keeps the graph in memory between builds, as the preview server does.
            let inMemory = sequence % 2 == 1
            let builder = Builder(fs: fs, options: BuildOptions(siteRoot: "site", outputDir: "out"))
            var graph: Builder.Graph?
            func build() -> BuildResult {
                guard inMemory else { return Fixture.build(fs) }
                let (result, next) = builder.build(keeping: graph)
                if let next { graph = next }
                return result
            }
            let first = build()
            guard first.succeeded else {
                Issue.record("generated site fails: \(first.diagnostics)")
                return bodyEditBuilds
            }
            var log: [String] = []
            for _ in 0..<steps {
                log.append(edit(fs, &rng))
                let before = snapshot(fs)
                let result = build()
                guard result.succeeded else {
                    Issue.record("sequence \(sequence) \(log): \(result.diagnostics)")
                    return bodyEditBuilds
                }
                // The body-edit rebuild renders no body in a stage of its own (the general engine does).
                if !result.upToDate, result.graphDocumentsRead < fs.files(under: "site/content").count, !inMemory {
                    bodyEditBuilds += 1
                }
                let after = snapshot(fs)
                // Clean build of the same inputs.
                let clean = MemoryFileSystem()
                for path in fs.files(under: "site") where !path.hasPrefix(".briefgen/") {
                    try? clean.write(fs.read("site/" + path)!, to: "site/" + path)
                }
                _ = Fixture.build(clean)
                let reference = snapshot(clean)
                if after != reference {
                    let diff = Set(after.keys).union(reference.keys).filter { after[$0] != reference[$0] }.sorted()
                    Issue.record("sequence \(sequence) after \(log): differs from clean build in \(diff)")
                    return bodyEditBuilds
                }
                let changed = Set(after.keys.filter { before[$0] != after[$0] })
                let rewritten = Set(result.outputs.keys)
                if rewritten != changed {
                    Issue.record("sequence \(sequence) after \(log): rewrote \(rewritten.symmetricDifference(changed).sorted()) needlessly or missed them")
                    return bodyEditBuilds
                }
                let deleted = Set(before.keys).subtracting(after.keys)
                if deleted != Set(result.deleted) {
                    Issue.record("sequence \(sequence) after \(log): deleted \(result.deleted), expected \(deleted.sorted())")
                    return bodyEditBuilds
                }
            }
        }
        return bodyEditBuilds
    }

    @Test func randomEditSequencesMatchCleanBuilds() {
        // A longer run: BRIEFGEN_PROPERTY_SEQUENCES=5000 BRIEFGEN_PROPERTY_SEED=7 swift test --filter IncrementalProperty
        let environment = ProcessInfo.processInfo.environment
        let sequences = environment["BRIEFGEN_PROPERTY_SEQUENCES"].flatMap { Int($0) } ?? 200
        let seed = environment["BRIEFGEN_PROPERTY_SEED"].flatMap { UInt64($0) } ?? 20261123
        let start = Date()
        let bodyEdits = Self.check(sequences: sequences, steps: 4, seed: seed)
        if sequences != 200 {
            print("property run: \(sequences) sequences of 4 edits, \(bodyEdits) rebuilds reading the graph per key, "
                  + "\(Int(Date().timeIntervalSince(start))) s")
        }
        // Rebuilds that read the previous graph per key only are among those checked (about one
        // sequence in seven: a body edit bringing a new word reads every document, for the
        // search index).
        #expect(bodyEdits > sequences / 10, "\(bodyEdits) rebuilds reading the graph per key")
    }

    /// Folders below `root` on disk, relative to it.
    static func folders(under root: String) -> Set<String> {
        var found = Set<String>()
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder), isFolder.boolValue {
                found.insert(path)
            }
        }
        return found
    }

    /// The folders that hold the given files (every ancestor of each).
    static func folders(holding files: some Sequence<String>) -> Set<String> {
        var found = Set<String>()
        for file in files {
            var parts = file.split(separator: "/").dropLast()
            while !parts.isEmpty {
                found.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        return found
    }

    /// The same random edits on disk, where folders exist apart from files: after each
    /// rebuild the output folder holds a clean build's files and exactly its folders (no
    /// empty folder left behind by a removed or renamed page).
    @Test func randomEditSequencesOnDiskLeaveExactlyACleanBuildsFolders() throws {
        let root = NSTemporaryDirectory() + "briefgen-engine-property-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let disk = DiskFileSystem()
        var rng = SplitMix(seed: 20261202)
        for sequence in 0..<12 {
            let memory = Self.site()
            let base = root + "/\(sequence)"
            // The site's files on disk as they are in `memory`.
            func sync() throws {
                let wanted = Set(memory.files(under: "site"))
                for path in disk.files(under: base + "/site") where !path.hasPrefix(".briefgen/") && !wanted.contains(path) {
                    try disk.remove(base + "/site/" + path)
                }
                for path in wanted where disk.read(base + "/site/" + path) != memory.read("site/" + path) {
                    try disk.write(memory.read("site/" + path)!, to: base + "/site/" + path)
                }
            }
            let builder = Builder(fs: disk, options: BuildOptions(siteRoot: base + "/site", outputDir: base + "/out"))
            try sync()
            #expect(builder.build().succeeded)
            var log: [String] = []
            for _ in 0..<4 {
                log.append(Self.edit(memory, &rng))
                try sync()
                let result = builder.build()
                #expect(result.succeeded, "\(log): \(result.diagnostics)")
                let clean = MemoryFileSystem()
                for path in memory.files(under: "site") { try clean.write(memory.read("site/" + path)!, to: "site/" + path) }
                _ = Fixture.build(clean)
                let expected = Self.snapshot(clean)
                let files = Set(disk.files(under: base + "/out"))
                #expect(files == Set(expected.keys), "sequence \(sequence) after \(log)")
                for path in files where disk.read(base + "/out/" + path) != expected[path] {
                    Issue.record("sequence \(sequence) after \(log): \(path) differs from a clean build")
                }
                let folders = Self.folders(under: base + "/out")
                let wanted = Self.folders(holding: expected.keys)
                #expect(folders == wanted, "sequence \(sequence) after \(log): extra \(folders.subtracting(wanted).sorted()), missing \(wanted.subtracting(folders).sorted())")
                if folders != wanted { return }
            }
        }
    }
}
