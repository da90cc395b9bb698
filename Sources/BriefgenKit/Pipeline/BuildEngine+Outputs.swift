import Foundation
import Synchronization

/// Rendering and comparing outputs: a page is re-rendered only when a slice it read, or its
/// template, has a new fingerprint; a file is written only when its bytes changed.
extension BuildEngine {
    /// The page list node's value: made in this build, or (it read the same ids) the previous
    /// build's, whose outputs are those of the previous graph and are not listed again.
    enum PageList {
        case made([PageSpec])
        /// The previous build's pages (`pageCount` of them).
        case previous(pageCount: Int)
    }

    func renderOutputs(pages pageList: PageList, model: SiteModel, templates: TemplateSet, scan: InputScan, old: BuildState,
                       changedDocs: Set<String>, revision: GraphRevision, outcome: inout Outcome,
                       result: inout BuildResult, clock: inout StageClock) {
        // The search index. A clean build makes it on another thread while its first pages are
        // made (the pages read nothing of it), and its files after the pages: the index's
        // assembly had a core idle for a tenth of a second, and the first pages' threads wait
        // on the disk while the file system's tables are read in. A rebuild, whose jobs are
        // the outputs that read a changed slice, search files among them, makes it here.
        let laterSearch: Background<[(output: String, job: OutputJob)]>? = previous == nil ? Background { Self.searchJobs(model: model) } : nil
        let searchJobs = laterSearch == nil ? Self.searchJobs(model: model) : []
        clock.lap("search", into: &result)
        let templateFingerprints = outcome.state.templates
        let pageListFingerprint: UInt64
        switch pageList {
        case .made(let pages): pageListFingerprint = Self.pageListFingerprint(pages)
        case .previous:
            pageListFingerprint = old.slices.number(of: Slice.pages).map { old.sliceFingerprints[$0] }
                ?? Self.pageListFingerprint(old.outputs.keys.compactMap(PageSpec.page(output:)).sorted())
        }
        let memo = Self.fingerprinter(model: model, templates: templateFingerprints, pageList: pageListFingerprint,
                                      inputs: scan.inputs)
        // Which of the previous build's slices changed: one fingerprint per slice, computed
        // again only when a node it reads changed in this revision.
        let oldSlices = previous == nil ? SliceNames() : old.slices
        let oldFingerprints = old.sliceFingerprints
        let keys = old.sliceKeys.count == oldSlices.count ? old.sliceKeys : nil
        let verified = Array(0..<oldSlices.count).parallelMap(chunk: 8192) { i -> (UInt64, SliceKey.Node?) in
            let key = keys?[i] ?? SliceKey(oldSlices[i])
            if revision.isCurrent(key) { return (oldFingerprints[i], nil) }
            let name = oldSlices[i]
            // A page of a mention list holding none of the sources whose mentions read differently,
            // and the items it held.
            if let check = revision.listPageChange(key), check.keeps(slice: name, lists: model.lists) {
                return (oldFingerprints[i], nil)
            }
            return (memo.compute(name), key.node)
        }
        let current = verified.map(\.0)
        result.slicesComputed = verified.count { $0.1 != nil }
        result.listPagesComputed = verified.count { $0.1 == .list || $0.1 == .listPage }
        let stale: [Bool] = current.indices.map { current[$0] != old.sliceFingerprints[$0] }
        var table = SliceTable(names: oldSlices, fingerprints: current)
        clock.lap("fingerprints", into: &result)
        // Kept records are the previous ones: start from the previous table (shared, not copied
        // entry by entry).
        outcome.state.outputs = previous == nil ? [:] : old.outputs

        // Pages and the feed read slices through a PageReader; sitemap, robots and assets have fixed ones.
        // The page count the sitemap is split by: the pages it lists. The previous page list
        // has the previous sitemap, which is not made again: its parts are found among the
        // previous outputs whatever this count.
        let listedCount = switch pageList {
        case .made(let all): all.lazy.filter(SiteFeeds.isListed).count
        case .previous(let count): count
        }
        let fixedJobs = Self.fixedJobs(assetPaths: scan.assetPaths, pageCount: listedCount) + searchJobs
        var jobs: [(String, OutputJob)]
        /// Every output of a page list made in this build (a clean build's writer is told them
        /// all before the first page); empty for the previous list.
        let allOutputs: [String]
        /// The previous outputs this build does not make.
        let deleted: [String]
        let pages: @Sendable () -> [PageSpec]
        switch pageList {
        case .made(let all):
            pages = { all }
            jobs = all.map { ($0.output, OutputJob.page($0)) } + fixedJobs
            allOutputs = jobs.map(\.0)
            // The outputs found among the previous ones tell whether any of those disappeared.
            var foundInOld = 0
            jobs.removeAll { job in
                guard previous != nil, let record = old.outputs[job.0] else { return false }
                foundInOld += 1
                return !Self.readsStale(record, stale)
            }
            if foundInOld != old.outputs.count || allOutputs.count != old.outputs.count {
                let current = Set(allOutputs)
                deleted = old.outputs.keys.filter { !current.contains($0) }.sorted()
            } else {
                deleted = []
            }
        case .previous:
            // The previous outputs: those with a changed slice are made again, found by path
            // (a redirect's inputs are metadata, which is the previous one here). One pass over
            // the previous records, each read where it lies: an edit keeps all but a few outputs,
            // and looking each one up again by its path cost more than rendering the few.
            let previousOutputs = old.outputs
            pages = { previousOutputs.keys.compactMap(PageSpec.page(output:)).sorted() }
            let fixed = Dictionary(fixedJobs, uniquingKeysWith: { a, _ in a })
            var remade: [String] = []
            var gone: [String] = []
            for (output, record) in old.outputs {
                // The search index's files come and go with the words of bodies.
                if SearchIndex.isIndexFile(output), fixed[output] == nil {
                    gone.append(output)
                } else if Self.readsStale(record, stale) {
                    remade.append(output)
                }
            }
            jobs = remade.sorted().compactMap { output in
                if let job = fixed[output] { return (output, job) }
                return PageSpec.page(output: output).map { (output, OutputJob.page($0)) }
            }
            let newSearchFiles = searchJobs.filter { old.outputs[$0.output] == nil }
            jobs += newSearchFiles
            deleted = gone.sorted()
            allOutputs = []
        }
        // A clean build writes each output into staging as soon as it is made, from the thread
        // that made it: the bytes need not be held until the end.
        if previous == nil, options.write, !options.inMemory, !result.diagnostics.hasErrors {
            let writer = OutputWriter(fs: fs, directory: options.outputDir)
            outcome.replacement = Result { try writer.beginReplacing(paths: allOutputs) }
        }
        let stream = try? outcome.replacement?.get()
        let keepBytes = stream == nil || keepsOutputs
        let counter = Counter()
        jobs = Self.siteWideFirst(jobs)
        let total = Atomic<Int>(jobs.count)
        let render = { @Sendable (item: (String, OutputJob)) -> (Data?, SliceList, UInt64, [Int], [(dep: Int, fingerprint: UInt64)]) in
            defer { if let progress { progress(counter.increment(), total.load(ordering: .relaxed)) } }
            let (data, deps) = Self.make(item.1, output: item.0, model: model, templates: templates, pages: pages) {
                scan.bytes($0, root: root, fs: fs)
            }
            stream?.place(data, at: item.0)
            // Hashed here, on every core, eight bytes at a time: the loop below runs on one.
            // So are the slices' lookup hashes, for the one-thread loop numbering them below.
            let depHashes = (0..<deps.count).map { deps.withName($0, SliceNames.hash) }
            // Slices new to the graph that walk what this page just showed: fingerprinted now,
            // while that data is in this core's cache (`SliceKind.fingerprintedWhereRead`).
            var walked: [(dep: Int, fingerprint: UInt64)] = []
            for place in 0..<deps.count where deps.withName(place, { name in
                SliceKind.fingerprintedWhereRead(utf8: name) && oldSlices.number(ofUTF8: name, hash: depHashes[place]) == nil
            }) {
                walked.append((place, memo.compute(deps[place])))
            }
            return (keepBytes ? data : nil, deps, data.withUnsafeBytes { Checksum.of($0.bindMemory(to: UInt8.self)) },
                    depHashes, walked)
        }
        var rendered = jobs.parallelMap(render)
        if let laterSearch {
            let searchFiles = laterSearch.value
            total.add(searchFiles.count, ordering: .relaxed)
            do {
                try stream?.add(paths: searchFiles.map(\.output))
            } catch {
                outcome.replacement = .failure(error)
            }
            jobs += searchFiles.map { ($0.output, $0.job) }
            rendered += searchFiles.map { ($0.output, $0.job) }.parallelMap(render)
        }
        result.searchRecordsMade = model.searchIndex.recordsMade
        // The site is whole: swapped in now, before the graph is recorded and written.
        if let stream, let beforeSwap, !result.diagnostics.hasErrors, case .success = outcome.replacement {
            outcome.swapped = Result { try beforeSwap(); return try stream.finish() }
            if case .success = outcome.swapped, let start = shardsAfterSwap { outcome.shards = start(outcome.state) }
        }
        result.rendered = jobs.compactMap { if case .page = $0.1 { $0.0 } else { nil } }.sorted()
        result.renderedIndexFiles = jobs.compactMap { if case .search = $0.1 { $0.0 } else { nil } }.sorted()
        clock.lap("pages", into: &result)
        outcome.startedFrom = previous == nil ? nil : old
        var reshaped = previous == nil
        // Slices new to the table are numbered here and fingerprinted afterwards on all cores (a
        // full build meets 110,000 of them at 10,000 articles).
        var fresh: [(number: Int32, name: String)] = []
        for (item, (data, deps, hash, depHashes, walked)) in zip(jobs, rendered) {
            // A slice already in the table has its current fingerprint there (computed above).
            var indices: [Int32] = []
            indices.reserveCapacity(deps.count)
            var nextWalked = walked.startIndex
            for (place, depHash) in depHashes.enumerated() {
                var fingerprint: UInt64?
                if nextWalked < walked.endIndex, walked[nextWalked].dep == place {
                    fingerprint = walked[nextWalked].fingerprint
                    nextWalked += 1
                }
                let number = deps.withName(place) { name in
                    table.number(ofUTF8: name, hash: depHash).map { (Int32($0), false) }
                        ?? (table.intern(utf8: name, fingerprint ?? 0, hash: depHash), true)
                }
                // A slice new to the table is fingerprinted below, by its name made now.
                if number.1, fingerprint == nil { fresh.append((number.0, deps[place])) }
                indices.append(number.0)
            }
            let record = BuildState.Output(hash: hash, deps: indices)
            let output = item.0
            outcome.state.outputs[output] = record
            if previous == nil || old.outputs[output] == nil { reshaped = true }
            guard previous == nil || old.outputs[output]?.hash != hash else { continue }
            outcome.changedOutputs.append(output)
            if let data { outcome.files[output] = data }
            if let before = old.outputs[output], previous != nil {
                let changed = before.deps.first { stale[Int($0)] }.map { oldSlices[Int($0)] }
                result.explanations[output] = explain(changed, memo: memo, scan: scan, changedDocs: changedDocs)
            } else {
                result.explanations[output] = previous == nil ? "clean build" : "new file"
            }
        }
        let freshFingerprints = fresh.parallelMap(chunk: 512) { memo.compute($0.name) }
        for (slice, fingerprint) in zip(fresh, freshFingerprints) { table.setFingerprint(fingerprint, of: slice.number) }
        outcome.deleted = deleted
        for output in outcome.deleted { outcome.state.outputs[output] = nil }
        reshaped = reshaped || !outcome.deleted.isEmpty || table.names.count != oldSlices.count
        // Checked for compaction (a pass over every output's dependencies) when slices or
        // outputs came or went: an edit keeping the tables' shape leaves few slices unused.
        (outcome.state.slices, outcome.state.sliceFingerprints) = reshaped
            ? table.compacted(keeping: &outcome.state.outputs) : (table.names, table.fingerprints)
        outcome.tablesReshaped = reshaped || outcome.state.slices.count != table.names.count
        outcome.remadeOutputs = jobs.map(\.0)
        clock.lap("record", into: &result)
    }

