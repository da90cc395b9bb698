import BriefgenKit
import FuzzDriver
import Foundation

/// Any bytes as a saved `.html` article: the tokenizer, the tree, the choice of the article's
/// element and the Markdown it becomes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLExtract(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let html = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let article = HTMLExtract.extract(html)
    _ = article.markdown
    return 0
}

runFuzzer { fuzzHTMLExtract($0, $1) }
