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

    /// UTF-8 text of a file with its line endings made `\n` (CRLF and CR are accepted
    /// everywhere), or an error diagnostic at the first byte that is not text.
    static func decode(_ data: Data, path: String, diagnostics: inout [Diagnostic]) -> String? {
        if let problem = TextBytes.firstProblem(data) {
            diagnostics.append(.error(SourceLocation(file: path, line: problem.line, column: problem.column),
                                      problem.binary ? "file is binary (it holds a NUL byte), not text"
                                          : "file is not valid UTF-8 text",
                                      hint: problem.binary ? "content files are text: .md, .txt, .html or .yml"
                                          : "save it as UTF-8"))
            return nil
        }
        let text = String(decoding: data, as: UTF8.self)
        guard data.withUnsafeBytes({ $0.count > 0 && memchr($0.baseAddress!, 13, $0.count) != nil }) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
