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
          book: r[0], date: Self.day(r[1]), debtor: r[2], creditor: r[3], kind: r[4], commodity: r[5], units: r[6], digits: r[7])
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
          orderID: r[0], book: r[1], status: r[2], provider: r[3], receiver: r[4], settlement: r[5], date: Self.day(r[6]),
          activity: r[7], providerUnit: r[8], receiverUnit: r[9])
      }
    }
  }

  /// The `refusals` view, in the order the events were processed.
  public func refusals() throws -> [RefusalRow] {
    try queue.read { db in
      try Row.fetchAll(db, sql: "SELECT seq, date, event_id, line, action, order_id, code, message FROM refusals ORDER BY seq").map { r in
        RefusalRow(
          seq: r[0], date: Self.day(r[1]), eventID: r[2], line: r[3], action: r[4], orderID: r[5], code: r[6] ?? "", message: r[7])
      }
    }
  }
}
