import BriefgenKit
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

/// libFuzzer's driver, run from this file's top-level code: SwiftPM makes that the executable's
/// `main`, so libFuzzer's own is never called (it is linked, and needs the symbol above).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzer(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runFuzzer(&argc, &argv) { fuzzHTMLExtract($0, $1) })
