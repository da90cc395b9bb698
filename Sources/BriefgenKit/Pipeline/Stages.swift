import Synchronization
import Foundation

/// The build's stages, each a pure function of explicit inputs:
/// load → parse → index/cross-link → render bodies → render pages → write.
/// The build graph's nodes are these same functions, run again only when what they read changed.
public enum Stages {
    /// Pairs raw articles with their sidecars: which files are documents, the sidecar of each
    /// raw article, and warnings for sidecars with no article.
    static func pairSidecars(_ paths: [String]) -> (documents: [String], sidecarOf: [String: String], diagnostics: [Diagnostic]) {
        let isSidecar = { (path: String) in path.hasSuffix(".yml") || path.hasSuffix(".yaml") }
        let sidecars = Set(paths.filter(isSidecar))
        var sidecarOf: [String: String] = [:]
        var stems = Set<String>()
        var documents: [String] = []
        documents.reserveCapacity(paths.count)
        for path in paths where !isSidecar(path) {
            documents.append(path)
            // Only raw articles have sidecars; no NSString bridging here (10,000 paths per build).
            guard let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")),
                  !path.utf8[dot...].contains(UInt8(ascii: "/")),
                  ["txt", "html", "htm"].contains(path[path.index(after: dot)...].lowercased()) else { continue }
            let stem = String(path[..<dot])
            stems.insert(stem)
            sidecarOf[path] = [stem + ".yml", stem + ".yaml"].first { sidecars.contains($0) }
        }
        let diagnostics = sidecars.sorted().filter { !stems.contains(($0 as NSString).deletingPathExtension) }.map {
            Diagnostic.warning(SourceLocation(file: $0), "sidecar has no .txt or .html article beside it; it is ignored",
                               hint: "name it like its article: NAME.txt and NAME.yml")
        }
        return (documents, sidecarOf, diagnostics)
    }

    /// Parses every content file into a document.
    public static func parse(_ files: [SiteSource.File]) -> ([Document], [Diagnostic]) {
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let (paths, sidecarOf, warnings) = pairSidecars(files.map(\.path))
        let results = paths.parallelMap { path in parseFile(byPath[path]!, sidecar: sidecarOf[path].flatMap { byPath[$0] }) }
        var documents: [Document] = []
        var diagnostics = warnings
        for (document, fileDiagnostics) in results {
            if let document { documents.append(document) }
            diagnostics += fileDiagnostics
        }
        return (documents, diagnostics)
    }

    /// One file: Markdown with front matter, or a raw article (.txt, .html) with its sidecar.
    public static func parseFile(_ file: SiteSource.File, sidecar: SiteSource.File? = nil) -> (Document?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let ext = pathExtension(file.path).lowercased()
        switch ext {
        case "md", "markdown":
            guard let text = SiteSource.decode(file.data, path: file.path, diagnostics: &diagnostics) else {
                return (nil, diagnostics)
            }
            return DocumentParser.parse(path: file.path, text: text)
        case "txt", "html", "htm":
            guard let text = SiteSource.decode(file.data, path: file.path, diagnostics: &diagnostics) else {
                return (nil, diagnostics)
            }
            let sidecarText = sidecar.flatMap { SiteSource.decode($0.data, path: $0.path, diagnostics: &diagnostics) }
            let (document, more) = RawArticle.parse(path: file.path, text: text, ext: ext,
                                                    sidecar: sidecarText, sidecarPath: sidecar?.path)
            return (document, diagnostics + more)
        case "yml", "yaml":
            return (nil, [])  // sidecars are read with their article
        default:
            return (nil, [.warning(SourceLocation(file: file.path), "unsupported file type `.\(ext)`; it is ignored",
                                   hint: "content files are .md, .txt/.html articles, or .\(ContentAssets.extensions.sorted().joined(separator: ", .")) files published beside them")])
        }
    }

    /// The extension of `path`'s last component as `NSString.pathExtension` gives it (none after
    /// a leading dot: `.md` has none), found on the UTF-8 bytes: asked of every content file.
    static func pathExtension(_ path: String) -> String {
        let utf8 = path.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == 0x2F { end = utf8.index(before: end) }
        let name = utf8[..<end].lastIndex(of: 0x2F).map { utf8.index(after: $0) } ?? utf8.startIndex
        guard let dot = utf8[name..<end].lastIndex(of: 0x2E), dot > name else { return "" }
        return String(path[utf8.index(after: dot)..<end])
    }

    /// Drops drafts (unless asked) and reports two files that would write the same page.
    public static func select(_ documents: [Document], includeDrafts: Bool) -> ([Document], [Diagnostic]) {
        // Sorted by id, then by path within an id: the first file of a repeated id wins, and the
        // result comes out in id order without a dictionary (10,000 documents on every build).
        var keyed = documents.filter { includeDrafts || !$0.draft }.map { ($0.id, $0.path, $0) }
        if !zip(keyed, keyed.dropFirst()).allSatisfy({ ($0.0, $0.1) < ($1.0, $1.1) }) {
            keyed.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        }
        var selected: [Document] = []
        selected.reserveCapacity(keyed.count)
        var diagnostics: [Diagnostic] = []
        for (id, _, document) in keyed {
            if let other = selected.last, other.id == id {
                diagnostics.append(.error(document.location,
                                          "\(document.path) and \(other.path) both make the page /\(document.urlPath)",
                                          hint: "rename one file or give it another `slug:`"))
                continue
            }
            selected.append(document)
        }
        return (selected, diagnostics)
    }

    /// Renders the Markdown of every document (parsing is serialised inside; the rest runs in parallel).
    public static func renderBodies(_ documents: [Document], renderer: MarkdownRenderer,
                                    config: SiteConfig) -> [String: RenderedBody] {
        let bodies = documents.parallelMap { document in
            renderBody(document, renderer: renderer, config: config)
        }
        return Dictionary(uniqueKeysWithValues: zip(documents.map(\.id), bodies))
    }

    public static func renderBody(_ document: Document, renderer: MarkdownRenderer, config: SiteConfig) -> RenderedBody {
        renderer.render(.init(
            body: document.body, path: document.path, bodyLine: document.bodyLine,
            detectMentions: document.kind == .article || document.kind == .note,
            allowHTML: document.kind == .note && config.allowHTMLInNotes,
            untrusted: document.kind == .article, selfID: document.id, strings: config.strings))
    }
}

/// A thread-safe counter for progress reports.
final class Counter: Sendable {
    private let value = Mutex(0)

    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
}
