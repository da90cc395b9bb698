import Foundation
import Synchronization

/// Rendering and comparing outputs: a page is re-rendered only when a slice it read, or its
/// template, has a new fingerprint; a file is written only when its bytes changed.
extension BuildEngine {
    /// The pages of a build: all of them, or (a rebuild after body edits) the previous build's
    /// pages, of which only those to render again are made, from their output paths.
    enum PageList {
        case all([PageSpec])
        case previous(ids: [String])
    }

    func renderOutputs(pages pageList: PageList, model: SiteModel, templates: TemplateSet, scan: InputScan, old: BuildState,
                       changedDocs: Set<String>, unchanged: UnchangedSlices, outcome: inout Outcome,
                       result: inout BuildResult, clock: inout StageClock) {
        let templateFingerprints = outcome.state.templates
        let pageListFingerprint: UInt64
        switch pageList {
        case .all(let pages):
            var hash = StableHash()
            for page in pages { hash.combine(page.urlPath) }
            pageListFingerprint = hash.value
        case .previous:
            pageListFingerprint = old.slices.number(of: "pages").map { old.sliceFingerprints[$0] } ?? 0
        }
        let memo = SliceFingerprinter(model: model, special: { slice in
            if slice.hasPrefix("tpl:") { return templateFingerprints[String(slice.dropFirst(4))] ?? 0 }
            if slice == "pages" { return pageListFingerprint }
            if slice.hasPrefix("file:") { return scanFingerprint(slice, scan) }
            return nil
        })
        // Which of the previous build's slices changed: one fingerprint per slice, whatever the page count.
        let oldSlices = previous == nil ? SliceNames() : old.slices
        let oldFingerprints = old.sliceFingerprints
        let keys = old.sliceKeys.count == oldSlices.count ? old.sliceKeys : nil
        let current = Array(0..<oldSlices.count).parallelMap(chunk: 8192) { i in
            let key = keys?[i] ?? UnchangedSlices.key(of: oldSlices[i])
            return unchanged.contains(key) ? oldFingerprints[i] : memo.compute(oldSlices[i])
        }
        let stale: [Bool] = current.indices.map { current[$0] != old.sliceFingerprints[$0] }
        var table = SliceTable(names: oldSlices, fingerprints: current)
        clock.lap("fingerprints", into: &result)
        // Kept records are the previous ones: start from the previous table (shared, not copied
        // entry by entry) and count the outputs found in it to know whether any disappeared.
        outcome.state.outputs = previous == nil ? [:] : old.outputs
        var foundInOld = 0
        func upToDate(_ output: String) -> Bool {
            guard previous != nil, let record = old.outputs[output] else { return false }
            foundInOld += 1
            return !record.deps.contains(where: { stale[Int($0)] })
        }

        // Pages and the feed read slices through a PageReader; sitemap, robots and assets have fixed ones.
        let feeds: [(output: String, job: OutputJob)] = [("feed.xml", .feed), ("changes.xml", .changesFeed),
                                                         ("sitemap.xml", .sitemap), ("robots.txt", .robots)]
        var assets: [String: (input: String?, text: String?)] = [:]
        for (name, text) in DefaultTheme.assets { assets["assets/" + name] = (nil, text) }
        for path in scan.assetPaths {
            let name = path.hasPrefix("content/") ? ContentAssets.outputPath(path) : String(path.dropFirst("templates/".count))
            if OutputWriter.isContained(name) { assets[name] = (path, nil) }
        }
        let assetJobs = assets.sorted { $0.key < $1.key }.map { ($0.key, OutputJob.asset(input: $0.value.input, text: $0.value.text)) }
        var jobs: [(output: String, job: OutputJob)]
        let allOutputs: [String]
        let pages: @Sendable () -> [PageSpec]
        switch pageList {
        case .all(let all):
            pages = { all }
            jobs = all.map { ($0.output, .page($0)) } + feeds + assetJobs
            allOutputs = jobs.map(\.output)
            jobs.removeAll { upToDate($0.output) }
        case .previous(let ids):
            // The same outputs as before: those with a changed slice, found from their records.
            pages = { PageSpec.all(ids: ids) }
            let fixed = Dictionary(uniqueKeysWithValues: feeds + assetJobs)
            let lists = Dictionary(uniqueKeysWithValues: PageSpec.all(documents: []).map { ($0.output, $0) })
            jobs = old.outputs.filter { !upToDate($0.key) }.keys.sorted().compactMap { output in
                if let job = fixed[output] { return (output, job) }
                if let page = lists[output] ?? PageSpec.page(output: output) { return (output, .page(page)) }
                return nil
            }
            allOutputs = Array(old.outputs.keys)
            foundInOld = old.outputs.count
        }
        let counter = Counter()
        let total = jobs.count
        let rendered = jobs.parallelMap { item -> (Data, [String]) in
            defer { if let progress { progress(counter.increment(), total) } }
            switch item.job {
            case .page(let page):
                let reader = PageReader(model: model)
                let data = templates.render(page.template, reader.context(for: page))
                return (data, ["tpl:" + page.template] + reader.log.slices)
            case .feed:
                let reader = PageReader(model: model)
                return (Data(SiteFeeds.atom(reader).utf8), reader.log.slices)
            case .changesFeed:
                let reader = PageReader(model: model)
                return (Data(SiteFeeds.changes(reader).utf8), reader.log.slices)
            case .sitemap:
                return (Data(SiteFeeds.sitemap(config: model.config, pages: pages()).utf8), ["pages", Slice.config])
            case .robots:
                return (Data(SiteFeeds.robots(config: model.config).utf8), [Slice.config])
            case .asset(let input, let text):
                let data = input.flatMap { scan.bytes($0, root: root, fs: fs) } ?? Data((text ?? "").utf8)
                return (data, ["file:" + (input ?? "(built-in)/" + item.output)])
            }
        }
        result.rendered = jobs.compactMap { if case .page = $0.job { $0.output } else { nil } }.sorted()
        clock.lap("pages", into: &result)
        // What changed in the tables, for their journal (`BuildState+Tables.swift`).
        outcome.state.tablesToken = previous == nil ? 0 : old.tablesToken
        outcome.state.journaledSlices = old.journaledSlices
        outcome.state.journaledOutputs = old.journaledOutputs
        for i in stale.indices where stale[i] { outcome.state.journaledSlices.insert(Int32(i)) }
        var reshaped = previous == nil
        // Slices new to the table are numbered here and fingerprinted afterwards on all cores (a
        // full build meets 110,000 of them at 10,000 articles).
        var fresh: [(number: Int32, name: String)] = []
        for (item, (data, deps)) in zip(jobs, rendered) {
            // A slice already in the table has its current fingerprint there (computed above).
            let indices = deps.map { dep in
                if let known = table.number(of: dep) { return Int32(known) }
                let number = table.intern(dep, 0)
                fresh.append((number, dep))
                return number
            }
            let hash = StableHash.of(data)
            let record = BuildState.Output(hash: hash, deps: indices)
            outcome.state.outputs[item.output] = record
            if let before = old.outputs[item.output], previous != nil {
                if before != record { outcome.state.journaledOutputs.insert(item.output) }
            } else {
                reshaped = true
            }
            guard previous == nil || old.outputs[item.output]?.hash != hash else { continue }
            outcome.files[item.output] = data
            if let before = old.outputs[item.output], previous != nil {
                let changed = before.deps.first { stale[Int($0)] }.map { oldSlices[Int($0)] }
                result.explanations[item.output] = explain(changed, memo: memo, scan: scan, changedDocs: changedDocs)
            } else {
                result.explanations[item.output] = previous == nil ? "clean build" : "new file"
            }
        }
        let freshFingerprints = fresh.parallelMap(chunk: 512) { memo.compute($0.name) }
        for (slice, fingerprint) in zip(fresh, freshFingerprints) { table.setFingerprint(fingerprint, of: slice.number) }
        if foundInOld != old.outputs.count || allOutputs.count != old.outputs.count {
            let current = Set(allOutputs)
            outcome.deleted = old.outputs.keys.filter { !current.contains($0) }.sorted()
            for output in outcome.deleted { outcome.state.outputs[output] = nil }
        }
        reshaped = reshaped || !outcome.deleted.isEmpty || table.names.count != oldSlices.count
        (outcome.state.slices, outcome.state.sliceFingerprints) = table.compacted(keeping: &outcome.state.outputs)
        outcome.tablesReshaped = reshaped || outcome.state.slices.count != table.names.count
        clock.lap("record", into: &result)
    }

