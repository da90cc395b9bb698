import BriefgenKit
import FuzzDriver
import Foundation

/// A small site's link table, made once.
let links: LinkTable = {
    let files = [
        "content/actors/anthropic.md": "---\nname: Anthropic\naliases: [Anthropic PBC, AI]\n---\nA company.\n",
        "content/actors/ico.md": "---\nname: Information Commissioner's Office\naliases: [ICO]\n---\nA regulator.\n",
        "content/events/ban.md": "---\ntitle: Ban\ndate: 2026-06\n---\nThe ban.\n",
        "content/articles/story.md": "---\ntitle: Story\n---\nOne.\n\nTwo.\n",
    ]
    return LinkTable(documents: files.compactMap { DocumentParser.parse(path: $0.key, text: $0.value).0 })
}()

/// Any bytes as a Markdown body: the `[[link]]` scanner, then the whole renderer (cmark-gfm,
/// link and mention rewriting, paragraph and heading ids) as an untrusted article.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWikiLinks(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = WikiLink.scan(body)
    let renderer = MarkdownRenderer(links: links, basePath: "/brief/")
    _ = renderer.render(.init(body: body, path: "content/articles/fuzz.md", detectMentions: true, untrusted: true,
                              selfID: "articles/fuzz"))
    return 0
}

runFuzzer { fuzzWikiLinks($0, $1) }
