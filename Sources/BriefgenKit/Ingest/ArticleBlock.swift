/// A block of a raw article once its structure is recognised.
public enum ArticleBlock: Hashable, Sendable {
    case heading(String)
    case paragraph(String)
    case bullet(String)
    case numbered(Int, String)

    /// The block's text.
    public var text: String {
        switch self {
        case .heading(let t), .paragraph(let t), .bullet(let t), .numbered(_, let t): t
        }
    }
}

/// What ingestion made of a raw article.
public struct IngestedArticle: Hashable, Sendable {
    /// The headline, when the text has one.
    public var title: String?
    public var blocks: [ArticleBlock]
    /// Lines dropped as site clutter, for review.
    public var dropped: [String]

    /// The article as Markdown whose rendered text is exactly the article's text.
    public var markdown: String {
        var out: [String] = []
        var previousWasList = false
        for block in blocks {
            let isList: Bool
            switch block {
            case .heading(let text):
                out.append("## " + Self.escape(text))
                isList = false
            case .paragraph(let text):
                out.append(Self.escape(text))
                isList = false
            case .bullet(let text):
                if previousWasList { out[out.count - 1] += "\n- " + Self.escape(text) } else { out.append("- " + Self.escape(text)) }
                isList = true
            case .numbered(let n, let text):
                if previousWasList { out[out.count - 1] += "\n\(n). " + Self.escape(text) } else { out.append("\(n). " + Self.escape(text)) }
                isList = true
            }
            previousWasList = isList
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    /// Backslash-escapes every ASCII punctuation character Markdown could read as syntax,
    /// so the text renders exactly as written (and untrusted text cannot make `[[links]]`).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for ch in text.unicodeScalars {
            if "\\`*_{}[]()<>#+-.!|~&\"'=:".unicodeScalars.contains(ch) { out += "\\" }
            out.unicodeScalars.append(ch)
        }
        return out
    }
}
