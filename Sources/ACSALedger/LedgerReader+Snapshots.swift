import ACSADomain
import GRDB

extension LedgerReader {
  /// Each book present, rebuilt from the end-of-run snapshots (`Book.restore`).
  public func snapshotBooks(framework: Framework) throws -> [Book] {
    try queue.read { db in
      let present = try String.fetchAll(
        db,
        sql:
          "SELECT id FROM parties WHERE id IN (SELECT DISTINCT book FROM orders UNION SELECT DISTINCT book FROM entries) ORDER BY position")
      var books: [Book] = []
      for owner in present {
        var deliveries: [String: [Delivery]] = [:]
        let dRows = try Row.fetchCursor(
          db,
          sql:
            "SELECT order_id, date, event_seq, receipt, while_unsigned, obligation_ids FROM deliveries WHERE book = ? ORDER BY order_id, delivery_no",
          arguments: [owner])
        while let r = try dRows.next() {
          let ids: String = r[5]
          deliveries[r[0], default: []].append(
            Delivery(
              date: Self.day(r[1]), eventSeq: r[2], receipt: r[3], obligationIDs: ids.split(separator: ",").compactMap { Int($0) },
              whileUnsigned: r[4]))
        }
        var events: [String: [(seq: Int, date: Day)]] = [:]
        let eRows = try Row.fetchCursor(
          db, sql: "SELECT order_id, event_seq, date FROM order_events WHERE book = ? ORDER BY order_id, event_seq", arguments: [owner])
        while let r = try eRows.next() { events[r[0], default: []].append((r[1], Self.day(r[2]))) }
        var unapplied: [String: [String: Int64]] = [:]
        var bookUnapplied: [String: Int64] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT order_id, key, amount FROM unapplied WHERE book = ?", arguments: [owner]) {
          if let order: String = r[0] { unapplied[order, default: [:]][r[1]] = r[2] } else { bookUnapplied[r[1]] = r[2] }
        }
        var orders: [OrderRecord] = []
        let oRows = try Row.fetchCursor(
          db,
          sql: """
            SELECT order_id, date, provider, receiver, terms, signed, recorded_order_event, cancelled, closed_on, closed_with_balance
            FROM orders WHERE book = ? ORDER BY position
            """, arguments: [owner])
        while let r = try oRows.next() {
          let id: String = r[0]
          let termsText: String = r[4]
          guard case .order(let terms)? = try? EventCodec.decode(termsText).action else { continue }
          let closedOn: String? = r[8]
          orders.append(
            OrderRecord(
              restoring: terms, provider: r[2], receiver: r[3], date: Self.day(r[1]), recordedOrderEvent: r[6], signed: r[5],
              cancelled: r[7],
              closedOn: closedOn.map(Self.day), closedWithBalance: r[9], deliveries: deliveries[id] ?? [], events: events[id] ?? [],
              unapplied: unapplied[id] ?? [:]))
        }
        var obligations: [Obligation] = []
        let gRows = try Row.fetchCursor(
          db,
          sql: """
            SELECT obligation_id, order_id, kind, debtor, creditor, item, category, value_currency, delivery_date, created_on, deadline,
                   value, original, open, claimed_on, billed_on, due_on, settled_on, converted_on, converted_into, converted_from
            FROM obligations WHERE book = ? ORDER BY obligation_id
            """, arguments: [owner])
        while let r = try gRows.next() {
          let kindText: String = r[2]
          let categoryText: String = r[6]
          let currencyText: String = r[7]
          guard let kind = ObligationKind(rawValue: kindText), let category = Category(rawValue: categoryText),
            let currency = Currency(code: currencyText)
          else { continue }
          let original: Int64 = r[12]
          let value: Int64 = r[11]
          func optionalDay(_ i: Int) -> Day? { (r[i] as String?).map(Self.day) }
          obligations.append(
            Obligation(
              id: r[0], order: r[1], debtor: r[3], creditor: r[4], kind: kind, item: r[5], category: category, currency: currency,
              deliveryDate: Self.day(r[8]), createdOn: Self.day(r[9]), deadline: Self.day(r[10]), originalAmount: value,
              originalQty: kind == .inKind ? Quantity(milli: original) : .zero, openUnits: r[13], claimedOn: optionalDay(14),
              billedOn: optionalDay(15), dueOn: optionalDay(16), settledOn: optionalDay(17), convertedOn: optionalDay(18),
              convertedInto: r[19], convertedFrom: r[20]))
        }
        books.append(
          Book.restore(owner: owner, framework: framework, orders: orders, obligations: obligations, bookUnapplied: bookUnapplied))
      }
      return books
    }
  }

  static func day(_ text: String) -> Day { Day(iso: text) ?? Day(ordinal: 0) }

  /// Settlements (payments, returns, exchanges, offsets) taken off each obligation, by
  /// book and date, up to `asOf`: (book, date, obligation id, units).
  public func settlements(asOf: Day) throws -> [(book: PartyID, date: Day, obligation: Int, units: Int64)] {
    try queue.read { db in
      var result: [(book: PartyID, date: Day, obligation: Int, units: Int64)] = []
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT book, date, obligation_id, ABS(amount) FROM postings
          WHERE obligation_id IS NOT NULL AND date <= ?
            AND (account LIKE 'payment:%' OR account LIKE 'return:%' OR account LIKE 'exchange:%' OR account LIKE 'offset:%')
          """, arguments: [asOf.description])
      while let r = try rows.next() { result.append((r[0], Self.day(r[1]), r[2], r[3])) }
      return result
    }
  }
}
