import ACSADomain
import ACSAFiles
import ACSALedger
import ACSALive
import ACSAScenario
import ACSASimulation
import Foundation

/// Starting or resuming a live exercise: its ledger and its accounts.
public enum ExerciseSetup {
  /// Why an exercise cannot start.
  public struct Problem: Error, CustomStringConvertible, Sendable {
    public let description: String
  }

  public struct Opened: Sendable {
    public let exercise: Exercise
    public let accounts: Accounts
    /// Accounts made now, with their passwords (to print once); empty on a resume or
    /// with a users file.
    public let newPasswords: [(name: String, role: Role, password: String)]
    /// Whether the ledger was there already (the exercise resumes).
    public let resumed: Bool
    /// Where the accounts' hashes are kept.
    public let usersPath: String
  }

  /// Where the accounts of a ledger's exercise are kept when no users file is given:
  /// beside it, readable by its owner only.
  public static func defaultUsersPath(ledger: String) -> String { ledger + ".users.json" }

  /// Opens the exercise of `scenario` in the ledger at `ledger`: resumed if the ledger
  /// holds it (it must verify, and have been started from the same agreement, parties,
  /// units, catalog and rates), else started (the scenario's scripted events played up
  /// to the last of their dates). Accounts from `users`, or kept beside the ledger
  /// (made at first start).
  public static func open(scenario: Scenario, scenarioFile: String, ledger: String, users: String?, version: String) throws -> Opened {
    let exists = (try? FileManager.default.attributesOfItem(atPath: ledger)[.size] as? Int).map { $0 > 0 } ?? false
    let live: LiveLedger
    if exists {
      live = try LiveLedger(path: ledger)
      let expected = LedgerMeta.values(for: scenario, version: version)["framework_hash"]
      guard live.ledger.frameworkHash == expected else {
        try? live.close()
        throw Problem(
          description:
            "\(ledger) holds an exercise started from another scenario (its agreement, parties, units, catalog or rates differ from \(scenarioFile)'s): give that scenario, or another --db"
        )
      }
    } else {
      let clock = try LiveStart.check(scenario, clock: LiveStart.defaultClock(scenario))
      _ = try LedgerRun.write(scenario, generated: GeneratedStream(), to: ledger, inputs: [scenarioFile], version: version, through: clock)
      live = try LiveLedger(path: ledger, verify: false)
    }
    let parties = live.ledger.framework.partyIDs
    let usersPath = users ?? defaultUsersPath(ledger: ledger)
    let accounts: Accounts
    var passwords: [(name: String, role: Role, password: String)] = []
    do {
      if users != nil || FileManager.default.fileExists(atPath: usersPath) {
        accounts = try Accounts.load(path: usersPath, parties: parties)
      } else {
        let made = Accounts.make(parties: parties)
        accounts = made.0
        passwords = made.1
        try writePrivate(try accounts.fileText(), to: usersPath)
      }
    } catch {
      try? live.close()
      throw error
    }
    return Opened(
      exercise: try Exercise(live), accounts: accounts, newPasswords: passwords, resumed: exists, usersPath: usersPath)
  }

  /// Writes a new file readable by its owner only (never over an existing one), synced.
  static func writePrivate(_ text: String, to path: String) throws {
    let fd = createExclusive(path, mode: 0o600)
    guard fd >= 0 else { throw FileError(path: path, cause: .system(errno), writing: true) }
    defer { close(fd) }
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      guard n > 0 else { throw FileError(path: path, cause: .system(errno), writing: true) }
      bytes = bytes.dropFirst(n)
    }
    guard fsync(fd) == 0 else { throw FileError(path: path, cause: .system(errno), writing: true) }
  }
}

/// `open(2)` with O_CREAT | O_EXCL: a new file, or -1 (with errno) if one is there.
private func createExclusive(_ path: String, mode: mode_t) -> Int32 {
  open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
}
