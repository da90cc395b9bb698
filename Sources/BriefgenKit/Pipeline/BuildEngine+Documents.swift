import Foundation

/// The `meta(doc)` nodes: a content file is parsed again only when it or its sidecar changed,
/// which is told from the inputs' hashes without reading the previous graph's documents; the
/// previous parse of a file parsed again is read per key, to tell whether its metadata changed.
extension BuildEngine {
    /// The content files of this build and what parsing the changed ones gave.
    struct Parses {
        /// Document files in path order, and the sidecar read with each raw article.
        var paths: [String] = []
        var sidecarOf: [String: String] = [:]
        /// Files parsed again (changed or new), in path order, with their input hash, the
        /// document (with its body) and diagnostics, and the previous graph's result (nil: new).
        var reparsed: [Reparse] = []
        /// Files the previous graph had a document for and this build has not.
        var removed: [String] = []
        /// No file appeared or went away, and each file parsed again gave the same metadata:
        /// the link table, and every node reading only metadata, keep their values.
        var sameMetadata = false

        struct Reparse {
            var path: String
            var hash: UInt64
            var document: Document?
            var diagnostics: [Diagnostic]
            var before: BuildState.CachedDocument?
        }
    }

    /// Parses the content files whose input changed since `old`, reading of the previous graph
    /// only the records of those files.
    func parseChanged(scan: InputScan, old: BuildState, diagnostics: inout [Diagnostic]) -> Parses {
        var parses = Parses()
        let (paths, sidecarOf, sidecarWarnings) = Stages.pairSidecars(scan.contentPaths)
        diagnostics += sidecarWarnings
        (parses.paths, parses.sidecarOf) = (paths, sidecarOf)
        // A file is parsed again when it, or the sidecar read with it, is new or changed, or its
        // pairing with a sidecar changed (a sidecar came or went): told by the scan, without
        // hashing every file's inputs.
        let touched = scan.changed.union(scan.removed)
        var work: [(path: String, hash: UInt64)] = []
        for path in paths {
            if previous != nil, !touched.contains(path), old.inputs[path] != nil,
               sidecarOf[path].map({ !touched.contains($0) }) ?? true,
               !Self.mayHaveSidecar(path) || Self.sidecar(of: path, among: old.inputs) == sidecarOf[path] { continue }
            work.append((path, Self.inputHash(path, sidecar: sidecarOf[path], inputs: scan.inputs)))
        }
        if previous != nil {
            if previousIsWhole {
                // Every path of the previous graph is still here unless the counts say otherwise.
                if old.documents.count != paths.count - work.count(where: { old.documents[$0.path] == nil }) {
                    let current = Set(paths)
                    parses.removed = old.documents.keys.filter { !current.contains($0) }.sorted()
                }
            } else {
                parses.removed = scan.removed.filter { old.inputs[$0] != nil && Self.isDocumentPath($0) }.sorted()
            }
        }
        let parsed = work.parallelMap { item in
            (parseInput(item.path, sidecar: sidecarOf[item.path], scan: scan) ?? (nil, []),
             previous == nil ? nil : previousRecord(at: item.path, old: old))
        }
        parses.sameMetadata = previous != nil && parses.removed.isEmpty
        for (item, ((document, fileDiagnostics), before)) in zip(work, parsed) {
            if parses.sameMetadata, before?.document != document.map(Self.metadata) { parses.sameMetadata = false }
            parses.reparsed.append(Parses.Reparse(path: item.path, hash: item.hash, document: document,
                                                  diagnostics: fileDiagnostics, before: before))
        }
        return parses
    }

    /// A document without its body: what the graph keeps of a parse.
    static func metadata(_ document: Document) -> Document { document.withoutBody() }


    /// The previous graph's result for the file at `path`, in memory or read per key.
    func previousRecord(at path: String, old: BuildState) -> BuildState.CachedDocument? {
        previousIsWhole ? old.documents[path] : store?.document(at: path)
    }

    /// The sidecar a raw article at `path` is read with among `inputs`, as `Stages.pairSidecars` pairs them.
    static func sidecar(of path: String, among inputs: [String: BuildState.Input]) -> String? {
        guard mayHaveSidecar(path), let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let stem = String(path[..<dot])
        return [stem + ".yml", stem + ".yaml"].first { inputs[$0] != nil }
    }

    /// Whether the file at `path` is a raw article (`.txt`, `.html`), the only kind read with a
    /// sidecar. No NSString bridging: asked of every content file on every rebuild.
    static func mayHaveSidecar(_ path: String) -> Bool {
        guard let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")), !path.utf8[dot...].contains(UInt8(ascii: "/")) else { return false }
        return ["txt", "html", "htm"].contains(path[path.index(after: dot)...].lowercased())
    }

    /// Whether a content path is a document's file (not a sidecar, not a content asset).
    static func isDocumentPath(_ path: String) -> Bool {
        path.hasPrefix("content/") && !path.hasSuffix(".yml") && !path.hasSuffix(".yaml") && !ContentAssets.isAsset(path)
    }

    /// A content file parsed with its sidecar; nil when the file cannot be read.
    func parseInput(_ path: String, sidecar: String?, scan: InputScan) -> (Document?, [Diagnostic])? {
        guard let data = scan.bytes(path, root: root, fs: fs) else { return nil }
        let sidecarFile = sidecar.flatMap { path in scan.bytes(path, root: root, fs: fs).map { SiteSource.File(path: path, data: $0) } }
        return Stages.parseFile(SiteSource.File(path: path, data: data), sidecar: sidecarFile)
    }

    /// What a document's parse in the graph is keyed by: the hashes of its file and its sidecar.
    static func inputHash(_ path: String, sidecar: String?, inputs: [String: BuildState.Input]) -> UInt64 {
        var hash = StableHash()
        hash.combine(inputs[path]?.hash ?? 0)
        hash.combine(sidecar.flatMap { inputs[$0]?.hash } ?? 0)
        return hash.value
    }

    /// The document again with its body, read from its file.
    static func reparse(_ doc: Document, root: String, fs: FileSystem) -> Document? {
        guard let data = fs.read(joinPath(root, doc.path)) else { return nil }
        let stem = (doc.path as NSString).deletingPathExtension
        let sidecar = [stem + ".yml", stem + ".yaml"].lazy.compactMap { path in
            fs.read(joinPath(root, path)).map { SiteSource.File(path: path, data: $0) }
        }.first
        return Stages.parseFile(SiteSource.File(path: doc.path, data: data), sidecar: sidecar).0
    }
}
