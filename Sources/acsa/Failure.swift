import ACSAAudit
import ACSAFiles
import ACSALedger
import ACSALive
import ACSAPostgres
import ACSAServer
import ACSAScenario
import ArgumentParser

/// Exit statuses: one table for every subcommand (the README's "Exit codes").
enum Exit {
  /// Something to report: a failed expectation (`run`, `explain`), findings (`audit`),
  /// a failed check (`verify`), books that differ (`reconcile`).
  static let somethingToReport = ExitCode(1)
  /// Bad input: a static error in a scenario; a file that cannot be read, is not what
  /// the command reads, or is damaged; a ledger of an unknown or newer format.
  static let badInput = ExitCode(2)
  /// The environment: the output cannot be written where asked (a missing folder, no
  /// permission, a full disk, a failed sync, a lock held by another acsa, a file there
  /// that is not acsa's to replace).
  static let environment = ExitCode(3)
  /// Usage: an unknown subcommand or option, a malformed or inconsistent option value,
  /// a book or term the input does not have (ArgumentParser's code, `EX_USAGE`).
  static let usage = ExitCode(64)
  /// A bug in acsa (`EX_SOFTWARE`); the message says what failed.
  static let internalError = ExitCode(70)

  /// The status for an error a subcommand let through, after printing it as
  /// `acsa: error: ...` (or, for a scenario's static errors, every diagnostic). Errors
  /// that ArgumentParser prints itself (usage, help, an exit status) pass as they are.
  static func status(for error: Error) -> Error {
    // ArgumentParser's own errors (help requested through `acsa help X`, a usage
    // error) are its to print.
    if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { return error }
    switch error {
    case let e as ScenarioErrors:
      for d in e.diagnostics { Output.stderr(d.description) }
      return badInput
    case let e as UsageProblem:
      Output.error(e.description)
      return usage
    case let e as FileError:
      Output.error(e.description)
      return e.writing ? environment : badInput
    case let e as LedgerFileError:
      Output.error(e.description)
      switch e {
      case .file(let f): return f.writing ? environment : badInput
      case .notALedger, .damaged, .unsupportedFormat: return badInput
      case .internalError: return internalError
      }
    case let e as AuditError:
      Output.error(e.description)
      return badInput
    case let e as LiveError:
      Output.error("\(e.description) [\(e.code)]")
      return badInput
    case let e as LiveStart.Problem:
      Output.error(e.description)
      return badInput
    case let e as ExerciseSetup.Problem:
      Output.error(e.description)
      return badInput
    case let e as AccountsError:
      Output.error(e.description)
      return badInput
    case let e as PostgresStoreError:
      Output.error(e.description)
      switch e {
      case .connect, .query, .busy: return environment
      case .badURL, .noLedger, .exists: return badInput
      }
    default:
      // A query that failed on a ledger that opened: the file is damaged.
      if let message = LedgerFileError.sqliteMessage(error) {
        Output.error("the ledger is damaged: SQLite says \(message)")
        return badInput
      }
      Output.error(String(describing: error))
      return internalError
    }
  }
}
