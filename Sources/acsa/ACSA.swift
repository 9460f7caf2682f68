import ACSADomain
import ArgumentParser
import Foundation

@main
struct ACSA: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "acsa",
    abstract: "Replay and audit Acquisition and Cross-Servicing Agreement ledgers.",
    discussion: """
      Under an ACSA (such as the Japan-Philippines agreement signed on 15 January 2026) \
      the two forces provide each other supplies and services and settle each provision \
      in cash, in kind or by an exchange of equal value within 12 months of delivery (as \
      reported for Japan's agreements: the full text of this one is not public; \
      docs/sources.md lists the sources).

      A scenario file (YAML) describes the agreement, the units, a price catalog, \
      exchange rates and dated events. `acsa run` replays it into a SQLite ledger that \
      keeps both parties' books; `acsa balance` reads who owes whom.

      New here? docs/tutorial.md walks through every command; `acsa glossary` explains \
      the terms; `acsa new my-exercise.yaml` writes a starter scenario.

      Start with:  acsa validate scenarios/kamandag-2026.yaml
                   acsa run scenarios/kamandag-2026.yaml
                   acsa balance kamandag-2026.sqlite
                   acsa audit kamandag-2026.sqlite
                   acsa explain scenarios/kamandag-2026.yaml      (a narrated replay)
                   acsa report kamandag-2026.sqlite --html k.html  (charts, for a browser)
      """,
    version: ACSAVersion.current,
    subcommands: [
      New.self, Validate.self, Run.self, Explain.self, Expand.self, Balance.self, Audit.self, Report.self, Reconcile.self,
      Show.self, Verify.self, Record.self, Serve.self, Export.self, Glossary.self, Format.self, Schema.self,
    ]
  )
}

extension ACSA {
  /// ArgumentParser's `main`, with one error style (`acsa: error: ...`, then the usage of
  /// the command at fault), a suggestion for a mistyped subcommand, and every error a
  /// subcommand lets through printed once and mapped to its exit status
  /// (`Exit.status(for:)`).
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let unknown = unknownCommand(in: arguments) {
      Output.error(unknown)
      Output.stderr("Usage: acsa <subcommand>\n  See 'acsa --help' for the list of subcommands.")
      Foundation.exit(Exit.usage.rawValue)
    }
    do {
      var command = try parseAsRoot(arguments)
      do {
        try command.run()
      } catch {
        finish(Exit.status(for: error), in: type(of: command))
      }
    } catch {
      finish(error)
    }
  }

  /// The names a subcommand is called by.
  static var commandNames: [String] { configuration.subcommands.map { $0._commandName } }

  /// What is wrong with a command line whose first word, or the word after `help`, is no
  /// subcommand; nil when the command line names one (or starts with an option).
  static func unknownCommand(in arguments: [String]) -> String? {
    guard var word = arguments.first, !word.hasPrefix("-") else { return nil }
    if word == "help" {
      guard arguments.count > 1, !arguments[1].hasPrefix("-") else { return nil }
      word = arguments[1]
    }
    guard !commandNames.contains(word) else { return nil }
    let near = Suggestion.nearest(to: word, among: commandNames, limit: 2)
    let suggestion = near.isEmpty ? "" : "; did you mean " + near.map { "`acsa \($0)`" }.joined(separator: " or ") + "?"
    return "unknown command '\(word)'\(suggestion)"
  }

  /// Prints what ArgumentParser has to say for `error` (help and the version to standard
  /// output, errors to standard error as `acsa: error: ...`) and exits with its status.
  /// `command`: the subcommand that threw while running, whose usage follows the error.
  static func finish(_ error: Error, in command: (any ParsableCommand.Type)? = nil) -> Never {
    let code = exitCode(for: error)
    var message = fullMessage(for: error)
    if let command, code != .success, !message.isEmpty {
      let name = command._commandName
      message = "Error: \(ACSA.message(for: error))\nUsage: \(usageString(for: command))\n  See 'acsa \(name) --help' for more information."
    }
    if code == .success {
      if !message.isEmpty { print(message) }
    } else if !message.isEmpty {
      if message.hasPrefix("Error: ") { message = "acsa: error: " + message.dropFirst("Error: ".count) }
      Output.stderr(message)
    }
    Foundation.exit(code.rawValue)
  }
}

enum ACSAVersion {
  static let current = "0.1.0"
}
