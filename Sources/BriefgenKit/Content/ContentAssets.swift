import Foundation

/// Images and documents beside content files, published beside their pages: a file at
/// `content/KIND/…/NAME.png` is copied to `KIND/…/NAME.png` in the output (as Zola copies a
/// section's colocated assets), and a relative link or image in a body is resolved against
/// its file's folder and checked like a cross-link.
public enum ContentAssets {
    /// Extensions of the files published beside content.
    public static let extensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "pdf"]

    /// True for a content path (`content/notes/chart.png`) of a file published as it is.
    static func isAsset(_ path: String) -> Bool {
        // The extension first, in bytes: most paths are documents, and this runs over every input.
        let bytes = path.utf8
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let ext = bytes[bytes.index(after: dot)...]
        guard (3...4).contains(ext.count), !ext.contains(UInt8(ascii: "/")),
              extensions.contains(String(decoding: ext.map { $0 | 0x20 }, as: UTF8.self)) else { return false }
        let parts = path.split(separator: "/", maxSplits: 2)
        return parts.count == 3 && parts[0] == "content" && DocumentKind(folder: String(parts[1])) != nil
    }

    /// The output path of a content asset: its path below `content/`.
    static func outputPath(_ path: String) -> String { String(path.dropFirst("content/".count)) }

    /// The content path a relative `url` written in the file at `documentPath` names, or nil
    /// when it climbs out of `content/`.
    static func resolve(_ url: String, from documentPath: String) -> String? {
        var parts = documentPath.split(separator: "/").dropLast().map(String.init)
        let path = url.prefix { $0 != "?" && $0 != "#" }
        for segment in (path.removingPercentEncoding ?? String(path)).split(separator: "/", omittingEmptySubsequences: false) {
            switch segment {
            case "", ".": continue
            case "..":
                guard parts.count > 1 else { return nil }
                parts.removeLast()
            default: parts.append(String(segment))
            }
        }
        return parts.first == "content" && parts.count >= 2 ? parts.joined(separator: "/") : nil
    }

    /// True when the bytes of an SVG could run script where it is opened (`<script>`, event
    /// handler attributes, `javascript:` URLs, embedded HTML): such a file is not published.
    static func svgRunsScript(_ data: Data) -> Bool {
        let text = String(decoding: data, as: UTF8.self).lowercased()
        if text.contains("<script") || text.contains("javascript:") || text.contains("<foreignobject") { return true }
        return text.range(of: #"[\s/"']on[a-z]+\s*="#, options: .regularExpression) != nil
    }
}
