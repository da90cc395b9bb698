import BriefgenKit
import Foundation

// Benchmarks that print figures (never timed tests). Usage:
//   swift run -c release briefgen-bench [full ARTICLES]
// Generates a synthetic site in a temporary folder on disk and reports build timings.

func seconds(_ block: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    block()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func format(_ s: Double) -> String { String(format: "%.0f ms", s * 1000) }

let arguments = Array(CommandLine.arguments.dropFirst())
let articles = arguments.count >= 2 ? Int(arguments[1]) ?? 1000 : 1000
let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefgen-bench-\(articles)").path
let fs = DiskFileSystem()
try? fs.remove(root)
for (path, text) in SyntheticSite.files(articles: articles) { try fs.write(Data(text.utf8), to: joinPath(root, path)) }
print("site: \(articles) articles in \(root)")

var result = BuildResult()
let full = seconds { result = Builder(options: BuildOptions(siteRoot: root)).build() }
print("full build: \(format(full)), \(result.pageCount) pages, \(result.diagnostics.count) diagnostics, succeeded: \(result.succeeded)")
for (stage, time) in result.timings { print("  \(stage): \(format(time))") }
let again = seconds { result = Builder(options: BuildOptions(siteRoot: root)).build() }
print("second full build: \(format(again))")