    /// Jobs in the order the cores take them: the site-wide pages (the home page, the first page
    /// of each index, the timeline, not found) first, the rest in their order (`parallelMap` gives
    /// each core a stretch of its own, so the first core starts on them). They are the longest
    /// single jobs, the actors index with its charts 0.1 s at 10,000 articles: left at the end of
    /// a core's stretch, it kept that core busy after the other had run out of work.
    static func siteWideFirst(_ jobs: [(String, OutputJob)]) -> [(String, OutputJob)] {
        func siteWide(_ job: (String, OutputJob)) -> Bool {
            if case .page(let page) = job.1 { page.document == nil && page.number == 1 } else { false }
        }
        let first = jobs.filter(siteWide)
        return first.isEmpty ? jobs : first + jobs.filter { !siteWide($0) }
    }

    /// Whether an output read a slice whose fingerprint changed in this build.
    static func readsStale(_ record: BuildState.Output, _ stale: [Bool]) -> Bool {
        stale.withUnsafeBufferPointer { stale in
            record.deps.withUnsafeBufferPointer { deps in deps.contains { stale[Int($0)] } }
        }
    }

    /// The first changed input behind a changed slice, in words.
    private func explain(_ slice: String?, memo: SliceFingerprinter, scan: InputScan, changedDocs: Set<String>) -> String {
        let firstChange = (scan.changed.union(scan.removed)).sorted().first ?? "an input"
        guard let slice, let (kind, argument) = Slice.parse(slice) else { return "\(firstChange) changed" }
        if kind == .template {
            let name = argument
            let path = "templates/\(name).mustache"
            let changedTemplate = scan.changed.union(scan.removed).sorted().first { $0.hasPrefix("templates/") }
            return "\(scan.changed.contains(path) || scan.removed.contains(path) ? path : changedTemplate ?? path) changed (template \(name))"
        }
        if kind == .config { return "briefgen.yml changed" }
        if kind == .file { return "\(argument) changed" }
        if let id = Slice.document(of: slice), let path = memo.model.index.documents[id]?.path, changedDocs.contains(path) {
            return "\(path) changed (\(Slice.describe(slice)))"
        }
        return "\(firstChange) changed (\(Slice.describe(slice)))"
    }
}

