import Foundation

/// Maps a request path to a file inside the served folder, refusing anything that would leave
/// it: `..` segments (also when percent-encoded), NUL bytes, backslashes, and symbolic links
/// that resolve outside the folder.
struct SafePath {
    /// The served folder, with symbolic links resolved.
    let root: String

    init(root: String) {
        self.root = SafePath.realPath(root) ?? root
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    enum Resolution: Equatable {
        case file(String)
        case notFound
        case forbidden
    }

    func resolve(_ requestPath: String) -> Resolution {
        var path = requestPath
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<query]) }
        // Decode until stable, so "%252e%252e" cannot smuggle "..": any decoded ".." is refused.
        for _ in 0..<3 {
            guard let decoded = path.removingPercentEncoding, decoded != path else { break }
            path = decoded
        }
        if path.contains("\0") || path.contains("\\") { return .forbidden }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .forbidden }
        var candidate = root + "/" + segments.joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue { candidate += "/index.html" }
        guard let real = SafePath.realPath(candidate) else { return .notFound }
        guard real.hasPrefix(root + "/") else { return .forbidden }
        return .file(real)
    }

    /// Content type by extension.
    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "xml": path.hasSuffix("feed.xml") || path.hasSuffix("changes.xml") ? "application/atom+xml" : "application/xml"
        case "txt": "text/plain; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }
}
