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

    /// Reads a site folder through `fs`.
    public static func load(from root: String, fs: FileSystem) -> SiteSource {
        var source = SiteSource()
        if let data = fs.read(joinPath(root, "briefgen.yml")) {
            source.configText = decode(data, path: "briefgen.yml", diagnostics: &source.diagnostics)
        }
        for relative in fs.files(under: joinPath(root, "content")) {
            let path = "content/" + relative
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }  // editor temp files
            guard let data = fs.read(joinPath(root, path)) else { continue }
            source.content.append(File(path: path, data: data))
        }
        for relative in fs.files(under: joinPath(root, "templates")) {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }  // .keep, editor files
            let path = "templates/" + relative
            if relative.hasPrefix("assets/") {
                if let data = fs.read(joinPath(root, path)) { source.assets[String(relative.dropFirst(7))] = data }
            } else if relative.hasSuffix(".mustache"), !relative.contains("/") {
                if let data = fs.read(joinPath(root, path)),
                   let text = decode(data, path: path, diagnostics: &source.diagnostics) {
                    source.templates[String(relative.dropLast(9))] = (path, text)
                }
            } else {
                source.diagnostics.append(.warning(SourceLocation(file: path), "file in templates/ is not used",
                                                   hint: "templates are `NAME.mustache`; static files go in templates/assets/"))
            }
        }
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