/// What makes one output file.
enum OutputJob: Sendable {
    /// `sitemap(part: 0)` is `sitemap.xml`; parts 1… are the files a large site's sitemap indexes.
    case page(PageSpec), feed(SiteFeeds.Collection, json: Bool), changesFeed, sitemap(part: Int), robots, search
    case asset(input: String?, text: String?)
}

extension BuildEngine {
    /// Makes one output: its bytes and the slices it read. The one function that renders an
    /// output, for `build`, `check` and the pages `serve` renders on request.
    static func make(_ job: OutputJob, output: String, model: SiteModel, templates: TemplateSet,
                     pages: @Sendable () -> [PageSpec], read: (String) -> Data?) -> (Data, SliceList) {
        switch job {
        case .page(let page):
            let reader = PageReader(model: model)
            // The template first, in the log the page then records into: one list, not copied.
            reader.log.record(.template, page.template)
            let data = templates.render(page.template, reader.context(for: page))
            return (data, reader.log.names)
        case .feed(let collection, let json):
            let reader = PageReader(model: model)
            let text = json ? SiteFeeds.json(collection, reader) : SiteFeeds.atom(collection, reader)
            return (Data(text.utf8), reader.log.names)
        case .changesFeed:
            let reader = PageReader(model: model)
            return (Data(SiteFeeds.changes(reader).utf8), reader.log.names)
        case .sitemap(let part):
            return (Data(SiteFeeds.sitemap(config: model.config, pages: pages(), part: part).utf8), SliceList([Slice.pages, Slice.config]))
        case .robots:
            return (Data(SiteFeeds.robots(config: model.config).utf8), SliceList([Slice.config]))
        case .search:
            let reader = PageReader(model: model)
            reader.log.record(.search, output)
            return (model.searchIndex.file(output, reader), reader.log.names)
        case .asset(let input, let text):
            let data = input.flatMap(read) ?? Data((text ?? "").utf8)
            // A built-in asset also depends on the file that would override it, so adding
            // `templates/assets/style.css` replaces it (and removing it brings it back).
            return (data, SliceList(input.map { [Slice.file($0)] } ?? [Slice.file("(built-in)/" + output), Slice.file("templates/" + output)]))
        }
    }