    /// The first changed input behind a changed slice, in words.
    private func explain(_ slice: String?, memo: SliceFingerprinter, scan: InputScan, changedDocs: Set<String>) -> String {
        let firstChange = (scan.changed.union(scan.removed)).sorted().first ?? "an input"
        guard let slice else { return "\(firstChange) changed" }
        if slice.hasPrefix("tpl:") {
            let name = slice.dropFirst(4)
            let path = "templates/\(name).mustache"
            let changedTemplate = scan.changed.union(scan.removed).sorted().first { $0.hasPrefix("templates/") }
            return "\(scan.changed.contains(path) || scan.removed.contains(path) ? path : changedTemplate ?? path) changed (template \(name))"
        }
        if slice == Slice.config { return "briefgen.yml changed" }
        if slice.hasPrefix("file:") { return "\(slice.dropFirst(5)) changed" }
        if let id = Slice.document(of: slice), let path = memo.model.index.documents[id]?.path, changedDocs.contains(path) {
            return "\(path) changed (\(Slice.describe(slice)))"
        }
        return "\(firstChange) changed (\(Slice.describe(slice)))"
    }
}

/// Computes slice fingerprints from the site model, and from the build's own inputs for
/// templates, the page list and files; shared by the threads that compute them.
final class SliceFingerprinter: Sendable {
    let model: SiteModel
    private let special: @Sendable (String) -> UInt64?

