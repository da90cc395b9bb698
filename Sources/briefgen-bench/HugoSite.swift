import BriefgenKit

/// The synthetic briefing as a Hugo site, so both generators build the same content in one run:
/// articles, events, business pages and notes as sections, actors as a taxonomy whose term pages
/// list every page naming the actor (with its summary, as briefgen's actor pages do), cross-links
/// as Markdown links, RSS and sitemap as Hugo makes them by default.
enum HugoSite {
    static func files(_ site: SyntheticSite) -> [String: String] {
        var files: [String: String] = [
            "hugo.toml": """
            baseURL = "https://example.org/"
            title = "Synthetic briefing"
            disableKinds = []
            [taxonomies]
              actor = "actors"
            [markup.goldmark.renderer]
              unsafe = false

            """,
            "layouts/_default/baseof.html": """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
            <meta name="description" content="{{ .Summary | plainify | truncate 160 }}"></head>
            <body><nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}<a href="/actors/">Actors</a></nav>
            <main>{{ block "main" . }}{{ end }}</main></body></html>

            """,
            "layouts/_default/single.html": """
            {{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "2 January 2006" }}</p>
            {{ .TableOfContents }}{{ .Content }}
            {{ with .GetTerms "actors" }}<h2>Actors</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
            </article>{{ end }}

            """,
            "layouts/_default/list.html": """
            {{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
            <ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}<p>{{ .Summary }}</p></li>{{ end }}</ul>{{ end }}

            """,
            "layouts/_default/terms.html": """
            {{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}

            """,
            "layouts/index.html": """
            {{ define "main" }}<h1>{{ site.Title }}</h1><ul>{{ range first 20 (where site.RegularPages "Section" "events") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}

            """,
        ]
        let actorSlugs = site.actors.map(\.slug)
        func frontMatter(_ title: String, date: String, actors: [Int]) -> String {
            let unique = Array(Set(actors)).sorted().map { "\"\(actorSlugs[$0])\"" }
            return "---\ntitle: \"\(title)\"\ndate: \(date.count == 4 ? date + "-01-01" : date.count == 7 ? date + "-01" : date)\nactors: [\(unique.joined(separator: ", "))]\n---\n"
        }
        for actor in site.actors {
            files["content/actors/\(actor.slug)/_index.md"] = "---\ntitle: \"\(actor.name)\"\n---\n\(actor.name) is one of the parties in this synthetic briefing.\n"
        }
        for article in site.articles {
            files["content/articles/\(article.slug).md"] = frontMatter(article.title, date: article.published, actors: article.mentioned)
                + markdownLinks(article.body)
        }
        for event in site.events {
            files["content/events/\(event.slug).md"] = frontMatter(event.title, date: event.date, actors: event.actors)
                + markdownLinks(event.body)
        }
        for page in site.business {
            files["content/business/\(page.slug).md"] = frontMatter(page.title, date: "2026-06-01", actors: page.related)
                + markdownLinks(page.body)
        }
        for note in site.notes {
            files["content/notes/\(note.slug).md"] = frontMatter(note.title, date: "2026-06-01", actors: []) + markdownLinks(note.body)
        }
        return files
    }

    /// `[[kind/slug#frag]]` and `[[slug]]` as Markdown links to the same URLs briefgen uses.
    static func markdownLinks(_ body: String) -> String {
        var out = ""
        var rest = Substring(body)
        while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
            out += rest[..<open.lowerBound]
            let target = rest[open.upperBound..<close.lowerBound]
            let (path, fragment) = target.split(separator: "#", maxSplits: 1).map(String.init).splitPair()
            let url = path.contains("/") ? "/\(path)/" : "/actors/\(path)/"
            out += "[\(path)\(fragment.map { " ¶" + $0.dropFirst() } ?? "")](\(url)\(fragment.map { "#" + $0 } ?? ""))"
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}

private extension Array where Element == String {
    func splitPair() -> (String, String?) { (self[0], count > 1 ? self[1] : nil) }
}
