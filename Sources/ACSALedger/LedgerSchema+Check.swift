import Foundation
import GRDB

/// The checks `acsa verify` makes of a ledger's structure before it reads a row: the
/// file against SQLite's own integrity check, its tables, views, indexes and triggers
/// against those acsa writes, and every stored value against its column's type.
extension LedgerSchema {
  /// One object of `sqlite_master`.
  public struct Object: Hashable, Sendable {
    public let type: String
    public let name: String
    public let sql: String?
  }

  /// A stored value of the wrong type, or a NULL where acsa never writes one.
  public struct BadValue: Sendable {
    public let table: String
    public let column: String
    /// The row's key, as `column=value` pairs.
    public let key: String
    public let found: String
    public let expected: String
  }

  /// What `PRAGMA integrity_check` says, when it is not "ok".
  public static func integrityProblems(_ db: Database) throws -> [String] {
    let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)")
    return lines == ["ok"] ? [] : lines
  }

  /// An empty ledger in memory with these migrations applied and the indexes acsa
  /// makes: the schema that a ledger with these migrations has, as acsa writes it.
  public static func expectedDatabase(applied: [String], paymentDays: Int, claimDays: Int) throws -> DatabaseQueue {
    let queue = try DatabaseQueue()
    if let last = migrationIDs.last(where: applied.contains) { try migrator.migrate(queue, upTo: last) }
    try queue.write { db in
      try db.execute(sql: findingIndexes(paymentDays: paymentDays, claimDays: claimDays))
      try db.execute(sql: lookupIndexes)
    }
    return queue
  }

  /// The migrations a ledger records (all of them, for one that has no record).
  public static func appliedMigrations(_ db: Database) throws -> [String] {
    guard try db.tableExists("grdb_migrations") else { return migrationIDs }
    return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations WHERE identifier IS NOT NULL")
  }

  /// The objects of a database, but for SQLite's statistics.
  public static func objects(_ db: Database, schema: String = "main") throws -> [Object] {
    try Row.fetchAll(
      db, sql: "SELECT type, name, sql FROM \(schema).sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name"
    ).map { Object(type: try $0.at("type"), name: try $0.at("name"), sql: try $0.at("sql")) }
  }

  /// Differences between a ledger's objects and the expected ones, in words. Indexes
  /// are compared only when `indexes` (a ledger of an earlier format may have others,
  /// which change no answer).
  public static func schemaDifferences(_ stored: [Object], expected: [Object], indexes: Bool) -> [String] {
    func relevant(_ o: Object) -> Bool { o.type != "index" || indexes }
    let have = Dictionary(stored.filter(relevant).map { ($0.type + " " + $0.name, $0) }) { a, _ in a }
    let want = Dictionary(expected.filter(relevant).map { ($0.type + " " + $0.name, $0) }) { a, _ in a }
    var result: [String] = []
    for (key, object) in want.sorted(by: { $0.key < $1.key }) {
      guard let found = have[key] else {
        result.append("the \(key) that acsa writes is missing")
        continue
      }
      if let stored = normalized(found.sql), let wanted = normalized(object.sql), stored != wanted {
        // Where the two texts part.
        let common = zip(stored, wanted).prefix { $0 == $1 }.count
        let start = max(0, common - 30)
        func window(_ s: String) -> String {
          let part = s.dropFirst(start).prefix(common - start + 40)
          return (start > 0 ? "…" : "") + part + (part.count < s.count - start ? "…" : "")
        }
        result.append("the \(key) is not the one acsa writes: it reads \"\(window(stored))\" where acsa writes \"\(window(wanted))\"")
      }
    }
    for (key, object) in have.sorted(by: { $0.key < $1.key }) where want[key] == nil {
      result.append(
        "the \(key) is not one acsa writes\(object.type == "trigger" ? " (a trigger runs on every write)" : ""): \(shortened(object.sql))")
    }
    return result
  }

  /// SQL on one line, cut after 100 characters.
  static func shortened(_ sql: String?) -> String {
    let line = normalized(sql) ?? ""
    return line.count > 100 ? String(line.prefix(100)) + "…" : line
  }

  static func normalized(_ sql: String?) -> String? {
    sql.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
  }

  /// Every stored value whose type is not its column's (per the expected schema, run on
  /// `expected`): one scan per table, at most `limit` values reported per table.
  public static func badValues(_ db: Database, expected: DatabaseQueue, limit: Int = 20) throws -> [BadValue] {
    var result: [BadValue] = []
    let tables = try expected.read { e in
      try String.fetchAll(e, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .map { table in (table, try Row.fetchAll(e, sql: "PRAGMA table_info(\(table))")) }
    }
    for (table, info) in tables where try db.tableExists(table) {
      struct Column {
        let name: String
        let allowed: [String]
      }
      var columns: [Column] = []
      var keys: [(Int, String)] = []
      for c in info {
        let name: String = try c.at("name")
        let type: String = try c.at("type")
        let notNull: Bool = try c.at("notnull")
        let pk: Int = try c.at("pk")
        let base = type.uppercased().contains("INT") ? "integer" : "text"
        columns.append(Column(name: name, allowed: notNull || pk > 0 ? [base] : [base, "null"]))
        if pk > 0 { keys.append((pk, name)) }
      }
      let key = keys.sorted { $0.0 < $1.0 }.map(\.1)
      let located = key.isEmpty ? ["rowid"] : key
      let conditions = columns.map { c in "typeof(\(c.name)) NOT IN (\(c.allowed.map { "'\($0)'" }.joined(separator: ", ")))" }
      let sql = """
        SELECT \(located.map { "quote(\($0))" }.joined(separator: ", ")), \(columns.map { "typeof(\($0.name)), quote(\($0.name))" }.joined(separator: ", "))
        FROM \(table) WHERE \(conditions.joined(separator: " OR ")) LIMIT \(limit)
        """
      for row in try Row.fetchAll(db, sql: sql) {
        let keyText = try located.enumerated().map { i, name in "\(name)=\(try row.at(i) as String)" }.joined(separator: ", ")
        for (i, c) in columns.enumerated() {
          let type: String = try row.at(located.count + 2 * i)
          guard !c.allowed.contains(type) else { continue }
          let quoted: String = try row.at(located.count + 2 * i + 1)
          result.append(
            BadValue(
              table: table, column: c.name, key: keyText, found: type == "null" ? "NULL" : "\(type) \(quoted.prefix(40))",
              expected: c.allowed.joined(separator: " or ")))
        }
      }
    }
    return result
  }
}
