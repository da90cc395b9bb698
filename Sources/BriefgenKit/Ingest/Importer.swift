/// Plans `briefgen import`: where a raw article goes and the review sidecar written beside it.
public enum Importer {
    /// One file to add to `content/articles/`.
    public struct Plan: Hashable, Sendable {
        public var slug: String
        /// `content/articles/SLUG.txt` (or .html).
        public var articlePath: String
        public var sidecarPath: String
        public var sidecar: String
        public var title: String
    }

    /// Why a file should not be imported, if it should not: it is empty, or the same bytes are
    /// already in `content/articles/` (`existing`: path and bytes of each file there).
    public static func refusal(fileName: String, data: Data, existing: [(path: String, data: Data)]) -> String? {
        if String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return "\(fileName) is empty; nothing imported"
        }
        if let same = existing.first(where: { $0.data == data }) {
            return "\(fileName) is already imported as \(same.path); nothing imported"
        }
        return nil
    }

    /// Plans the import of `fileName` with `text`; `taken` holds slugs already in use.
    public static func plan(fileName: String, text: String, taken: Set<String>, links: LinkTable) -> Plan {
        let ext = (fileName as NSString).pathExtension.lowercased() == "txt" ? "txt" : "html"
        let ingested = ext == "txt" ? TextIngest.ingest(text) : HTMLExtract.extract(text)
        let title = ingested.title ?? RawArticle.fallbackTitle(ingested)
        var base = Text.slugify(Text.truncateWords(title, 8).replacingOccurrences(of: "…", with: ""))
        if base.isEmpty { base = Text.slugify((fileName as NSString).deletingPathExtension) }
        if base.isEmpty { base = "article" }
        var slug = base
        var n = 2
        while taken.contains(slug) {
            slug = "\(base)-\(n)"
            n += 1
        }
        let plain = ingested.blocks.map(\.text).joined(separator: "\n")
        let matcher = MentionMatcher(links.mentionPatterns)
        let matches = matcher.matches(in: plain)
        let known = Array(Set(matches.map(\.target))).sorted()
            .compactMap { links.target($0).map { String($0.urlPath.split(separator: "/")[1]) } }
        let prose = ingested.blocks.filter { if case .heading = $0 { false } else { true } }.map(\.text).joined(separator: "\n")
        // A name that is a whole line of its own is a heading the structure did not recognise.
        let lines = Set(ingested.blocks.map(\.text))
        let unknown = NameFinder.names(in: prose).filter { name in
            matcher.matches(in: name).isEmpty && !lines.contains(name)
        }
        let dates = DateFinder.candidates(in: plain)
        var yaml = """
        # Written by `briefgen import` from \(fileName). Review these values, then delete the comments.
        title: \(Scaffold.yamlQuote(title))

        """
        yaml += ingested.outlet.map { "outlet: \(Scaffold.yamlQuote($0))   # as the page names itself\n" }
            ?? "# outlet: the text does not say; write it here if you know it\n"
        yaml += ingested.author.map { "author: \(Scaffold.yamlQuote($0))\n" } ?? "# author:\n"
        yaml += ingested.url.map { "url: \(Scaffold.yamlQuote($0))\n" } ?? "# url:\n"
        if let published = ingested.published {
            yaml += "published: \(published.iso)   # as the page states it\n"
        } else {
            yaml += dates.isEmpty ? "# published: no date found in the text\n"
                : "# published: YYYY-MM-DD; dates the text mentions: \(dates.prefix(8).joined(separator: "; "))\n"
        }
        yaml += "actors: [\(known.joined(separator: ", "))]\n"
        if !unknown.isEmpty {
            yaml += "# Names in the text that match no actor yet (add them with `briefgen new actor NAME`):\n"
            for name in unknown.prefix(20) { yaml += "#   - \(name)\n" }
        }
        if !ingested.dropped.isEmpty {
            yaml += "# Lines dropped as site clutter:\n"
            for line in ingested.dropped.prefix(20) { yaml += "#   - \(line.replacingOccurrences(of: "\n", with: " "))\n" }
        }
        return Plan(slug: slug, articlePath: "content/articles/\(slug).\(ext)", sidecarPath: "content/articles/\(slug).yml",
                    sidecar: yaml, title: title)
    }
}

