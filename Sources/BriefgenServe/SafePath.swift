import Foundation

/// Maps a request path to an output of the site held in memory, refusing anything that tries
/// to leave it: `..` segments (also when percent-encoded), NUL bytes and backslashes. Nothing
/// is read from disk, so no request reaches a file that is not an output.
enum SafePath {
    enum Resolution: Equatable {
        case output(String)
        case notFound
        case forbidden
    }

    /// The output `requestPath` names below `basePath` (a folder's `index.html` for a folder),
    /// when `exists` says the site has it.
    static func resolve(_ requestPath: String, basePath: String = "/", exists: (String) -> Bool) -> Resolution {
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
        let base = basePath.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.starts(with: base) else { return .notFound }
        let relative = segments.dropFirst(base.count).joined(separator: "/")
        if relative.isEmpty { return exists("index.html") ? .output("index.html") : .notFound }
        if exists(relative) { return .output(relative) }
        if exists(relative + "/index.html") { return .output(relative + "/index.html") }
        return .notFound
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
