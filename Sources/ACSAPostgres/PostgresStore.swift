import ACSALedger
import Foundation
import GRDB
import Logging
import NIOCore
import PostgresNIO

/// Why a ledger in PostgreSQL cannot be used.
public enum PostgresStoreError: Error, CustomStringConvertible, Sendable {
  case badURL(String, String)
  case connect(String, String)
  case noLedger(String)
  case exists(String)
  case busy(String)
  case query(String, String)

  public var description: String {
    switch self {
    case .badURL(let url, let why): "--db \(url): \(why)"
    case .connect(let at, let why): "cannot connect to PostgreSQL at \(at): \(why)"
    case .noLedger(let at): "\(at): no such ledger in this database"
    case .exists(let at): "\(at): this database holds that ledger already"
    case .busy(let at): "\(at) is held by another acsa (a server on it): one writer at a time"
    case .query(let what, let why): "PostgreSQL: \(what): \(why)"
    }
  }
}

/// A ledger kept in PostgreSQL: the tables of an `acsa` ledger, column for column, in a
/// schema of their own (`acsa_NAME`), with the SQLite schema they came from
/// (`acsa_schema`) so that a copy can be read back exactly.
///
/// Writers work on a SQLite copy and send each transaction's writes here as one
/// PostgreSQL transaction (`apply`), before the copy commits: PostgreSQL holds every
/// acknowledged event. Readers (`acsa verify`, `audit`, `balance`, `export`) read a copy
/// made by `download`, so every check reads the same rows it reads in a file.
///
/// Blocking calls: the server's ledger queue and the command line call them from threads
/// of their own, never from Swift's concurrency pool.
public final class PostgresStore: @unchecked Sendable {
  public let location: PostgresLocation
  let connection: PostgresConnection
  let logger = Logger(label: "acsa.postgres")

  /// Rows per INSERT when a ledger is copied in.
  static let rowsPerStatement = 500

  private init(location: PostgresLocation, connection: PostgresConnection) {
    self.location = location
    self.connection = connection
  }

  /// Connects (no TLS: a server on this machine or a trusted network; see the README).
  public static func connect(_ location: PostgresLocation) throws -> PostgresStore {
    let configuration =
      location.socketFolder.map {
        PostgresConnection.Configuration(
          unixSocketPath: $0 + "/.s.PGSQL.\(location.port)", username: location.user, password: location.password,
          database: location.database)
      }
      ?? PostgresConnection.Configuration(
        host: location.host, port: location.port, username: location.user, password: location.password, database: location.database,
        tls: .disable)
    let logger = Logger(label: "acsa.postgres")
    do {
      let connection = try PostgresConnection.connect(
        on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
      ).wait()
      let store = PostgresStore(location: location, connection: connection)
      // Statements name the ledger's tables as a file's are named.
      try store.run("SET search_path TO \(quoteIdentifier(location.schema))", what: "choosing the ledger's schema")
      return store
    } catch let error as PostgresStoreError {
      throw error
    } catch {
      throw PostgresStoreError.connect(location.description, Self.describe(error))
    }
  }

  public func close() {
    try? connection.close().wait()
  }

  /// Whether the database holds this ledger.
  public func exists() throws -> Bool {
    let rows = try rows(
      "SELECT 1 FROM information_schema.tables WHERE table_schema = \(Self.literal(location.schema)) AND table_name = 'acsa_schema'",
      what: "looking for the ledger")
    return !rows.isEmpty
  }

  /// Holds the ledger for this connection's life (a session advisory lock): a second
  /// server on it is refused.
  public func lock() throws {
    let rows = try rows("SELECT pg_try_advisory_lock(hashtext(\(Self.literal(location.schema))))::text", what: "locking the ledger")
    guard rows.first?.first ?? nil == "true" else { throw PostgresStoreError.busy(location.description) }
  }

  /// Writes the statements in one transaction (all or nothing): an append's writes.
  public func apply(_ statements: [String]) throws {
    guard !statements.isEmpty else { return }
    // One round trip: a DO block is one command, run in one transaction.
    let body = statements.joined(separator: ";\n")
    guard !body.contains("$acsa$") else {
      throw PostgresStoreError.query("appending", "a statement holds the block's own delimiter")
    }
    try run("DO $acsa$ BEGIN\n" + body + ";\nEND $acsa$", what: "appending to the ledger")
  }

  // MARK: - Copies

