import BriefgenKit
import Foundation

// Benchmarks that print figures (never timed tests). Usage:
//   swift run -c release briefgen-bench [ARTICLES]            (default 10000)
//   swift run -c release briefgen-bench serve [ARTICLES] [CLIENTS]
//   swift run -c release briefgen-bench compare [ARTICLES] [RUNS]   (beside Hugo; scripts/bench.sh)
//   swift run -c release briefgen-bench text                  (long paragraphs, a 10 MB article)
// Generates a synthetic site on disk, then times: a full build, a no-op rebuild, a one-article
// body edit, a title edit and a new mention, each an incremental build through the cache.

func seconds(_ block: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    block()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func ms(_ s: Double) -> String { String(format: "%.0f ms", s * 1000) }

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "compare" {
    try Compare.run(articles: arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000,
                    runs: arguments.dropFirst(2).first.flatMap { Int($0) } ?? 3)
    exit(0)
}
if arguments.first == "text" {
    TextBench.run()
    exit(0)
}
let serveMode = arguments.first == "serve"
if serveMode { arguments.removeFirst() }
let articles = arguments.first.flatMap { Int($0) } ?? 10_000
let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefgen-bench-\(articles)").path
let fs = DiskFileSystem()
try? fs.remove(root)
let site = SyntheticSite(articles: articles)
for (path, text) in site.briefgenFiles() { try fs.write(Data(text.utf8), to: joinPath(root, path)) }
print("site: \(articles) articles in \(root)")

@discardableResult
func build(_ label: String, quiet: Bool = false) -> (Double, BuildResult) {
    var result = BuildResult()
    var graph: Builder.Graph?
    // Timed as `briefgen build` runs: from the disk cache, and the graph is released after the
    // clock stops (the command exits without tearing it down).
    let time = seconds { (result, graph) = Builder(fs: fs, options: BuildOptions(siteRoot: root)).build(keeping: nil, needGraph: false) }
    withExtendedLifetime(graph) {}
    graph = nil
    let stages = result.timings.map { "\($0.stage) \(ms($0.seconds))" }.joined(separator: ", ")
    if quiet { return (time, result) }
    print("\(label): \(ms(time)); \(result.rendered.count) pages rendered, \(result.written) files written, "
          + "\(result.bodiesRendered.count) bodies rendered\(result.indexReused ? ", index reused" : "") [\(stages)]"
          + (result.succeeded ? "" : " FAILED: \(result.diagnostics.prefix(3))"))
    return (time, result)
}

func edit(_ path: String, _ change: (String) -> String) {
    let full = joinPath(root, path)
    let text = String(decoding: fs.read(full)!, as: UTF8.self)
    try! fs.write(Data(change(text).utf8), to: full)
}

if serveMode {
    try await ServeBench.run(root: root, clients: arguments.dropFirst().first.flatMap { Int($0) } ?? 20)
    exit(0)
}

build("full build")
build("no-op rebuild")
build("no-op rebuild")
// A typo fixed in the third paragraph: the kind of edit made most often.
edit("content/articles/article-\(articles / 2).md") { text in
    var paragraphs = text.components(separatedBy: "\n\n")
    paragraphs[3] = paragraphs[3].replacingOccurrences(of: " the ", with: " this ")
    return paragraphs.joined(separator: "\n\n")
}
build("one article body edit")
edit("content/articles/article-\(articles / 3).md") { $0.replacingOccurrences(of: "title: Synthetic", with: "title: Renamed") }
build("one article title edit")
edit("content/articles/article-\(articles / 4).md") { $0 + "\n\(site.actors[3].name) commented.\n" }
build("new mention of one actor")

// The body edit again, on different articles, for a steadier figure on a noisy machine.
var times: [Double] = []
for round in 0..<9 {
    edit("content/articles/article-\(articles / 5 + round * 7).md") { text in
        var paragraphs = text.components(separatedBy: "\n\n")
        paragraphs[3] = paragraphs[3].replacingOccurrences(of: " the ", with: " this ")
        return paragraphs.joined(separator: "\n\n")
    }
    let (time, result) = build("", quiet: true)
    if !result.succeeded { print("body edit FAILED") }
    times.append(time)
}
times.sort()
print("one article body edit, 9 more: median \(ms(times[4])), fastest \(ms(times[0])), slowest \(ms(times[8]))")
print("git history read: \(ms(seconds { _ = ChangeHistory.git(siteRoot: root) })), again \(ms(seconds { _ = ChangeHistory.git(siteRoot: "/work/main") }))")

// The same edits with the graph kept in memory between builds, as `briefgen serve` keeps it:
// nothing is read back from `.briefgen/`, so what remains is the scan and the work of the edit.
var kept = Builder(fs: fs, options: BuildOptions(siteRoot: root)).build(keeping: nil).graph
var keptTimes: [Double] = []
var keptStages = ""
for round in 0..<9 {
    edit("content/articles/article-\(articles / 6 + round * 7).md") { text in
        var paragraphs = text.components(separatedBy: "\n\n")
        paragraphs[3] = paragraphs[3].replacingOccurrences(of: " the ", with: " this ")
        return paragraphs.joined(separator: "\n\n")
    }
    var result = BuildResult()
    let builder = Builder(fs: fs, options: BuildOptions(siteRoot: root))
    keptTimes.append(seconds { (result, kept) = builder.build(keeping: kept) })
    if !result.succeeded { print("kept-graph body edit FAILED") }
    if round == 4 { keptStages = result.timings.map { "\($0.stage) \(ms($0.seconds))" }.joined(separator: ", ") }
}
keptTimes.sort()
print("one article body edit, graph kept in memory (as `briefgen serve` does), 9 edits: median \(ms(keptTimes[4])), "
      + "fastest \(ms(keptTimes[0])), slowest \(ms(keptTimes[8])) [\(keptStages)]")
