import Foundation

/// Files that `briefgen new` writes: valid front matter ready to fill in.
public enum Scaffold {
    /// What can be created.
    public enum Kind: String, CaseIterable, Sendable {
        case site, actor, event, business, note
    }

    /// Files (site-relative path → text) for a new item called `name`; `today` dates new events
    /// to its month (a new event's day is never guessed), `actorKind` is a new actor's `kind:`.
    /// `repository` is where a new site's workflow builds briefgen from.
    public static func files(kind: Kind, name: String, today: PartialDate, actorKind: String = "organisation",
                             repository: String = SiteWorkflow.defaultRepository) -> [String: String] {
        let slug = Text.slugify(name).isEmpty ? "untitled" : Text.slugify(name)
        let quoted = yamlQuote(name)
        switch kind {
        case .site:
            var files: [String: String] = [
                "briefgen.yml": """
                title: \(quoted)
                baseURL: https://example.org/
                language: en
                description: A briefing on a developing story.

                """,
                ".gitignore": "public/\npublic.staging/\n.briefgen/\n",
                ".github/workflows/publish.yml": SiteWorkflow.text(repository: repository),
                "templates/assets/.keep": "",
            ]
            for kind in DocumentKind.allCases { files["content/\(kind.folder)/.keep"] = "" }
            return files
        case .actor:
            return ["content/actors/\(slug).md": """
            ---
            name: \(quoted)
            kind: \(actorKind)   # person, company, government, organisation, model or country
            aliases: []
            summary: \(placeholders[0])
            ---

            \(placeholders[1]) Cite sources as `[[articles/SLUG#p1]]`.

            """]
        case .event:
            return ["content/events/\(slug).md": """
            ---
            title: \(quoted)
            date: \(PartialDate(year: today.year, month: today.month).iso)   # YYYY-MM-DD only when a source gives the day
            date_precision: month   # day, month, year or approximate: never more precise than the sources
            actors: []
            sources: []
            ---

            \(placeholders[2])

            """]
        case .business:
            return ["content/business/\(slug).md": """
            ---
            title: \(quoted)
            audience: []
            summary: \(placeholders[3])
            actions:
              - \(placeholders[4])
            related: []
            ---

            \(placeholders[5])

            """]
        case .note:
            return ["content/notes/\(slug).md": """
            ---
            title: \(quoted)
            related: []
            ---

            """]
        }
    }

    /// The text scaffolds leave for the author to replace; a build warns where any is left.
    public static let placeholders = [
        "One sentence on who they are and why they matter here.",
        "Who they are, what they did in this story, and what they have said.",
        "What happened, in two or three sentences, each claim linked to its source paragraph.",
        "What this means for this kind of organisation, in one sentence.",
        "The first thing to do this week.",
        "Why it matters for them, and what to watch.",
    ]

    /// A warning at each line of a content file that still holds scaffold placeholder text.
    static func placeholderWarnings(path: String, text: String) -> [Diagnostic] {
        // Searched as bytes: Foundation's `contains` on every file was a fifth of a build.
        guard placeholders.contains(where: { Text.containsBytes(text, $0) }) else { return [] }
        var found: [Diagnostic] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for placeholder in placeholders {
                guard let range = line.range(of: placeholder) else { continue }
                let column = line.distance(from: line.startIndex, to: range.lowerBound) + 1
                found.append(.warning(SourceLocation(file: path, line: index + 1, column: column),
                                      "placeholder text left in place: \"\(placeholder)\"",
                                      hint: "replace it with what the sources say, or delete it"))
            }
        }
        return found
    }

    /// A YAML scalar that survives any title: double-quoted with escapes.
    static func yamlQuote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
