import Foundation

/// The site's input files as they are now, compared with the previous build: checked by
/// (size, modification time) first and read and hashed only when those differ.
struct InputScan {
    /// Every input: site-relative path → stamp and content hash.
    var inputs: [String: BuildState.Input] = [:]
    /// Bytes of the files read during the scan.
    var data: [String: Data] = [:]
    /// Inputs added or whose content changed, and inputs that disappeared.
    var changed: Set<String> = []
    var removed: Set<String> = []
    var contentPaths: [String] = []
    var templatePaths: [String] = []
    var assetPaths: [String] = []
    var diagnostics: [Diagnostic] = []

    var isUnchanged: Bool { changed.isEmpty && removed.isEmpty }

    /// Scans the site; files whose stamps match `previous` are not read unless `alwaysRead` says so.
    init(root: String, fs: FileSystem, previous: [String: BuildState.Input], readAll: Bool) {
        var paths: [String] = []
        if fs.stamp(joinPath(root, "briefgen.yml")) != nil { paths.append("briefgen.yml") }
        for relative in fs.files(under: joinPath(root, "content")) where !Self.hidden(relative) {
            contentPaths.append("content/" + relative)
        }
        for relative in fs.files(under: joinPath(root, "templates")) where !Self.hidden(relative) {
            let path = "templates/" + relative
            if relative.hasPrefix("assets/") {
                assetPaths.append(path)
            } else if relative.hasSuffix(".mustache"), !relative.contains("/") {
                templatePaths.append(path)
            } else {
                diagnostics.append(.warning(SourceLocation(file: path), "file in templates/ is not used",
                                            hint: "templates are `NAME.mustache`; static files go in templates/assets/"))
            }
        }
        paths += contentPaths + templatePaths + assetPaths
        for path in paths {
            let full = joinPath(root, path)
            guard let stamp = fs.stamp(full) else { continue }
            // Config and templates are small and always needed whole; the rest is read on change.
            let small = path == "briefgen.yml" || path.hasPrefix("templates/") && path.hasSuffix(".mustache")
            if let old = previous[path], old.stamp == stamp, !readAll, !small {
                inputs[path] = old
                continue
            }
            guard let bytes = fs.read(full) else { continue }
            let hash = StableHash.of(bytes)
            inputs[path] = BuildState.Input(stamp: stamp, hash: hash)
            data[path] = bytes
            if previous[path]?.hash != hash { changed.insert(path) }
        }
        removed = Set(previous.keys).subtracting(inputs.keys)
    }

    static func hidden(_ relative: String) -> Bool {
        relative.split(separator: "/").contains { $0.hasPrefix(".") }
    }

    /// Bytes of an input, from the scan or read now.
    func bytes(_ path: String, root: String, fs: FileSystem) -> Data? {
        data[path] ?? fs.read(joinPath(root, path))
    }
}
