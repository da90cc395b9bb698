import Foundation

/// `briefgen theme eject`: copies files of the built-in theme into a site's `templates/`, where
/// they override the built-in ones and can be edited. Never replaces a file already there.
public enum ThemeEject {
    /// What ejecting would do with each requested file.
    public struct Plan: Equatable, Sendable {
        /// Site-relative path → contents, for files not yet in the site.
        public var write: [String: String] = [:]
        /// Site-relative paths already in the site, left as they are.
        public var kept: [String] = []
    }

    /// An unknown theme file name, with the closest known one.
    public struct UnknownName: Error, Equatable, CustomStringConvertible {
        public var name: String
        public var suggestion: String?
        public var description: String {
            "the theme has no file `\(name)`" + (suggestion.map { " (did you mean `\($0)`?)" } ?? "")
                + "; `briefgen theme list` shows them"
        }
    }

    /// Every file of the theme, as named on the command line: template names (`actor`),
    /// assets (`assets/style.css`) and the interface text (`strings`), sorted.
    public static var names: [String] {
        DefaultTheme.templateFiles.keys.sorted() + DefaultTheme.assets.keys.sorted().map { "assets/" + $0 } + ["strings"]
    }

    /// The site-relative path a theme file is ejected to.
    public static func path(of name: String) -> String {
        if name == "strings" { return InputScan.stringsPath }
        return name.hasPrefix("assets/") ? "templates/" + name : "templates/\(name).mustache"
    }

    /// The plan for `requested` names (all files when empty) in the site at `root`. Names may
    /// be given as `actor`, `actor.mustache`, `templates/actor.mustache`, `style.css` or
    /// `assets/style.css`.
    /// `language` picks the interface text copied for `strings` (the site's `language`).
    public static func plan(_ requested: [String], root: String, fs: FileSystem, language: String = "en") throws(UnknownName) -> Plan {
        var plan = Plan()
        var wanted: [String] = []
        for raw in requested.isEmpty ? names : requested {
            guard let name = canonical(raw) else {
                throw UnknownName(name: raw, suggestion: Text.suggestion(for: raw, in: names))
            }
            if !wanted.contains(name) { wanted.append(name) }
        }
        for name in wanted {
            let path = path(of: name)
            if fs.stamp(joinPath(root, path)) != nil || fs.isDirectory(joinPath(root, path)) {
                plan.kept.append(path)
            } else if name == "strings" {
                plan.write[path] = Strings.builtInFile(for: language).text
            } else {
                plan.write[path] = name.hasPrefix("assets/")
                    ? DefaultTheme.assets[String(name.dropFirst("assets/".count))]!
                    : DefaultTheme.templateFiles[name]!
            }
        }
        return plan
    }

    /// The theme file a command-line name stands for, or nil.
    private static func canonical(_ raw: String) -> String? {
        var name = raw
        if name.hasPrefix("templates/") { name.removeFirst("templates/".count) }
        if name.hasSuffix(".mustache") { name.removeLast(".mustache".count) }
        if name == "strings" || name == "strings.yml" { return "strings" }
        if DefaultTheme.templateFiles[name] != nil { return name }
        if name.hasPrefix("assets/") { name.removeFirst("assets/".count) }
        return DefaultTheme.assets[name] != nil ? "assets/" + name : nil
    }
}
