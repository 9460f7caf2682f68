import Foundation

/// Where a ledger kept in PostgreSQL lives: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE?ledger=NAME`
/// (`postgresql://` too). Each ledger is a schema of its own, `acsa_NAME`, so that one
/// database holds a training centre's many exercises. The password may come from
/// `PGPASSWORD` instead of the URL (better: it stays out of shell history and process
/// lists); `?host=/run/postgresql` connects through a Unix socket in that folder.
public struct PostgresLocation: Sendable, CustomStringConvertible, Equatable {
  public let host: String
  public let port: Int
  /// The folder of the server's Unix socket, when connecting through one.
  public let socketFolder: String?
  public let user: String
  public let password: String?
  public let database: String
  /// The ledger's name: letters, digits and `_` (a `-` is read as `_`), at most 40.
  public let ledger: String

  /// The schema that holds the ledger's tables.
  public var schema: String { "acsa_" + ledger }

  /// The URL without its password.
  public var description: String {
    "postgres" + "://\(user)@\(socketFolder == nil ? "\(host):\(port)" : "")/\(database)?ledger=\(ledger)"
      + (socketFolder.map { "&host=\($0)" } ?? "")
  }

  public static func isURL(_ text: String) -> Bool { text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") }

  /// Reads a URL; `defaultLedger`: the ledger's name when the URL gives none.
  public init(url text: String, defaultLedger: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(PostgresStoreError)
  {
    guard Self.isURL(text), let url = URLComponents(string: text) else {
      throw .badURL(text, "expected postgres://USER@HOST:PORT/DATABASE?ledger=NAME")
    }
    let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
    for key in query.keys where !["ledger", "host"].contains(key) {
      throw .badURL(Self.redacted(text), "unknown parameter '\(key)' (ledger and host are read)")
    }
    socketFolder = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
    host = url.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
    port = url.port ?? 5432
    user = url.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? "postgres"
    password = url.password ?? environment["PGPASSWORD"]
    let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
    guard !path.isEmpty, !path.contains("/") else {
      throw .badURL(Self.redacted(text), "name the database after the host (postgres://USER@HOST/DATABASE?ledger=NAME)")
    }
    database = path
    guard let name = query["ledger"] ?? defaultLedger else {
      throw .badURL(Self.redacted(text), "name the ledger: add ?ledger=NAME (letters, digits and _)")
    }
    let normalized = String(name.lowercased().map { $0 == "-" ? "_" : $0 })
    guard !normalized.isEmpty, normalized.count <= 40, normalized.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
    else {
      throw .badURL(Self.redacted(text), "ledger: '\(name)' is not a name (letters, digits and _, at most 40)")
    }
    ledger = normalized
  }

  /// A ledger name from a file name: `live-exercise-2026.yaml` → `live_exercise_2026`.
  public static func ledgerName(forFile path: String) -> String {
    let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
    let name = String(base.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }.prefix(40))
    return name.isEmpty ? "ledger" : name
  }

  /// The URL with its password (if any) hidden, for messages.
  static func redacted(_ text: String) -> String {
    guard var url = URLComponents(string: text), url.password != nil else { return text }
    url.password = "***"
    return url.string ?? text
  }
}