    init(model: SiteModel, special: @escaping @Sendable (String) -> UInt64?) {
        self.model = model
        self.special = special
    }

    /// The slice's fingerprint in this build.
    func compute(_ slice: String) -> UInt64 {
        special(slice) ?? Slice.fingerprint(slice, in: model)
    }
}

/// What makes one output file.
enum OutputJob {
    case page(PageSpec), feed, changesFeed, sitemap, robots
    case asset(input: String?, text: String?)
}

/// The fingerprint of an input file slice (`file:templates/assets/x.png`).
private func scanFingerprint(_ slice: String, _ scan: InputScan) -> UInt64 {
    let path = String(slice.dropFirst(5))
    if path.hasPrefix("(built-in)/") {
        return StableHash.of(DefaultTheme.assets[String(path.dropFirst("(built-in)/assets/".count))] ?? "")
    }
    return scan.inputs[path]?.hash ?? 0
}

/// Slice names interned to indices, with their current fingerprints.
struct SliceTable {
    /// Slice names in number order (110,000 on a 10,000-article site).
    private(set) var names: SliceNames
    private(set) var fingerprints: [UInt64]

    /// A table over names already numbered (while the previous build's tables were decoded).
    init(names: SliceNames, fingerprints: [UInt64]) {
        self.names = names
        self.fingerprints = fingerprints
    }

    func number(of slice: String) -> Int? { names.number(of: slice) }

    /// Sets the fingerprint of a slice numbered before it was computed.
    mutating func setFingerprint(_ fingerprint: UInt64, of number: Int32) { fingerprints[Int(number)] = fingerprint }

    mutating func intern(_ slice: String, _ fingerprint: UInt64) -> Int32 {
        let before = names.count
        let number = names.insert(slice)
        if names.count > before { fingerprints.append(fingerprint) }
        return Int32(number)
    }

    /// The table without slices no output uses any more, renumbering the outputs' dependencies,
    /// once unused slices make up more than half of it.
    func compacted(keeping outputs: inout [String: BuildState.Output]) -> (SliceNames, [UInt64]) {
        var used = [Bool](repeating: false, count: names.count)
        var usedCount = 0
        for output in outputs.values {
            for dep in output.deps where !used[Int(dep)] {
                used[Int(dep)] = true
                usedCount += 1
            }
        }
        guard usedCount * 2 < names.count else { return (names, fingerprints) }
        var renumber = [Int32](repeating: -1, count: names.count)
        var newSlices: [String] = [], newFingerprints: [UInt64] = []
        for i in 0..<names.count where used[i] {
            renumber[i] = Int32(newSlices.count)
            newSlices.append(names[i])
            newFingerprints.append(fingerprints[i])
        }
        for key in outputs.keys { outputs[key]!.deps = outputs[key]!.deps.map { renumber[Int($0)] } }
        return (SliceNames(newSlices), newFingerprints)
    }
}

/// Slices whose fingerprint cannot have changed since the previous build, so their stored
/// fingerprint is reused instead of recomputed: per-document slices of documents that were
/// neither re-parsed nor re-rendered, and cross-document slices (mentions, backlinks, events…)
/// of documents that no changed document referred to, before or after the change.
struct UnchangedSlices: Sendable {
    private var enabled = false
    /// Ids as FNV hashes: the check runs for each of the previous build's slices (110,000 on a
    /// 10,000-article site), and hashing a slice's id bytes in place costs a tenth of making
    /// the id a String and looking it up in a Set. A collision only makes a slice look changed,
    /// which costs one fingerprint computation, never a stale page.
    private var changedIDs = Set<UInt64>()
    private var affected = Set<UInt64>()
    private var linksChanged = true

