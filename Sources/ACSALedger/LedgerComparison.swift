import GRDB

/// Compares the rows of a ledger with those of another that acsa wrote from what the
/// first one records (attached as `derived`), table by table: every value of every row,
/// its type included. Each table is read in key order on both sides, so memory does not
/// grow with the ledger.
public enum LedgerComparison {
  /// A table and the columns that identify its rows (none: every column, in order).
  public struct Table: Sendable {
    public let name: String
    public let key: [String]
    /// Columns left out of the comparison.
    public let skipping: [String]

    public init(_ name: String, key: [String], skipping: [String] = []) {
      self.name = name
      self.key = key
      self.skipping = skipping
    }
  }

  /// A row that differs.
  public struct Difference: Sendable {
    public enum Kind: Sendable {
      /// The same key on both sides, these columns differ: (column, stored, derived).
      case changed([(column: String, stored: String, derived: String)])
      /// Only in the ledger.
      case onlyStored
      /// Only in what the ledger's records give.
      case onlyDerived
    }
    public let table: String
    /// The row's key, column by column.
    public let key: [(column: String, value: String)]
    public let kind: Kind

    public func key(_ column: String) -> String? { key.first { $0.column == column }?.value }
  }

  /// The tables of a ledger that are compared, with their keys.
  public static let tables: [Table] = [
    Table("parties", key: ["id"]), Table("commodities", key: ["commodity", "kind"]), Table("events", key: ["seq"]),
    Table("entries", key: ["book", "entry_no"]), Table("postings", key: ["book", "entry_no", "line_no"]),
    Table("orders", key: ["book", "order_id"]), Table("deliveries", key: ["book", "order_id", "delivery_no"]),
    Table("obligations", key: ["book", "obligation_id"]),
    Table("daily_balances", key: ["book", "date", "debtor", "creditor", "kind", "commodity"]), Table("unapplied", key: []),
    Table("differing_orders", key: ["order_id"]), Table("order_events", key: ["book", "order_id", "event_seq"]),
  ]

  /// The differences of one table between `main` and `derived` (at most `limit`
  /// reported), and how many there are in all.
  public static func compare(_ db: Database, _ table: Table, limit: Int = 20) throws -> (differences: [Difference], count: Int) {
    let stored = try columns(db, table.name, schema: "main")
    let derived = try columns(db, table.name, schema: "derived")
    // An earlier layout may lack a column (or keep a table where acsa now has a view).
    let compared = derived.filter { stored.contains($0) && !table.skipping.contains($0) }
    guard !compared.isEmpty else { return ([], 0) }
    let key = table.key.isEmpty ? compared : table.key
    let list = compared.joined(separator: ", ")
    let order = key.joined(separator: ", ")
    // Both sides stepped through SQLite's C interface, values compared as bytes: a
    // ledger of a million orders has tens of millions of rows.
    let a = try RawStatement(db, sql: "SELECT \(list) FROM main.\(table.name) ORDER BY \(order)")
    let b = try RawStatement(db, sql: "SELECT \(list) FROM derived.\(table.name) ORDER BY \(order)")
    let keyIndexes = key.compactMap { compared.firstIndex(of: $0) }.map(Int32.init)
    var differences: [Difference] = []
    var count = 0
    func note(_ row: RawStatement, _ kind: Difference.Kind) {
      count += 1
      guard differences.count < limit else { return }
      let values = keyIndexes.map { (compared[Int($0)], text(row.value($0))) }
      differences.append(Difference(table: table.name, key: values, kind: kind))
    }
    var hasA = try a.step()
    var hasB = try b.step()
    while hasA || hasB {
      guard hasA, hasB else {
        note(hasA ? a : b, hasA ? .onlyStored : .onlyDerived)
        if hasA { hasA = try a.step() } else { hasB = try b.step() }
        continue
      }
      var order = 0
      for i in keyIndexes where order == 0 { order = RawStatement.order(a, b, i) }
      if order < 0 {
        note(a, .onlyStored)
        hasA = try a.step()
      } else if order > 0 {
        note(b, .onlyDerived)
        hasB = try b.step()
      } else {
        var changed: [(column: String, stored: String, derived: String)] = []
        for i in compared.indices where !RawStatement.same(a, b, Int32(i)) {
          changed.append((compared[i], shown(a.value(Int32(i))), shown(b.value(Int32(i)))))
        }
        if !changed.isEmpty { note(a, .changed(changed)) }
        hasA = try a.step()
        hasB = try b.step()
      }
    }
    return (differences, count)
  }

  static func columns(_ db: Database, _ table: String, schema: String) throws -> [String] {
    try Row.fetchAll(db, sql: "PRAGMA \(schema).table_info(\(table))").map { try $0.at("name") }
  }

  /// A value as a message shows it: text quoted (and cut when long), numbers, NULL.
  public static func shown(_ v: DatabaseValue) -> String {
    switch v.storage {
    case .null: "NULL"
    case .int64(let n): String(n)
    case .double(let d): String(d)
    case .string(let s): "'" + (s.count > 60 ? String(s.prefix(60)) + "…" : s) + "'"
    case .blob(let b): "a blob of \(b.count) bytes"
    }
  }

  /// A key's value: text as it is.
  static func text(_ v: DatabaseValue) -> String {
    if case .string(let s) = v.storage { return s }
    return shown(v)
  }
}
