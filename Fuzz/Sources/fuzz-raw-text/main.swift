import BriefgenKit
import FuzzDriver
import Foundation

/// Any bytes as a pasted `.txt` article (the text before the first NUL) with a sidecar (the rest):
/// ingestion, clutter rules, the Markdown it becomes, and the date finder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRawText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0) ?? size
    let text = String(decoding: bytes[..<split], as: UTF8.self)
    let sidecar = split < size ? String(decoding: bytes[(split + 1)...], as: UTF8.self) : nil
    let article = TextIngest.ingest(text)
    _ = article.markdown
    _ = RawArticle.parse(path: "content/articles/fuzz.txt", text: text, ext: "txt", sidecar: sidecar,
                         sidecarPath: sidecar == nil ? nil : "content/articles/fuzz.yml")
    _ = DateFinder.candidates(in: text)
    return 0
}

runFuzzer { fuzzRawText($0, $1) }
