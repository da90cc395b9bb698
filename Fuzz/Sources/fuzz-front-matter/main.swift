import BriefgenKit
import FuzzDriver
import Foundation

/// Any bytes as a content file: the front-matter splitter, then the whole document parser
/// (YAML, typed fields, dates, slugs) for every kind of content. Errors are fine; a crash or a
/// hang is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = FrontMatter.split(text, file: "content/notes/fuzz.md")
    let kinds = ["actors", "articles", "events", "business", "notes"]
    let kind = kinds[Int(size > 0 ? data[0] : 0) % kinds.count]
    _ = DocumentParser.parse(path: "content/\(kind)/fuzz.md", text: text)
    return 0
}

runFuzzer { fuzzFrontMatter($0, $1) }
