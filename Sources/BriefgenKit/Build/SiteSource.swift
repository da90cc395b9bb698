import Foundation

/// A site's content files, read whole (for `briefgen import`; a build reads through `InputScan`).
public struct SiteSource: Sendable {
    /// A content file: path relative to the site root and its bytes.
    public struct File: Sendable, Hashable {
        public var path: String
        public var data: Data
    }

    public var content: [File] = []

    /// Reads every content file of the site at `root`.
    public static func load(from root: String, fs: FileSystem) -> SiteSource {
        let scan = InputScan(root: root, fs: fs, previous: [:], readAll: true)
        return SiteSource(content: scan.contentPaths.compactMap { path in scan.data[path].map { File(path: path, data: $0) } })
    }

    /// UTF-8 text of a file, or an error diagnostic.
    static func decode(_ data: Data, path: String, diagnostics: inout [Diagnostic]) -> String? {
        if let text = String(data: data, encoding: .utf8) { return text }
        diagnostics.append(.error(SourceLocation(file: path), "file is not valid UTF-8 text",
                                  hint: "save it as UTF-8"))
        return nil
    }
}
