import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Finds anything in a generated file that could run script, by parsing it as a browser or a
/// feed reader would: HTML through a WHATWG parser, XML through an XML parser (which must
/// accept it), and the HTML carried inside feeds.
enum ScriptAudit {
    /// `<script>` elements the theme itself ships, by `src`: the search script, a file of the
    /// site (never inline). The only other script briefgen writes is the preview's live-reload
    /// tag, added as `serve` serves a page.
    static let themeScripts: Set<String> = ["assets/search.js"]

    /// Whether `src` is one of the theme's scripts, below the site's own base path.
    static func isThemeScript(_ src: String) -> Bool {
        src.hasPrefix("/") && !src.hasPrefix("//") && !src.contains("..") && themeScripts.contains { src.hasSuffix("/" + $0) }
    }

    /// Elements that load or run other documents or change where links go; never from content.
    static let forbiddenElements: Set<String> = ["iframe", "frame", "frameset", "object", "embed", "applet", "base",
                                                 "portal", "fencedframe"]
    /// Attributes holding a URL a browser may follow or load.
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "poster",
                                             "background", "data", "codebase", "cite", "longdesc", "lowsrc",
                                             "dynsrc", "ping", "manifest", "icon"]
    static let schemes = ["javascript:", "vbscript:", "data:"]

    /// Every problem in one HTML document, each naming the element.
    static func htmlProblems(_ html: String, file: String) -> [String] {
        var problems: [String] = []
        for element in HTMLElements(html).elements {
            let at = "\(file): <\(element.namespace == "html" ? "" : element.namespace + ":")\(element.name)>"
            if element.name == "script" {
                let src = element.attributes.first { $0.name == "src" }?.value
                if src == nil || !isThemeScript(src!) { problems.append("\(at) script element") }
            }
            if forbiddenElements.contains(element.name) { problems.append("\(at) forbidden element") }
            if element.name == "meta",
               let equiv = element.attributes.first(where: { $0.name == "http-equiv" })?.value,
               equiv.trimmingCharacters(in: .whitespaces).lowercased() == "refresh" {
                problems.append("\(at) meta refresh")
            }
            for (name, value) in element.attributes {
                let lower = name.lowercased()
                if lower.hasPrefix("on") { problems.append("\(at) event handler \(name)=\(value.debugDescription)") }
                if lower == "srcdoc" { problems.append("\(at) srcdoc") }
                if urlAttributes.contains(lower) || lower == "srcset", let scheme = dangerousScheme(value) {
                    problems.append("\(at) \(name) with \(scheme) URL \(value.debugDescription)")
                }
                if lower == "style", value.lowercased().contains("expression(") || dangerousScheme(value, anywhere: true) != nil {
                    problems.append("\(at) style that runs script \(value.debugDescription)")
                }
            }
        }
        return problems
    }

    /// The scheme a browser would see in `url` when it is one that runs or embeds script: leading
    /// and trailing C0 controls and spaces are ignored, tabs and newlines anywhere, case too.
    static func dangerousScheme(_ url: String, anywhere: Bool = false) -> String? {
        let trimmed = url.unicodeScalars.drop { $0.value <= 0x20 }
        let cleaned = String(String.UnicodeScalarView(trimmed.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })).lowercased()
        return schemes.first { anywhere ? cleaned.contains($0) : cleaned.hasPrefix($0) }
    }

    /// Problems of an XML file: not well-formed, or HTML inside it (`type="html"`) that fails
    /// `htmlProblems`.
    static func xmlProblems(_ data: Data, file: String) -> [String] {
        let delegate = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            return ["\(file): not well-formed XML at line \(parser.lineNumber), column \(parser.columnNumber): "
                    + "\(parser.parserError.map { "\($0)" } ?? "unknown error")"]
        }
        var problems: [String] = []
        for (index, html) in delegate.htmlPayloads.enumerated() {
            problems += htmlProblems(html, file: "\(file) (HTML content #\(index + 1))")
        }
        for (element, url) in delegate.links where dangerousScheme(url) != nil {
            problems.append("\(file): <\(element)> with URL \(url.debugDescription)")
        }
        return problems
    }

    /// Problems of every generated file: HTML pages, XML feeds and sitemaps, JSON.
    static func siteProblems(_ outputs: [String: Data]) -> [String] {
        var problems: [String] = []
        for (path, data) in outputs.sorted(by: { $0.key < $1.key }) {
            if path.hasSuffix(".html") {
                problems += htmlProblems(String(decoding: data, as: UTF8.self), file: path)
            } else if path.hasSuffix(".xml") {
                problems += xmlProblems(data, file: path)
            } else if path.hasSuffix(".json"), (try? JSONSerialization.jsonObject(with: data)) == nil {
                problems.append("\(path): not valid JSON")
            }
        }
        return problems
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var htmlPayloads: [String] = []
        var links: [(String, String)] = []
        private var collecting: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if attributes["type"] == "html" || attributes["type"] == "xhtml" { collecting = "" }
            for key in ["href", "src"] { if let url = attributes[key] { links.append((name, url)) } }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { collecting? += string }

        func parser(_ parser: XMLParser, foundCDATA block: Data) { collecting? += String(decoding: block, as: UTF8.self) }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if let html = collecting {
                htmlPayloads.append(html)
                collecting = nil
            }
        }
    }
}
