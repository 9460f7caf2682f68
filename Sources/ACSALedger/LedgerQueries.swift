import ACSADomain
import GRDB

/// What a ledger says about itself: its parties and the run that wrote it.
public struct LedgerInfo: Sendable {
  public let meta: [String: String]
  public let parties: [(id: PartyID, name: String, currency: String)]

  public var scenarioName: String { meta["scenario_name"] ?? "" }
  public var digest: String { meta["ledger_digest"] ?? "" }
}

/// Read-only queries over a ledger file.
public struct LedgerReader: Sendable {
  public let queue: DatabaseQueue

  public init(path: String) throws {
    queue = try LedgerFile.open(path)
  }

  public func info() throws -> LedgerInfo {
    try queue.read { db in
      var meta: [String: String] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { meta[row["key"]] = row["value"] }
      let parties = try Row.fetchAll(db, sql: "SELECT id, name, currency FROM parties ORDER BY position").map {
        (id: $0["id"] as String, name: $0["name"] as String, currency: $0["currency"] as String)
      }
      return LedgerInfo(meta: meta, parties: parties)
    }
  }

  /// Open balances from the journal's receivable and payable accounts, as of the end of
  /// `asOf` (all dates when nil), in one book or both, in total or per order.
  public func balances(asOf: Day?, book: PartyID?, perOrder: Bool) throws -> [BalanceRow] {
    let orderColumn = perOrder ? "p.order_id" : "NULL"
    var conditions = ["(p.account LIKE 'receivable:%' OR p.account LIKE 'payable:%')"]
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
             CASE WHEN p.account LIKE 'receivable:%' THEN o.id ELSE p.book END AS debtor,
             CASE WHEN p.account LIKE 'receivable:%' THEN p.book ELSE o.id END AS creditor,
             p.kind AS kind, p.commodity AS commodity,
             SUM(CASE WHEN p.account LIKE 'receivable:%' THEN p.amount ELSE -p.amount END) AS units,
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
          book: row["book"], orderID: row["order_id"], debtor: row["debtor"], creditor: row["creditor"],
          kind: row["kind"], commodity: row["commodity"], units: row["units"], digits: row["digits"])
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
        units[row["commodity"]] = row["unit"]
      }
      return units
    }
  }
}
