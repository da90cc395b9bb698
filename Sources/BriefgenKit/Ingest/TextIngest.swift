/// Recognises the structure of plain text copied from a news page: headline, sub-headings,
/// lists, "What this means for you:" labels, and site clutter to drop.
public enum TextIngest {
    public static func ingest(_ raw: String) -> IngestedArticle {
        let allLines = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "\u{00A0}", with: " ").trimmingCharacters(in: .whitespaces) }
        var dropped: [String] = []
        var kept: [String] = []
        var lines = allLines.filter { !$0.isEmpty }
        // Footer: from a footer marker on, drop what is short promotional text.
        if let footer = lines.indices.dropFirst().first(where: { Clutter.isFooterStart(lines[$0]) }),
           lines[footer...].allSatisfy({ $0.split(separator: " ").count <= 40 }) {
            dropped += lines[footer...]
            lines.removeSubrange(footer...)
        }
        for line in lines {
            if Clutter.isPlaceholder(line) || Clutter.isNavigation(line) || Clutter.isShoutedLabel(line) {
                dropped.append(line)
            } else {
                kept.append(line)
            }
        }
        kept.removeAll { line in
            let promo = Clutter.isPromotion(line)
            if promo { dropped.append(line) }
            return promo
        }

        // Headline: the first meaningful line; masthead fragments before a real headline are chrome.
        var title: String?
        var start = 0
        if let index = kept.firstIndex(where: { words($0).count >= 5 }) ?? (kept.isEmpty ? nil : 0) {
            // Only when text follows it: in a two-line article the short first line is the headline.
            if index > 0, index <= 8, index + 1 < kept.count, kept[..<index].allSatisfy(Clutter.isMastheadFragment) {
                dropped += kept[..<index]
                start = index
            }
            // A long opening paragraph is not a headline: the title then comes from a sidecar or the first sentence.
            if start + 1 < kept.count, looksLikeTitle(kept[start]) {
                title = kept[start]
                start += 1
            }
        }
        var blocks: [ArticleBlock] = []
        let body = Array(kept[start...])
        for (offset, line) in body.enumerated() {
            if let item = bullet(line) {
                blocks.append(.bullet(item))
            } else if let (n, item) = numbered(line) {
                blocks.append(.numbered(n, item))
            } else if let (label, rest) = label(line) {
                blocks.append(.heading(label))
                if !rest.isEmpty { blocks.append(.paragraph(rest)) }
            } else if isSubheading(line), offset + 1 < body.count, !isSubheading(body[offset + 1]) || bullet(body[offset + 1]) != nil {
                blocks.append(.heading(line))
            } else {
                blocks.append(.paragraph(line))
            }
        }
        var article = IngestedArticle(title: title, blocks: blocks, dropped: dropped)
        article.takeByline()
        return article
    }

    static func words(_ line: String) -> [Substring] { line.split(separator: " ") }

    /// True when `line` is a title rather than the opening paragraph.
    public static func looksLikeTitle(_ line: String) -> Bool {
        let count = words(line).count
        guard count <= 22 else { return false }
        let sentences = line.split(separator: ".").filter { $0.count > 3 }.count
        return sentences <= 1 && !(line.hasSuffix(".") && count > 14)
    }

    static func bullet(_ line: String) -> String? {
        for marker in ["• ", "- ", "* ", "– ", "▪ ", "◦ ", "· "] where line.hasPrefix(marker) {
            let rest = line.dropFirst(marker.count).trimmingCharacters(in: .whitespaces)
            return rest.isEmpty ? nil : rest
        }
        return nil
    }

    static func numbered(_ line: String) -> (Int, String)? {
        let digits = line.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 3, let n = Int(digits) else { return nil }
        let after = line.dropFirst(digits.count)
        guard let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " else { return nil }
        return (n, after.dropFirst(2).trimmingCharacters(in: .whitespaces))
    }

    /// "Label: Label: text" (a label pasted twice) → ("Label", "text").
    /// Only labels that announce consequences (see `BusinessSections`) or are repeated count.
    static func label(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let label = line[..<colon].trimmingCharacters(in: .whitespaces)
        guard words(label).count <= 7, !label.isEmpty else { return nil }
        var rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        var repeated = false
        while rest.lowercased().hasPrefix(label.lowercased() + ":") {
            rest = rest.dropFirst(label.count + 1).trimmingCharacters(in: .whitespaces)
            repeated = true
        }
        guard repeated || BusinessSections.isBusinessHeading(label) else { return nil }
        return (label, rest)
    }

    /// A short line without closing punctuation (a question in Title Case also counts).
    static func isSubheading(_ line: String) -> Bool {
        let w = words(line)
        guard (1...12).contains(w.count), line.count <= 90, let last = line.last else { return false }
        if ".,;:!\"”’)".contains(last) { return false }
        if last == "?" {
            let long = w.filter { $0.count >= 4 }
            let capitalised = long.filter { $0.first?.isUppercase == true }
            return w.count <= 10 && !long.isEmpty && capitalised.count * 10 >= long.count * 6
        }
        return w.first?.first?.isUppercase == true || w.first?.first?.isNumber == true
    }
}

import Foundation
