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
    /// Who published it, who wrote it, when and where, when the page says so (an HTML page's
    /// `og:site_name`, `meta author`, `article:published_time`, `rel=canonical`; a byline).
    public var outlet: String?
    public var author: String?
    public var published: PartialDate?
    public var url: String?

    /// A "By Jane Writer" line opening the text is the author, not paragraph 1 (which every
    /// citation counts from): it is taken out, and kept as the author unless one is known.
    mutating func takeByline() {
        guard let first = blocks.first, let name = Self.byline(first.text) else { return }
        if case .bullet = first { return }
        if case .numbered = first { return }
        blocks.removeFirst()
        if author == nil { author = name }
    }

    /// The name in a byline: "By Jane Writer", "By Jane Writer and Sam Lee, Technology Reporter".
    static func byline(_ line: String) -> String? {
        guard line.hasPrefix("By ") || line.hasPrefix("by "), line.count <= 90, let last = line.last,
              !".!?".contains(last) else { return nil }
        let rest = line.dropFirst(3)
        let name = rest.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let words = name.split(separator: " ")
        guard (2...8).contains(words.count),
              words.allSatisfy({ $0.first!.isUppercase || ["and", "&", "de", "van", "von"].contains(String($0)) }) else { return nil }
        return name
    }

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