    /// `selected` holds the documents of this build by id; `removedPaths` the inputs that
    /// disappeared. Visits only what changed: a document whose file is unchanged is selected
    /// now exactly when it was before (two files making one page is an error, never cached).
    init(previous: BuildState?, old: BuildState, selected: DocumentStore<Document>, changedPaths: Set<String>,
         removedPaths: Set<String>, rerendered: Set<String>, linksChanged: Bool, links: LinkTable) {
        guard previous != nil else { return }
        enabled = true
        self.linksChanged = linksChanged
        var touched: [Document] = []
        for path in changedPaths.union(removedPaths) {
            if let before = old.documents[path]?.document { touched.append(before) }
        }
        // Every selected document whose file changed had its body re-rendered.
        for id in rerendered {
            if let doc = selected[id] { touched.append(doc) }
        }
        for doc in touched { changedIDs.insert(StableHash.of(doc.id)) }
        for doc in touched {
            if let body = old.bodies[doc.id] { addTargets(of: body) }
            for (_, refs) in SiteIndex.referenceKeys(doc) {
                for ref in refs {
                    if case .found(let target, _, _) = links.resolve(ref) { affected.insert(StableHash.of(target.id)) }
                }
            }
        }
    }

    /// After edits to bodies that link to and mention the same pages as before (the body-edit
    /// rebuild): the edited documents' own slices changed, and of the slices made from several
    /// documents only the mentions of an actor whose mention in an edited body reads
    /// differently (a new snippet); backlinks, co-mentions and events are made from what did
    /// not change.
    init(bodyEdits: [(id: String, before: RenderedBody, after: RenderedBody)]) {
        enabled = true
        linksChanged = false
        for edit in bodyEdits {
            changedIDs.insert(StableHash.of(edit.id))
            for (a, b) in zip(edit.before.mentions, edit.after.mentions)
            where a.paragraph != b.paragraph || a.text != b.text || a.snippet != b.snippet {
                affected.insert(StableHash.of(a.actor))
            }
        }
    }

    /// Adds what a re-rendered body refers to (its new summary is not in the old state).
    mutating func addTargets(of body: RenderedBody) {
        for link in body.links { affected.insert(StableHash.of(link.target)) }
        for mention in body.mentions { affected.insert(StableHash.of(mention.actor)) }
    }

    /// What a slice's prefix says about what it depends on.
    enum Scope: UInt8, Sendable { case document, crossDocument, references, other }

    /// What the check needs of a slice name: its scope and the hash of its id. Made for the
    /// previous build's slices while their table is decoded (on the other core), so that the
    /// check itself is two lookups per slice.
    struct Key: Sendable {
        var scope: Scope
        var id: UInt64
    }

    static func key(of slice: String) -> Key {
        var slice = slice
        return slice.withUTF8 { key(of: $0) }
    }

    /// The key of a slice name given as its UTF-8 bytes.
    static func key(of bytes: UnsafeBufferPointer<UInt8>) -> Key {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return Key(scope: .other, id: 0) }
        var hash = StableHash()
        hash.combine(UnsafeBufferPointer(rebasing: bytes[(colon + 1)...]))
        return Key(scope: scope(UnsafeBufferPointer(rebasing: bytes[..<colon])), id: hash.value)
    }

    /// Per-document slices ("t", "s", "m", "x", "b", "c", "sec", "am"), cross-document ones
    /// ("mn", "bl", "co", "ea", "es") and the references slice ("r"), told apart by the prefix's
    /// bytes packed into one number.
    private static func scope(_ prefix: UnsafeBufferPointer<UInt8>) -> Scope {
        guard prefix.count <= 3 else { return .other }
        let code = prefix.reduce(0 as UInt32) { $0 << 8 | UInt32($1) }
        if Self.documentCodes.contains(code) { return .document }
        if Self.crossDocumentCodes.contains(code) { return .crossDocument }
        return code == Self.referencesCode ? .references : .other
    }

    private static func packed(_ name: String) -> UInt32 { name.utf8.reduce(0 as UInt32) { $0 << 8 | UInt32($1) } }
    private static let documentCodes = Set(["t", "s", "m", "x", "b", "c", "sec", "am"].map(packed))
    private static let crossDocumentCodes = Set(["mn", "bl", "co", "ea", "es"].map(packed))
    private static let referencesCode = packed("r")

    func contains(_ slice: String) -> Bool { contains(Self.key(of: slice)) }

    func contains(_ key: Key) -> Bool {
        guard enabled else { return false }
        switch key.scope {
        case .document: return !changedIDs.contains(key.id)
        case .crossDocument: return !linksChanged && !affected.contains(key.id) && !changedIDs.contains(key.id)
        case .references: return !linksChanged
        case .other: return false
        }
    }
}
