import ACSAPostgres
import Foundation

/// A LEDGER argument: a file, or a ledger kept in PostgreSQL (`postgres://…?ledger=NAME`),
/// which readers read through a copy made at once into a private temporary folder (the
/// same rows, read in one transaction: a consistent moment even while a server appends),
/// removed when acsa exits.
enum LedgerArgument {
  /// A ledger ready to read: the file to read, and the name to show (the argument; for
  /// PostgreSQL its URL without a password, not the temporary copy).
  struct Opened {
    let path: String
    let name: String
  }

  /// The ledger named by `argument`, copied out of PostgreSQL if it is kept there.
  static func open(_ argument: String) throws -> Opened {
    guard PostgresLocation.isURL(argument) else { return Opened(path: argument, name: argument) }
    let location = try PostgresLocation(url: argument)
    return Opened(path: try copy(location), name: location.description)
  }

  /// A local file holding the ledger kept at `location`.
  static func copy(_ location: PostgresLocation) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("acsa-postgres-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    Copies.shared.add(folder.path)
    let store = try PostgresStore.connect(location)
    defer { store.close() }
    let path = folder.appendingPathComponent(location.ledger + ".sqlite").path
    try store.download(to: path)
    return path
  }

  /// The copies made, removed at exit.
  final class Copies: @unchecked Sendable {
    static let shared = Copies()
    private let lock = NSLock()
    private var folders: [String] = []

    func add(_ folder: String) {
      lock.withLock {
        if folders.isEmpty { atexit { Copies.shared.removeAll() } }
        folders.append(folder)
      }
    }

    func removeAll() {
      let all = lock.withLock { folders }
      for f in all { try? FileManager.default.removeItem(atPath: f) }
    }
  }
}
