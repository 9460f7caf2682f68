import ArgumentParser

@main
struct ACSA: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "acsa",
    abstract: "Replay and audit Acquisition and Cross-Servicing Agreement ledgers.",
    discussion: """
      Under an ACSA (such as the Japan-Philippines agreement signed on 15 January 2026) \
      the two forces provide each other supplies and services and settle each provision \
      in cash, in kind or by an exchange of equal value within 12 months of delivery.

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
      Verify.self, Export.self, Glossary.self, Format.self, Schema.self,
    ]
  )
}

extension ACSA {
  /// ArgumentParser's `main`, with every error a subcommand lets through printed once
  /// and mapped to its exit status (`Exit.status(for:)`).
  static func main() {
    do {
      var command = try parseAsRoot()
      do {
        try command.run()
      } catch {
        exit(withError: Exit.status(for: error))
      }
    } catch {
      exit(withError: error)
    }
  }
}

enum ACSAVersion {
  static let current = "0.1.0"
}
