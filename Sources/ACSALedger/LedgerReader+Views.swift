import ACSADomain
import GRDB

/// The ledger's views and its daily summaries, row by row, for reports.
extension LedgerReader {
  /// Every row of `daily_balances` in date order (then book, debtor, creditor, kind and
  /// commodity), with the commodity's digits.
  public func dailyMovements() throws -> [DailyMovement] {
    let sql = """
      SELECT d.book, d.date, d.debtor, d.creditor, d.kind, d.commodity, d.units, COALESCE(c.digits, 0) AS digits
      FROM daily_balances d
      LEFT JOIN commodities c ON c.commodity = d.commodity AND c.kind = CASE d.kind WHEN 'in_kind' THEN 'item' ELSE 'currency' END
      ORDER BY d.date, d.book, d.debtor, d.creditor, d.kind, d.commodity
      """
    return try queue.read { db in
      try Row.fetchAll(db, sql: sql).map { r in
        DailyMovement(
          book: try r.at("book"), date: Self.day(try r.at("date")), debtor: try r.at("debtor"), creditor: try r.at("creditor"),
          kind: try r.at("kind"),
          commodity: try r.at("commodity"), units: try r.at("units"), digits: try r.at("digits"))
      }
    }
  }

  /// The `order_status` view (each order's status in each book at the end of the run),
  /// with each order's activity and units, by order id then book.
  public func orderStatuses() throws -> [OrderStatusRow] {
    let sql = """
      SELECT s.order_id, s.book, s.status, s.provider, s.receiver, s.settlement, s.date, o.activity, o.provider_unit, o.receiver_unit
      FROM order_status s
      JOIN orders o ON o.book = s.book AND o.order_id = s.order_id
      JOIN parties p ON p.id = s.book
      ORDER BY s.order_id, p.position
      """
    return try queue.read { db in
      try Row.fetchAll(db, sql: sql).map { r in
        OrderStatusRow(
          orderID: try r.at("order_id"), book: try r.at("book"), status: try r.at("status"), provider: try r.at("provider"),
          receiver: try r.at("receiver"),
          settlement: try r.at("settlement"), date: Self.day(try r.at("date")),
          activity: try r.at("activity"), providerUnit: try r.at("provider_unit"), receiverUnit: try r.at("receiver_unit"))
      }
    }
  }

  /// The `refusals` view, in the order the events were processed.
  public func refusals() throws -> [RefusalRow] {
    try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT seq, date, event_id, line, action, order_id, code, message FROM refusals ORDER BY seq").map { r in
        RefusalRow(
          seq: try r.at("seq"), date: Self.day(try r.at("date")), eventID: try r.at("event_id"), line: try r.at("line"),
          action: try r.at("action"), orderID: try r.at("order_id"),
          code: try r.at("code") ?? "", message: try r.at("message"))
      }
    }
  }
}
