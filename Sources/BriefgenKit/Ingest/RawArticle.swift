/// Turns a raw article (.txt pasted from a page, or a saved .html page) and its optional
/// sidecar `NAME.yml` into a document whose body is the cleaned article text.
public enum RawArticle {
    public static func parse(path: String, text: String, ext: String, sidecar: String?,
                             sidecarPath: String?) -> (Document?, [Diagnostic]) {
        let ingested = ext == "txt" ? TextIngest.ingest(text) : HTMLExtract.extract(text)
        let sidecarFile = sidecarPath ?? path
        var reader = FieldReader(yaml: sidecar, file: sidecarFile, lineOffset: 1)
        reader.warnUnknown(known: DocumentKind.article.knownKeys, what: "article sidecars")
        var fields = Document.Fields()
        reader.readArticleFields(into: &fields)
        // What the page says of itself, unless the sidecar says otherwise.
        fields.outlet = fields.outlet ?? ingested.outlet
        fields.author = fields.author ?? ingested.author
        fields.published = fields.published ?? ingested.published
        fields.url = fields.url ?? ingested.url
        let title = reader.string("title") ?? ingested.title ?? fallbackTitle(ingested)
        let slug = DocumentParser.resolveSlug(path: path, given: reader.string("slug"), location: reader.keyLocation("slug"),
                                              diagnostics: &reader.diagnostics)
        if ingested.blocks.isEmpty {
            reader.diagnostics.append(.warning(SourceLocation(file: path), "no article text found",
                                               hint: ext == "txt" ? "is the file empty?" : "the page may load its text with a script; paste the text as .txt instead"))
        }
        fields.movedFrom = reader.movedFrom(folder: DocumentKind.article.folder)
        let document = Document(
            kind: .article, slug: slug, path: path, title: title.isEmpty ? slug : title, summary: reader.string("summary"),
            draft: reader.bool("draft"), body: ingested.markdown, bodyLine: 1, fields: fields,
            keyLocations: reader.locationsByKey)
        return (document, reader.diagnostics)
    }

    /// The first sentence of the text when there is no headline: whole when it is short, else its
    /// first clause (up to a comma, dash or semicolon after six words or more), and cut with an
    /// ellipsis only when no clause ends within 20 words.
    static func fallbackTitle(_ article: IngestedArticle) -> String {
        guard let first = article.blocks.first(where: { if case .paragraph = $0 { true } else { false } })?.text else { return "" }
        var sentence = Snippet.sentence(in: first, around: 0, maxWords: 200)
        if sentence.hasSuffix(".") { sentence.removeLast() }
        let words = sentence.split(separator: " ")
        if words.count <= 16 { return sentence }
        for (index, word) in words.enumerated() where index >= 5 && index < 20 {
            if word.hasSuffix(",") || word.hasSuffix(";") || words.indices.contains(index + 1) && ["—", "–", "-"].contains(words[index + 1]) {
                return words[...index].joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ",;"))
            }
        }
        return Text.truncateWords(sentence, 14)
    }
}

/// Finds written dates in article text ("26 June 2026", "June 26", "early June", "2026-06-26").
public enum DateFinder {
    static let months = PartialDate.monthNames.joined(separator: "|")
    static let patterns: [NSRegularExpression] = [
        #"\b\d{4}-\d{2}-\d{2}\b"#,
        #"\b\d{1,2}(?:st|nd|rd|th)? (?:\#(months))(?: \d{4})?\b"#,
        #"\b(?:\#(months)) \d{1,2}(?:st|nd|rd|th)?(?:, \d{4})?\b"#,
        #"\b(?:early|mid|late|mid-) ?(?:\#(months))(?: \d{4})?\b"#,
        #"\b(?:\#(months)) \d{4}\b"#,
        #"\b(?:last|this|next) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|November|December|January)\b"#,
        #"\b(?:in|since|until|by) (?:\#(months))\b"#,
    ].map { try! NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }

    public static func candidates(in text: String) -> [String] {
        var found: [(Int, String)] = []
        let range = NSRange(text.startIndex..., in: text)
        for pattern in patterns {
            for match in pattern.matches(in: text, range: range) {
                guard let r = Range(match.range, in: text) else { continue }
                found.append((match.range.location, String(text[r])))
            }
        }
        // In order of appearance; a match inside a longer one is dropped.
        var result: [String] = []
        for (_, candidate) in found.sorted(by: { ($0.0, -$0.1.count) < ($1.0, -$1.1.count) })
        where !result.contains(where: { $0.localizedCaseInsensitiveContains(candidate) }) {
            result.append(candidate)
        }
        return result
    }
}

import Foundation
