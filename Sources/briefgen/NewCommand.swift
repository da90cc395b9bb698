import ArgumentParser
import BriefgenKit
import Foundation

extension Scaffold.Kind: ExpressibleByArgument {}

/// `briefgen new KIND NAME`: scaffolds a site or a content file with valid front matter.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create a new site, actor, event, business page or note.")

    @Argument(help: "What to create: site, actor, event, business or note.")
    var kind: Scaffold.Kind

    @Argument(help: "Its name or title (for a site, the folder to create).")
    var name: String

    @Option(name: .long, help: "The site folder to add to (ignored for `new site`).")
    var site: String = "."

    @Option(name: .customLong("kind"), help: "A new actor's kind: \(ActorKinds.all.joined(separator: ", ")).")
    var actorKind: String = "organisation"

    @Option(name: .long, help: "For `new site`: the git repository its publish workflow builds briefgen from (default: $BRIEFGEN_REPOSITORY, else \(SiteWorkflow.defaultRepository)).")
    var briefgenRepository: String?

    /// The repository the new site's workflow builds briefgen from.
    var repository: String {
        briefgenRepository ?? ProcessInfo.processInfo.environment["BRIEFGEN_REPOSITORY"] ?? SiteWorkflow.defaultRepository
    }

    func validate() throws {
        if briefgenRepository != nil, kind != .site { throw ValidationError("--briefgen-repository applies to `new site` only") }
        if let problem = SiteWorkflow.repositoryProblem(repository) { throw ValidationError("--briefgen-repository \(problem)") }
        if !ActorKinds.all.contains(actorKind.lowercased()) {
            throw ValidationError("unknown actor kind `\(actorKind)`; use one of: \(ActorKinds.all.joined(separator: ", "))")
        }
        if actorKind != "organisation", kind != .actor {
            throw ValidationError("--kind applies to `new actor` only")
        }
    }

    func run() throws {
        let fs = DiskFileSystem()
        let root = kind == .site ? name : site
        if kind == .site, fs.isDirectory(name), !fs.files(under: name).isEmpty {
            throw ValidationError("\(name) already exists and is not empty; choose another folder")
        }
        if kind != .site, !fs.isDirectory(joinPath(site, "content")) {
            throw ValidationError("\(site) has no content/ folder; run `briefgen new site NAME` first or pass --site")
        }
        let components = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        let today = PartialDate(year: components.year!, month: components.month!, day: components.day!)
        let files = Scaffold.files(kind: kind, name: kind == .site ? (name as NSString).lastPathComponent : name, today: today,
                                     actorKind: actorKind.lowercased(), repository: repository)
        for (path, _) in files where fs.read(joinPath(root, path)) != nil {
            // Never overwrite what the user wrote.
            FileHandle.standardError.write(Data("\(joinPath(root, path)) already exists; nothing was written\n".utf8))
            throw ExitCode(1)
        }
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            try fs.write(Data(text.utf8), to: joinPath(root, path))
            if !path.hasSuffix(".keep") { print("created \(joinPath(root, path))") }
        }
        if kind == .site {
            print("created site \(name): next, `cd \(name)` and `briefgen new actor \"Name\"`")
            print("its publish workflow builds briefgen \(BriefgenVersion.current) from \(repository) (tag v\(BriefgenVersion.current)); "
                + "change BRIEFGEN_REPOSITORY in .github/workflows/publish.yml if yours is elsewhere")
        }
    }
}
