import BriefgenKit
import Foundation

/// `briefgen-bench text`: builds, in memory, sites whose one document is extreme: a one-paragraph
/// note of growing size packed with actor mentions (up to 2 MB and 40,000 mentions) and a 10 MB
/// article. Text work must stay linear: doubling the paragraph should double the time.
enum TextBench {
    static func site(extra path: String, _ text: String) -> MemoryFileSystem {
        let synthetic = SyntheticSite(articles: 1)
        var files: [String: String] = [:]
        for (name, content) in synthetic.briefgenFiles() where name == "briefgen.yml" || name.hasPrefix("content/actors/") {
            files["site/" + name] = content
        }
        files["site/" + path] = text
        return MemoryFileSystem(files)
    }

    static func time(_ label: String, _ fs: MemoryFileSystem) {
        var result = BuildResult()
        let time = seconds { result = Builder(fs: fs, options: BuildOptions(siteRoot: "site")).build(keeping: nil, needGraph: false).0 }
        let stages = result.timings.map { "\($0.stage) \(ms($0.seconds))" }.joined(separator: ", ")
        print("\(label): \(ms(time)) [\(stages)]" + (result.succeeded ? "" : " FAILED: \(result.diagnostics.prefix(2))"))
    }

    static func run() {
        let actors = SyntheticSite(articles: 1).actors
        // About 50 bytes a mention: "… and <name> said so." repeated, one paragraph, no line break.
        for kilobytes in [25, 100, 200, 500, 2_000] {
            var text = "---\ntitle: Long note\n---\n"
            var mentions = 0
            var n = 0
            while text.utf8.count < kilobytes * 1024 {
                let actor = actors[n % actors.count]
                text += "Then \(n % 3 == 0 ? (actor.aliases.first ?? actor.name) : actor.name) spoke; "
                mentions += 1
                n += 1
            }
            time("one-paragraph note, \(kilobytes) KB, \(mentions) mentions", site(extra: "content/notes/long.md", text + "the end.\n"))
        }
        // A 10 MB article: 20,000 ordinary paragraphs.
        var article = "---\ntitle: Very long article\n---\n"
        var n = 0
        while article.utf8.count < 10 << 20 {
            let actor = actors[n % actors.count]
            article += "Paragraph \(n) says that \(actor.name) met regulators on Tuesday. Officials said the talks "
                + "about export controls would continue for some weeks, and customers across Europe were told.\n\n"
            n += 1
        }
        time("10 MB article, \(n) paragraphs", site(extra: "content/articles/huge.md", article))
    }
}
