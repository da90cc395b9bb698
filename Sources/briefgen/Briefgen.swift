import ArgumentParser
import BriefgenKit
import Foundation

/// `briefgen`: builds a cross-linked briefing site from a folder of Markdown notes and articles.
struct Briefgen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefgen",
        abstract: "Build a cross-linked briefing site from articles and analyst notes.",
        version: BriefgenVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, NewCommand.self, ImportCommand.self],
        defaultSubcommand: nil
    )
}

@main
enum Main {
    static func main() {
        do {
            var command = try Briefgen.parseAsRoot()
            try command.run()
        } catch {
            let code = Briefgen.exitCode(for: error)
            if code == .validationFailure {
                // Usage mistakes exit 2, as the README promises (argument-parser's default is 64).
                FileHandle.standardError.write(Data((Briefgen.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            Briefgen.exit(withError: error)
        }
    }
}
