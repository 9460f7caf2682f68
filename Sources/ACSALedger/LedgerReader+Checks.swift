import ACSADomain
import GRDB

/// A balance of one book by order (nil: the book's total), debtor, creditor, kind and
/// commodity, as the quick checks compare them. The fields are the ledger's text, as
/// read: an altered kind or commodity must show, not be mended.
public struct BalanceLine: Hashable, Sendable, Comparable, CustomStringConvertible {
  public let order: String?
  public let debtor: String
  public let creditor: String
  public let kind: String
  public let commodity: String

  public init(order: String?, debtor: String, creditor: String, kind: String, commodity: String) {
    self.order = order
    self.debtor = debtor
    self.creditor = creditor
    self.kind = kind
    self.commodity = commodity
  }

  /// The same balance with the order dropped (a total).
  public var total: BalanceLine { BalanceLine(order: nil, debtor: debtor, creditor: creditor, kind: kind, commodity: commodity) }

  /// `order|debtor>creditor|kind|commodity` (`-` for a total).
  public var description: String { "\(order ?? "-")|\(debtor)>\(creditor)|\(kind)|\(commodity)" }

  public static func < (a: BalanceLine, b: BalanceLine) -> Bool { a.description < b.description }
}

/// The queries the audit's quick checks ask of a ledger, named.
extension LedgerReader {
  /// Each book's number of entries and highest entry number.
  public func entryCounts() throws -> [(book: PartyID, count: Int, last: Int)] {
    try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT book, COUNT(*) AS entries, MAX(entry_no) AS last FROM entries GROUP BY book").map {
        (try $0.at("book"), try $0.at("entries"), try $0.at("last"))
      }
    }
  }

  /// The entries whose postings do not sum to zero for some kind and commodity, with
  /// their order.
  public func unbalancedEntries() throws -> [(book: PartyID, entry: Int, order: String?)] {
    try queue.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT u.book AS book, u.entry_no AS entry_no, e.order_id AS order_id FROM (
            SELECT DISTINCT book, entry_no FROM postings GROUP BY book, entry_no, kind, commodity HAVING SUM(amount) <> 0) u
          LEFT JOIN entries e ON e.book = u.book AND e.entry_no = u.entry_no
          """
      ).map { (try $0.at("book"), try $0.at("entry_no"), try $0.at("order_id")) }
    }
  }

  /// Postings numbered outside their book's entries (below 1 or above the last).
  public func postingsOutsideEntries() throws -> [(book: PartyID, entry: Int, order: String?)] {
    try queue.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT DISTINCT p.book AS book, p.entry_no AS entry_no, p.order_id AS order_id FROM postings p
          JOIN (SELECT book, MAX(entry_no) AS last FROM entries GROUP BY book) m ON m.book = p.book
          WHERE p.entry_no < 1 OR p.entry_no > m.last
          """
      ).map { (try $0.at("book"), try $0.at("entry_no"), try $0.at("order_id")) }
    }
  }

  /// The hash of a book's last entry.
  public func lastEntryHash(book: PartyID) throws -> String? {
    try queue.read { db in
      try String.fetchOne(db, sql: "SELECT hash FROM entries WHERE book = ? ORDER BY entry_no DESC LIMIT 1", arguments: [book])
    }
  }

  /// The hash of the event log's last chained record.
  public func lastEventHash() throws -> String? {
    try queue.read { db in try String.fetchOne(db, sql: "SELECT hash FROM events WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1") }
  }

  /// A book's balances from its snapshots (not its journal): the open obligations, less
  /// the unapplied amounts of the book and of the orders it has, one amount per key
  /// (the last row's), as a restored book keeps them. By order, or in total.
  public func snapshotBalances(book: PartyID, perOrder: Bool) throws -> [BalanceLine: Int64] {
    try queue.read { db in
      var result: [BalanceLine: Int64] = [:]
      let c = ColumnList(["order_id", "debtor", "creditor", "kind", "item", "value_currency", "open"])
      let rows = try Row.fetchCursor(db, sql: "SELECT \(c) FROM obligations WHERE book = ? AND open <> 0", arguments: [book])
      while let r = try rows.next() {
        let kind: String = try r.at(c["kind"])
        let commodity: String = kind == ObligationKind.inKind.rawValue ? try r.at(c["item"]) : try r.at(c["value_currency"])
        let line = BalanceLine(
          order: perOrder ? try r.at(c["order_id"]) as String : nil, debtor: try r.at(c["debtor"]), creditor: try r.at(c["creditor"]),
          kind: kind, commodity: commodity)
        result[line, default: 0] += try r.at(c["open"]) as Int64
      }
      var unapplied: [String?: [String: Int64]] = [:]
      for r in try Row.fetchAll(
        db,
        sql: """
          SELECT u.order_id, u.key, u.amount FROM unapplied u
          WHERE u.book = ? AND (u.order_id IS NULL OR EXISTS (SELECT 1 FROM orders o WHERE o.book = u.book AND o.order_id = u.order_id))
          """, arguments: [book])
      {
        unapplied[try r.at("order_id") as String?, default: [:]][try r.at("key")] = try r.at("amount")
      }
      for (order, amounts) in unapplied {
        for (text, amount) in amounts {
          result[BalanceLine.unapplied(text, order: perOrder ? order : nil), default: 0] -= amount
        }
      }
      return result.filter { $0.value != 0 }
    }
  }
}

extension BalanceLine {
  /// An unapplied amount's balance from its ledger key (`debtor>creditor|kind|commodity`);
  /// a key acsa does not write is kept whole as the debtor, so that it shows.
  public static func unapplied(_ text: String, order: String?) -> BalanceLine {
    guard let key = OpenTotal.Key(ledgerText: text) else {
      return BalanceLine(order: order, debtor: text, creditor: "", kind: "", commodity: "")
    }
    return BalanceLine(order: order, debtor: key.debtor, creditor: key.creditor, kind: key.kind.rawValue, commodity: key.commodity)
  }
}
