import ArgumentParser
import BriefgenKit
import Foundation

/// `briefgen`: builds a cross-linked briefing site from a folder of Markdown notes and articles.
struct Briefgen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefgen",
        abstract: "Build a cross-linked briefing site from articles and analyst notes.",
        version: BriefgenVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, NewCommand.self, ImportCommand.self, ServeCommand.self, ThemeCommand.self],
        defaultSubcommand: nil
    )
}

extension Briefgen {
    /// `briefgen help NAME` for a command that does not exist is a usage error, not help.
    static func refuseHelpForUnknownCommand(_ arguments: [String]) throws {
        guard arguments.count > 1, arguments[0] == "help" else { return }
        var names: [String] = []
        for command in configuration.subcommands { names.append(command._commandName) }
        if !names.contains(arguments[1]) {
            throw ValidationError("unknown command \"\(arguments[1])\"; the commands are \(names.joined(separator: ", "))")
        }
    }
}

@main
enum Main {
    static func main() async {
        do {
            try Briefgen.refuseHelpForUnknownCommand(Array(CommandLine.arguments.dropFirst()))
            var command = try Briefgen.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
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