    /// The outputs every site has besides its pages: feeds, sitemap, robots and assets.
    static func fixedJobs(assetPaths: [String], pageCount: Int) -> [(output: String, job: OutputJob)] {
        let feeds: [(output: String, job: OutputJob)] = SiteFeeds.Collection.allCases.flatMap { collection in
            [(collection.atomPath, OutputJob.feed(collection, json: false)), (collection.jsonPath, .feed(collection, json: true))]
        } + [("changes.xml", .changesFeed), ("sitemap.xml", .sitemap(part: 0)), ("robots.txt", .robots)]
            + (SiteFeeds.sitemapParts(pageCount: pageCount).map(Array.init) ?? []).map { ("sitemap-\($0).xml", OutputJob.sitemap(part: $0)) }
        var assets: [String: (input: String?, text: String?)] = [:]
        for (name, text) in DefaultTheme.assets { assets["assets/" + name] = (nil, text) }
        for path in assetPaths {
            let name = path.hasPrefix("content/") ? ContentAssets.outputPath(path) : String(path.dropFirst("templates/".count))
            if OutputWriter.isContained(name) { assets[name] = (path, nil) }
        }
        return feeds + assets.sorted { $0.key < $1.key }.map { ($0.key, OutputJob.asset(input: $0.value.input, text: $0.value.text)) }
    }

