/// Checks that a `[[target#fragment]]` names an anchor the target's page has: a paragraph
/// id `p1`…`pN` or a heading id of its body.
enum AnchorCheck {
    /// Message and hint when `fragment` is not an anchor of `body` (the body of `target`).
    static func problem(fragment: String, target: String, body: RenderedBody) -> (message: String, hint: String)? {
        if MarkdownRenderer.isParagraphID(fragment), let n = Int(fragment.dropFirst()), n >= 1, n <= body.paragraphCount {
            return nil
        }
        if body.anchors.contains(fragment) { return nil }
        if fragment.isEmpty {
            return ("link to \(target) ends with an empty `#`", "name a paragraph (#p1) or a heading after it, or drop the `#`")
        }
        let count = body.paragraphCount
        let paragraphs = count == 0 ? "no paragraphs" : count == 1 ? "1 paragraph (#p1)" : "\(count) paragraphs (#p1 to #p\(count))"
        let shown = body.anchors.prefix(5).map { "#" + $0 }.joined(separator: ", ")
        let headings = body.anchors.isEmpty ? "no headings" : "headings " + shown + (body.anchors.count > 5 ? ", …" : "")
        return ("no paragraph or heading `#\(fragment)` in \(target)", "\(target) has \(paragraphs) and \(headings)")
    }

    /// An error at every link of the bodies of `sources` whose fragment is not an anchor of its
    /// target; `body` gives the body summary of a document id and `path` its file. Only links
    /// with a fragment are looked at.
    static func check(sources: some Sequence<String>, body: (String) -> RenderedBody?, path: (String) -> String?) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for id in sources {
            guard let source = body(id) else { continue }
            for link in source.links {
                guard let fragment = link.fragment, let target = body(link.target),
                      let (message, hint) = problem(fragment: fragment, target: link.target, body: target),
                      let file = path(id) else { continue }
                diagnostics.append(.error(SourceLocation(file: file, line: link.line, column: link.column), message, hint: hint))
            }
        }
        return diagnostics
    }
}
