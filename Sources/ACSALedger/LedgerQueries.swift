import ACSADomain
import GRDB

/// What a ledger says about itself: its parties and the run that wrote it.
public struct LedgerInfo: Sendable {
  public let meta: [String: String]
  public let parties: [(id: PartyID, name: String, currency: String)]

  public var scenarioName: String { meta["scenario_name"] ?? "" }
  public var digest: String { meta["ledger_digest"] ?? "" }
  /// The run's first and last days.
  public var start: Day? { meta["scenario_start"].flatMap { Day(text: $0) } }
  public var end: Day? { meta["scenario_end"].flatMap { Day(text: $0) } }

  /// What a reader of figures as of `day` must know when `day` falls outside the run;
  /// nil inside it. `figures`: what is shown (`balances`, `findings`).
  public func outsideRun(_ day: Day, figures: String) -> String? {
    if let start, day < start {
      return "\(day) is before the run's first day (\(start)): nothing had happened yet, so there are no \(figures) to show."
    }
    if let end, day > end {
      return "\(day) is after the run's last day (\(end)): the ledger records nothing after it, so these are the \(figures) "
        + "as they would stand if nothing more happened (no payment, no return, no conversion at a deadline)."
    }
    return nil
  }
}

/// Read-only queries over a ledger file.
public struct LedgerReader: Sendable {
  public let queue: DatabaseQueue

  public init(path: String) throws {
    queue = try LedgerFile.open(path)
  }

  /// The meta table, key by key.
  public static func metaValues(_ db: Database) throws -> [String: String] {
    var meta: [String: String] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { meta[try row.at("key")] = try row.at("value") }
    return meta
  }

  public func info() throws -> LedgerInfo {
    try queue.read { db in
      let meta = try Self.metaValues(db)
      let parties = try Row.fetchAll(db, sql: "SELECT id, name, currency FROM parties ORDER BY position").map {
        (id: try $0.at("id") as String, name: try $0.at("name") as String, currency: try $0.at("currency") as String)
      }
      return LedgerInfo(meta: meta, parties: parties)
    }
  }

  /// Open balances as of the end of `asOf` (the end of the run when nil), in one book or
  /// both, in total or per order: from the daily summaries and, per order at the end,
  /// from the books' snapshots, which is fast at any size; per order at an earlier date
  /// from the journal. `acsa verify` checks the summaries against the journal.
  public func balances(asOf: Day?, book: PartyID?, perOrder: Bool) throws -> [BalanceRow] {
    if !perOrder { return try summaryBalances(asOf: asOf, book: book) }
    if let asOf, let last = try lastEntryDate(), asOf < last { return try journalBalances(asOf: asOf, book: book, perOrder: true) }
    return try snapshotOrderBalances(book: book)
  }

  /// The date of the last journal entry, in any book.
  public func lastEntryDate() throws -> Day? {
    try queue.read { db in try String.fetchOne(db, sql: "SELECT MAX(date) FROM entries").flatMap { Day(text: $0) } }
  }

  func summaryBalances(asOf: Day?, book: PartyID?) throws -> [BalanceRow] {
    var conditions = ["1"]
    var arguments: [(any DatabaseValueConvertible)?] = []
    if let asOf {
      conditions.append("d.date <= ?")
      arguments.append(asOf.description)
    }
    if let book {
      conditions.append("d.book = ?")
      arguments.append(book)
    }
    let sql = """
      SELECT d.book, d.debtor, d.creditor, d.kind, d.commodity, SUM(d.units) AS total, COALESCE(MAX(c.digits), 0) AS digits
      FROM daily_balances d
      JOIN parties b ON b.id = d.book
      LEFT JOIN commodities c ON c.commodity = d.commodity AND c.kind = CASE d.kind WHEN 'in_kind' THEN 'item' ELSE 'currency' END
      WHERE \(conditions.joined(separator: " AND "))
      GROUP BY b.position, d.book, d.debtor, d.creditor, d.kind, d.commodity
      HAVING total <> 0
      ORDER BY b.position, d.debtor, d.creditor, d.kind, d.commodity
      """
    return try queue.read { db in
      try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { r in
        BalanceRow(
          book: try r.at("book"), orderID: nil, debtor: try r.at("debtor"), creditor: try r.at("creditor"), kind: try r.at("kind"),
          commodity: try r.at("commodity"),
          units: try r.at("total"), digits: try r.at("digits"))
      }
    }
  }

