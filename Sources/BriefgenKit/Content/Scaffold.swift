import Foundation

/// Files that `briefgen new` writes: valid front matter ready to fill in.
public enum Scaffold {
    /// What can be created.
    public enum Kind: String, CaseIterable, Sendable {
        case site, actor, event, business, note
    }

    /// Files (site-relative path → text) for a new item called `name`; `today` dates new events.
    public static func files(kind: Kind, name: String, today: PartialDate) -> [String: String] {
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
                "templates/assets/.keep": "",
            ]
            for kind in DocumentKind.allCases { files["content/\(kind.folder)/.keep"] = "" }
            return files
        case .actor:
            return ["content/actors/\(slug).md": """
            ---
            name: \(quoted)
            kind: organisation   # person, company, government, organisation, model or country
            aliases: []
            summary: One sentence on who they are and why they matter here.
            ---

            Who they are, what they did in this story, and what they have said. Cite sources as `[[articles/SLUG#p1]]`.

            """]
        case .event:
            return ["content/events/\(slug).md": """
            ---
            title: \(quoted)
            date: \(today.iso)
            date_precision: day   # day, month, year or approximate: never more precise than the sources
            actors: []
            sources: []
            ---

            What happened, in two or three sentences, each claim linked to its source paragraph.

            """]
        case .business:
            return ["content/business/\(slug).md": """
            ---
            title: \(quoted)
            audience: []
            summary: What this means for this kind of organisation, in one sentence.
            actions:
              - The first thing to do this week.
            related: []
            ---

            Why it matters for them, and what to watch.

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

    /// A YAML scalar that survives any title: double-quoted with escapes.
    static func yamlQuote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
