import Foundation
import Synchronization

/// The site's input files as they are now, compared with the previous build: checked by
/// (size, modification time) first and read and hashed only when those differ.
struct InputScan {
    /// Every input: site-relative path → stamp and content hash.
    var inputs: [String: BuildState.Input] = [:]
    /// Bytes of the files read during the scan (shared by the scan's copies).
    private(set) var data = ScannedBytes()
    /// Inputs added or whose content changed, and inputs that disappeared.
    var changed: Set<String> = []
    var removed: Set<String> = []
    var contentPaths: [String] = []
    var templatePaths: [String] = []
    /// Files copied to the output as they are: `templates/assets/**` and the images and
    /// documents beside content (`contentAssetPaths`).
    var assetPaths: [String] = []
    /// Files beside content published beside their page (`content/notes/chart.png`).
    var contentAssetPaths: [String] = []
    var diagnostics: [Diagnostic] = []

    /// Nothing changed, and nothing was refused (a link leaving the site, an unreadable file),
    /// which a build must report although it is no input.
    var isUnchanged: Bool { changed.isEmpty && removed.isEmpty && !diagnostics.hasErrors }

    /// Scans the site; files whose stamps match `previous` are not read unless `alwaysRead` says so.
    /// `listing` gives the files under `content/` and `templates/` when they are known (`serve`
    /// keeps them up to date from its watcher), instead of walking both folders.
    init(root: String, fs: FileSystem, previous: [String: BuildState.Input], readAll: Bool, listing: SiteListing? = nil) {
        var files: [(path: String, stamp: FileStamp)] = []
        if let stamp = fs.stamp(joinPath(root, "briefgen.yml")) { files.append(("briefgen.yml", stamp)) }
        let confinement = SiteConfinement(root: root, fs: fs)
        for (relative, stamp) in listing?.content ?? fs.stampedFiles(under: joinPath(root, "content")) where !Self.hidden(relative) {
            let path = "content/" + relative
            if stamp.throughLink, let refusal = confinement.refusal(path, isFolder: fs.isDirectory(joinPath(root, path))) {
                diagnostics.append(refusal)
                continue
            }
            if ContentAssets.isAsset(path) {
                contentAssetPaths.append(path)
                assetPaths.append(path)
            } else {
                contentPaths.append(path)
            }
            files.append((path, stamp))
        }
        for (relative, stamp) in listing?.templates ?? fs.stampedFiles(under: joinPath(root, "templates")) where !Self.hidden(relative) {
            let path = "templates/" + relative
            if stamp.throughLink, let refusal = confinement.refusal(path, isFolder: fs.isDirectory(joinPath(root, path))) {
                diagnostics.append(refusal)
                continue
            }
            if relative.hasPrefix("assets/") {
                assetPaths.append(path)
            } else if relative.hasSuffix(".mustache"), !relative.contains("/") {
                templatePaths.append(path)
            } else if path == Self.stringsPath {
                // Read by the config stage (`BuildEngine.siteConfig`).
            } else {
                diagnostics.append(.warning(SourceLocation(file: path), "file in templates/ is not used",
                                            hint: "templates are `NAME.mustache`; static files go in templates/assets/"))
                continue
            }
            files.append((path, stamp))
        }
        // Starts from the previous table (shared, not copied entry by entry) and updates what
        // differs: on a 10,000-file site usually one entry.
        inputs = readAll ? [:] : previous
        var seen = 0
        var toRead: [(path: String, stamp: FileStamp, old: BuildState.Input?)] = []
        for (path, stamp) in files {
            let old = previous[path]
            // Config and templates are small and always needed whole; the rest is read on change.
            let small = path == "briefgen.yml" || path == Self.stringsPath || path.hasPrefix("templates/") && path.hasSuffix(".mustache")
            if let old, old.stamp == stamp, !readAll, !small {
                seen += 1
                continue
            }
            toRead.append((path, stamp, old))
        }
        // Read and hashed on many threads (a full build reads every file: on one thread, reading
        // and hashing them was the whole scan; files the page cache does not hold are read
        // fastest with more reads in flight than cores), then taken in order.
        let reads = toRead.parallelMap(threads: fs.concurrentReads, chunk: 32) { entry -> (bytes: Data, hash: UInt64, runsScript: Bool)? in
            guard let bytes = fs.read(joinPath(root, entry.path)) else { return nil }
            let runsScript = entry.path.hasPrefix("content/") && ContentAssets.isAsset(entry.path)
                && entry.path.lowercased().hasSuffix(".svg") && ContentAssets.svgRunsScript(bytes)
            return (bytes, Checksum.of(bytes), runsScript)
        }
        var fileBytes: [String: Data] = [:]
        for (entry, read) in zip(toRead, reads) {
            let path = entry.path
            guard let read else {
                // Listed a moment ago: it exists, but cannot be read (permissions).
                diagnostics.append(.error(SourceLocation(file: path), "file cannot be read",
                                          hint: "check that it is readable: chmod u+r"))
                inputs[path] = nil
                continue
            }
            if read.runsScript {
                diagnostics.append(.error(SourceLocation(file: path),
                                          "SVG file could run script (script, event handler or javascript: URL); it is not published",
                                          hint: "remove the script, or convert the image to PNG"))
            }
            inputs[path] = BuildState.Input(stamp: entry.stamp, hash: read.hash)
            fileBytes[path] = read.bytes
            if entry.old != nil { seen += 1 }
            if entry.old?.hash != read.hash { changed.insert(path) }
        }
        data = ScannedBytes(fileBytes)
        // Every current path found in `previous` and as many of them: nothing was removed.
        if seen != previous.count {
            let current = Set(files.map(\.path))
            removed = Set(previous.keys.filter { !current.contains($0) })
            for path in removed { inputs[path] = nil }
            // Files found but unreadable are gone too.
            for path in current where previous[path] != nil && inputs[path] == nil { removed.insert(path) }
        }
    }

