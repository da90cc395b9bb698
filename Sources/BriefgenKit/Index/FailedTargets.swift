import Foundation

/// What links may name of the content files that failed to parse, so that a broken file is
/// reported once, at its root, and not again at every link to it: the slug of its file and
/// the `name`, `title`, `slug` and `aliases` values written in it, read line by line.
public struct FailedTargets: Sendable, Hashable {
    private var keys: Set<String> = []

    public init() {}

    /// The keys of the files at `paths` (site-relative), whose text `read` gives.
    init(paths: some Sequence<String>, read: (String) -> Data?) {
        for path in paths where path.hasPrefix("content/") {
            let file = (path as NSString).lastPathComponent
            let stem = (file as NSString).deletingPathExtension
            add(stem)
            if let folder = path.split(separator: "/").dropFirst().first { add("\(folder)/\(Text.slugify(stem))") }
            guard let data = read(path) else { continue }
            for line in String(decoding: data.prefix(64 * 1024), as: UTF8.self).split(whereSeparator: \.isNewline) {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                guard ["name", "title", "slug", "aliases"].contains(key) else { continue }
                let value = line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t[]"))
                for part in key == "aliases" ? value.split(separator: ",").map(String.init) : [value] {
                    add(part.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")))
                }
            }
        }
    }

    private mutating func add(_ name: String) {
        guard !name.isEmpty else { return }
        keys.insert(name.lowercased())
        let slug = Text.slugify(name)
        if !slug.isEmpty { keys.insert(slug) }
    }

    public var isEmpty: Bool { keys.isEmpty }

    /// True when an unknown `target` (or the suggestion made for it) may be a failed file.
    public func covers(_ target: String, suggestion: String?) -> Bool {
        guard !keys.isEmpty else { return false }
        let key = (target.split(separator: "#", omittingEmptySubsequences: false).first.map(String.init) ?? target)
            .trimmingCharacters(in: .whitespaces)
        let last = key.split(separator: "/").last.map(String.init) ?? key
        return [key.lowercased(), Text.slugify(key), Text.slugify(last)].contains { !$0.isEmpty && keys.contains($0) }
            || suggestion.map { keys.contains($0.lowercased()) || keys.contains(Text.slugify($0)) } ?? false
    }
}
