import ArgumentParser
import BriefgenKit
import Foundation

/// `briefgen theme`: the built-in theme's files, and copying them into a site to restyle it.
struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme", abstract: "List the built-in theme's files, or copy them into a site to override.",
        subcommands: [Eject.self, List.self])

    /// `briefgen theme eject [NAME…]`.
    struct Eject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy theme files into the site's templates/ (all of them when no NAME is given).",
            discussion: "A copy overrides the built-in file of the same name; edit it freely. Files already "
                + "in templates/ are never replaced. Names as listed by `briefgen theme list`.")

        @Argument(help: "Theme files to copy, e.g. actor, layout, assets/style.css.")
        var names: [String] = []

        @Option(name: .long, help: "The site folder (holding briefgen.yml).")
        var site: String = "."

        func validate() throws {
            if let problem = SiteFolder.problem(root: site, fs: DiskFileSystem()) { throw ValidationError(problem) }
        }

        func run() throws {
            let fs = DiskFileSystem()
            let plan: ThemeEject.Plan
            do {
                let config = fs.read(joinPath(site, "briefgen.yml")).map { SiteConfig.parse(String(decoding: $0, as: UTF8.self)).0 }
                plan = try ThemeEject.plan(names, root: site, fs: fs, language: config?.language ?? "en")
            } catch {
                throw ValidationError(error.description)
            }
            for path in plan.kept {
                FileHandle.standardError.write(Data("\(joinPath(site, path)) already exists; kept as it is\n".utf8))
            }
            for (path, text) in plan.write.sorted(by: { $0.key < $1.key }) {
                try fs.write(Data(text.utf8), to: joinPath(site, path))
                print("created \(joinPath(site, path))")
            }
        }
    }

    /// `briefgen theme list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in theme's files and where an override goes.")

        func run() {
            for name in ThemeEject.names { print("\(name)\t\(ThemeEject.path(of: name))") }
        }
    }
}
