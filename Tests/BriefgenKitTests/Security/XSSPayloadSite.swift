import Foundation
@testable import BriefgenKit

/// A site whose every field an author or an article can set carries script-injection payloads.
enum XSSPayloadSite {
    /// Markup that breaks out of text, attributes, titles and comments.
    static let markup = [
        #"<script>alert(1)</script>"#,
        #""><script>alert(1)</script>"#,
        #"'><img src=x onerror=alert(1)>"#,
        #"<svg onload=alert(1)>"#,
        #"</title><script>alert(1)</script>"#,
        #"--><script>alert(1)</script><!--"#,
        #"<iframe src="javascript:alert(1)"></iframe>"#,
        #"<base href="https://evil.example/">"#,
        #"<meta http-equiv="refresh" content="0;url=javascript:alert(1)">"#,
        #"]]><script>alert(1)</script>"#,
        "\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}\u{FFFE}",
    ]

    /// URLs that run script or embed a document, as written by someone evading a filter.
    static let urls = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\tjava\nscript:alert(1)",
        "java\tscript:alert(1)",
        "javascript&#58;alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
        "jav&#x09;ascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,<script>alert(1)</script>",
        "\u{1}javascript:alert(1)",
        "https://ok.example/\"><script>alert(1)</script>",
    ]

    /// Every markup payload joined: one string that tries them all in one field.
    static let all = markup.joined(separator: " ")

    /// A YAML double-quoted scalar holding exactly `text`, every control or non-character escaped.
    static func yaml(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value >= 0xFFFE && scalar.value <= 0xFFFF:
                out += "\\u" + String(format: "%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func yamlList(_ items: [String]) -> String { "[" + items.map(yaml).joined(separator: ", ") + "]" }

    /// A Markdown body with raw HTML, dangerous links and images in every syntax, and wiki links
    /// whose labels try to break out of the link's attributes.
    static var markdownBody: String {
        var lines = markup.map { "Inline \($0) text.\n" }
        lines += markup.map { "\($0)\n" }
        lines.append(#"<div onclick="alert(1)"><a href="javascript:alert(1)">raw link</a></div>"#)
        lines.append(#"<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">"#)
        lines.append(#"<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>"#)
        lines.append(#"<svg><a xlink:href="javascript:alert(1)"><text>svg link</text></a></svg>"#)
        lines.append(#"<math><mi xlink:href="javascript:alert(1)">m</mi></math>"#)
        lines.append("")
        for (index, url) in urls.enumerated() {
            lines.append("Link \(index): [click](\(url)) and [angle](<\(url)>) and ![image](\(url)) and "
                         + "[titled](\(url.replacingOccurrences(of: " ", with: "")) \"t\\\"><script>alert(1)</script>\").\n")
            lines.append("[ref\(index)]: \(url.replacingOccurrences(of: " ", with: "%20"))\n\nReference [link][ref\(index)].\n")
        }
        lines.append("Autolinks <javascript:alert(1)> and <https://ok.example/\"onmouseover=\"alert(1)> and www.ok.example/\"><script>alert(1)</script>.\n")
        lines.append("![x](https://ok.example/x.png \"\\\" onerror=\\\"alert(1)\")\n")
        lines.append("Wiki: [[anthropic|\"><script>alert(1)</script>]] [[anthropic|\" onmouseover=\"alert(1)]] "
                     + "[[anthropic|<img src=x onerror=alert(1)>]] [[anthropic|javascript:alert(1)]] "
                     + "[[articles/raw-text#p1]] [[evil-actor]].\n")
        lines.append("| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |\n")
        lines.append("- [ ] <script>alert(1)</script>\n- ~~<svg onload=alert(1)>~~\n")
        lines.append("## Heading <script>alert(1)</script> \"><svg onload=alert(1)>\n")
        lines.append("```html\n<script>alert(1)</script>\n```\n")
        return lines.joined(separator: "\n")
    }

    /// The site, in memory under `site/`, built into `out/`.
    static func files(allowHTMLInNotes: Bool = false) -> [String: String] {
        let x = yaml(all)
        var files: [String: String] = [
            "site/briefgen.yml": """
            title: \(yaml("Brief " + all))
            description: \(yaml(all))
            author: \(yaml(all))
            baseURL: https://example.org/brief/
            allow_html_in_notes: \(allowHTMLInNotes)

            """,
            "site/content/actors/anthropic.md": """
            ---
            name: Anthropic
            kind: company
            aliases: \(yamlList(["Anthropic PBC"] + markup.filter { !$0.hasPrefix("\u{1}") }))
            summary: \(x)
            country: \(x)
            ---
            \(markdownBody)
            """,
            "site/content/actors/evil-actor.md": """
            ---
            name: \(yaml("Evil \"><script>alert(1)</script> Corp"))
            kind: person
            aliases: \(yamlList(["<svg onload=alert(2)>", "javascript:alert(2)", "' onmouseover='alert(2)"]))
            summary: \(x)
            affiliation: anthropic
            ---
            Evil body.

            """,
            "site/content/events/ban.md": """
            ---
            title: \(x)
            date: 2026-06-05
            actors: [anthropic, evil-actor]
            sources: [payload-article, raw-text, raw-page]
            summary: \(x)
            disputed:
              - question: \(x)
                answers:
                  - says: \(x)
                    sources: [payload-article]
                  - says: \(yaml("<img src=x onerror=alert(1)>"))
                    sources: [raw-text]
            ---
            \(markdownBody)
            """,
            "site/content/business/finance.md": """
            ---
            title: \(x)
            audience: \(yamlList(markup))
            summary: \(x)
            actions: \(yamlList(markup))
            related: [ban]
            ---
            \(markdownBody)
            """,
            "site/content/notes/overview.md": """
            ---
            title: \(x)
            related: [anthropic]
            summary: \(x)
            ---
            \(allowHTMLInNotes ? "A trusted note: the site lets notes carry raw HTML." : markdownBody)
            """,
            "site/content/articles/payload-article.md": """
            ---
            title: \(x)
            short: \(x)
            outlet: \(x)
            author: \(x)
            published: 2026-06-05
            url: javascript:alert(1)
            summary: \(x)
            tags: \(yamlList(markup))
            actors: [anthropic]
            ---
            The Evil "><script>alert(1)</script> Corp and Anthropic met <svg onload=alert(1)>.

            ## What this means for your business

            \(markdownBody)
            """,
            "site/content/articles/raw-text.txt": (["<script>alert(1)</script> headline \"><svg onload=alert(1)>", ""]
                + markup.map { "A paragraph with \($0) in it, and Anthropic named.\n" }
                + ["Why this matters: <img src=x onerror=alert(1)> [a](javascript:alert(1)) [[anthropic|<script>]]", ""]
                + urls.map { "See [x](\($0)) and <\($0)> and \($0) here.\n" }).joined(separator: "\n"),
            "site/content/articles/raw-text.yml": """
            outlet: \(x)
            url: \(yaml("JaVaScRiPt:alert(1)"))
            summary: \(x)
            author: \(x)

            """,
            "site/content/articles/raw-page.html": """
            <html><head><title>\(markup.prefix(5).joined(separator: " "))</title>
            <meta property="og:title" content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; og">
            <meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example/">
            <script>alert(1)</script></head>
            <body onload="alert(1)"><article>
            <h1>Headline <script>alert(1)</script><img src=x onerror=alert(1)></h1>
            <p onclick="alert(1)">First paragraph with <a href="javascript:alert(1)">a link</a> and
            <iframe src="javascript:alert(1)"></iframe><svg onload="alert(1)"></svg> text about Anthropic.</p>
            <p>&lt;script&gt;alert(1)&lt;/script&gt; escaped and <b>bold</b> and [x](javascript:alert(1)) and [[anthropic|x]].</p>
            <ul><li>item <img src="javascript:alert(1)"></li><li><object data="data:text/html,x"></object>second</li></ul>
            <h2>What this means for your business</h2>
            <p>Be careful of <embed src="javascript:alert(1)"> "><script>alert(1)</script> here.</p>
            </article></body></html>
            """,
            "site/content/articles/raw-page.yml": """
            title: \(x)
            url: \(yaml("data:text/html,<script>alert(1)</script>"))

            """,
        ]
        for (index, url) in urls.enumerated() {
            files["site/content/articles/url-\(index).md"] = """
            ---
            title: URL \(index) \(x)
            url: \(yaml(url))
            ---
            Text [link](\(url.replacingOccurrences(of: " ", with: "%20"))).

            """
        }
        return files
    }
}
