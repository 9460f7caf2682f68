import ACSADomain
import GRDB

/// The ledger's views and its daily summaries, row by row, for reports.
extension LedgerReader {
  /// Every row of `daily_balances` in date order (then book, debtor, creditor, kind and
  /// commodity), with the commodity's digits.
  public func dailyMovements() throws -> [DailyMovement] {
    let sql = """
      SELECT d.book, d.date, d.debtor, d.creditor, d.kind, d.commodity, d.units, COALESCE(c.digits, 0)
      FROM daily_balances d
      LEFT JOIN commodities c ON c.commodity = d.commodity AND c.kind = CASE d.kind WHEN 'in_kind' THEN 'item' ELSE 'currency' END
      ORDER BY d.date, d.book, d.debtor, d.creditor, d.kind, d.commodity
      """
    return try queue.read { db in
      try Row.fetchAll(db, sql: sql).map { r in
        DailyMovement(
          book: try r.at(0), date: Self.day(try r.at(1)), debtor: try r.at(2), creditor: try r.at(3), kind: try r.at(4),
          commodity: try r.at(5), units: try r.at(6), digits: try r.at(7))
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
          orderID: try r.at(0), book: try r.at(1), status: try r.at(2), provider: try r.at(3), receiver: try r.at(4),
          settlement: try r.at(5), date: Self.day(try r.at(6)),
          activity: try r.at(7), providerUnit: try r.at(8), receiverUnit: try r.at(9))
      }
    }
  }

  /// The `refusals` view, in the order the events were processed.
  public func refusals() throws -> [RefusalRow] {
    try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT seq, date, event_id, line, action, order_id, code, message FROM refusals ORDER BY seq").map { r in
        RefusalRow(
          seq: try r.at(0), date: Self.day(try r.at(1)), eventID: try r.at(2), line: try r.at(3), action: try r.at(4), orderID: try r.at(5),
          code: try r.at(6) ?? "", message: try r.at(7))
      }
    }
  }
}