  /// What each order still owes at the end, from the obligations and unapplied amounts.
  func snapshotOrderBalances(book: PartyID?) throws -> [BalanceRow] {
    try queue.read { db in
      let positions = Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, position FROM parties").map {
          (try $0.at("id") as String, try $0.at("position") as Int)
        })
      var digits: [String: Int] = [:]
      for r in try Row.fetchAll(db, sql: "SELECT commodity, kind, digits FROM commodities") {
        digits["\(try r.at("kind") as String)|\(try r.at("commodity") as String)"] = try r.at("digits")
      }
      struct Key: Hashable {
        let book: String
        let order: String?
        let debtor: String
        let creditor: String
        let kind: String
        let commodity: String
      }
      var sums: [Key: Int64] = [:]
      let filter = book == nil ? "" : " AND book = ?"
      let args: StatementArguments = book.map { [$0] } ?? []
      for r in try Row.fetchAll(
        db, sql: "SELECT book, order_id, debtor, creditor, kind, commodity, open FROM obligations WHERE open <> 0\(filter)", arguments: args
      ) {
        sums[
          Key(
            book: try r.at("book"), order: try r.at("order_id"), debtor: try r.at("debtor"), creditor: try r.at("creditor"),
            kind: try r.at("kind"), commodity: try r.at("commodity")),
          default: 0] += try r.at("open") as Int64
      }
      for r in try Row.fetchAll(db, sql: "SELECT book, order_id, key, amount FROM unapplied WHERE 1\(filter)", arguments: args) {
        // An unapplied amount is a credit.
        guard let key = OpenTotal.Key(ledgerText: try r.at("key")) else { continue }
        sums[
          Key(
            book: try r.at("book"), order: try r.at("order_id"), debtor: key.debtor, creditor: key.creditor, kind: key.kind.rawValue,
            commodity: key.commodity),
          default: 0] -= try r.at("amount") as Int64
      }
      return sums.filter { $0.value != 0 }.sorted {
        let a = $0.key
        let b = $1.key
        return (positions[a.book] ?? 0, a.order ?? "", a.debtor, a.creditor, a.kind, a.commodity)
          < (positions[b.book] ?? 0, b.order ?? "", b.debtor, b.creditor, b.kind, b.commodity)
      }.map { k, units in
        BalanceRow(
          book: k.book, orderID: k.order, debtor: k.debtor, creditor: k.creditor, kind: k.kind, commodity: k.commodity, units: units,
          digits: digits["\(k.kind == "in_kind" ? "item" : "currency")|\(k.commodity)"] ?? 0)
      }
    }
  }

  /// Open balances straight from the journal's receivable and payable postings (a scan
  /// of every posting): what the checks compare everything else with.
  public func journalBalances(asOf: Day?, book: PartyID?, perOrder: Bool) throws -> [BalanceRow] {
    let orderColumn = perOrder ? "p.order_id" : "NULL"
    var conditions = ["(p.account LIKE '\(Account.receivablePrefix)%' OR p.account LIKE '\(Account.payablePrefix)%')"]
    var arguments: [(any DatabaseValueConvertible)?] = []
    if let asOf {
      conditions.append("p.date <= ?")
      arguments.append(asOf.description)
    }
    if let book {
      conditions.append("p.book = ?")
      arguments.append(book)
    }
    let sql = """
      SELECT p.book AS book, \(orderColumn) AS order_id,
             CASE WHEN p.account LIKE '\(Account.receivablePrefix)%' THEN o.id ELSE p.book END AS debtor,
             CASE WHEN p.account LIKE '\(Account.receivablePrefix)%' THEN p.book ELSE o.id END AS creditor,
             p.kind AS kind, p.commodity AS commodity,
             SUM(CASE WHEN p.account LIKE '\(Account.receivablePrefix)%' THEN p.amount ELSE -p.amount END) AS units,
             COALESCE(MAX(c.digits), 0) AS digits
      FROM postings p
      JOIN parties o ON o.id <> p.book
      JOIN parties b ON b.id = p.book
      LEFT JOIN commodities c ON c.commodity = p.commodity
           AND c.kind = CASE p.kind WHEN 'in_kind' THEN 'item' ELSE 'currency' END
      WHERE \(conditions.joined(separator: " AND "))
      GROUP BY b.position, p.book, \(orderColumn), debtor, creditor, p.kind, p.commodity
      HAVING units <> 0
      ORDER BY b.position, \(perOrder ? "p.order_id," : "") debtor, creditor, p.kind, p.commodity
      """
    return try queue.read { db in
      try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
        BalanceRow(
          book: try row.at("book"), orderID: try row.at("order_id"), debtor: try row.at("debtor"), creditor: try row.at("creditor"),
          kind: try row.at("kind"), commodity: try row.at("commodity"), units: try row.at("units"), digits: try row.at("digits"))
      }
    }
  }
}

extension LedgerReader {
  /// The unit of each item (`L`, `person-night`).
  public func itemUnits() throws -> [String: String] {
    try queue.read { db in
      var units: [String: String] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT commodity, unit FROM commodities WHERE kind = 'item'") {
        units[try row.at("commodity")] = try row.at("unit")
      }
      return units
    }
  }
}
