import ArgumentParser
import BriefgenKit
import Foundation

/// `briefgen import FILE...`: copies raw articles into content/articles/ with a review sidecar.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Copy raw articles (.txt or .html) into content/articles/ with a sidecar of what was detected.")

    @Argument(help: "Article files to import (.txt pasted text, or .html saved pages).")
    var files: [String]

    @Option(name: .long, help: "The site folder.")
    var site: String = "."

    func validate() throws {
        for file in files {
            let ext = (file as NSString).pathExtension.lowercased()
            guard ["txt", "html", "htm"].contains(ext) else { throw ValidationError("\(file): only .txt and .html files can be imported") }
            guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("\(file) does not exist") }
        }
        guard DiskFileSystem().isDirectory(joinPath(site, "content")) else {
            throw ValidationError("\(site) has no content/ folder; pass --site or run `briefgen new site NAME`")
        }
    }

    func run() throws {
        let fs = DiskFileSystem()
        let source = SiteSource.load(from: site, fs: fs)
        let (documents, _) = Stages.parse(source.content)
        let links = LinkTable(documents: documents)
        var taken = Set(fs.files(under: joinPath(site, "content/articles")).map { ($0 as NSString).deletingPathExtension })
        var existing = fs.files(under: joinPath(site, "content/articles")).compactMap { path in
            fs.read(joinPath(joinPath(site, "content/articles"), path)).map { (path: "content/articles/" + path, data: $0) }
        }
        for file in files {
            guard let data = fs.read(file), let text = String(data: data, encoding: .utf8) else {
                FileHandle.standardError.write(Data("\(file): not readable as UTF-8 text; skipped\n".utf8))
                throw ExitCode(1)
            }
            if let reason = Importer.refusal(fileName: file, data: data, existing: existing) {
                FileHandle.standardError.write(Data((reason + "\n").utf8))
                continue
            }
            let plan = Importer.plan(fileName: (file as NSString).lastPathComponent, text: text, taken: taken, links: links)
            taken.insert(plan.slug)
            // New names only: `taken` guarantees nothing the user wrote is overwritten.
            try fs.write(data, to: joinPath(site, plan.articlePath))
            existing.append((path: plan.articlePath, data: data))
            try fs.write(Data(plan.sidecar.utf8), to: joinPath(site, plan.sidecarPath))
            print("imported \(file) → \(plan.articlePath) (\"\(plan.title)\"); review \(plan.sidecarPath)")
        }
    }
}