  /// Copies the SQLite ledger at `path` in as this ledger (which must not exist yet),
  /// in one transaction.
  public func upload(from path: String) throws {
    guard try !exists() else { throw PostgresStoreError.exists(location.description) }
    let source = try DatabaseQueue(path: path, configuration: Self.readOnly)
    defer { try? source.close() }
    let schema = Self.quoteIdentifier(location.schema)
    try run("BEGIN", what: "starting the copy")
    do {
      try run("CREATE SCHEMA \(schema)", what: "creating the ledger's schema")
      try run(
        "CREATE TABLE \(schema).acsa_schema (seq BIGINT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, sql TEXT NOT NULL)",
        what: "creating the schema table")
      let (objects, tables) = try source.read { db -> ([(String, String, String)], [Table]) in
        // The file's header fields first (acsa's application id and format), then the
        // tables, indexes and views.
        var objects: [(String, String, String)] = []
        for pragma in ["application_id", "user_version"] {
          let value = try Int64.fetchOne(db, sql: "PRAGMA \(pragma)") ?? 0
          objects.append(("pragma", pragma, "PRAGMA \(pragma) = \(value)"))
        }
        objects += try Row.fetchAll(
          db, sql: "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        ).map { row -> (String, String, String) in (row["type"], row["name"], row["sql"]) }
        let tables = try objects.filter { $0.0 == "table" }.map { try Table.read(db, name: $0.1) }
        return (objects, tables)
      }
      for (i, o) in objects.enumerated() {
        try run(
          "INSERT INTO \(schema).acsa_schema VALUES (\(i), \(Self.literal(o.0)), \(Self.literal(o.1)), \(Self.literal(o.2)))",
          what: "copying the schema")
      }
      for table in tables {
        try run(table.createStatement(schema: schema), what: "creating table \(table.name)")
        try source.read { db in
          var values: [String] = []
          let cursor = try Row.fetchCursor(
            db, sql: "SELECT \(table.copied) FROM \(Self.quoteIdentifier(table.name)) ORDER BY \(table.order)")
          while let row = try cursor.next() {
            values.append("(" + row.databaseValues.map(Self.literal).joined(separator: ", ") + ")")
            if values.count == Self.rowsPerStatement {
              try run(
                "INSERT INTO \(schema).\(Self.quoteIdentifier(table.name)) (\(table.copied)) VALUES " + values.joined(separator: ", "),
                what: "copying \(table.name)")
              values = []
            }
          }
          if !values.isEmpty {
            try run(
                "INSERT INTO \(schema).\(Self.quoteIdentifier(table.name)) (\(table.copied)) VALUES " + values.joined(separator: ", "),
                what: "copying \(table.name)")
          }
        }
      }
      // A row inserted without its rowid gets SQLite's: one more than the largest.
      try run(
        """
        CREATE FUNCTION \(schema).acsa_rowid() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          IF NEW.rowid IS NULL THEN
            EXECUTE format('SELECT COALESCE(MAX(rowid), 0) + 1 FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO NEW.rowid;
          END IF;
          RETURN NEW;
        END $f$
        """, what: "numbering rows")
      for table in tables where table.rowid {
        try run(
          "CREATE TRIGGER acsa_rowid BEFORE INSERT ON \(schema).\(Self.quoteIdentifier(table.name)) FOR EACH ROW EXECUTE FUNCTION \(schema).acsa_rowid()",
          what: "numbering \(table.name)")
      }
      try run("COMMIT", what: "committing the copy")
    } catch {
      try? run("ROLLBACK", what: "undoing the copy")
      throw error
    }
  }

  /// Copies this ledger out into a new SQLite file at `path`: the same schema, the same
  /// rows. Read in one transaction (a consistent snapshot while a server appends).
  public func download(to path: String) throws {
    guard try exists() else { throw PostgresStoreError.noLedger(location.description) }
    let schema = Self.quoteIdentifier(location.schema)
    try run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", what: "starting the read")
    defer { try? run("COMMIT", what: "ending the read") }
    let objects = try rows("SELECT type, name, sql FROM \(schema).acsa_schema ORDER BY seq", what: "reading the schema")
    let destination = try DatabaseQueue(path: path)
    defer { try? destination.close() }
    try destination.writeWithoutTransaction { db in
      // The header's fields, tables, then indexes, then views and triggers (which name them).
      for kind in ["pragma", "table", "index", "view", "trigger"] {
        for o in objects where o[0] == kind { if let sql = o[2] { try db.execute(sql: sql) } }
      }
    }
    for o in objects where o[0] == "table" {
      guard let name = o[1] else { continue }
      let table = try destination.read { db in try Table.read(db, name: name) }
      let select = "SELECT \(table.copied) FROM \(schema).\(Self.quoteIdentifier(name)) ORDER BY \(table.order)"
      let rows = try cells(select, what: "reading \(name)")
      let width = table.columns.count + (table.rowid ? 1 : 0)
      let insert =
        "INSERT INTO \(Self.quoteIdentifier(name)) (\(table.copied)) VALUES (" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
      try destination.inTransaction { db in
        let statement = try db.makeStatement(sql: insert)
        for row in rows { try statement.execute(arguments: StatementArguments(row)) }
        return .commit
      }
    }
    try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
  }

  /// Removes the ledger (its schema and every table in it).
  public func drop() throws {
    try run("DROP SCHEMA IF EXISTS \(Self.quoteIdentifier(location.schema)) CASCADE", what: "removing the ledger")
  }

  /// The ledgers this database holds.
  public func ledgers() throws -> [String] {
    try rows(
      "SELECT table_schema FROM information_schema.tables WHERE table_name = 'acsa_schema' AND table_schema LIKE 'acsa\\_%' ORDER BY 1",
      what: "listing the ledgers"
    ).compactMap { $0.first ?? nil }.map { String($0.dropFirst(5)) }
  }

  // MARK: - Tables

  /// A table's columns and key, as SQLite has them.
  struct Table {
    struct Column {
      let name: String
      let type: String
      let notNull: Bool
      let key: Int
    }
    let name: String
    let columns: [Column]
    /// Whether the table's rows have a rowid of their own (not WITHOUT ROWID, and no
    /// INTEGER PRIMARY KEY that is it): PostgreSQL keeps it in a `rowid` column, since
    /// readers read some tables in rowid order (obligations are written with theirs).
    let rowid: Bool

    static func read(_ db: Database, name: String) throws -> Table {
      let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(PostgresStore.quoteIdentifier(name)))").map { row in
        Column(name: row["name"], type: (row["type"] as String? ?? "").uppercased(), notNull: row["notnull"] == 1, key: row["pk"])
      }
      let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [name]) ?? ""
      let key = columns.filter { $0.key > 0 }
      let aliased = key.count == 1 && key[0].type == "INTEGER"
      return Table(name: name, columns: columns, rowid: !sql.uppercased().contains("WITHOUT ROWID") && !aliased)
    }

    /// The columns copied, the rowid first where the table has one.
    var copied: String {
      ((rowid ? ["rowid"] : []) + columns.map { PostgresStore.quoteIdentifier($0.name) }).joined(separator: ", ")
    }

    /// The order rows are copied in: by rowid, else by key.
    var order: String {
      if rowid { return "rowid" }
      let key = columns.filter { $0.key > 0 }.sorted { $0.key < $1.key }
      return (key.isEmpty ? columns : key).map { PostgresStore.quoteIdentifier($0.name) }.joined(separator: ", ")
    }

    /// PostgreSQL's CREATE TABLE: integers as BIGINT, the rest as TEXT (BLOB as BYTEA);
    /// the rowid, where there is one (a trigger numbers it as SQLite does).
    func createStatement(schema: String) -> String {
      var parts = rowid ? ["rowid BIGINT UNIQUE"] : []
      parts += columns.map { c -> String in
        let type = c.type.contains("INT") ? "BIGINT" : c.type.contains("BLOB") ? "BYTEA" : "TEXT"
        return PostgresStore.quoteIdentifier(c.name) + " " + type + (c.notNull ? " NOT NULL" : "")
      }
      let key = columns.filter { $0.key > 0 }.sorted { $0.key < $1.key }
      if !key.isEmpty { parts.append("PRIMARY KEY (" + key.map { PostgresStore.quoteIdentifier($0.name) }.joined(separator: ", ") + ")") }
      return "CREATE TABLE \(schema).\(PostgresStore.quoteIdentifier(name)) (" + parts.joined(separator: ", ") + ")"
    }
  }

  // MARK: - Queries

  static let readOnly: Configuration = {
    var c = Configuration()
    c.readonly = true
    return c
  }()

  func run(_ sql: String, what: String) throws {
    _ = try cells(sql, what: what)
  }

  /// The rows of a query, each cell as text (or nil).
  func rows(_ sql: String, what: String) throws -> [[String?]] {
    try cells(sql, what: what).map { $0.map { v in v.storage.value.map { "\($0)" } } }
  }

  /// The rows of a query, each cell as SQLite would hold it.
  func cells(_ sql: String, what: String) throws -> [[DatabaseValue]] {
    do {
      // The event loop does the work; this thread waits (it is never one of Swift's
      // concurrency pool's: see the type's note).
      let result = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
      return try result.rows.map { row in try row.map(Self.value) }
    } catch {
      throw PostgresStoreError.query(what, Self.describe(error))
    }
  }

  static func value(_ cell: PostgresCell) throws -> DatabaseValue {
    guard cell.bytes != nil else { return .null }
    switch cell.dataType {
    case .int8, .int4, .int2: return (try cell.decode(Int64.self)).databaseValue
    case .bytea: return Data(try cell.decode([UInt8].self)).databaseValue
    case .bool: return (try cell.decode(Bool.self) ? "true" : "false").databaseValue
    default: return (try cell.decode(String.self)).databaseValue
    }
  }

  /// A value as a PostgreSQL literal.
  static func literal(_ value: DatabaseValue) -> String {
    switch value.storage {
    case .null: "NULL"
    case .int64(let i): String(i)
    case .double(let d): String(d)
    case .string(let s): literal(s)
    case .blob(let data): "'\\x" + data.map { String(format: "%02x", $0) }.joined() + "'::bytea"
    }
  }

  static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

  static func quoteIdentifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

  /// A PostgreSQL error in words: the server's message where there is one.
  static func describe(_ error: Error) -> String {
    if let e = error as? PSQLError {
      if let message = e.serverInfo?[.message] {
        return message + (e.serverInfo?[.detail].map { " (\($0))" } ?? "")
      }
      return "\(e.code)" + (e.underlying.map { ": \($0)" } ?? "")
    }
    return "\(error)"
  }
}

