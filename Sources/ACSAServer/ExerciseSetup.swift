import ACSADomain
import ACSAFiles
import ACSALedger
import ACSALive
import ACSAPostgres
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
    /// The ledger, as messages name it (a path, or a PostgreSQL URL without its password).
    public let store: String
  }

  /// Where the accounts of a ledger's exercise are kept when no users file is given:
  /// beside it, readable by its owner only.
  public static func defaultUsersPath(ledger: String) -> String { ledger + ".users.json" }

  /// Opens the exercise of `scenario` in the ledger at `ledger` (a file, or a
  /// `postgres://` URL): resumed if the ledger holds it (it must verify, and have been
  /// started from the same agreement, parties, units, catalog and rates), else started
  /// (the scenario's scripted events played up to the last of their dates). Accounts
  /// from `users`, or kept beside the ledger (made at first start).
  public static func open(scenario: Scenario, scenarioFile: String, ledger: String, users: String?, version: String) throws -> Opened {
    if PostgresLocation.isURL(ledger) {
      return try openInPostgres(scenario: scenario, scenarioFile: scenarioFile, url: ledger, users: users, version: version)
    }
    let exists = (try? FileManager.default.attributesOfItem(atPath: ledger)[.size] as? Int).map { $0 > 0 } ?? false
    if !exists {
      let clock = try LiveStart.check(scenario, clock: LiveStart.defaultClock(scenario))
      _ = try LedgerRun.write(scenario, generated: GeneratedStream(), to: ledger, inputs: [scenarioFile], version: version, through: clock)
    }
    let live = try LiveLedger(path: ledger, verify: exists)
    return try finish(
      live, scenario: scenario, scenarioFile: scenarioFile, shown: ledger, users: users ?? defaultUsersPath(ledger: ledger),
      named: users != nil, resumed: exists, version: version, onClose: {})
  }

  /// The exercise in a ledger kept in PostgreSQL (see `openLive(postgres:create:)`).
  /// Accounts: `users`, or `NAME.users.json` in the current folder.
  static func openInPostgres(scenario: Scenario, scenarioFile: String, url: String, users: String?, version: String) throws -> Opened {
    let location = try PostgresLocation(url: url, defaultLedger: PostgresLocation.ledgerName(forFile: scenarioFile))
    let (live, existed, onClose) = try openLive(postgres: location) { working in
      let clock = try LiveStart.check(scenario, clock: LiveStart.defaultClock(scenario))
      _ = try LedgerRun.write(scenario, generated: GeneratedStream(), to: working, inputs: [scenarioFile], version: version, through: clock)
    }
    return try finish(
      live, scenario: scenario, scenarioFile: scenarioFile, shown: location.description,
      users: users ?? defaultUsersPath(ledger: location.ledger), named: users != nil, resumed: existed, version: version,
      onClose: onClose)
  }

  /// A live ledger kept in PostgreSQL, held by this process (an advisory lock) and worked
  /// on in a SQLite copy in a private temporary folder, whose every append is also
  /// PostgreSQL's, in one transaction there, before it commits here. An existing ledger
  /// is copied out (and must verify); a new one is written by `create` (given the copy's
  /// path) and copied in. `onClose`: to call once the ledger is closed.
  public static func openLive(postgres location: PostgresLocation, create: ((String) throws -> Void)?) throws -> (
    live: LiveLedger, existed: Bool, onClose: @Sendable () -> Void
  ) {
    let store = try PostgresStore.connect(location)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-postgres-\(UUID().uuidString)")
    let cleanup: @Sendable () -> Void = {
      store.close()
      try? FileManager.default.removeItem(at: folder)
    }
    do {
      try store.lock()
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
      let working = folder.appendingPathComponent(location.ledger + ".sqlite").path
      let exists = try store.exists()
      if exists {
        try store.download(to: working)
      } else if let create {
        try create(working)
        try store.upload(from: working)
      } else {
        throw PostgresStoreError.noLedger(location.description)
      }
      let live = try LiveLedger(path: working, verify: exists)
      live.mirror = { statements in try store.apply(statements) }
      return (live, exists, cleanup)
    } catch {
      cleanup()
      throw error
    }
  }

  /// The accounts, and the exercise: the ledger checked to hold `scenario`'s framework.
  static func finish(
    _ live: LiveLedger, scenario: Scenario, scenarioFile: String, shown: String, users usersPath: String, named: Bool, resumed: Bool,
    version: String, onClose: @escaping @Sendable () -> Void
  ) throws -> Opened {
    let accounts: Accounts
    var passwords: [(name: String, role: Role, password: String)] = []
    do {
      let expected = LedgerMeta.values(for: scenario, version: version)["framework_hash"]
      guard live.ledger.frameworkHash == expected else {
        throw Problem(
          description:
            "\(shown) holds an exercise started from another scenario (its agreement, parties, units, catalog or rates differ from \(scenarioFile)'s): give that scenario, or another --db"
        )
      }
      let parties = live.ledger.framework.partyIDs
      if named || FileManager.default.fileExists(atPath: usersPath) {
        accounts = try Accounts.load(path: usersPath, parties: parties)
      } else {
        let made = Accounts.make(parties: parties)
        accounts = made.0
        passwords = made.1
        try writePrivate(try accounts.fileText(), to: usersPath)
      }
    } catch {
      try? live.close()
      onClose()
      throw error
    }
    return Opened(
      exercise: try Exercise(live, name: shown, onClose: onClose), accounts: accounts, newPasswords: passwords, resumed: resumed,
      usersPath: usersPath,
      store: shown)
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