    /// The site's own interface text (`Strings`), over the built-in table of its language.
    static let stringsPath = "templates/strings.yml"

    static func hidden(_ relative: String) -> Bool {
        // A name starting with a dot: at the start or right after a slash (no splitting: this
        // runs for every file of every build).
        var previous: UInt8 = UInt8(ascii: "/")
        for byte in relative.utf8 {
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: "/") { return true }
            previous = byte
        }
        return false
    }

    /// Bytes of an input, from the scan or read now.
    func bytes(_ path: String, root: String, fs: FileSystem) -> Data? {
        data[path] ?? fs.read(joinPath(root, path))
    }

    /// Lets go of the bytes of the content files (documents and sidecars, not the files
    /// published as they are): once parsed, their documents hold what the build needs.
    func forgetContentBytes() {
        data.forget(contentPaths)
    }
}

/// The bytes of the files a scan read, shared by the scan's copies until the build lets go of
/// them (`forget`): 10,000 articles' were 58 MB of the live heap at a full build's peak, held
/// to its end though only the parse read them. A file forgotten is read again if asked for.
final class ScannedBytes: Sendable {
    private let files: Mutex<[String: Data]>

    init(_ files: [String: Data] = [:]) { self.files = Mutex(files) }

    subscript(path: String) -> Data? { files.withLock { $0[path] } }

    func forget(_ paths: [String]) {
        files.withLock { files in for path in paths { files[path] = nil } }
    }
}

/// The files under a site's `content/` and `templates/` with their stamps, relative to each
/// folder and sorted, as `FileSystem.stampedFiles` lists them.
struct SiteListing: Sendable {
    var content: [(path: String, stamp: FileStamp)]
    var templates: [(path: String, stamp: FileStamp)]

    /// Both folders walked now.
    init(root: String, fs: FileSystem) {
        content = fs.stampedFiles(under: joinPath(root, "content"))
        templates = fs.stampedFiles(under: joinPath(root, "templates"))
    }
}
