import BriefgenKit
import Foundation

/// The browser side of live reload, injected into HTML responses by `serve` only.
enum LiveReload {
    static let scriptPath = "/__briefgen/live.js"
    static let eventsPath = "/__briefgen/events"
    static let statusPath = "/__briefgen/status"

    static let tag = "<script src=\"\(scriptPath)\" defer></script>"

    /// Adds the script tag before `</body>` (or at the end).
    static func inject(into html: Data) -> Data {
        let text = String(decoding: html, as: UTF8.self)
        if let range = text.range(of: "</body>", options: .backwards) {
            return Data(text.replacingCharacters(in: range, with: tag + "\n</body>").utf8)
        }
        return Data((text + tag).utf8)
    }

    /// Reloads a page whose URL changed, swaps stylesheets in place, follows a renamed page,
    /// and shows build errors in an overlay (text only: nothing from the site becomes markup).
    static let script = #"""
(() => {
  const norm = p => p.endsWith("/index.html") ? p.slice(0, -10) : p;
  const here = () => norm(decodeURI(location.pathname));
  let overlay = null;
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(status) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "briefgen-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);" +
      "color:#f2f2f2;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
    const h = document.createElement("h2");
    h.textContent = "briefgen: the last save does not build. The page shows the last good version.";
    h.style.cssText = "font:600 18px system-ui,sans-serif;margin:0 0 1rem;color:#ff8a80";
    overlay.appendChild(h);
    for (const e of status.errors) {
      const block = document.createElement("section");
      block.style.cssText = "margin:0 0 1.5rem";
      const title = document.createElement("div");
      title.textContent = e.location + ": " + e.severity + ": " + e.message + (e.hint ? " (" + e.hint + ")" : "");
      title.style.cssText = "color:" + (e.severity === "error" ? "#ff8a80" : "#ffd180");
      block.appendChild(title);
      const pre = document.createElement("pre");
      pre.style.cssText = "background:#000;padding:.5rem 1rem;margin:.5rem 0;overflow:auto";
      for (const line of e.lines) {
        const row = document.createElement("div");
        row.textContent = String(line.number).padStart(5) + " | " + line.text;
        if (line.number === e.line) row.style.cssText = "background:#5c1f1f";
        pre.appendChild(row);
      }
      block.appendChild(pre);
      overlay.appendChild(block);
    }
    document.body.appendChild(overlay);
  }
  function built(d) {
    hide();
    if (d.everything) { location.reload(); return; }
    const page = here();
    if (d.deleted.includes(page)) { location.href = d.renamed[page] || d.home; return; }
    if (d.changed.includes(page)) { location.reload(); return; }
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      if (d.css.includes(url.pathname)) { url.searchParams.set("v", String(d.build)); link.href = url.toString(); }
    }
  }
  const events = new EventSource("/__briefgen/events?page=" + encodeURIComponent(location.pathname));
  events.addEventListener("build", e => built(JSON.parse(e.data)));
  events.addEventListener("errors", e => show(JSON.parse(e.data)));
  fetch("/__briefgen/status").then(r => r.json()).then(s => { if (s.errors.length) show(s); });
})();
"""#
}

/// What the preview tells open pages after a build.
struct BuildEvent {
    var build: Int
    /// The path the site is served below.
    var basePath: String
    /// URLs whose bytes changed, deleted, and old → new for pages that look renamed.
    var changed: [String] = []
    var deleted: [String] = []
    var renamed: [String: String] = [:]
    var css: [String] = []
    /// The first good build after the site had never built: every open page reloads.
    var everything = false

    init(build: Int, basePath: String = "/") {
        self.build = build
        self.basePath = basePath
    }

    var json: String {
        let object: [String: Any] = ["build": build, "changed": changed, "deleted": deleted, "renamed": renamed,
                                     "css": css, "home": basePath, "everything": everything]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The URL an output path is served at: `actors/x/index.html` → `/actors/x/` (below the base path).
    func url(of output: String) -> String {
        if output == "index.html" { return basePath }
        if output.hasSuffix("/index.html") { return basePath + output.dropLast("index.html".count) }
        return basePath + output
    }

    /// Outputs whose bytes changed, outputs gone, and outputs new to the site (announced as changed:
    /// a tab showing the 404 page at that URL reloads).
    mutating func record(changed written: [String], deleted gone: [String], added: [String]) {
        changed = (written + added).sorted().map(url)
        deleted = gone.map(url)
        css = written.filter { $0.hasSuffix(".css") }.map(url)
        // One page gone and one page new in the same build: most likely a rename or new slug.
        let addedPages = added.filter { $0.hasSuffix(".html") }
        let removedPages = gone.filter { $0.hasSuffix(".html") }
        if removedPages.count == 1, addedPages.count == 1 { renamed[url(of: removedPages[0])] = url(of: addedPages[0]) }
    }
}

/// Build errors with the lines around each, for the overlay and `/__briefgen/status`.
struct ErrorReport {
    var diagnostics: [Diagnostic]
    var siteRoot: String

    var json: String {
        var errors: [[String: Any]] = []
        for d in diagnostics {
            let lines = Self.context(file: joinPath(siteRoot, d.location.file), line: d.location.line)
            errors.append([
                "location": d.location.description, "severity": d.severity.rawValue, "message": d.message,
                "hint": d.hint as Any? ?? NSNull(), "line": d.location.line,
                "lines": lines.map { ["number": $0.0, "text": $0.1] as [String: Any] },
            ])
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["errors": errors], options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Lines `line-2 ... line+2` of a file, numbered.
    static func context(file: String, line: Int) -> [(Int, String)] {
        guard line > 0, let data = FileManager.default.contents(atPath: file) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let range = max(1, line - 2)...min(lines.count, line + 2)
        guard !range.isEmpty, range.lowerBound <= lines.count else { return [] }
        return range.map { ($0, String(lines[$0 - 1])) }
    }
}