/// Finds proper names: runs of capitalised words ("Katie Moussouris", "National Cyber Security Centre").
public enum NameFinder {
    static let connectors: Set<String> = ["of", "for", "the", "de", "von", "van", "du"]
    static let ignored: Set<String> = Set(PartialDate.monthNames + ["Monday", "Tuesday", "Wednesday", "Thursday",
                                                                    "Friday", "Saturday", "Sunday", "The", "This",
                                                                    "That", "However", "Meanwhile", "In", "For", "But",
                                                                    "As", "It", "If", "What", "Why", "When", "Now",
                                                                    "Their", "Many", "Watch", "Some", "Our", "His", "Her",
                                                                    "Its", "These", "Those", "A", "An", "Yet", "So",
                                                                    "Indeed", "Critics", "Reports", "We", "They", "He", "She"])

    /// Words capitalised because they are adjectives of nationality, never a name on their own.
    static let demonyms: Set<String> = ["American", "British", "Chinese", "European", "English", "French", "German",
                                        "Russian", "Indian", "Canadian", "Austrian", "Irish", "Scottish", "Welsh",
                                        "Japanese", "Korean", "Israeli", "Ukrainian", "Western"]

    /// Job titles that open a phrase naming a role, not a name: "CEO of Jitterbit" is Jitterbit.
    static let roles: Set<String> = ["CEO", "CTO", "CFO", "COO", "CISO", "President", "Chairman", "Chair", "Founder",
                                     "Director", "Head", "Secretary", "Minister", "Professor", "Dr", "Chief", "Spokesperson"]

    /// Names, most frequent first, then alphabetical: runs of two or more capitalised words
    /// ("Katie Moussouris", "Department for Science, Innovation and Technology"), and single
    /// words capitalised in mid-sentence at least twice ("Anthropic", "OpenAI").
    public static func names(in text: String) -> [String] {
        var counts: [String: Int] = [:]
        var single: [String: Int] = [:]
        for sentence in text.split(whereSeparator: { ".!?\n".contains($0) }) {
            let raw = sentence.split(separator: " ").map(String.init)
            var run: [String] = []
            var runStart = 0
            var inList = false  // after "Science," in "Science, Innovation and Technology"
            func close() {
                inList = false
                while let last = run.last, connectors.contains(last.lowercased()) { run.removeLast() }
                while let first = run.first, ignored.contains(first) || connectors.contains(first.lowercased()) {
                    run.removeFirst()
                    runStart += 1
                }
                // "CEO of Jitterbit": the name is what follows the role.
                if let of = run.firstIndex(where: { $0.lowercased() == "of" || $0.lowercased() == "for" }), of > 0,
                   run[..<of].allSatisfy({ roles.contains($0) }) {
                    run.removeFirst(of + 1)
                    runStart += of + 1
                }
                if run.count >= 2 {
                    counts[run.joined(separator: " "), default: 0] += 1
                } else if run.count == 1, runStart > 0, !roles.contains(run[0]), !demonyms.contains(run[0]),
                          run[0].contains(where: \.isLowercase) {
                    single[run[0], default: 0] += 1
                }
                run = []
            }
            for (index, original) in raw.enumerated() {
                let word = original.trimmingCharacters(in: CharacterSet(charactersIn: ",;:()\"“”‘’'"))
                let stripped = word.hasSuffix("’s") || word.hasSuffix("'s") ? String(word.dropLast(2)) : word
                let acronym = stripped.count > 1 && stripped == stripped.uppercased()
                if original.hasPrefix("(") || acronym && !run.isEmpty && !roles.contains(run[0]) || word.contains("-based") {
                    close()
                    continue
                }
                if let first = stripped.first, first.isUppercase, stripped.count > 1 {
                    if run.isEmpty { runStart = index }
                    run.append(stripped)
                    // A possessive, a comma or a closing bracket ends the name, except a comma in a
                    // list inside one name: "Science, Innovation and Technology".
                    let listComma = original.hasSuffix(",") && index + 3 < raw.count
                        && raw[index + 1].first?.isUppercase == true && raw[index + 2] == "and"
                        && raw[index + 3].first?.isUppercase == true
                    if listComma { inList = true }
                    if stripped != word && !listComma || original.last.map({ ",;:)".contains($0) }) == true && !listComma { close() }
                } else if !run.isEmpty, connectors.contains(word.lowercased()) || word == "and" && inList {
                    run.append(word)
                } else {
                    close()
                }
            }
            close()
        }
        for (word, count) in single where count >= 2 && counts.keys.allSatisfy({ !$0.split(separator: " ").contains(Substring(word)) }) {
            counts[word] = count
        }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
    }
}

import Foundation
