import Foundation

/// Every input of a build, read from a site folder: config, content, templates, assets.
public struct SiteSource: Sendable {
    /// A content file: path relative to the site root and its bytes.
    public struct File: Sendable, Hashable {
        public var path: String
        public var data: Data
    }

    public var configText: String?
    public var content: [File] = []
    /// Template overrides by name, with their site-relative paths.
    public var templates: [String: (path: String, text: String)] = [:]
    /// Files of `templates/assets/`, by path below it.
    public var assets: [String: Data] = [:]
    public var diagnostics: [Diagnostic] = []

    public init() {}

    /// Reads a site folder through `fs` (the same files a build reads).
    public static func load(from root: String, fs: FileSystem) -> SiteSource {
        var source = SiteSource()
        let scan = InputScan(root: root, fs: fs, previous: [:], readAll: true)
        source.diagnostics = scan.diagnostics
        if let data = scan.data["briefgen.yml"] {
            source.configText = decode(data, path: "briefgen.yml", diagnostics: &source.diagnostics)
        }
        for path in scan.contentPaths { if let data = scan.data[path] { source.content.append(File(path: path, data: data)) } }
        for path in scan.templatePaths {
            if let data = scan.data[path], let text = decode(data, path: path, diagnostics: &source.diagnostics) {
                source.templates[String(path.dropFirst("templates/".count).dropLast(".mustache".count))] = (path, text)
            }
        }
        for path in scan.assetPaths { source.assets[String(path.dropFirst("templates/assets/".count))] = scan.data[path] }
        return source
    }

    /// UTF-8 text of a file, or an error diagnostic.
    static func decode(_ data: Data, path: String, diagnostics: inout [Diagnostic]) -> String? {
        if let text = String(data: data, encoding: .utf8) { return text }
        diagnostics.append(.error(SourceLocation(file: path), "file is not valid UTF-8 text",
                                  hint: "save it as UTF-8"))
        return nil
    }
}
