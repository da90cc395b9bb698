import Foundation
import Synchronization

/// Rendering and comparing outputs: a page is re-rendered only when a slice it read, or its
/// template, has a new fingerprint; a file is written only when its bytes changed.
extension BuildEngine {
    func renderOutputs(pages: [PageSpec], model: SiteModel, templates: TemplateSet, scan: InputScan, old: BuildState,
                       changedDocs: Set<String>, outcome: inout Outcome, result: inout BuildResult) {
        let templateFingerprints = outcome.state.templates
        var pageListHash = StableHash()
        for page in pages { pageListHash.combine(page.urlPath) }
        let pageList = pageListHash
        let memo = FingerprintMemo(model: model, special: { slice in
            if slice.hasPrefix("tpl:") { return templateFingerprints[String(slice.dropFirst(4))] ?? 0 }
            if slice == "pages" { return pageList.value }
            return nil
        })
        func upToDate(_ output: String) -> BuildState.Output? {
            guard previous != nil, let record = old.outputs[output],
                  record.deps.allSatisfy({ memo.value($0.slice) == $0.fingerprint }) else { return nil }
            return record
        }

        // Pages, and the feed, which reads slices the same way.
        var jobs: [(output: String, page: PageSpec?)] = pages.map { ($0.output, $0) } + [("feed.xml", nil)]
        jobs.removeAll { job in
            guard let record = upToDate(job.output) else { return false }
            outcome.state.outputs[job.output] = record
            return true
        }
        let counter = Counter()
        let total = jobs.count
        let rendered = jobs.parallelMap { job -> (Data, [BuildState.Dep]) in
            let reader = PageReader(model: model)
            var deps: [BuildState.Dep] = []
            let text: String
            if let page = job.page {
                deps.append(.init(slice: "tpl:" + page.template, fingerprint: memo.value("tpl:" + page.template)))
                text = templates.render(page.template, reader.context(for: page))
            } else {
                text = SiteFeeds.atom(reader)
            }
            deps += reader.log.slices.map { BuildState.Dep(slice: $0, fingerprint: memo.value($0)) }
            if let progress { progress(counter.increment(), total) }
            return (Data(text.utf8), deps)
        }
        result.rendered = jobs.compactMap { $0.page?.output }.sorted()
        for (job, (data, deps)) in zip(jobs, rendered) {
            record(job.output, data: data, deps: deps, old: old, memo: memo, scan: scan, changedDocs: changedDocs,
                   outcome: &outcome, result: &result)
        }

        // Sitemap (the page list), robots (the config), and static assets.
        let sitemapDeps = [BuildState.Dep(slice: "pages", fingerprint: pageList.value),
                           BuildState.Dep(slice: Slice.config, fingerprint: memo.value(Slice.config))]
        if let kept = upToDate("sitemap.xml") { outcome.state.outputs["sitemap.xml"] = kept } else {
            record("sitemap.xml", data: Data(SiteFeeds.sitemap(config: model.config, pages: pages).utf8), deps: sitemapDeps,
                   old: old, memo: memo, scan: scan, changedDocs: changedDocs, outcome: &outcome, result: &result)
        }
        if let kept = upToDate("robots.txt") { outcome.state.outputs["robots.txt"] = kept } else {
            record("robots.txt", data: Data(SiteFeeds.robots(config: model.config).utf8), deps: [sitemapDeps[1]],
                   old: old, memo: memo, scan: scan, changedDocs: changedDocs, outcome: &outcome, result: &result)
        }
        var assets: [String: (input: String?, text: String?)] = [:]
        for (name, text) in DefaultTheme.assets { assets["assets/" + name] = (nil, text) }
        for path in scan.assetPaths {
            let name = String(path.dropFirst("templates/".count))
            if OutputWriter.isContained(name) { assets[name] = (path, nil) }
        }
        for (output, source) in assets.sorted(by: { $0.key < $1.key }) {
            let fingerprint = source.input.flatMap { scan.inputs[$0]?.hash } ?? StableHash.of(source.text ?? "")
            let deps = [BuildState.Dep(slice: "file:" + (source.input ?? "(built-in)/" + output), fingerprint: fingerprint)]
            if previous != nil, let kept = old.outputs[output], kept.deps == deps {
                outcome.state.outputs[output] = kept
                continue
            }
            guard let data = source.input.map({ scan.bytes($0, root: root, fs: fs) }) ?? source.text.map({ Data($0.utf8) })
            else { continue }
            record(output, data: data ?? Data(), deps: deps, old: old, memo: memo, scan: scan, changedDocs: changedDocs,
                   outcome: &outcome, result: &result)
        }
        outcome.deleted = old.outputs.keys.filter { outcome.state.outputs[$0] == nil }.sorted()
    }

    /// Keeps the record of an output and schedules the write when its bytes changed.
    private func record(_ output: String, data: Data, deps: [BuildState.Dep], old: BuildState, memo: FingerprintMemo,
                        scan: InputScan, changedDocs: Set<String>, outcome: inout Outcome, result: inout BuildResult) {
        let hash = StableHash.of(data)
        outcome.state.outputs[output] = BuildState.Output(hash: hash, deps: deps)
        guard previous == nil || old.outputs[output]?.hash != hash else { return }
        outcome.files[output] = data
        guard let before = old.outputs[output] else {
            result.explanations[output] = previous == nil ? "clean build" : "new file"
            return
        }
        let changed = before.deps.first { memo.value($0.slice) != $0.fingerprint }?.slice
        result.explanations[output] = explain(changed, memo: memo, scan: scan, changedDocs: changedDocs)
    }

    /// The first changed input behind a changed slice, in words.
    private func explain(_ slice: String?, memo: FingerprintMemo, scan: InputScan, changedDocs: Set<String>) -> String {
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

/// Slice fingerprints, computed once per build and shared by the threads that render pages.
final class FingerprintMemo: Sendable {
    let model: SiteModel
    private let special: @Sendable (String) -> UInt64?
    private let values = Mutex<[String: UInt64]>([:])

    init(model: SiteModel, special: @escaping @Sendable (String) -> UInt64?) {
        self.model = model
        self.special = special
    }

    func value(_ slice: String) -> UInt64 {
        if let known = values.withLock({ $0[slice] }) { return known }
        let computed = special(slice) ?? Slice.fingerprint(slice, in: model)
        values.withLock { $0[slice] = computed }
        return computed
    }
}