    /// The files of the search index: they come and go with the words of the site.
    static func searchJobs(model: SiteModel) -> [(output: String, job: OutputJob)] {
        model.searchIndex.outputs.map { ($0, OutputJob.search) }
    }

    /// The fingerprint of the page list (the `pages` slice).
    static func pageListFingerprint(_ pages: [PageSpec]) -> UInt64 {
        var hash = StableHash()
        for page in pages { hash.combine(page.urlPath) }
        return hash.value
    }

    /// Slice fingerprints of a build: from the model, and from the templates, page list and input files.
    static func fingerprinter(model: SiteModel, templates: [String: UInt64], pageList: UInt64,
                              inputs: [String: BuildState.Input]) -> SliceFingerprinter {
        SliceFingerprinter(model: model, special: { slice in
            switch Slice.parse(slice) {
            case (.template, let name)?: templates[name] ?? 0
            case (.pages, _)?: pageList
            case (.file, let path)?: inputFingerprint(path, inputs)
            default: nil
            }
        })
    }
}

/// The fingerprint of an input file slice's file (`templates/assets/x.png`).
private func inputFingerprint(_ path: String, _ inputs: [String: BuildState.Input]) -> UInt64 {
    if path.hasPrefix("(built-in)/") {
        return Text.withUTF8(DefaultTheme.assets[String(path.dropFirst("(built-in)/assets/".count))] ?? "") { Checksum.of($0) }
    }
    return inputs[path]?.hash ?? 0
}
