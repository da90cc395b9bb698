import Yams

/// `moved_from:`, the slugs and URLs a page had before (Hugo's `aliases:`): each becomes a
/// redirect page at the old URL, and an old slug still names the page in `[[links]]` (with a
/// warning saying its new name).
enum MovedFrom {
    /// The front-matter key.
    static let key = "moved_from"

    /// The key under which the location of item `index` is kept in a document's key locations.
    static func itemKey(_ index: Int) -> String { "\(key)[\(index)]" }

    /// An item as a URL path below the base, as page URLs are written (`events/old-slug/`,
    /// `2026/06/old.html`): a bare slug is a page of `folder`; a path is taken below the site
    /// (a leading `/` is optional; without a trailing `/` or `.html` it names a folder). Nil
    /// when the item is neither.
    static func urlPath(_ item: String, folder: String) -> String? {
        let text = item.trimmingCharacters(in: .whitespaces)
        if !text.contains("/") && !text.contains(".") {
            return !text.isEmpty && Text.slugify(text) == text && !DocumentParser.reservedNames.contains(text) ? folder + "/" + text + "/" : nil
        }
        var path = text.hasPrefix("/") ? String(text.dropFirst()) : text
        let allowed = path.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./~".unicodeScalars.contains(scalar))
        }
        let folderPath = path.hasSuffix("/")
        let trimmed = folderPath ? String(path.dropLast()) : path
        guard allowed, OutputWriter.isContained(trimmed) else { return nil }
        let lower = trimmed.lowercased()
        if !folderPath && !(lower.hasSuffix(".html") || lower.hasSuffix(".htm")) { path = trimmed + "/" }
        return path
    }

    /// The file a redirect at `urlPath` is written to.
    static func output(of urlPath: String) -> String { urlPath.hasSuffix("/") ? urlPath + "index.html" : urlPath }

    /// The link keys an old URL path keeps naming the page by, when it was a document's page
    /// (`events/old-slug/`): the slug and `kind/slug`, lowercased.
    static func linkKeys(_ urlPath: String) -> [String] {
        let parts = urlPath.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].isEmpty, DocumentKind(folder: String(parts[0])) != nil else { return [] }
        return [Text.lowercased(String(parts[1])), Text.lowercased(parts[0] + "/" + parts[1])]
    }
}

extension FieldReader {
    /// `moved_from:` of a document of `folder`: each item as a URL path (`MovedFrom.urlPath`),
    /// its location kept under `MovedFrom.itemKey`; an item that is neither a slug nor a path
    /// below the site is an error at the item.
    mutating func movedFrom(folder: String) -> [String] {
        guard let node = values[MovedFrom.key] else { return [] }
        let items: [Node] = switch node {
        case .scalar: [node]
        case .sequence(let sequence): Array(sequence)
        default: []
        }
        if case .mapping = node {
            diagnostics.append(.error(location(of: node), "`moved_from` must be a list of old slugs or URLs",
                                      hint: "moved_from: [old-slug, /\(folder)/old-slug/]"))
        }
        var paths: [String] = []
        for item in items {
            guard let text = item.string, !text.isEmpty else {
                diagnostics.append(.error(location(of: item), "`moved_from` must be a list of old slugs or URLs",
                                          hint: "moved_from: [old-slug, /\(folder)/old-slug/]"))
                continue
            }
            guard let path = MovedFrom.urlPath(text, folder: folder) else {
                diagnostics.append(.error(location(of: item), "moved_from \"\(text)\" is neither a slug nor a URL path below the site",
                                          hint: "write an old slug (a-z, 0-9, hyphens) or a path such as /\(folder)/old-slug/ or /2026/old.html"))
                continue
            }
            noteLocation(location(of: item), as: MovedFrom.itemKey(paths.count))
            paths.append(path)
        }
        return paths
    }
}
